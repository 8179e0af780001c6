import{C as e,E as t,O as n,_ as r,a as i,b as a,c as o,g as s,h as c,i as l,m as u,n as d,p as f,r as p,v as m}from"./index-C9WHuzQk.js";import{t as h}from"./use-query-BzY_IEMd.js";import{a as g,n as _,o as v,s as y,t as b}from"./form-C0hWbG6L.js";var x=u({title:`Pengaturan`,profile:`Profil saya`,name:`Nama`,phone:`Nomor telepon`,phoneHint:`Nomor Indonesia: 0…, 62… atau +62…`,email:`E-mail`,saveProfile:`Simpan profil`,profileSaved:`Profil disimpan.`,password:`Ganti kata sandi`,currentPassword:`Kata sandi saat ini`,newPassword:`Kata sandi baru`,confirmPassword:`Ulangi kata sandi baru`,passwordMismatch:`Kedua kata sandi baru tidak sama.`,changePassword:`Ganti kata sandi`,passwordChanged:`Kata sandi diganti. Sesi lain telah diakhiri; sesi ini tetap berlaku.`,sessions:`Sesi saya`,sessionsLead:`Setiap login yang masih berlaku. Akhiri sesi yang tidak Anda kenali.`,sessionStarted:`Dimulai`,sessionExpires:`Berakhir`,thisSession:`Sesi ini`,revoke:`Akhiri sesi`,revokeCurrent:`Keluar (akhiri sesi ini)`,revoked:`Sesi diakhiri.`,noSessions:`Tidak ada sesi lain.`,agencyProfile:`Profil instansi`,agencyLead:`Data yang tampil untuk publik tentang {agency}.`,address:`Alamat`,website:`Situs web`,websiteHint:`Alamat http:// atau https://`,description:`Deskripsi`,serviceHours:`Jam layanan`,serviceHoursHint:`Mis. Senin–Jumat 08.00–16.00`,officials:`Pejabat`,officialsLead:`Urutan di sini adalah urutan yang tampil di profil.`,officialName:`Nama pejabat`,officialPosition:`Jabatan`,addOfficial:`Tambah pejabat`,removeOfficial:`Hapus pejabat {n}`,moveUp:`Naikkan pejabat {n}`,moveDown:`Turunkan pejabat {n}`,noOfficials:`Belum ada pejabat.`,official:`Pejabat {n}`,saveAgency:`Simpan profil instansi`,agencySaved:`Profil instansi disimpan.`},{title:`Settings`,profile:`My profile`,name:`Name`,phone:`Phone number`,phoneHint:`An Indonesian number: 0…, 62… or +62…`,email:`E-mail`,saveProfile:`Save profile`,profileSaved:`Profile saved.`,password:`Change password`,currentPassword:`Current password`,newPassword:`New password`,confirmPassword:`Repeat the new password`,passwordMismatch:`The two new passwords differ.`,changePassword:`Change password`,passwordChanged:`Password changed. Your other sessions were ended; this one stays.`,sessions:`My sessions`,sessionsLead:`Every login that still works. End the ones you do not recognise.`,sessionStarted:`Started`,sessionExpires:`Expires`,thisSession:`This session`,revoke:`End session`,revokeCurrent:`Log out (end this session)`,revoked:`Session ended.`,noSessions:`No other sessions.`,agencyProfile:`Agency profile`,agencyLead:`What the public sees about {agency}.`,address:`Address`,website:`Website`,websiteHint:`An http:// or https:// address`,description:`Description`,serviceHours:`Service hours`,serviceHoursHint:`E.g. Monday–Friday 08:00–16:00`,officials:`Officials`,officialsLead:`The order here is the order on the profile.`,officialName:`Official’s name`,officialPosition:`Position`,addOfficial:`Add an official`,removeOfficial:`Delete official {n}`,moveUp:`Move official {n} up`,moveDown:`Move official {n} down`,noOfficials:`No officials yet.`,official:`Official {n}`,saveAgency:`Save agency profile`,agencySaved:`Agency profile saved.`}),S=i(`
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
`),C=i(`
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
`),w=i(`
  query SettingsSessions {
    mySessions {
      id
      createdAt
      expiresAt
      isCurrent
    }
  }
`),T=i(`
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
`);i(`
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
`);var E=i(`
  query SettingsAgency($id: ID!) {
    agency(id: $id) {
      ...SettingsAgencyProfile
    }
  }
`),D=i(`
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
`);function O({id:e,label:t,value:n,onInput:i,errors:a,field:o,hint:s,type:c=`text`,autocomplete:l,multiline:u,required:d}){let f=v(a,o),p={id:e,name:o,value:n,required:d,autocomplete:l,onInput:e=>i(e.target.value),...g(e,f,s)};return r(b,{id:e,label:t,error:f,hint:s,children:u?r(`textarea`,{rows:3,...p}):r(`input`,{type:c,...p})})}function k(e,t){return[{code:`ERROR`,message:e instanceof m?e.message:t}]}function A({text:e}){return r(`div`,{role:`status`,"aria-live":`polite`,children:e&&r(`p`,{class:`notice notice--success`,children:e})})}function j({me:e}){let{t:n}=s(),i=n(x),{reload:o}=l(),[c,u]=t(e.name),[d,p]=t(e.phone??``),[m,h]=t(e.email??``),[g,v]=t([]),[b,C]=t(null),[w,T]=t(!1);return r(`section`,{class:`card settings-section`,"aria-labelledby":`settings-profile`,children:[r(`h2`,{id:`settings-profile`,children:i.profile}),r(`form`,{class:`stack`,onSubmit:async e=>{e.preventDefault(),T(!0),C(null);try{let{accountUpdate:e}=await a(S,{input:{name:c.trim(),phone:d.trim(),email:m.trim()}});v(e.errors),e.errors.length||(C(i.profileSaved),await o())}catch(e){v(k(e,n(f).unexpectedError))}finally{T(!1)}},noValidate:!0,children:[r(O,{id:`profile-name`,field:`name`,label:i.name,value:c,onInput:u,errors:g,autocomplete:`name`,required:!0}),r(O,{id:`profile-email`,field:`email`,type:`email`,label:i.email,value:m,onInput:h,errors:g,autocomplete:`email`}),r(O,{id:`profile-phone`,field:`phone`,type:`tel`,label:i.phone,hint:i.phoneHint,value:d,onInput:p,errors:g,autocomplete:`tel`}),r(_,{errors:y(g,[`name`,`email`,`phone`])}),r(A,{text:b}),r(`button`,{type:`submit`,class:`button button--primary`,disabled:w,children:i.saveProfile})]})]})}function M(){let{t:e}=s(),n=e(x),[i,o]=t(``),[c,l]=t(``),[u,d]=t(``),[p,m]=t([]),[h,g]=t(null),[v,b]=t(!1);return r(`section`,{class:`card settings-section`,"aria-labelledby":`settings-password`,children:[r(`h2`,{id:`settings-password`,children:n.password}),r(`form`,{class:`stack`,onSubmit:async t=>{if(t.preventDefault(),g(null),c!==u)m([{field:`confirmPassword`,code:`INVALID`,message:n.passwordMismatch}]);else{b(!0);try{let{passwordChange:e}=await a(C,{input:{currentPassword:i,newPassword:c}});m(e.errors),e.errors.length||(o(``),l(``),d(``),g(n.passwordChanged))}catch(t){m(k(t,e(f).unexpectedError))}finally{b(!1)}}},noValidate:!0,children:[r(O,{id:`password-current`,field:`currentPassword`,type:`password`,label:n.currentPassword,value:i,onInput:o,errors:p,autocomplete:`current-password`,required:!0}),r(O,{id:`password-new`,field:`newPassword`,type:`password`,label:n.newPassword,value:c,onInput:l,errors:p,autocomplete:`new-password`,required:!0}),r(O,{id:`password-confirm`,field:`confirmPassword`,type:`password`,label:n.confirmPassword,value:u,onInput:d,errors:p,autocomplete:`new-password`,required:!0}),r(_,{errors:y(p,[`currentPassword`,`newPassword`,`confirmPassword`])}),r(A,{text:h}),r(`button`,{type:`submit`,class:`button button--primary`,disabled:v,children:n.changePassword})]})]})}function N(){let{t:e,formatDateTime:n}=s(),i=e(x),{logout:c}=l(),{data:u,error:m,reload:g}=h(w,{}),[v,y]=t([]),[b,S]=t(null),[C,E]=t(null),D=async(t,n)=>{E(t),S(null);try{if(n){await c(),o(`/login`);return}let{sessionRevoke:e}=await a(T,{input:{id:t}});y(e.errors),e.errors.length||(S(i.revoked),await g())}catch(t){y(k(t,e(f).unexpectedError))}finally{E(null)}};return r(`section`,{class:`card settings-section`,"aria-labelledby":`settings-sessions`,children:[r(`h2`,{id:`settings-sessions`,children:i.sessions}),r(`p`,{class:`muted`,children:i.sessionsLead}),m?r(d,{error:m}):u?r(`ul`,{class:`session-list`,children:u.mySessions.map(e=>r(`li`,{class:`session-list__item${e.isCurrent?` session-list__item--current`:``}`,children:[r(`div`,{children:[e.isCurrent&&r(`span`,{class:`badge badge--ok`,children:i.thisSession}),r(`div`,{children:[i.sessionStarted,`: `,r(`time`,{dateTime:e.createdAt,children:n(e.createdAt)})]}),r(`div`,{class:`muted`,children:[i.sessionExpires,`: `,r(`time`,{dateTime:e.expiresAt,children:n(e.expiresAt)})]})]}),r(`button`,{type:`button`,class:`button${e.isCurrent?` button--danger`:``}`,disabled:C!==null,onClick:()=>D(e.id,e.isCurrent),children:e.isCurrent?i.revokeCurrent:i.revoke})]},e.id))}):r(p,{}),r(_,{errors:v}),r(A,{text:b})]})}var P=0,F=e=>e.officials.map(e=>({key:++P,name:e.name,position:e.position})),I=e=>({address:e.address,phone:e.phone,email:e.email,website:e.website,description:e.description,serviceHours:e.serviceHours});function L({agency:e}){let{t:n}=s(),i=n(x),o=n(f),[l,u]=t(()=>I(e)),[d,p]=t(()=>F(e)),[m,h]=t([]),[g,v]=t(null),[b,S]=t(!1),C=e=>t=>u({...l,[e]:t}),w=(e,t)=>p(d.map((n,r)=>r===e?{...n,...t}:n)),T=(e,t)=>{let n=[...d],[r]=n.splice(e,1);n.splice(e+t,0,r),p(n)},E=async t=>{t.preventDefault(),S(!0),v(null);try{let{agencyProfileUpdate:t}=await a(D,{input:{id:e.id,address:l.address.trim(),phone:l.phone.trim(),email:l.email.trim(),website:l.website.trim(),description:l.description.trim(),serviceHours:l.serviceHours.trim(),officials:d.map(e=>({name:e.name.trim(),position:e.position.trim()}))}});h(t.errors),!t.errors.length&&t.agency&&(u(I(t.agency)),p(F(t.agency)),v(i.agencySaved))}catch(e){h(k(e,o.unexpectedError))}finally{S(!1)}},j=[`address`,`phone`,`email`,`website`,`description`,`serviceHours`,...d.flatMap((e,t)=>[`officials.${t}.name`,`officials.${t}.position`])];return r(`form`,{class:`stack`,onSubmit:E,noValidate:!0,children:[r(O,{id:`agency-address`,field:`address`,label:i.address,value:l.address,onInput:C(`address`),errors:m,multiline:!0,autocomplete:`street-address`}),r(`div`,{class:`settings-grid`,children:[r(O,{id:`agency-phone`,field:`phone`,type:`tel`,label:i.phone,hint:i.phoneHint,value:l.phone,onInput:C(`phone`),errors:m}),r(O,{id:`agency-email`,field:`email`,type:`email`,label:i.email,value:l.email,onInput:C(`email`),errors:m}),r(O,{id:`agency-website`,field:`website`,type:`url`,label:i.website,hint:i.websiteHint,value:l.website,onInput:C(`website`),errors:m})]}),r(O,{id:`agency-service-hours`,field:`serviceHours`,label:i.serviceHours,hint:i.serviceHoursHint,value:l.serviceHours,onInput:C(`serviceHours`),errors:m,multiline:!0}),r(O,{id:`agency-description`,field:`description`,label:i.description,value:l.description,onInput:C(`description`),errors:m,multiline:!0}),r(`fieldset`,{class:`officials`,children:[r(`legend`,{children:i.officials}),r(`p`,{class:`muted`,children:i.officialsLead}),d.length===0&&r(`p`,{class:`muted`,children:i.noOfficials}),r(`ol`,{class:`officials__list`,children:d.map((e,t)=>{let n=t+1;return r(`li`,{class:`officials__row`,"aria-label":c(i.official,{n}),children:[r(O,{id:`official-${e.key}-name`,field:`officials.${t}.name`,label:i.officialName,value:e.name,onInput:e=>w(t,{name:e}),errors:m,required:!0}),r(O,{id:`official-${e.key}-position`,field:`officials.${t}.position`,label:i.officialPosition,value:e.position,onInput:e=>w(t,{position:e}),errors:m,required:!0}),r(`div`,{class:`officials__tools`,children:[r(`button`,{type:`button`,class:`button button--quiet`,"aria-label":c(i.moveUp,{n}),title:c(i.moveUp,{n}),disabled:t===0,onClick:()=>T(t,-1),children:`↑`}),r(`button`,{type:`button`,class:`button button--quiet`,"aria-label":c(i.moveDown,{n}),title:c(i.moveDown,{n}),disabled:t===d.length-1,onClick:()=>T(t,1),children:`↓`}),r(`button`,{type:`button`,class:`button button--danger`,"aria-label":c(i.removeOfficial,{n}),onClick:()=>p(d.filter((e,n)=>n!==t)),children:o.delete})]})]},e.key)})}),r(`button`,{type:`button`,class:`button`,onClick:()=>{p([...d,{key:++P,name:``,position:``}]),requestAnimationFrame(()=>document.getElementById(`official-${P}-name`)?.focus())},children:[`+ `,i.addOfficial]})]}),r(_,{errors:y(m,j)}),r(A,{text:g}),r(`button`,{type:`submit`,class:`button button--primary`,disabled:b,children:i.saveAgency})]})}function R({agencyId:e}){let{t}=s(),i=t(x),{data:a,error:o}=h(E,{id:e});return r(`section`,{class:`card settings-section settings-section--wide`,"aria-labelledby":`settings-agency`,children:[r(`h2`,{id:`settings-agency`,children:i.agencyProfile}),o?r(d,{error:o}):a?a.agency?r(n,{children:[r(`p`,{class:`muted`,children:c(i.agencyLead,{agency:`${a.agency.name} (${a.agency.code})`})}),r(L,{agency:a.agency},a.agency.id)]}):null:r(p,{})]})}function z(t){let{me:n}=l(),{t:i}=s(),a=i(x);return e(()=>{n||o(`/login`,{replace:!0})},[n]),n?r(`section`,{class:`settings`,children:[r(`h1`,{children:a.title}),r(`div`,{class:`settings-layout`,children:[r(j,{me:n},n.id),r(M,{}),r(N,{}),n.role===`LIAISON`&&n.agency&&r(R,{agencyId:n.agency.id})]})]}):r(p,{})}export{z as default};