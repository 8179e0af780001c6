import{N as e,O as t,_ as n,a as r,c as i,g as a,h as o,i as s,j as c,m as l,n as u,p as d,r as f,v as p,w as m}from"./index-DLRb2nG7.js";import{t as h}from"./use-query-BzAO6QTB.js";import{a as g,n as _,o as v,s as y,t as b}from"./form-BbdzBduc.js";var x=l({title:`Pengaturan`,profile:`Profil saya`,name:`Nama`,phone:`Nomor telepon`,phoneHint:`Nomor Indonesia: 0…, 62… atau +62…`,email:`E-mail`,saveProfile:`Simpan profil`,profileSaved:`Profil disimpan.`,password:`Ganti kata sandi`,currentPassword:`Kata sandi saat ini`,newPassword:`Kata sandi baru`,confirmPassword:`Ulangi kata sandi baru`,passwordMismatch:`Kedua kata sandi baru tidak sama.`,changePassword:`Ganti kata sandi`,passwordChanged:`Kata sandi diganti. Sesi lain telah diakhiri; sesi ini tetap berlaku.`,sessions:`Sesi saya`,sessionsLead:`Setiap login yang masih berlaku. Akhiri sesi yang tidak Anda kenali.`,sessionStarted:`Dimulai`,sessionExpires:`Berakhir`,thisSession:`Sesi ini`,revoke:`Akhiri sesi`,revokeCurrent:`Keluar (akhiri sesi ini)`,revoked:`Sesi diakhiri.`,noSessions:`Tidak ada sesi lain.`,agencyProfile:`Profil instansi`,agencyLead:`Data yang tampil untuk publik tentang {agency}.`,address:`Alamat`,website:`Situs web`,websiteHint:`Alamat http:// atau https://`,description:`Deskripsi`,serviceHours:`Jam layanan`,serviceHoursHint:`Mis. Senin–Jumat 08.00–16.00`,officials:`Pejabat`,officialsLead:`Urutan di sini adalah urutan yang tampil di profil.`,officialName:`Nama pejabat`,officialPosition:`Jabatan`,addOfficial:`Tambah pejabat`,removeOfficial:`Hapus pejabat {n}`,moveUp:`Naikkan pejabat {n}`,moveDown:`Turunkan pejabat {n}`,noOfficials:`Belum ada pejabat.`,official:`Pejabat {n}`,saveAgency:`Simpan profil instansi`,agencySaved:`Profil instansi disimpan.`},{title:`Settings`,profile:`My profile`,name:`Name`,phone:`Phone number`,phoneHint:`An Indonesian number: 0…, 62… or +62…`,email:`E-mail`,saveProfile:`Save profile`,profileSaved:`Profile saved.`,password:`Change password`,currentPassword:`Current password`,newPassword:`New password`,confirmPassword:`Repeat the new password`,passwordMismatch:`The two new passwords differ.`,changePassword:`Change password`,passwordChanged:`Password changed. Your other sessions were ended; this one stays.`,sessions:`My sessions`,sessionsLead:`Every login that still works. End the ones you do not recognise.`,sessionStarted:`Started`,sessionExpires:`Expires`,thisSession:`This session`,revoke:`End session`,revokeCurrent:`Log out (end this session)`,revoked:`Session ended.`,noSessions:`No other sessions.`,agencyProfile:`Agency profile`,agencyLead:`What the public sees about {agency}.`,address:`Address`,website:`Website`,websiteHint:`An http:// or https:// address`,description:`Description`,serviceHours:`Service hours`,serviceHoursHint:`E.g. Monday–Friday 08:00–16:00`,officials:`Officials`,officialsLead:`The order here is the order on the profile.`,officialName:`Official’s name`,officialPosition:`Position`,addOfficial:`Add an official`,removeOfficial:`Delete official {n}`,moveUp:`Move official {n} up`,moveDown:`Move official {n} down`,noOfficials:`No officials yet.`,official:`Official {n}`,saveAgency:`Save agency profile`,agencySaved:`Agency profile saved.`}),S=r(`
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
`),C=r(`
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
`),w=r(`
  query SettingsSessions {
    mySessions {
      id
      createdAt
      expiresAt
      isCurrent
    }
  }
`),T=r(`
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
`);r(`
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
`);var E=r(`
  query SettingsAgency($id: ID!) {
    agency(id: $id) {
      ...SettingsAgencyProfile
    }
  }
`),D=r(`
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
`);function O({id:e,label:t,value:r,onInput:i,errors:a,field:o,hint:s,type:c=`text`,autocomplete:l,multiline:u,required:d}){let f=v(a,o),p={id:e,name:o,value:r,required:d,autocomplete:l,onInput:e=>i(e.target.value),...g(e,f,s)};return n(b,{id:e,label:t,error:f,hint:s,children:u?n(`textarea`,{rows:3,...p}):n(`input`,{type:c,...p})})}function k(e,t){return[{code:`ERROR`,message:e instanceof p?e.message:t}]}function A({text:e}){return n(`div`,{role:`status`,"aria-live":`polite`,children:e&&n(`p`,{class:`notice notice--success`,children:e})})}function j({me:e}){let{t}=a(),r=t(x),{reload:i}=s(),[o,l]=c(e.name),[u,f]=c(e.phone??``),[p,h]=c(e.email??``),[g,v]=c([]),[b,C]=c(null),[w,T]=c(!1);return n(`section`,{class:`card settings-section`,"aria-labelledby":`settings-profile`,children:[n(`h2`,{id:`settings-profile`,children:r.profile}),n(`form`,{class:`stack`,onSubmit:async e=>{e.preventDefault(),T(!0),C(null);try{let{accountUpdate:e}=await m(S,{input:{name:o.trim(),phone:u.trim(),email:p.trim()}});v(e.errors),e.errors.length||(C(r.profileSaved),await i())}catch(e){v(k(e,t(d).unexpectedError))}finally{T(!1)}},noValidate:!0,children:[n(O,{id:`profile-name`,field:`name`,label:r.name,value:o,onInput:l,errors:g,autocomplete:`name`,required:!0}),n(O,{id:`profile-email`,field:`email`,type:`email`,label:r.email,value:p,onInput:h,errors:g,autocomplete:`email`}),n(O,{id:`profile-phone`,field:`phone`,type:`tel`,label:r.phone,hint:r.phoneHint,value:u,onInput:f,errors:g,autocomplete:`tel`}),n(_,{errors:y(g,[`name`,`email`,`phone`])}),n(A,{text:b}),n(`button`,{type:`submit`,class:`button button--primary`,disabled:w,children:r.saveProfile})]})]})}function M(){let{t:e}=a(),t=e(x),[r,i]=c(``),[o,s]=c(``),[l,u]=c(``),[f,p]=c([]),[h,g]=c(null),[v,b]=c(!1);return n(`section`,{class:`card settings-section`,"aria-labelledby":`settings-password`,children:[n(`h2`,{id:`settings-password`,children:t.password}),n(`form`,{class:`stack`,onSubmit:async n=>{if(n.preventDefault(),g(null),o!==l)p([{field:`confirmPassword`,code:`INVALID`,message:t.passwordMismatch}]);else{b(!0);try{let{passwordChange:e}=await m(C,{input:{currentPassword:r,newPassword:o}});p(e.errors),e.errors.length||(i(``),s(``),u(``),g(t.passwordChanged))}catch(t){p(k(t,e(d).unexpectedError))}finally{b(!1)}}},noValidate:!0,children:[n(O,{id:`password-current`,field:`currentPassword`,type:`password`,label:t.currentPassword,value:r,onInput:i,errors:f,autocomplete:`current-password`,required:!0}),n(O,{id:`password-new`,field:`newPassword`,type:`password`,label:t.newPassword,value:o,onInput:s,errors:f,autocomplete:`new-password`,required:!0}),n(O,{id:`password-confirm`,field:`confirmPassword`,type:`password`,label:t.confirmPassword,value:l,onInput:u,errors:f,autocomplete:`new-password`,required:!0}),n(_,{errors:y(f,[`currentPassword`,`newPassword`,`confirmPassword`])}),n(A,{text:h}),n(`button`,{type:`submit`,class:`button button--primary`,disabled:v,children:t.changePassword})]})]})}function N(){let{t:e,formatDateTime:t}=a(),r=e(x),{logout:o}=s(),{data:l,error:p,reload:g}=h(w,{}),[v,y]=c([]),[b,S]=c(null),[C,E]=c(null),D=async(t,n)=>{E(t),S(null);try{if(n){await o(),i(`/login`);return}let{sessionRevoke:e}=await m(T,{input:{id:t}});y(e.errors),e.errors.length||(S(r.revoked),await g())}catch(t){y(k(t,e(d).unexpectedError))}finally{E(null)}};return n(`section`,{class:`card settings-section`,"aria-labelledby":`settings-sessions`,children:[n(`h2`,{id:`settings-sessions`,children:r.sessions}),n(`p`,{class:`muted`,children:r.sessionsLead}),p?n(u,{error:p}):l?n(`ul`,{class:`session-list`,children:l.mySessions.map(e=>n(`li`,{class:`session-list__item${e.isCurrent?` session-list__item--current`:``}`,children:[n(`div`,{children:[e.isCurrent&&n(`span`,{class:`badge badge--ok`,children:r.thisSession}),n(`div`,{children:[r.sessionStarted,`: `,n(`time`,{dateTime:e.createdAt,children:t(e.createdAt)})]}),n(`div`,{class:`muted`,children:[r.sessionExpires,`: `,n(`time`,{dateTime:e.expiresAt,children:t(e.expiresAt)})]})]}),n(`button`,{type:`button`,class:`button${e.isCurrent?` button--danger`:``}`,disabled:C!==null,onClick:()=>D(e.id,e.isCurrent),children:e.isCurrent?r.revokeCurrent:r.revoke})]},e.id))}):n(f,{}),n(_,{errors:v}),n(A,{text:b})]})}var P=0,F=e=>e.officials.map(e=>({key:++P,name:e.name,position:e.position})),I=e=>({address:e.address,phone:e.phone,email:e.email,website:e.website,description:e.description,serviceHours:e.serviceHours});function L({agency:e}){let{t}=a(),r=t(x),i=t(d),[s,l]=c(()=>I(e)),[u,f]=c(()=>F(e)),[p,h]=c([]),[g,v]=c(null),[b,S]=c(!1),C=e=>t=>l({...s,[e]:t}),w=(e,t)=>f(u.map((n,r)=>r===e?{...n,...t}:n)),T=(e,t)=>{let n=[...u],[r]=n.splice(e,1);n.splice(e+t,0,r),f(n)},E=async t=>{t.preventDefault(),S(!0),v(null);try{let{agencyProfileUpdate:t}=await m(D,{input:{id:e.id,address:s.address.trim(),phone:s.phone.trim(),email:s.email.trim(),website:s.website.trim(),description:s.description.trim(),serviceHours:s.serviceHours.trim(),officials:u.map(e=>({name:e.name.trim(),position:e.position.trim()}))}});h(t.errors),!t.errors.length&&t.agency&&(l(I(t.agency)),f(F(t.agency)),v(r.agencySaved))}catch(e){h(k(e,i.unexpectedError))}finally{S(!1)}},j=[`address`,`phone`,`email`,`website`,`description`,`serviceHours`,...u.flatMap((e,t)=>[`officials.${t}.name`,`officials.${t}.position`])];return n(`form`,{class:`stack`,onSubmit:E,noValidate:!0,children:[n(O,{id:`agency-address`,field:`address`,label:r.address,value:s.address,onInput:C(`address`),errors:p,multiline:!0,autocomplete:`street-address`}),n(`div`,{class:`settings-grid`,children:[n(O,{id:`agency-phone`,field:`phone`,type:`tel`,label:r.phone,hint:r.phoneHint,value:s.phone,onInput:C(`phone`),errors:p}),n(O,{id:`agency-email`,field:`email`,type:`email`,label:r.email,value:s.email,onInput:C(`email`),errors:p}),n(O,{id:`agency-website`,field:`website`,type:`url`,label:r.website,hint:r.websiteHint,value:s.website,onInput:C(`website`),errors:p})]}),n(O,{id:`agency-service-hours`,field:`serviceHours`,label:r.serviceHours,hint:r.serviceHoursHint,value:s.serviceHours,onInput:C(`serviceHours`),errors:p,multiline:!0}),n(O,{id:`agency-description`,field:`description`,label:r.description,value:s.description,onInput:C(`description`),errors:p,multiline:!0}),n(`fieldset`,{class:`officials`,children:[n(`legend`,{children:r.officials}),n(`p`,{class:`muted`,children:r.officialsLead}),u.length===0&&n(`p`,{class:`muted`,children:r.noOfficials}),n(`ol`,{class:`officials__list`,children:u.map((e,t)=>{let a=t+1;return n(`li`,{class:`officials__row`,"aria-label":o(r.official,{n:a}),children:[n(O,{id:`official-${e.key}-name`,field:`officials.${t}.name`,label:r.officialName,value:e.name,onInput:e=>w(t,{name:e}),errors:p,required:!0}),n(O,{id:`official-${e.key}-position`,field:`officials.${t}.position`,label:r.officialPosition,value:e.position,onInput:e=>w(t,{position:e}),errors:p,required:!0}),n(`div`,{class:`officials__tools`,children:[n(`button`,{type:`button`,class:`button button--quiet`,"aria-label":o(r.moveUp,{n:a}),title:o(r.moveUp,{n:a}),disabled:t===0,onClick:()=>T(t,-1),children:`↑`}),n(`button`,{type:`button`,class:`button button--quiet`,"aria-label":o(r.moveDown,{n:a}),title:o(r.moveDown,{n:a}),disabled:t===u.length-1,onClick:()=>T(t,1),children:`↓`}),n(`button`,{type:`button`,class:`button button--danger`,"aria-label":o(r.removeOfficial,{n:a}),onClick:()=>f(u.filter((e,n)=>n!==t)),children:i.delete})]})]},e.key)})}),n(`button`,{type:`button`,class:`button`,onClick:()=>{f([...u,{key:++P,name:``,position:``}]),requestAnimationFrame(()=>document.getElementById(`official-${P}-name`)?.focus())},children:[`+ `,r.addOfficial]})]}),n(_,{errors:y(p,j)}),n(A,{text:g}),n(`button`,{type:`submit`,class:`button button--primary`,disabled:b,children:r.saveAgency})]})}function R({agencyId:t}){let{t:r}=a(),i=r(x),{data:s,error:c}=h(E,{id:t});return n(`section`,{class:`card settings-section settings-section--wide`,"aria-labelledby":`settings-agency`,children:[n(`h2`,{id:`settings-agency`,children:i.agencyProfile}),c?n(u,{error:c}):s?s.agency?n(e,{children:[n(`p`,{class:`muted`,children:o(i.agencyLead,{agency:`${s.agency.name} (${s.agency.code})`})}),n(L,{agency:s.agency},s.agency.id)]}):null:n(f,{})]})}function z(e){let{me:r}=s(),{t:o}=a(),c=o(x);return t(()=>{r||i(`/login`,{replace:!0})},[r]),r?n(`section`,{class:`settings`,children:[n(`h1`,{children:c.title}),n(`div`,{class:`settings-layout`,children:[n(j,{me:r},r.id),n(M,{}),n(N,{}),r.role===`LIAISON`&&r.agency&&n(R,{agencyId:r.agency.id})]})]}):n(f,{})}export{z as default};