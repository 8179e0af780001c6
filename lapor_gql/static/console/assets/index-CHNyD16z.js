const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/LoginPage-P6hLkkVz.js","assets/form-DVQdjNqj.js","assets/SetupPage-Bjw5NoeW.js","assets/InboxPage-iYIJWpXf.js","assets/use-query-D99UK8-x.js","assets/report-list-322cZa_8.js","assets/report-list-CUBppARG.css","assets/liaison-BO18TquZ.js","assets/liaison-CYQpbAMn.css","assets/ReportPage-C5pGMos-.js","assets/agency-picker-C5AnwvdZ.js","assets/VerificationPage-DlXePHoB.js","assets/queries-D3w1amsd.js","assets/queries-Da9H9riq.css","assets/search-form-wzxNkxTr.js","assets/NotAuthorityPage-PSzQ9kun.js","assets/OverduePage-B0JtoHkl.js","assets/AccountsPage-C6PI22L0.js","assets/AgenciesPage-CQN4M3wx.js","assets/HolidaysPage-C9Hd8Nso.js","assets/AuditPage-DIsxrFpF.js","assets/ProcessPage-BOQFiHhZ.js","assets/ProcessPage-DhyqlV3f.css","assets/MyReportsPage-BftWU-Ls.js","assets/reporter-fKvkUNc9.js","assets/reporter-D7AY2mUN.css","assets/SubmitPage-CA8k6j7y.js","assets/follow-g2HKhXX8.js","assets/TrackPage-Dzpcm2VZ.js","assets/SettingsPage-BkLmMoeA.js","assets/SettingsPage-t9zULW5o.css"])))=>i.map(i=>d[i]);
var e,t,n,r,i,a,o,s,c,l,u,d=Symbol.for(`pv`),f={},p=[],m=/^m(i|n|o|s|text|space)$/,h=Array.isArray,g=p.slice,_=Object.assign;function v(e){e&&e.parentNode&&e.remove()}function y(e,t,n){var r,i,a,o={},s=arguments.length;for(a in t)a==`key`?r=t[a]:a==`ref`&&typeof e!=`function`?i=t[a]:o[a]=t[a];return s>2&&(o.children=s>3?g.call(arguments,2):n),b(e,o,r,i,null)}function b(n,r,i,a,o){var s={type:n,props:r,key:i,ref:a,__k:null,__:null,__b:0,__e:null,__c:null,constructor:d,__v:o||++t,__i:-1,__u:0};return!o&&e.vnode&&e.vnode(s),s}function x(e){return e.children}function S(e,t){this.props=e,this.context=t,this.__g=0}function C(e,t){if(t==null)return e.__&&C(e.__,e.__i+1);for(var n;t<e.__k.length;t++)if((n=e.__k[t])&&n.__e)return n.__e;return typeof e.type!=`function`||e.props.__P?null:C(e)}function w(t){var n,r=t.__v,i=r.__e,a=[],o=[],s=t.__P;s&&((n=_({constructor:d},r)).__v=r.__v+1,e.vnode&&e.vnode(n),M(s,n,r,t.__n,s.namespaceURI,32&r.__u?[i]:null,a,i||C(r),32&r.__u,o),n.__v=r.__v,n.__.__k[n.__i]=n,N(a,n,o),r.__=r.__e=null,n.__e!=i&&T(n))}function T(e){if((e=e.__)&&e.__c&&!e.props.__P)return e.__e=null,e.__k.some(function(t){return t&&(e.__e=t.__e)}),T(e)}function E(t){(8&t.__g||(t.__g|=8,n.push(t),i++))&&r==e.debounceRendering||((r=e.debounceRendering)||queueMicrotask)(D)}function D(){try{for(var e,t=1;n.length;)n.length>t&&n.sort(a),e=n.shift(),t=n.length,8&e.__g&&w(e)}finally{(i=n.length)&&(r||queueMicrotask)(D)}}function ee(e,t,n,r,i,a,o,s,c,l,u){var d,m,h,g,_,v,y=r.__k||p,b=t.length;for(c=O(n,t,y,c,b),d=0;d<b;d++)(h=n.__k[d])!=null&&(m=~h.__i&&y[h.__i]||f,h.__i=d,v=M(e,h,m,i,a,o,s,c,l,u),g=h.__e,(m.ref!=h.ref||8&m.__u)&&(m.ref&&P(m.ref,null,h,m),h.ref&&u.push(h.ref,h.__c||g,h)),_||=g,4&h.__u?(c=k(h,c,e,!m.__v),m.__e&&(m.__e=null)):typeof h.type==`function`&&v!==void 0?c=v:g&&(c=g.nextSibling),h.__u&=-21);return n.__e=_,c}function O(e,t,n,r,i){var a,o,s,c,l,u,f,p,m,g=n.length,_=g,v=0,y=0,S=e.__k=Array(i);for(a=0;a<i;a++)(o=t[a])!=null&&typeof o!=`boolean`&&typeof o!=`function`?(typeof o!=`object`||o.constructor===String?o=S[a]=b(null,o):h(o)?o=S[a]=b(x,{children:o}):o.constructor===d&&o.__b?o=S[a]=b(o.type,o.props,o.key,o.ref,o.__v):S[a]=o,c=a+v,o.__=e,o.__b=e.__b+1,s=null,~(l=o.__i=te(o,n,c,_))&&(_--,(s=n[l])&&(s.__u|=2)),s&&s.__v?(o.__u|=16,l==c-1?v--:l==c+1?v++:l!=c&&(l>c?v--:v++,y=1)):(~l||(i>g?v--:i<g&&v++),typeof o.type!=`function`&&(o.__u|=4))):S[a]=null;if(y){for(u=[],f=[],a=0;a<i;a++)if((o=S[a])&&16&o.__u){for(v=0,p=u.length;v<p;)u[m=v+p>>1]<o.__i?v=m+1:p=m;u[v]=o.__i,f[a]=v+1}for(v=u.length;a--;)f[a]&&(f[a]==v?v--:S[a].__u|=4)}if(_)for(a=0;a<g;a++)!(s=n[a])||2&s.__u||(s.__e==r&&(r=C(s)),oe(s,s));return r}function k(e,t,n,r){var i,a,o,s;if(typeof e.type==`function`){if(e.props.__P)return t;if(i=e.__k)for(a=0;a<i.length;a++)i[a]&&(i[a].__=e,t=k(i[a],t,n,!1));return t}for(t&&!t.parentNode&&(t=C(e))&&!t.parentNode&&(t=null),o=e.__e,s=t;s&&s.nodeType==8;)s=s.nextSibling;for(o!=s&&(!r&&n.moveBefore&&o.parentNode?n.moveBefore(o,t):n.insertBefore(o,t||null)),t=o;(t&&=t.nextSibling)&&t.nodeType==8&&!t.data.startsWith(`$s`););return t}function te(e,t,n,r){var i,a=e.key,o=e.type,s=t[n],c=s&&!(2&s.__u);if(s===null&&a==null||c&&a==s.key&&o==s.type)return n;if(r>+!!c){for(i=n-1;i>=0;i--)if((s=t[i])&&!(2&s.__u)&&a==s.key&&o==s.type)return i;for(i=n+1;i<t.length;i++)if((s=t[i])&&!(2&s.__u)&&a==s.key&&o==s.type)return i}return-1}function ne(e,t,n){n??=``,t[0]==`-`?e.setProperty(t,n):e[t]=n}function A(e,t,n,r,i){var a,o;if(t==`style`){if(typeof n==`string`)e.style.cssText=n;else{if(typeof r==`string`&&(e.style.cssText=r=``),r)for(t in r)n&&t in n||ne(e.style,t);if(n)for(t in n)r&&n[t]==r[t]||ne(e.style,t,n[t])}}else if(t[0]==`o`&&t[1]==`n`)typeof n!=`function`&&(n=null),typeof r!=`function`&&(r=null),(e.__e||={})[t]=n,n&&r||(o=l[t]||(l[t]=j(t)),(e.__a||={})[t]=c,a=t!=(t=t.replace(s,`$1`)),(t=t.slice(2))[0]<`a`&&(t=t.toLowerCase()),n?e.addEventListener(t,o,a):e.removeEventListener(t,o,a));else{if(i==`http://www.w3.org/2000/svg`)t=t.replace(/xlink(H|:h)/,`h`).replace(/sName$/,`s`);else if(t!=`width`&&t!=`height`&&t!=`href`&&t!=`list`&&t!=`form`&&t!=`tabIndex`&&t!=`download`&&t!=`rowSpan`&&t!=`colSpan`&&t!=`role`&&t!=`popover`&&t in e)try{e[t]=n??``;return}catch{}if(typeof n==`function`)return;n==null||!1===n&&t[4]!=`-`?e.removeAttribute(t):e.setAttribute(t,t==`popover`&&n==1?``:n)}}function j(t){return function(n){var r=this.__e;if(r){if(r=r[t],n[o]==null)n[o]=c++;else if(n[o]<this.__a[t])return;return r(e.event?e.event(n):n)}}}function M(t,n,r,i,a,o,s,c,l,u){var f,m,g,y,b,w,T,E,D,O,k,te,ne,A,j,M,N,P,F=n.type;if(n.constructor!==d)return null;128&r.__u&&(l=32&r.__u,f=r.__c.__z)&&(n.__u|=l,m=o=[],f.nodeType==8?c=re(f,o):o.push(f),c=o[0]||c),(f=e.__b)&&f(n);e:if(typeof F==`function`){g=s.length;try{if(E=n.props,D=(f=F.prototype)&&f.render,O=(f=F.contextType)&&i[f.__c],k=f?O?O.props.value:f.__:i,(y=r.__c)?(n.__c=y,2&y.__g&&(y.__g|=1)):(D?n.__c=y=new F(E,k):(n.__c=y=new S(E,k),y.constructor=F,y.render=se),O&&O.sub(y),y.state||(y.state={}),y.__n=i,y.__g|=8,y.__h=[],y.__k=[]),D&&(y.__s||(y.__s=y.state),F.getDerivedStateFromProps&&(y.__s==y.state&&(y.__s=_({},y.__s)),_(y.__s,F.getDerivedStateFromProps(E,y.__s)))),b=y.props,w=y.state,y.__v=n,r.__c){if(E!==b&&D&&!F.getDerivedStateFromProps&&y.componentWillReceiveProps&&y.componentWillReceiveProps(E,k),n.__v==r.__v&&!(8&y.__g)||!(4&y.__g)&&y.shouldComponentUpdate&&!1===y.shouldComponentUpdate(E,y.__s,k)){n.__v!=r.__v&&(y.props=E,y.state=y.__s,y.__g&=-9),n.__e=r.__e,n.__k=r.__k,n.__k.some(function(e){e&&(e.__=n)}),p.push.apply(y.__h,y.__k),y.__k=[],y.__h.length&&s.push(y),c=C(r);break e}y.componentWillUpdate&&y.componentWillUpdate(E,y.__s,k),D&&y.componentDidUpdate&&y.__h.push(function(){y.componentDidUpdate(b,w,T)})}else D&&!F.getDerivedStateFromProps&&y.componentWillMount&&y.componentWillMount(),D&&y.componentDidMount&&y.__h.push(y.componentDidMount);y.context=k,y.props=E,y.__P=t,y.__g&=-5,te=e.__r,ne=D?25:0;do y.__g&=-9,te&&te(n),f=y.render(y.props,y.state=y.__s,y.context);while(8&y.__g&&++ne<25);D&&(p.push.apply(y.__h,y.__k),y.__k=[]),y.state=y.__s,y.getChildContext&&(i=_({},i,y.getChildContext())),D&&r.__c&&y.getSnapshotBeforeUpdate&&(T=y.getSnapshotBeforeUpdate(b,w)),A=f&&f.type===x&&f.key==null?f.props.children:f,E.__P&&(f=c,a=(t=E.__P).namespaceURI,l=o=null,r.props&&r.props.__P!=t&&(r.__k.some(function(e){e&&oe(e,e)}),r.__k=null),c=r.__k?C(r,0):null),c=ee(t,h(A)?A:[A],n,r,i,a,o,s,c,l,u),E.__P&&(n.__e=null,c=f),n.__u&=-161,m&&m.some(v),y.__h.length&&s.push(y),1&y.__g&&(y.__g&=-4)}catch(t){if(s.length=g,n.__v=null,l||o){if(t&&t.then){if(n.__u|=128|l,o){for(~(N=o.indexOf(c||void 0))||(N=o.length);(P=o[N-1])&&P.nodeType==8;)N--;for(;N<o.length;N++)if(P=o[N]){if(o[N]=null,j){if(P==M)break}else{if(P.nodeType!=8)break;P.data.startsWith(`$s`)&&(M=re(j=P))}}}if(!j){for(;c&&c.nodeType==8&&c.nextSibling;)c=c.nextSibling;j=c}(f=re(j=n.__c.__z||(n.__c.__z=j)))?(n.__e=j,c=f):n.__e=c,c&&=c.nextSibling}else o&&o.some(v)}else n.__e=r.__e;n.__k||=r.__k||[],t&&t.then||ie(n),e.__e(t,n,r)}}else c=n.__e=ae(r.__e,n,r,i,a,o,s,l,u,t);return(f=e.diffed)&&f(n),c}function re(e,t){if(e&&e.nodeType==8&&e.data.startsWith(`$s`))for(var n=1;e=e.nextSibling;){if(e.nodeType==8){if(e.data.startsWith(`$s`))n++;else if(e.data.startsWith(`/$s`)&&!--n)return e}t&&t.push(e)}}function ie(e){e&&(e.__c&&(e.__c.__g|=4),e.__k&&e.__k.some(ie))}function N(t,n,r){for(var i=0;i<r.length;)P(r[i++],r[i++],r[i++]);e.__c&&e.__c(n,t),t.some(function(n){try{t=n.__h,n.__h=[],t.some(function(e){e.call(n)})}catch(t){e.__e(t,n.__v)}})}function ae(t,n,r,i,a,o,s,c,l,u){var d,p,_,y,b,x,S,w,T=r.props||f,E=n.props,D=n.type;if(D==`svg`?a=`http://www.w3.org/2000/svg`:D==`math`?a=`http://www.w3.org/1998/Math/MathML`:a||=`http://www.w3.org/1999/xhtml`,o){for(d=0;d<o.length;d++)if((b=o[d])&&(D?b.localName==D:b.nodeType==3)){t=b,o[d]=null;break}}if(!t){if(w=u.ownerDocument||document,!D)return w.createTextNode(E);t=w.createElementNS(a,D,E.is?E:u),c&&=(e.__m&&e.__m(n,o),!1),o=null}if(D){if(u=D==`template`&&t.content||t,o=D==`textarea`&&E.defaultValue!=null?null:o&&g.call(u.childNodes),!c&&o)for(T={},d=0;d<t.attributes.length;d++)T[(b=t.attributes[d]).name]=b.value;for(d in T)b=T[d],d==`dangerouslySetInnerHTML`?_=b:d==`children`||d in E||d==`value`&&`defaultValue`in E||d==`checked`&&`defaultChecked`in E||A(t,d,null,b,a);for(d in E)b=E[d],d==`children`?y=b:d==`dangerouslySetInnerHTML`?p=b:d==`value`?x=b:d==`checked`?S=b:c&&typeof b!=`function`||T[d]===b||A(t,d,b,T[d],a);p?(c||_&&(p.__html==_.__html||p.__html==t.innerHTML)||(t.innerHTML=p.__html),n.__k=[]):(_&&(t.textContent=``),(D==`foreignObject`||a==`http://www.w3.org/1998/Math/MathML`&&m.test(D))&&(a=`http://www.w3.org/1999/xhtml`),ee(u,h(y)?y:[y],n,r,i,a,o,s,o?o[0]:r.__k&&C(r,0),c,l),o&&o.some(v)),c&&D!=`textarea`||(d=`value`,D==`progress`&&x==null?t.removeAttribute(d):x==null||x===t[d]&&(D!=`progress`||x)||A(t,d,x,T[d],a),d=`checked`,S!=null&&S!=t[d]&&A(t,d,S,T[d],a))}else T===E||c&&t.data==E||(t.data=E);return t}function P(t,n,r,i){try{typeof t==`function`?n?n.__x=t(n)||1:(i&&=i.__c||i.__e)&&(n=i.__x)&&(i.__x=null,typeof n==`function`?n():t(null)):t.current=n}catch(t){e.__e(t,r)}}function oe(t,n,r){var i,a,o,s;if(e.unmount&&e.unmount(t),!(i=t.ref)||i.current&&i.current!=t.__e||P(i,null,n,t),i=t.__c){if(i.componentWillUnmount)try{i.componentWillUnmount()}catch(t){e.__e(t,n)}i.__P=i.__n=null}if(i=t.__k)for(s=0;s<i.length;s++)i[s]&&oe(i[s],n,typeof t.type!=`function`||r&&!t.props.__P);!r&&(i=t.__c)&&(i=i.__z)&&(a=re(i,o=[]))&&(i==t.__e&&o.some(v),v(a),v(i)),r||v(t.__e),t.__e=t.__c=t.__=null}function se(e,t,n){return this.constructor(e,n)}function F(t,n){var r,i,a,o;e.__&&e.__(t,n),n.nodeType==9&&(n=n.documentElement),i=(r=t&&32&t.__u)?null:n.__k,n.__k=b(x,{children:[t]}),a=[],o=[],M(n,n.__k,i||f,f,n.namespaceURI,i?null:n.firstChild?g.call(n.childNodes):null,a,i?i.__e:n.firstChild,r,o),N(a,n.__k,o),n.__k.props.children=null}function ce(e){function t(e){var n,r;return this.getChildContext||(n=new Set,(r={})[t.__c]=this,this.getChildContext=function(){return r},this.shouldComponentUpdate=function(e){this.props.value!=e.value&&n.forEach(function(e){e.__g|=4,E(e)})},this.sub=function(e){n.add(e);var t=e.componentWillUnmount;e.componentWillUnmount=function(){n.delete(e),t&&t.call(e)}}),e.children}return t.__c=`__cC`+u++,t.__=e,t.Provider=(t.Consumer=function(e,t){return e.children(t)}).contextType=t,t}e={__e:function(e,t,n,r){for(var a,o,s;t=t.__;)if((a=t.__c)&&!(1&a.__g)){a.__g|=4;try{if((s=(o=a.constructor)&&o.getDerivedStateFromError)&&a.setState(o.getDerivedStateFromError(e)),a.componentDidCatch&&(a.componentDidCatch(e,r||{}),s=1),s&&8&a.__g)return void(a.__g|=2)}catch(t){e=t}}throw i=0,e}},t=0,S.prototype.setState=function(e,t){var n=this.__s;n&&n!=this.state||(n=this.__s=_({},this.state)),typeof e==`function`&&(e=e(_({},n),this.props)),e&&(_(n,e),this.__v&&(t&&this.__k.push(t),E(this)))},S.prototype.forceUpdate=function(e){this.__v&&(this.__g|=4,e&&this.__h.push(e),E(this))},S.prototype.render=x,n=[],i=0,a=function(e,t){return e.__v.__b-t.__v.__b},o=Symbol(),s=/(PointerCapture)$|Capture$/i,c=0,l={},u=0;var I,L,le,ue,de=Object.is,R=0,fe=[],pe=[],z=e,me=z.__b,he=z.__r,ge=z.diffed,_e=z.__c,ve=z.unmount,ye=z.__;function be(e,t){z.__h&&z.__h(L,e,R||t),R=0;var n=L.__H||(L.__H={__:[],__h:[]});return e>=n.__.length&&n.__.push({}),n.__[e]}function B(e){return R=1,xe(Me,e)}function xe(e,t,n){var r=be(I++,2);if(r.t=e,!r.__c&&(r.__=[n?n(t):Me(void 0,t),function(e){var t=(r.__N||r.__)[0],n=r.t(t,e);de(t,n)||(r.__N=[n,r.__[1]],r.__c.setState({}))}],r.__c=L,!L.__f)){L.__f=!0;var i=L.shouldComponentUpdate;L.shouldComponentUpdate=function(e,t,n){var r=this.__H;if(!r)return!0;var a=!1,o=this.props!=e;if(r.__.some(function(e){e.__N&&(a=!0,de(e.__[0],e.__N[0])||(o=!0))}),i){var s=i.call(this,e,t,n);return a?s||o:s}return!a||o}}return r.__}function V(e,t){var n=be(I++,3);!z.__s&&je(n.__H,t)&&(n.__P=!0,n.__=e,n.u=t,L.__H.__h.push(n))}function Se(e){return R=5,Ce(function(){return{current:e}},[])}function Ce(e,t){var n=be(I++,7);return je(n.__H,t)&&(n.__=e(),n.__H=t),n.__}function we(e,t){return R=8,Ce(function(){return e},t)}function Te(e){var t=L.context[e.__c],n=be(I++,9);return n.c=e,t?(n.__??(n.__=!0,t.sub(L)),t.props.value):e.__}function Ee(){var e;do{for(;e=pe.shift();)try{H(e)}catch(t){z.__e(t,{__:(e=e.__P)&&e.__v})}for(;e=fe.shift();){var t=e.__H;if(e.__P&&t)try{t.__h.some(H),t.__h.some(Ae),t.__h=[]}catch(n){t.__h=[],z.__e(n,e.__v)}}}while(pe.length)}z.__b=function(e){L=null,me&&me(e)},z.__=function(e,t){e&&t.__k&&t.__k.__m&&(e.__m=t.__k.__m),ye&&ye(e,t)},z.__r=function(e){he&&he(e),I=0;var t=(L=e.__c).__H;t&&(le==L?L.__h=[]:(t.__h.some(H),t.__h.some(Ae),I=0),t.__h=[],t.__.some(function(e){e.__N&&(e.__=e.__N),e.u=e.__N=void 0})),le=L},z.diffed=function(e){ge&&ge(e);var t=e.__c;t&&t.__H&&(t.__H.__h.length&&ke(fe.push(t)),t.__H.__.some(function(e){e.u&&(e.__H=e.u)})),le=L=null},z.__c=function(e,t){t.some(function(e){try{e.__h.some(H),e.__h=e.__h.filter(function(e){return!e.__||Ae(e)})}catch(t){e.__h=[function(){throw t}]}}),_e&&_e(e,t)},z.unmount=function(e){ve&&ve(e);var t,n,r=e.__c;r&&r.__H&&(r.__H.__.some(function(r){try{if(r.__P&&r.__c){if(n===void 0){for(n=e.__;n&&(!n.__c||!n.__c.__P);)n=n.__;n&&=n.__c}r.__P=n,ke(pe.push(r))}else H(r)}catch(e){t=e}}),r.__H=void 0,t&&z.__e(t,r.__v))};var De=typeof requestAnimationFrame==`function`;function Oe(e){var t,n=function(){clearTimeout(r),De&&cancelAnimationFrame(t),setTimeout(e)},r=setTimeout(n,35);De&&(t=requestAnimationFrame(n))}function ke(e){e!=1&&ue==z.requestAnimationFrame||((ue=z.requestAnimationFrame)||Oe)(Ee)}function H(e){var t=L,n=e.__c;typeof n==`function`&&(e.__c=void 0,n()),L=t}function Ae(e){var t=L;e.__c=e.__(),L=t}function je(e,t){return!e||e.length!=t.length||t.some(function(t,n){return!de(t,e[n])})}function Me(e,t){return typeof t==`function`?t(e):t}function U(e){return e===null?`null`:Array.isArray(e)?`array`:typeof e}function W(e){return U(e)===`object`}function Ne(e){return Array.isArray(e)&&e.length>0&&e.every(e=>`message`in e)}function Pe(e,t){return e.length<124?e:t}var G=(e=>(e[e.InternalServerError=4500]=`InternalServerError`,e[e.InternalClientError=4005]=`InternalClientError`,e[e.BadRequest=4400]=`BadRequest`,e[e.BadResponse=4004]=`BadResponse`,e[e.Unauthorized=4401]=`Unauthorized`,e[e.Forbidden=4403]=`Forbidden`,e[e.SubprotocolNotAcceptable=4406]=`SubprotocolNotAcceptable`,e[e.ConnectionInitialisationTimeout=4408]=`ConnectionInitialisationTimeout`,e[e.ConnectionAcknowledgementTimeout=4504]=`ConnectionAcknowledgementTimeout`,e[e.SubscriberAlreadyExists=4409]=`SubscriberAlreadyExists`,e[e.TooManyInitialisationRequests=4429]=`TooManyInitialisationRequests`,e))(G||{}),K=(e=>(e.ConnectionInit=`connection_init`,e.ConnectionAck=`connection_ack`,e.Ping=`ping`,e.Pong=`pong`,e.Subscribe=`subscribe`,e.Next=`next`,e.Error=`error`,e.Complete=`complete`,e))(K||{});function Fe(e){if(!W(e))throw Error(`Message is expected to be an object, but got ${U(e)}`);if(!e.type)throw Error(`Message is missing the 'type' property`);if(typeof e.type!=`string`)throw Error(`Message is expects the 'type' property to be a string, but got ${U(e.type)}`);switch(e.type){case`connection_init`:case`connection_ack`:case`ping`:case`pong`:if(e.payload!=null&&!W(e.payload))throw Error(`"${e.type}" message expects the 'payload' property to be an object or nullish or missing, but got "${e.payload}"`);break;case`subscribe`:if(typeof e.id!=`string`)throw Error(`"${e.type}" message expects the 'id' property to be a string, but got ${U(e.id)}`);if(!e.id)throw Error(`"${e.type}" message requires a non-empty 'id' property`);if(!W(e.payload))throw Error(`"${e.type}" message expects the 'payload' property to be an object, but got ${U(e.payload)}`);if(typeof e.payload.query!=`string`)throw Error(`"${e.type}" message payload expects the 'query' property to be a string, but got ${U(e.payload.query)}`);if(e.payload.variables!=null&&!W(e.payload.variables))throw Error(`"${e.type}" message payload expects the 'variables' property to be a an object or nullish or missing, but got ${U(e.payload.variables)}`);if(e.payload.operationName!=null&&U(e.payload.operationName)!==`string`)throw Error(`"${e.type}" message payload expects the 'operationName' property to be a string or nullish or missing, but got ${U(e.payload.operationName)}`);if(e.payload.extensions!=null&&!W(e.payload.extensions))throw Error(`"${e.type}" message payload expects the 'extensions' property to be a an object or nullish or missing, but got ${U(e.payload.extensions)}`);break;case`next`:if(typeof e.id!=`string`)throw Error(`"${e.type}" message expects the 'id' property to be a string, but got ${U(e.id)}`);if(!e.id)throw Error(`"${e.type}" message requires a non-empty 'id' property`);if(!W(e.payload))throw Error(`"${e.type}" message expects the 'payload' property to be an object, but got ${U(e.payload)}`);break;case`error`:if(typeof e.id!=`string`)throw Error(`"${e.type}" message expects the 'id' property to be a string, but got ${U(e.id)}`);if(!e.id)throw Error(`"${e.type}" message requires a non-empty 'id' property`);if(!Ne(e.payload))throw Error(`"${e.type}" message expects the 'payload' property to be an array of GraphQL errors, but got ${JSON.stringify(e.payload)}`);break;case`complete`:if(typeof e.id!=`string`)throw Error(`"${e.type}" message expects the 'id' property to be a string, but got ${U(e.id)}`);if(!e.id)throw Error(`"${e.type}" message requires a non-empty 'id' property`);break;default:throw Error(`Invalid message 'type' property "${e.type}"`)}return e}function Ie(e,t){return Fe(typeof e==`string`?JSON.parse(e,t):e)}function Le(e,t){return Fe(e),JSON.stringify(e,t)}function Re(e){let{url:t,connectionParams:n,lazy:r=!0,onNonLazyError:i=console.error,lazyCloseTimeout:a=0,keepAlive:o=0,disablePong:s,connectionAckWaitTimeout:c=0,retryAttempts:l=5,retryWait:u=async function(e){let t=2**e;await new Promise(e=>setTimeout(e,t*1e3+Math.floor(Math.random()*2700+300)))},shouldRetry:d=Be,on:f,webSocketImpl:p,generateID:m=function(){return`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`.replace(/[xy]/g,e=>{let t=Math.random()*16|0;return(e==`x`?t:t&3|8).toString(16)})},jsonMessageReplacer:h,jsonMessageReviver:g}=e,_;if(p){if(!He(p))throw Error(`Invalid WebSocket implementation provided`);_=p}else typeof WebSocket<`u`?_=WebSocket:typeof global<`u`?_=global.WebSocket||global.MozWebSocket:typeof window<`u`&&(_=window.WebSocket||window.MozWebSocket);if(!_)throw Error("WebSocket implementation missing; on Node you can `import WebSocket from 'ws';` and pass `webSocketImpl: WebSocket` to `createClient`");let v=_,y=(()=>{let e=(()=>{let e={};return{on(t,n){return e[t]=n,()=>{delete e[t]}},emit(t){`id`in t&&e[t.id]?.(t)}}})(),t={connecting:f?.connecting?[f.connecting]:[],opened:f?.opened?[f.opened]:[],connected:f?.connected?[f.connected]:[],ping:f?.ping?[f.ping]:[],pong:f?.pong?[f.pong]:[],message:f?.message?[e.emit,f.message]:[e.emit],closed:f?.closed?[f.closed]:[],error:f?.error?[f.error]:[]};return{onMessage:e.on,on(e,n){let r=t[e];return r.push(n),()=>{let e=r.indexOf(n);e>-1&&r.splice(e,1)}},emit(e,...n){for(let r of[...t[e]])r(...n)}}})();function b(e){let t=[y.on(`error`,n=>{t.forEach(e=>e()),e(n)}),y.on(`closed`,n=>{t.forEach(e=>e()),e(n)})];return()=>t.forEach(e=>e())}let x,S=0,C,w=!1,T=0,E=!1;async function D(){clearTimeout(C);let[e,r]=await(x??=new Promise((e,r)=>(async()=>{if(w){if(await u(T),!S)return x=void 0,r({code:1e3,reason:`All Subscriptions Gone`});T++}y.emit(`connecting`,w);let i=new v(typeof t==`function`?await t():t,`graphql-transport-ws`),a,l;function d(){isFinite(o)&&o>0&&(clearTimeout(l),l=setTimeout(()=>{i.readyState===v.OPEN&&(i.send(Le({type:K.Ping})),y.emit(`ping`,!1,void 0))},o))}b(e=>{x=void 0,clearTimeout(a),clearTimeout(l),r(e),e instanceof ze&&(i.close(4499,`Terminated`),i.onerror=null,i.onclose=null)}),i.onerror=e=>y.emit(`error`,e),i.onclose=e=>y.emit(`closed`,e),i.onopen=async()=>{try{y.emit(`opened`,i);let e=typeof n==`function`?await n():n;if(i.readyState!==v.OPEN)return;i.send(Le(e?{type:K.ConnectionInit,payload:e}:{type:K.ConnectionInit},h)),isFinite(c)&&c>0&&(a=setTimeout(()=>{i.close(G.ConnectionAcknowledgementTimeout,`Connection acknowledgement timeout`)},c)),d()}catch(e){y.emit(`error`,e),i.close(G.InternalClientError,Pe(e instanceof Error?e.message:String(e),`Internal client error`))}};let f=!1;i.onmessage=({data:t})=>{try{let n=Ie(t,g);if(y.emit(`message`,n),n.type===`ping`||n.type===`pong`){y.emit(n.type,!0,n.payload),n.type===`pong`?d():s||(i.send(Le(n.payload?{type:K.Pong,payload:n.payload}:{type:K.Pong},h)),y.emit(`pong`,!1,n.payload));return}if(f)return;if(n.type!==K.ConnectionAck)throw Error(`First message cannot be of type ${n.type}`);clearTimeout(a),f=!0,y.emit(`connected`,i,n.payload,w),w=!1,T=0;let r=new Promise((e,t)=>b(t));r.catch(()=>{}),e([i,r])}catch(e){i.onmessage=null,y.emit(`error`,e),i.close(G.BadResponse,Pe(e instanceof Error?e.message:String(e),`Bad response`))}}})()));e.readyState===v.CLOSING&&await r;let i=()=>{},l=new Promise(e=>i=e);return[e,i,new Promise((t,n)=>{let i=b(n);e.readyState!==v.OPEN&&r.catch(n),l.then(()=>{if(i(),!S){let t=()=>e.close(1e3,`Normal Closure`);isFinite(a)&&a>0?(clearTimeout(C),C=setTimeout(()=>{!S&&e.readyState===v.OPEN&&t()},a)):t()}t()})})]}function ee(e){if(Be(e)&&(Ve(e.code)||[G.InternalServerError,G.InternalClientError,G.BadRequest,G.BadResponse,G.Unauthorized,G.SubprotocolNotAcceptable,G.SubscriberAlreadyExists,G.TooManyInitialisationRequests].includes(e.code)))throw e;if(E)return!1;if(Be(e)&&e.code===1e3)return S>0;if(!l||T>=l||!d(e))throw e;return w=!0}r||(async()=>{for(S++;;)try{let[,,e]=await D();await e}catch(e){try{if(!ee(e))return}catch(e){return i?.(e)}}})();function O(e,t){let n=m(e),r=!1,i=!1,a=()=>{S--,r=!0};return(async()=>{for(S++;;)try{let[o,s,c]=await D();if(r)return c.catch(()=>{}),s();let l=y.onMessage(n,e=>{switch(e.type){case K.Next:t.next(e.payload);return;case K.Error:i=!0,r=!0,t.error(e.payload),a();return;case K.Complete:r=!0,a();return}});o.send(Le({id:n,type:K.Subscribe,payload:e},h)),a=()=>{!r&&o.readyState===v.OPEN&&o.send(Le({id:n,type:K.Complete},h)),S--,r=!0,s()},await c.finally(l);return}catch(e){if(!ee(e))return}})().then(()=>{i||t.complete()}).catch(e=>{t.error(e)}),()=>{r||a()}}return{on:y.on,subscribe:O,iterate(e){let t=[],n={done:!1,error:null,resolve:()=>{}},r=O(e,{next(e){t.push(e),n.resolve()},error(e){n.done=!0,n.error=e,n.resolve()},complete(){n.done=!0,n.resolve()}}),i=async function*(){for(;;){for(t.length||await new Promise(e=>n.resolve=e);t.length;)yield t.shift();if(n.error)throw n.error;if(n.done)return}}();return i.throw=async e=>(n.done||(n.done=!0,n.error=e,n.resolve()),{done:!0,value:void 0}),i.return=async()=>(r(),{done:!0,value:void 0}),i},async dispose(){if(E=!0,x){let[e]=await x;e.close(1e3,`Normal Closure`)}},terminate(){x&&y.emit(`closed`,new ze)}}}var ze=class extends Error{name=`TerminatedCloseEvent`;message=`4499: Terminated`;code=4499;reason=`Terminated`;wasClean=!1};function Be(e){return W(e)&&`code`in e&&`reason`in e}function Ve(e){return![1e3,1001,1006,1005,1012,1013,1014].includes(e)&&e>=1e3&&e<=1999}function He(e){return typeof e==`function`&&`constructor`in e&&`CLOSED`in e&&`CLOSING`in e&&`CONNECTING`in e&&`OPEN`in e}var Ue=`/graphql`,We=`lapor_csrf`,Ge=`X-CSRF-Token`,q=class extends Error{code;status;constructor(e,t=null,n=null){super(e),this.code=t,this.status=n,this.name=`ApiError`}},Ke=new Set([`TOKEN_INVALID`,`TOKEN_EXPIRED`,`UNAUTHENTICATED`,`CSRF_FAILED`]),qe=new Set;function Je(e){return qe.add(e),()=>qe.delete(e)}var Ye=`id`;function Xe(e){e!==Ye&&(Ye=e,at())}function Ze(e){for(let t of document.cookie.split(`;`)){let[n,...r]=t.trim().split(`=`);if(n===e)return decodeURIComponent(r.join(`=`))}return null}function Qe(){return Ze(We)!==null}function $e(e){return/^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/m.exec(e)?.[1]}async function et(e,...[t]){let n=e.toString(),r=JSON.stringify({query:n,variables:t??{},operationName:$e(n)}),i=await tt(r);return i.sentCookie&&i.status===401&&Ze(We)===null&&(qe.forEach(e=>e()),i=await tt(r)),nt(i)}async function tt(e){let t={"Content-Type":`application/json`,Accept:`application/graphql-response+json, application/json`,"Accept-Language":Ye},n=Ze(We);n&&(t[Ge]=n);let r;try{r=await fetch(Ue,{method:`POST`,credentials:`same-origin`,headers:t,body:e})}catch{throw new q(Ye===`en`?`The server cannot be reached.`:`Server tidak dapat dihubungi.`,`NETWORK`)}let i=null;try{i=await r.json()}catch{i=null}return{status:r.status,sentCookie:n!==null,body:i}}function nt({status:e,body:t}){if(t===null)throw new q(`HTTP ${e}`,`HTTP`,e);let n=t.errors?.[0];if(n){let t=n.extensions?.code??null;throw(e===401||t!==null&&Ke.has(t))&&qe.forEach(e=>e()),new q(n.message,t,e)}if(t.data==null)throw new q(`HTTP ${e}`,`HTTP`,e);return t.data}var rt=null;function it(){return rt||(rt=Re({url:`${location.protocol===`https:`?`wss`:`ws`}://${location.host}${Ue}`,lazy:!0,connectionParams:()=>({csrf:Ze(We),language:Ye}),retryAttempts:1e6,shouldRetry:()=>!0}),rt)}function at(){let e=rt;rt=null,e?.dispose()}function ot(e,t,n,r){let i=e.toString();return it().subscribe({query:i,variables:t,operationName:$e(i)},{next:e=>{if(e.errors?.length){let t=e.errors[0];r?.(new q(t.message,t.extensions?.code??null))}else e.data&&n(e.data)},error:()=>r?.(new q(`live connection closed`,`LIVE`)),complete:()=>void 0})}var st=Symbol.for(`pv`),ct=0;Array.isArray;function J(t,n,r,i,a,o){n||={};var s,c,l=n;if(`ref`in l&&typeof t!=`function`)for(c in l={},n)c==`ref`?s=n[c]:l[c]=n[c];var u={type:t,props:l,key:r,ref:s,__k:null,__:null,__b:0,__e:null,__c:null,constructor:st,__v:--ct,__i:-1,__u:0};return(a||o)&&(u.__source=a,u.__self=o),e.vnode&&e.vnode(u),u}var lt=[`id`,`en`],ut=`lapor.lang`;function dt(e,t){return{id:e,en:t}}function ft(e,t){return e.replace(/\{(\w+)\}/g,(e,n)=>n in t?String(t[n]):e)}var pt=ce({lang:`id`,setLang:()=>void 0});function mt(){let e=localStorage.getItem(ut);return e===`en`||e===`id`?e:`id`}function ht({children:e}){let[t,n]=B(mt);return Xe(t),V(()=>{document.documentElement.lang=t},[t]),J(pt.Provider,{value:{lang:t,setLang:e=>{localStorage.setItem(ut,e),Xe(e),n(e)}},children:e})}function Y(){let{lang:e,setLang:t}=Te(pt),n=t=>t[e],r=e===`en`?`en-GB`:`id-ID`;return{lang:e,setLang:t,t:n,locale:r,formatDateTime:e=>e?new Date(e).toLocaleString(r,{dateStyle:`medium`,timeStyle:`short`}):`—`,formatDate:e=>e?new Date(e.length===10?`${e}T00:00:00`:e).toLocaleDateString(r,{dateStyle:`medium`}):`—`}}var X=dt({appName:`LAPOR! Konsol`,skipToContent:`Lewati ke konten`,loading:`Memuat…`,unexpectedError:`Terjadi kesalahan. Coba lagi.`,language:`Bahasa`,login:`Masuk`,logout:`Keluar`,menu:`Menu`,mainNavigation:`Navigasi utama`,save:`Simpan`,cancel:`Batal`,delete:`Hapus`,edit:`Ubah`,add:`Tambah`,back:`Kembali`,next:`Berikutnya`,previous:`Sebelumnya`,search:`Cari`,none:`Tidak ada`,notFound:`Halaman tidak ditemukan.`,forbidden:`Halaman ini bukan untuk peran Anda.`,inbox:`Kotak masuk`,settings:`Pengaturan`,verification:`Verifikasi`,notAuthority:`Bukan wewenang`,overdue:`Terlambat & eskalasi`,accounts:`Akun penghubung`,agencies:`Instansi`,holidays:`Hari libur`,audit:`Jejak audit`,process:`Proses`,submitReport:`Buat laporan`,trackReport:`Lacak laporan`,myReports:`Laporan saya`,firstLogin:`Login pertama`,roleADMIN:`Admin (Diskominfo)`,roleLIAISON:`Pejabat Penghubung`,roleANALYST:`Analis proses`,roleCITIZEN:`Warga`},{appName:`LAPOR! Console`,skipToContent:`Skip to content`,loading:`Loading…`,unexpectedError:`Something went wrong. Please try again.`,language:`Language`,login:`Log in`,logout:`Log out`,menu:`Menu`,mainNavigation:`Main navigation`,save:`Save`,cancel:`Cancel`,delete:`Delete`,edit:`Edit`,add:`Add`,back:`Back`,next:`Next`,previous:`Previous`,search:`Search`,none:`None`,notFound:`Page not found.`,forbidden:`This page is not for your role.`,inbox:`Inbox`,settings:`Settings`,verification:`Verification`,notAuthority:`Not our authority`,overdue:`Overdue & escalated`,accounts:`Liaison accounts`,agencies:`Agencies`,holidays:`Holidays`,audit:`Audit trail`,process:`Process`,submitReport:`Submit a report`,trackReport:`Track a report`,myReports:`My reports`,firstLogin:`First login`,roleADMIN:`Admin (Diskominfo)`,roleLIAISON:`Liaison officer`,roleANALYST:`Process analyst`,roleCITIZEN:`Citizen`}),gt=(function(){let e=typeof document<`u`&&document.createElement(`link`).relList;return e&&e.supports&&e.supports(`modulepreload`)?`modulepreload`:`preload`})(),_t=function(e){return`/`+e},vt={},yt={},bt=function(e){return e.pathname.endsWith(`.css`)},xt=function(e,t,n){if(t in e)return e[t];let r=n();if(!r){e[t]=void 0;return}let i=r.then(()=>{e[t]=void 0},n=>{throw delete e[t],n});return e[t]=i,i},Z=function(e,t,n){let r=Promise.resolve();if(t&&t.length>0){let e,i=document.querySelector(`meta[property=csp-nonce]`),a=i?.nonce||i?.getAttribute(`nonce`);function o(e){return Promise.all(e.map(e=>Promise.resolve(e).then(e=>({status:`fulfilled`,value:e}),e=>({status:`rejected`,reason:e}))))}function s(e){return import.meta.resolve?new URL(import.meta.resolve(e)):new URL(e,import.meta.url)}r=o(t.map(t=>{t=_t(t,n);let r=s(t),i=bt(r);return xt(vt,r.href,()=>{if(e===void 0){e={all:new Set,styles:new Set};let t=document.getElementsByTagName(`link`);for(let n=t.length-1;n>=0;n--){let r=t[n];e.all.add(r.href),r.rel===`stylesheet`&&e.styles.add(r.href)}}let t=i?e.styles:e.all,n=i?yt[r.href]:void 0;if(!n&&t.has(r.href))return;let o=document.createElement(`link`);if(o.rel=i?`stylesheet`:gt,i||(o.as=`script`),o.crossOrigin=``,o.href=r.href,a&&o.setAttribute(`nonce`,a),n&&delete yt[r.href],n?.isConnected?n.replaceWith(o):document.head.appendChild(o),i)return new Promise((e,t)=>{let n=i=>{o.removeEventListener(`load`,n),o.removeEventListener(`error`,n),i.type===`error`?(yt[r.href]=o,t(Error(`Unable to preload CSS for ${r}`))):e(i)};o.addEventListener(`load`,n),o.addEventListener(`error`,n)})})}).filter(e=>e!==void 0))}function i(e){let t=new Event(`vite:preloadError`,{cancelable:!0});if(t.payload=e,window.dispatchEvent(t),!t.defaultPrevented)throw e}return r.then(t=>{for(let e of t||[])e.status===`rejected`&&i(e.reason);return e().catch(i)})},St=[{path:`/login`,load:()=>Z(()=>import(`./LoginPage-P6hLkkVz.js`),__vite__mapDeps([0,1])),access:`anyone`},{path:`/setup`,load:()=>Z(()=>import(`./SetupPage-Bjw5NoeW.js`),__vite__mapDeps([2,1])),access:`anyone`},{path:`/inbox`,load:()=>Z(()=>import(`./InboxPage-iYIJWpXf.js`),__vite__mapDeps([3,4,5,6,7,8])),access:[`LIAISON`],nav:`inbox`},{path:`/reports/:id`,load:()=>Z(()=>import(`./ReportPage-C5pGMos-.js`),__vite__mapDeps([9,4,10,1,5,6,7,8])),access:`anyone`},{path:`/admin/verification`,load:()=>Z(()=>import(`./VerificationPage-DlXePHoB.js`),__vite__mapDeps([11,4,5,6,12,10,13,14,1])),access:[`ADMIN`],nav:`verification`},{path:`/admin/not-authority`,load:()=>Z(()=>import(`./NotAuthorityPage-PSzQ9kun.js`),__vite__mapDeps([15,4,5,6,12,10,13,14,1])),access:[`ADMIN`],nav:`notAuthority`},{path:`/admin/overdue`,load:()=>Z(()=>import(`./OverduePage-B0JtoHkl.js`),__vite__mapDeps([16,4,10,1,5,6,12,13,14])),access:[`ADMIN`],nav:`overdue`},{path:`/admin/accounts`,load:()=>Z(()=>import(`./AccountsPage-C6PI22L0.js`),__vite__mapDeps([17,4,10,1,12,13])),access:[`ADMIN`],nav:`accounts`},{path:`/admin/agencies`,load:()=>Z(()=>import(`./AgenciesPage-CQN4M3wx.js`),__vite__mapDeps([18,4,10,1,12,13])),access:[`ADMIN`],nav:`agencies`},{path:`/admin/holidays`,load:()=>Z(()=>import(`./HolidaysPage-C9Hd8Nso.js`),__vite__mapDeps([19,4,10,1,12,13])),access:[`ADMIN`],nav:`holidays`},{path:`/admin/audit`,load:()=>Z(()=>import(`./AuditPage-DIsxrFpF.js`),__vite__mapDeps([20,4,1,12,10,13])),access:[`ADMIN`],nav:`audit`},{path:`/process`,load:()=>Z(()=>import(`./ProcessPage-BOQFiHhZ.js`).then(e=>e.t),__vite__mapDeps([21,1,22])),access:[`ADMIN`,`ANALYST`],nav:`process`},{path:`/my-reports`,load:()=>Z(()=>import(`./MyReportsPage-BftWU-Ls.js`),__vite__mapDeps([23,4,1,24,25])),access:[`CITIZEN`],nav:`myReports`},{path:`/submit`,load:()=>Z(()=>import(`./SubmitPage-CA8k6j7y.js`),__vite__mapDeps([26,1,27,24,25])),access:`anyone`,nav:`submitReport`},{path:`/track`,load:()=>Z(()=>import(`./TrackPage-Dzpcm2VZ.js`),__vite__mapDeps([28,1,27,24,25])),access:`anyone`,nav:`trackReport`},{path:`/settings`,load:()=>Z(()=>import(`./SettingsPage-BkLmMoeA.js`),__vite__mapDeps([29,4,1,30])),access:`loggedIn`,nav:`settings`}],Ct={LIAISON:`/inbox`,ADMIN:`/admin/verification`,ANALYST:`/process`,CITIZEN:`/my-reports`};function wt(e,t){return e.access===`anyone`?!0:e.access===`loggedIn`?t!==null:t!==null&&e.access.includes(t)}function Tt(e){return St.filter(t=>!t.nav||!wt(t,e)?!1:t.access!==`anyone`||e===null||e===`CITIZEN`)}var Et=`lapor:navigated`;function Dt(e,t={}){t.replace?history.replaceState(null,``,e):history.pushState(null,``,e),window.dispatchEvent(new Event(Et)),window.scrollTo(0,0)}function Ot(){return{path:location.pathname,query:new URLSearchParams(location.search)}}function kt(){let[e,t]=B(Ot);return V(()=>{let e=()=>t(Ot());return window.addEventListener(`popstate`,e),window.addEventListener(Et,e),()=>{window.removeEventListener(`popstate`,e),window.removeEventListener(Et,e)}},[]),e}function At(e){let t=new URLSearchParams(location.search);for(let[n,r]of Object.entries(e))r?t.set(n,r):t.delete(n);let n=t.toString();Dt(`${location.pathname}${n?`?${n}`:``}`,{replace:!0})}function jt(e,t){let n=[],r=e.replace(/:([A-Za-z]+)/g,(e,t)=>(n.push(t),`([^/]+)`)),i=RegExp(`^${r}/?$`).exec(t);return i?Object.fromEntries(n.map((e,t)=>[e,decodeURIComponent(i[t+1])])):null}function Mt({to:e}){return V(()=>Dt(e,{replace:!0}),[e]),null}function Q({href:e,children:t,...n}){let r=t=>{t.defaultPrevented||t.button!==0||t.metaKey||t.ctrlKey||t.shiftKey||t.altKey||(t.preventDefault(),Dt(e))};return J(`a`,{...n,href:e,onClick:r,children:t})}var $=class extends String{__apiType;value;__meta__;constructor(e,t){super(e),this.value=e,this.__meta__=t}toString(){return this.value}},Nt=new $(`
    fragment ReportListItem on Report {
  id
  trackingNumber
  title
  classification
  category
  status
  statusLabel
  stage {
    code
    label
  }
  agency {
    id
    code
    name
  }
  deadline
  isOverdue
  workingDaysLeft
  createdAt
}
    `,{fragmentName:`ReportListItem`}),Pt=new $(`
    fragment ActionFormAction on AvailableAction {
  code
  label
  inputs {
    name
    kind
    required
    label
    choices {
      code
      label
    }
  }
}
    `,{fragmentName:`ActionFormAction`}),Ft=new $(`
    fragment TimelineEvent on ReportEvent {
  action
  actionLabel
  fromStatus
  toStatus
  message
  internalNote
  suggestedAgency {
    id
    code
    name
  }
  isPublic
  actorRole
  actor {
    id
    name
    role
    agency {
      id
      name
    }
  }
  createdAt
  dueAt
}
    `,{fragmentName:`TimelineEvent`}),It=new $(`
    fragment LiaisonReportDetail on Report {
  id
  trackingNumber
  title
  body
  classification
  category
  location {
    text
    latitude
    longitude
  }
  incidentDate
  isAnonymous
  isConfidential
  status
  statusLabel
  stage {
    code
    label
  }
  agency {
    id
    code
    name
  }
  reporter {
    id
    name
  }
  deadline
  isOverdue
  workingDaysLeft
  createdAt
  updatedAt
  availableActions {
    ...ActionFormAction
  }
  timeline {
    ...TimelineEvent
  }
}
    fragment ActionFormAction on AvailableAction {
  code
  label
  inputs {
    name
    kind
    required
    label
    choices {
      code
      label
    }
  }
}
fragment TimelineEvent on ReportEvent {
  action
  actionLabel
  fromStatus
  toStatus
  message
  internalNote
  suggestedAgency {
    id
    code
    name
  }
  isPublic
  actorRole
  actor {
    id
    name
    role
    agency {
      id
      name
    }
  }
  createdAt
  dueAt
}`,{fragmentName:`LiaisonReportDetail`});new $(`
    fragment ProcessElementDiffFields on ProcessElementDiff {
  elementId
  elementType
  name
  changes {
    what
    before
    after
  }
}
    `,{fragmentName:`ProcessElementDiffFields`});var Lt=new $(`
    fragment SettingsAgencyProfile on Agency {
  id
  code
  name
  address
  phone
  email
  website
  description
  serviceHours
  officials {
    name
    position
  }
}
    `,{fragmentName:`SettingsAgencyProfile`}),Rt={"\n  fragment ActionFormAction on AvailableAction {\n    code\n    label\n    inputs {\n      name\n      kind\n      required\n      label\n      choices {\n        code\n        label\n      }\n    }\n  }\n":Pt,"\n  mutation ActionFormPerform($input: ReportActionPerformInput!) {\n    reportActionPerform(input: $input) {\n      report {\n        id\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation ActionFormPerform($input: ReportActionPerformInput!) {
  reportActionPerform(input: $input) {
    report {
      id
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  query AgencyPickerList($after: String) {\n    agencies(first: 100, after: $after) {\n      edges {\n        node {\n          id\n          code\n          name\n          isActive\n          level\n          parent {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n":new $(`
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
    `),"\n  fragment ReportListItem on Report {\n    id\n    trackingNumber\n    title\n    classification\n    category\n    status\n    statusLabel\n    stage {\n      code\n      label\n    }\n    agency {\n      id\n      code\n      name\n    }\n    deadline\n    isOverdue\n    workingDaysLeft\n    createdAt\n  }\n":Nt,"\n  fragment TimelineEvent on ReportEvent {\n    action\n    actionLabel\n    fromStatus\n    toStatus\n    message\n    internalNote\n    suggestedAgency {\n      id\n      code\n      name\n    }\n    isPublic\n    actorRole\n    actor {\n      id\n      name\n      role\n      agency {\n        id\n        name\n      }\n    }\n    createdAt\n    dueAt\n  }\n":Ft,"\n  query AdminReportQueue($filter: ReportFilter, $order: ReportOrder, $first: Int, $after: String) {\n    reports(filter: $filter, order: $order, first: $first, after: $after) {\n      edges {\n        node {\n          ...ReportListItem\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n":new $(`
    query AdminReportQueue($filter: ReportFilter, $order: ReportOrder, $first: Int, $after: String) {
  reports(filter: $filter, order: $order, first: $first, after: $after) {
    edges {
      node {
        ...ReportListItem
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment ReportListItem on Report {
  id
  trackingNumber
  title
  classification
  category
  status
  statusLabel
  stage {
    code
    label
  }
  agency {
    id
    code
    name
  }
  deadline
  isOverdue
  workingDaysLeft
  createdAt
}`),"\n  query AdminNotAuthorityQueue($filter: ReportFilter, $order: ReportOrder, $first: Int, $after: String) {\n    reports(filter: $filter, order: $order, first: $first, after: $after) {\n      edges {\n        node {\n          ...ReportListItem\n          timeline(last: 5) {\n            action\n            internalNote\n            suggestedAgency {\n              id\n              code\n              name\n            }\n            createdAt\n            actor {\n              id\n              name\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n":new $(`
    query AdminNotAuthorityQueue($filter: ReportFilter, $order: ReportOrder, $first: Int, $after: String) {
  reports(filter: $filter, order: $order, first: $first, after: $after) {
    edges {
      node {
        ...ReportListItem
        timeline(last: 5) {
          action
          internalNote
          suggestedAgency {
            id
            code
            name
          }
          createdAt
          actor {
            id
            name
          }
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment ReportListItem on Report {
  id
  trackingNumber
  title
  classification
  category
  status
  statusLabel
  stage {
    code
    label
  }
  agency {
    id
    code
    name
  }
  deadline
  isOverdue
  workingDaysLeft
  createdAt
}`),"\n  query AdminUsers($filter: UserFilter, $first: Int, $after: String) {\n    users(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          name\n          email\n          phone\n          role\n          isActive\n          agency {\n            id\n            code\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n":new $(`
    query AdminUsers($filter: UserFilter, $first: Int, $after: String) {
  users(filter: $filter, first: $first, after: $after) {
    edges {
      node {
        id
        name
        email
        phone
        role
        isActive
        agency {
          id
          code
          name
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `),"\n  mutation AdminLiaisonCreate($input: LiaisonCreateInput!) {\n    liaisonCreate(input: $input) {\n      user {\n        id\n        name\n        email\n      }\n      secret\n      secretExpiresAt\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminLiaisonCreate($input: LiaisonCreateInput!) {
  liaisonCreate(input: $input) {
    user {
      id
      name
      email
    }
    secret
    secretExpiresAt
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation AdminPasswordResetIssue($input: UserIdInput!) {\n    userPasswordResetIssue(input: $input) {\n      user {\n        id\n        name\n        email\n      }\n      secret\n      secretExpiresAt\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminPasswordResetIssue($input: UserIdInput!) {
  userPasswordResetIssue(input: $input) {
    user {
      id
      name
      email
    }
    secret
    secretExpiresAt
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation AdminUserDeactivate($input: UserIdInput!) {\n    userDeactivate(input: $input) {\n      user {\n        id\n        isActive\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminUserDeactivate($input: UserIdInput!) {
  userDeactivate(input: $input) {
    user {
      id
      isActive
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation AdminUserActivate($input: UserIdInput!) {\n    userActivate(input: $input) {\n      user {\n        id\n        isActive\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminUserActivate($input: UserIdInput!) {
  userActivate(input: $input) {
    user {
      id
      isActive
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  query AdminAgencyProfile($id: ID!) {\n    agency(id: $id) {\n      id\n      code\n      name\n      level\n      isActive\n      address\n      phone\n      email\n      website\n      description\n      serviceHours\n      officials {\n        name\n        position\n      }\n      parent {\n        id\n        name\n      }\n      liaisons {\n        id\n        name\n        email\n      }\n    }\n  }\n":new $(`
    query AdminAgencyProfile($id: ID!) {
  agency(id: $id) {
    id
    code
    name
    level
    isActive
    address
    phone
    email
    website
    description
    serviceHours
    officials {
      name
      position
    }
    parent {
      id
      name
    }
    liaisons {
      id
      name
      email
    }
  }
}
    `),"\n  mutation AdminAgencyCreate($input: AgencyCreateInput!) {\n    agencyCreate(input: $input) {\n      agency {\n        id\n        code\n        name\n        level\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminAgencyCreate($input: AgencyCreateInput!) {
  agencyCreate(input: $input) {
    agency {
      id
      code
      name
      level
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation AdminAgencyUpdate($input: AgencyUpdateInput!) {\n    agencyUpdate(input: $input) {\n      agency {\n        id\n        code\n        name\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminAgencyUpdate($input: AgencyUpdateInput!) {
  agencyUpdate(input: $input) {
    agency {
      id
      code
      name
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation AdminAgencyMove($input: AgencyMoveInput!) {\n    agencyMove(input: $input) {\n      agency {\n        id\n        level\n        parent {\n          id\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminAgencyMove($input: AgencyMoveInput!) {
  agencyMove(input: $input) {
    agency {
      id
      level
      parent {
        id
      }
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation AdminAgencyDeactivate($input: AgencyIdInput!) {\n    agencyDeactivate(input: $input) {\n      agency {\n        id\n        isActive\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminAgencyDeactivate($input: AgencyIdInput!) {
  agencyDeactivate(input: $input) {
    agency {
      id
      isActive
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation AdminAgencyActivate($input: AgencyIdInput!) {\n    agencyActivate(input: $input) {\n      agency {\n        id\n        isActive\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminAgencyActivate($input: AgencyIdInput!) {
  agencyActivate(input: $input) {
    agency {
      id
      isActive
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation AdminAgencyDelete($input: AgencyIdInput!) {\n    agencyDelete(input: $input) {\n      deletedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminAgencyDelete($input: AgencyIdInput!) {
  agencyDelete(input: $input) {
    deletedId
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation AdminAgencyProfileUpdate($input: AgencyProfileUpdateInput!) {\n    agencyProfileUpdate(input: $input) {\n      agency {\n        id\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminAgencyProfileUpdate($input: AgencyProfileUpdateInput!) {
  agencyProfileUpdate(input: $input) {
    agency {
      id
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  query AdminHolidays($year: Int!, $agencyId: ID) {\n    holidays(year: $year, agencyId: $agencyId) {\n      id\n      date\n      name\n      kind\n      agency {\n        id\n        code\n        name\n      }\n    }\n  }\n":new $(`
    query AdminHolidays($year: Int!, $agencyId: ID) {
  holidays(year: $year, agencyId: $agencyId) {
    id
    date
    name
    kind
    agency {
      id
      code
      name
    }
  }
}
    `),"\n  mutation AdminHolidayCreate($input: HolidayCreateInput!) {\n    holidayCreate(input: $input) {\n      holiday {\n        id\n        date\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminHolidayCreate($input: HolidayCreateInput!) {
  holidayCreate(input: $input) {
    holiday {
      id
      date
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation AdminHolidayDelete($input: HolidayDeleteInput!) {\n    holidayDelete(input: $input) {\n      deletedId\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminHolidayDelete($input: HolidayDeleteInput!) {
  holidayDelete(input: $input) {
    deletedId
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation AdminHolidayImport($input: HolidayImportInput!) {\n    holidayImport(input: $input) {\n      imported\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation AdminHolidayImport($input: HolidayImportInput!) {
  holidayImport(input: $input) {
    imported
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  query AdminAuditEvents($objectType: String, $objectId: ID, $first: Int, $after: String) {\n    auditEvents(objectType: $objectType, objectId: $objectId, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          action\n          objectType\n          objectId\n          before\n          after\n          createdAt\n          actor {\n            id\n            name\n            email\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n":new $(`
    query AdminAuditEvents($objectType: String, $objectId: ID, $first: Int, $after: String) {
  auditEvents(
    objectType: $objectType
    objectId: $objectId
    first: $first
    after: $after
  ) {
    edges {
      cursor
      node {
        action
        objectType
        objectId
        before
        after
        createdAt
        actor {
          id
          name
          email
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `),"\n  query LiaisonInbox($filter: ReportFilter, $first: Int, $after: String) {\n    reports(filter: $filter, first: $first, after: $after, order: DEADLINE) {\n      edges {\n        cursor\n        node {\n          ...ReportListItem\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n":new $(`
    query LiaisonInbox($filter: ReportFilter, $first: Int, $after: String) {
  reports(filter: $filter, first: $first, after: $after, order: DEADLINE) {
    edges {
      cursor
      node {
        ...ReportListItem
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment ReportListItem on Report {
  id
  trackingNumber
  title
  classification
  category
  status
  statusLabel
  stage {
    code
    label
  }
  agency {
    id
    code
    name
  }
  deadline
  isOverdue
  workingDaysLeft
  createdAt
}`),"\n  subscription LiaisonQueueChanged {\n    myQueueChanged {\n      reportId\n      action\n      actionLabel\n      inMyQueue\n      report {\n        id\n        trackingNumber\n      }\n    }\n  }\n":new $(`
    subscription LiaisonQueueChanged {
  myQueueChanged {
    reportId
    action
    actionLabel
    inMyQueue
    report {
      id
      trackingNumber
    }
  }
}
    `),"\n  fragment LiaisonReportDetail on Report {\n    id\n    trackingNumber\n    title\n    body\n    classification\n    category\n    location {\n      text\n      latitude\n      longitude\n    }\n    incidentDate\n    isAnonymous\n    isConfidential\n    status\n    statusLabel\n    stage {\n      code\n      label\n    }\n    agency {\n      id\n      code\n      name\n    }\n    reporter {\n      id\n      name\n    }\n    deadline\n    isOverdue\n    workingDaysLeft\n    createdAt\n    updatedAt\n    availableActions {\n      ...ActionFormAction\n    }\n    timeline {\n      ...TimelineEvent\n    }\n  }\n":It,"\n  query LiaisonReport($id: ID!) {\n    report(id: $id) {\n      ...LiaisonReportDetail\n    }\n  }\n":new $(`
    query LiaisonReport($id: ID!) {
  report(id: $id) {
    ...LiaisonReportDetail
  }
}
    fragment ActionFormAction on AvailableAction {
  code
  label
  inputs {
    name
    kind
    required
    label
    choices {
      code
      label
    }
  }
}
fragment TimelineEvent on ReportEvent {
  action
  actionLabel
  fromStatus
  toStatus
  message
  internalNote
  suggestedAgency {
    id
    code
    name
  }
  isPublic
  actorRole
  actor {
    id
    name
    role
    agency {
      id
      name
    }
  }
  createdAt
  dueAt
}
fragment LiaisonReportDetail on Report {
  id
  trackingNumber
  title
  body
  classification
  category
  location {
    text
    latitude
    longitude
  }
  incidentDate
  isAnonymous
  isConfidential
  status
  statusLabel
  stage {
    code
    label
  }
  agency {
    id
    code
    name
  }
  reporter {
    id
    name
  }
  deadline
  isOverdue
  workingDaysLeft
  createdAt
  updatedAt
  availableActions {
    ...ActionFormAction
  }
  timeline {
    ...TimelineEvent
  }
}`),"\n  subscription LiaisonReportUpdated($id: ID!) {\n    reportUpdated(id: $id) {\n      ...LiaisonReportDetail\n    }\n  }\n":new $(`
    subscription LiaisonReportUpdated($id: ID!) {
  reportUpdated(id: $id) {
    ...LiaisonReportDetail
  }
}
    fragment ActionFormAction on AvailableAction {
  code
  label
  inputs {
    name
    kind
    required
    label
    choices {
      code
      label
    }
  }
}
fragment TimelineEvent on ReportEvent {
  action
  actionLabel
  fromStatus
  toStatus
  message
  internalNote
  suggestedAgency {
    id
    code
    name
  }
  isPublic
  actorRole
  actor {
    id
    name
    role
    agency {
      id
      name
    }
  }
  createdAt
  dueAt
}
fragment LiaisonReportDetail on Report {
  id
  trackingNumber
  title
  body
  classification
  category
  location {
    text
    latitude
    longitude
  }
  incidentDate
  isAnonymous
  isConfidential
  status
  statusLabel
  stage {
    code
    label
  }
  agency {
    id
    code
    name
  }
  reporter {
    id
    name
  }
  deadline
  isOverdue
  workingDaysLeft
  createdAt
  updatedAt
  availableActions {
    ...ActionFormAction
  }
  timeline {
    ...TimelineEvent
  }
}`),"\n  mutation ReportStopFollowing($input: ReportAccessTokenRevokeInput!) {\n    reportAccessTokenRevoke(input: $input) {\n      revoked\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation ReportStopFollowing($input: ReportAccessTokenRevokeInput!) {
  reportAccessTokenRevoke(input: $input) {
    revoked
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation SetupPassword($input: PasswordResetInput!) {\n    passwordReset(input: $input) {\n      user {\n        id\n        email\n        role\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation SetupPassword($input: PasswordResetInput!) {
  passwordReset(input: $input) {
    user {
      id
      email
      role
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  query ProcessVersions($first: Int, $after: String) {\n    processDefinitions(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          processId\n          version\n          note\n          sha256\n          deployedAt\n          deployedBy {\n            id\n            name\n          }\n          reportCount\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n":new $(`
    query ProcessVersions($first: Int, $after: String) {
  processDefinitions(first: $first, after: $after) {
    edges {
      node {
        id
        processId
        version
        note
        sha256
        deployedAt
        deployedBy {
          id
          name
        }
        reportCount
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `),"\n  query ProcessVersionSource($id: ID!) {\n    processDefinition(id: $id) {\n      id\n      processId\n      version\n      bpmnXml\n      decisionTables\n    }\n  }\n":new $(`
    query ProcessVersionSource($id: ID!) {
  processDefinition(id: $id) {
    id
    processId
    version
    bpmnXml
    decisionTables
  }
}
    `),"\n  query ProcessVersionDiff($fromId: ID!, $toId: ID!) {\n    processDefinitionDiff(fromId: $fromId, toId: $toId) {\n      added {\n        ...ProcessElementDiffFields\n      }\n      removed {\n        ...ProcessElementDiffFields\n      }\n      changed {\n        ...ProcessElementDiffFields\n      }\n    }\n  }\n\n  fragment ProcessElementDiffFields on ProcessElementDiff {\n    elementId\n    elementType\n    name\n    changes {\n      what\n      before\n      after\n    }\n  }\n":new $(`
    query ProcessVersionDiff($fromId: ID!, $toId: ID!) {
  processDefinitionDiff(fromId: $fromId, toId: $toId) {
    added {
      ...ProcessElementDiffFields
    }
    removed {
      ...ProcessElementDiffFields
    }
    changed {
      ...ProcessElementDiffFields
    }
  }
}
    fragment ProcessElementDiffFields on ProcessElementDiff {
  elementId
  elementType
  name
  changes {
    what
    before
    after
  }
}`),"\n  mutation ProcessValidate($input: ProcessDefinitionValidateInput!) {\n    processDefinitionValidate(input: $input) {\n      valid\n      problems {\n        elementId\n        message\n        severity\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation ProcessValidate($input: ProcessDefinitionValidateInput!) {
  processDefinitionValidate(input: $input) {
    valid
    problems {
      elementId
      message
      severity
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation ProcessDeploy($input: ProcessDefinitionDeployInput!) {\n    processDefinitionDeploy(input: $input) {\n      created\n      processDefinition {\n        id\n        version\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation ProcessDeploy($input: ProcessDefinitionDeployInput!) {
  processDefinitionDeploy(input: $input) {
    created
    processDefinition {
      id
      version
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation ProcessMigrate($input: ProcessInstancesMigrateInput!) {\n    processInstancesMigrate(input: $input) {\n      dryRun\n      movedCount\n      notMovedCount\n      outcomes {\n        reportId\n        trackingNumber\n        moved\n        reason\n        elementIds\n        timers {\n          elementId\n          oldDueAt\n          newDueAt\n          countedFrom\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation ProcessMigrate($input: ProcessInstancesMigrateInput!) {
  processInstancesMigrate(input: $input) {
    dryRun
    movedCount
    notMovedCount
    outcomes {
      reportId
      trackingNumber
      moved
      reason
      elementIds
      timers {
        elementId
        oldDueAt
        newDueAt
        countedFrom
      }
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation ReporterSubmit($input: ReportSubmitInput!) {\n    reportSubmit(input: $input) {\n      report {\n        id\n        trackingNumber\n        title\n        statusLabel\n      }\n      accessCode\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation ReporterSubmit($input: ReportSubmitInput!) {
  reportSubmit(input: $input) {
    report {
      id
      trackingNumber
      title
      statusLabel
    }
    accessCode
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation ReporterFollow($input: ReportAccessTokenCreateInput!) {\n    reportAccessTokenCreate(input: $input) {\n      expiresAt\n      report {\n        id\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation ReporterFollow($input: ReportAccessTokenCreateInput!) {
  reportAccessTokenCreate(input: $input) {
    expiresAt
    report {
      id
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  query ReporterMyReports($first: Int!, $after: String) {\n    reports(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          trackingNumber\n          title\n          classification\n          status\n          statusLabel\n          stage {\n            code\n            label\n          }\n          agency {\n            id\n            name\n          }\n          createdAt\n          updatedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n":new $(`
    query ReporterMyReports($first: Int!, $after: String) {
  reports(first: $first, after: $after) {
    edges {
      node {
        id
        trackingNumber
        title
        classification
        status
        statusLabel
        stage {
          code
          label
        }
        agency {
          id
          name
        }
        createdAt
        updatedAt
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `),"\n  mutation SettingsAccountUpdate($input: AccountUpdateInput!) {\n    accountUpdate(input: $input) {\n      user {\n        id\n        name\n        email\n        phone\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation SettingsAccountUpdate($input: AccountUpdateInput!) {
  accountUpdate(input: $input) {
    user {
      id
      name
      email
      phone
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  mutation SettingsPasswordChange($input: PasswordChangeInput!) {\n    passwordChange(input: $input) {\n      user {\n        id\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation SettingsPasswordChange($input: PasswordChangeInput!) {
  passwordChange(input: $input) {
    user {
      id
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  query SettingsSessions {\n    mySessions {\n      id\n      createdAt\n      expiresAt\n      isCurrent\n    }\n  }\n":new $(`
    query SettingsSessions {
  mySessions {
    id
    createdAt
    expiresAt
    isCurrent
  }
}
    `),"\n  mutation SettingsSessionRevoke($input: SessionRevokeInput!) {\n    sessionRevoke(input: $input) {\n      session {\n        id\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation SettingsSessionRevoke($input: SessionRevokeInput!) {
  sessionRevoke(input: $input) {
    session {
      id
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  fragment SettingsAgencyProfile on Agency {\n    id\n    code\n    name\n    address\n    phone\n    email\n    website\n    description\n    serviceHours\n    officials {\n      name\n      position\n    }\n  }\n":Lt,"\n  query SettingsAgency($id: ID!) {\n    agency(id: $id) {\n      ...SettingsAgencyProfile\n    }\n  }\n":new $(`
    query SettingsAgency($id: ID!) {
  agency(id: $id) {
    ...SettingsAgencyProfile
  }
}
    fragment SettingsAgencyProfile on Agency {
  id
  code
  name
  address
  phone
  email
  website
  description
  serviceHours
  officials {
    name
    position
  }
}`),"\n  mutation SettingsAgencyProfileUpdate($input: AgencyProfileUpdateInput!) {\n    agencyProfileUpdate(input: $input) {\n      agency {\n        ...SettingsAgencyProfile\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation SettingsAgencyProfileUpdate($input: AgencyProfileUpdateInput!) {
  agencyProfileUpdate(input: $input) {
    agency {
      ...SettingsAgencyProfile
    }
    errors {
      field
      code
      message
    }
  }
}
    fragment SettingsAgencyProfile on Agency {
  id
  code
  name
  address
  phone
  email
  website
  description
  serviceHours
  officials {
    name
    position
  }
}`),"\n  query SessionMe {\n    me {\n      id\n      name\n      email\n      phone\n      role\n      agency {\n        id\n        code\n        name\n      }\n    }\n  }\n":new $(`
    query SessionMe {
  me {
    id
    name
    email
    phone
    role
    agency {
      id
      code
      name
    }
  }
}
    `),"\n  mutation SessionLogin($input: TokenCreateInput!) {\n    tokenCreate(input: $input) {\n      expiresAt\n      user {\n        id\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation SessionLogin($input: TokenCreateInput!) {
  tokenCreate(input: $input) {
    expiresAt
    user {
      id
    }
    errors {
      field
      code
      message
    }
  }
}
    `),"\n  query SessionCurrent {\n    mySessions {\n      id\n      isCurrent\n    }\n  }\n":new $(`
    query SessionCurrent {
  mySessions {
    id
    isCurrent
  }
}
    `),"\n  mutation SessionLogout($input: SessionRevokeInput!) {\n    sessionRevoke(input: $input) {\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n":new $(`
    mutation SessionLogout($input: SessionRevokeInput!) {
  sessionRevoke(input: $input) {
    errors {
      field
      code
      message
    }
  }
}
    `)};function zt(e){return Rt[e]??{}}var Bt=zt(`
  query SessionMe {
    me {
      id
      name
      email
      phone
      role
      agency {
        id
        code
        name
      }
    }
  }
`),Vt=zt(`
  mutation SessionLogin($input: TokenCreateInput!) {
    tokenCreate(input: $input) {
      expiresAt
      user {
        id
      }
      errors {
        field
        code
        message
      }
    }
  }
`),Ht=zt(`
  query SessionCurrent {
    mySessions {
      id
      isCurrent
    }
  }
`),Ut=zt(`
  mutation SessionLogout($input: SessionRevokeInput!) {
    sessionRevoke(input: $input) {
      errors {
        field
        code
        message
      }
    }
  }
`),Wt=ce(null);function Gt({children:e}){let[t,n]=B(null),[r,i]=B(!0),a=we(async()=>{try{n((await et(Bt)).me??null)}catch{n(null)}finally{i(!1)}},[]);return V(()=>(a(),Je(()=>{n(null),at()})),[a]),J(Wt.Provider,{value:{me:t,loading:r,reload:a,login:async(e,t)=>{let{tokenCreate:n}=await et(Vt,{input:{email:e,password:t,cookie:!0}});return n.errors.length?n.errors:(at(),await a(),[])},logout:async()=>{try{let e=(await et(Ht)).mySessions.find(e=>e.isCurrent);e&&await et(Ut,{input:{id:e.id}})}finally{at(),n(null)}}},children:e})}function Kt(){let e=Te(Wt);if(!e)throw Error(`useSession outside SessionProvider`);return e}function qt(){let{t:e}=Y();return J(`p`,{class:`loading`,role:`status`,children:e(X).loading})}function Jt({error:e}){let{t}=Y();return J(`div`,{class:`notice notice--error`,role:`alert`,children:e instanceof q?e.message:t(X).unexpectedError})}var Yt=dt({title:`Masuk ke LAPOR!`,email:`E-mail`,password:`Kata sandi`,submit:`Masuk`,firstTime:`Pertama kali? Masukkan kode penyiapan dari admin.`,setupTitle:`Login pertama`,setupIntro:`Admin memberi Anda kode penyiapan sekali pakai. Pilih kata sandi Anda sendiri dengan kode itu.`,secret:`Kode penyiapan atau reset`,newPassword:`Kata sandi baru`,newPasswordHint:`Minimal 10 karakter.`,setupSubmit:`Simpan kata sandi dan masuk`,setupDone:`Kata sandi tersimpan.`,homeTitle:`Layanan Aspirasi dan Pengaduan Online Rakyat`,homeIntro:`Sampaikan pengaduan, aspirasi atau permintaan informasi kepada pemerintah provinsi. Laporan Anda diverifikasi oleh admin dan diteruskan ke instansi yang berwenang.`,homeSubmit:`Buat laporan`,homeTrack:`Lacak laporan dengan nomor dan kode akses`,homeOfficers:`Petugas dan warga yang memiliki akun: masuk`},{title:`Log in to LAPOR!`,email:`E-mail`,password:`Password`,submit:`Log in`,firstTime:`First time? Enter the setup secret your admin gave you.`,setupTitle:`First login`,setupIntro:`Your admin gave you a one-time setup secret. Choose your own password with it.`,secret:`Setup or reset secret`,newPassword:`New password`,newPasswordHint:`At least 10 characters.`,setupSubmit:`Save password and log in`,setupDone:`Password saved.`,homeTitle:`Public complaints and aspirations service`,homeIntro:`Send a complaint, an aspiration or a request for information to the provincial government. The admin verifies your report and passes it to the agency responsible.`,homeSubmit:`Submit a report`,homeTrack:`Track a report with its number and access code`,homeOfficers:`Officers and citizens with an account: log in`});function Xt(){let{t:e}=Y(),t=e(Yt);return J(`section`,{class:`home`,children:[J(`h1`,{children:t.homeTitle}),J(`p`,{class:`lead`,children:t.homeIntro}),J(`div`,{class:`home__actions`,children:[J(Q,{href:`/submit`,class:`button button--primary`,children:t.homeSubmit}),J(Q,{href:`/track`,class:`button`,children:t.homeTrack}),J(Q,{href:`/login`,class:`button button--quiet`,children:t.homeOfficers})]})]})}var Zt=new Map;function Qt({route:e,params:t}){let[n,r]=B(Zt.get(e)??null),[i,a]=B(null);return V(()=>{Zt.has(e)?r(Zt.get(e)):(r(null),e.load().then(t=>{Zt.set(e,t),r(t)},e=>a(e)))},[e]),i?J(Jt,{error:i}):n?J(n.default,{params:t}):J(qt,{})}function $t(){let{me:e,logout:t}=Kt(),{lang:n,setLang:r,t:i}=Y(),a=i(X),[o,s]=B(!1),{path:c}=kt();V(()=>s(!1),[c]);let l=Tt(e?.role??null);return J(`header`,{class:`site-header`,children:[J(`div`,{class:`site-header__bar`,children:[J(Q,{href:`/`,class:`brand`,children:a.appName}),J(`button`,{type:`button`,class:`menu-toggle`,"aria-expanded":o,"aria-controls":`main-nav`,onClick:()=>s(!o),children:a.menu}),J(`div`,{class:`site-header__tools`,children:[J(`label`,{class:`lang-switch`,children:[J(`span`,{class:`visually-hidden`,children:a.language}),J(`select`,{value:n,onChange:e=>r(e.target.value),children:lt.map(e=>J(`option`,{value:e,children:e===`id`?`Bahasa Indonesia`:`English`},e))})]}),e?J(`span`,{class:`who`,children:[J(`span`,{class:`who__name`,children:e.name}),J(`span`,{class:`who__role`,children:a[`role${e.role}`]}),J(`button`,{type:`button`,class:`button button--quiet`,onClick:async()=>{await t(),Dt(`/login`)},children:a.logout})]}):J(Q,{href:`/login`,class:`button button--quiet`,children:a.login})]})]}),J(`nav`,{id:`main-nav`,class:`main-nav${o?` main-nav--open`:``}`,"aria-label":a.mainNavigation,children:J(`ul`,{children:l.map(e=>J(`li`,{children:J(Q,{href:e.path,"aria-current":c.startsWith(e.path)?`page`:void 0,children:a[e.nav]})},e.path))})})]})}function en(){let{me:e,loading:t}=Kt(),{path:n}=kt(),{t:r}=Y();if(t)return J(qt,{});if(n===`/`)return e?J(Mt,{to:Ct[e.role]}):J(Xt,{});for(let t of St){let i=jt(t.path,n);if(i)return wt(t,e?.role??null)?J(Qt,{route:t,params:i},t.path):e?J(`p`,{class:`notice notice--error`,children:r(X).forbidden}):J(Mt,{to:`/login?next=${encodeURIComponent(n+location.search)}`})}return J(`p`,{class:`notice notice--error`,children:r(X).notFound})}function tn(){let{t:e}=Y();return J(x,{children:[J(`a`,{href:`#main`,class:`skip-link`,children:e(X).skipToContent}),J($t,{}),J(`main`,{id:`main`,tabIndex:-1,children:J(en,{})})]})}F(J(ht,{children:J(Gt,{children:J(tn,{})})}),document.getElementById(`app`));export{V as C,Ce as D,B as E,x as O,ot as S,we as T,J as _,zt as a,et as b,Dt as c,Ct as d,Z as f,Y as g,ft as h,Kt as i,y as k,At as l,dt as m,Jt as n,Q as o,X as p,qt as r,Mt as s,Yt as t,kt as u,q as v,Se as w,at as x,Qe as y};