import{E as e,_ as t,a as n,b as r,f as i,g as a,i as o,s,t as c,v as l}from"./index-C9WHuzQk.js";import{a as u,n as d,o as f,s as p,t as m}from"./form-C0hWbG6L.js";var h=n(`
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
`);function g(){let{t:n}=a(),g=n(c),{login:_,me:v}=o(),[y,b]=e(``),[x,S]=e(``),[C,w]=e(``),[T,E]=e([]),[D,O]=e(!1);if(v)return t(s,{to:i[v.role]});let k=async e=>{e.preventDefault(),O(!0);try{let{passwordReset:e}=await r(h,{input:{secret:x.trim(),newPassword:C}});if(e.errors.length||!e.user){E(e.errors);return}E(await _(e.user.email??y.trim(),C))}catch(e){E([{code:`ERROR`,message:e instanceof l?e.message:String(e)}])}finally{O(!1)}},A=f(T,`secret`),j=f(T,`newPassword`);return t(`section`,{class:`narrow`,children:[t(`h1`,{children:g.setupTitle}),t(`p`,{children:g.setupIntro}),t(`form`,{onSubmit:k,class:`stack`,noValidate:!0,children:[t(m,{id:`setup-email`,label:g.email,children:t(`input`,{id:`setup-email`,type:`email`,autocomplete:`username`,required:!0,value:y,onInput:e=>b(e.target.value)})}),t(m,{id:`setup-secret`,label:g.secret,error:A,children:t(`input`,{id:`setup-secret`,autocomplete:`one-time-code`,required:!0,value:x,onInput:e=>S(e.target.value),...u(`setup-secret`,A)})}),t(m,{id:`setup-password`,label:g.newPassword,error:j,hint:g.newPasswordHint,children:t(`input`,{id:`setup-password`,type:`password`,autocomplete:`new-password`,required:!0,value:C,onInput:e=>w(e.target.value),...u(`setup-password`,j,g.newPasswordHint)})}),t(d,{errors:p(T,[`secret`,`newPassword`])}),t(`button`,{type:`submit`,class:`button button--primary`,disabled:D,children:g.setupSubmit})]})]})}export{g as default};