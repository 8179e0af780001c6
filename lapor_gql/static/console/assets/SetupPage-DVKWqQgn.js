import{_ as e,a as t,f as n,g as r,i,j as a,s as o,t as s,v as c,w as l}from"./index-DLRb2nG7.js";import{a as u,n as d,o as f,s as p,t as m}from"./form-BbdzBduc.js";var h=t(`
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
`);function g(){let{t}=r(),g=t(s),{login:_,me:v}=i(),[y,b]=a(``),[x,S]=a(``),[C,w]=a(``),[T,E]=a([]),[D,O]=a(!1);if(v)return e(o,{to:n[v.role]});let k=async e=>{e.preventDefault(),O(!0);try{let{passwordReset:e}=await l(h,{input:{secret:x.trim(),newPassword:C}});if(e.errors.length||!e.user){E(e.errors);return}E(await _(e.user.email??y.trim(),C))}catch(e){E([{code:`ERROR`,message:e instanceof c?e.message:String(e)}])}finally{O(!1)}},A=f(T,`secret`),j=f(T,`newPassword`);return e(`section`,{class:`narrow`,children:[e(`h1`,{children:g.setupTitle}),e(`p`,{children:g.setupIntro}),e(`form`,{onSubmit:k,class:`stack`,noValidate:!0,children:[e(m,{id:`setup-email`,label:g.email,children:e(`input`,{id:`setup-email`,type:`email`,autocomplete:`username`,required:!0,value:y,onInput:e=>b(e.target.value)})}),e(m,{id:`setup-secret`,label:g.secret,error:A,children:e(`input`,{id:`setup-secret`,autocomplete:`one-time-code`,required:!0,value:x,onInput:e=>S(e.target.value),...u(`setup-secret`,A)})}),e(m,{id:`setup-password`,label:g.newPassword,error:j,hint:g.newPasswordHint,children:e(`input`,{id:`setup-password`,type:`password`,autocomplete:`new-password`,required:!0,value:C,onInput:e=>w(e.target.value),...u(`setup-password`,j,g.newPasswordHint)})}),e(d,{errors:p(T,[`secret`,`newPassword`])}),e(`button`,{type:`submit`,class:`button button--primary`,disabled:D,children:g.setupSubmit})]})]})}export{g as default};