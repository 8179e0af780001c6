import{O as e,_ as t,a as n,g as r,j as i,m as a,w as o}from"./index-DLRb2nG7.js";var s=n(`
  query AgencyPickerList($after: String) {
    agencies(first: 100, after: $after) {
      edges {
        node {
          id
          code
          name
          isActive
          level
          parent {
            id
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`),c=a({choose:`— pilih instansi —`,inactive:`nonaktif`},{choose:`— choose an agency —`,inactive:`inactive`}),l=null;function u(){return l??=(async()=>{let e=[],t=null;for(;;){let{agencies:n}=await o(s,{after:t});if(e.push(...n.edges.map(e=>e.node)),!n.pageInfo.hasNextPage)return e;t=n.pageInfo.endCursor??null}})(),l.catch(()=>{l=null}),l}function d(){l=null}function f(e){let t=new Map,n=new Set(e.map(e=>e.id));for(let r of e){let e=r.parent&&n.has(r.parent.id)?r.parent.id:null;t.set(e,[...t.get(e)??[],r])}let r=[],i=(e,n)=>{for(let a of(t.get(e)??[]).sort((e,t)=>e.name.localeCompare(t.name)))r.push({agency:a,depth:n}),i(a.id,n+1)};return i(null,0),r}function p({id:n,value:a,onChange:o,includeInactive:s=!1,exclude:l,required:d,describedBy:p,emptyLabel:m}){let{t:h}=r(),g=h(c),[_,v]=i([]);return e(()=>{u().then(v,()=>v([]))},[]),t(`select`,{id:n,value:a,required:d,"aria-describedby":p,onChange:e=>o(e.target.value),children:[t(`option`,{value:``,children:m??g.choose}),f(_).map(({agency:e,depth:n})=>t(`option`,{value:e.id,disabled:!e.isActive&&!s||l?.has(e.id),children:`${`\xA0\xA0\xA0`.repeat(n)}${e.name} (${e.code})${e.isActive?``:` — ${g.inactive}`}`},e.id))]})}export{u as i,f as n,d as r,p as t};