import{_ as e,a as t,g as n,m as r}from"./index-DLRb2nG7.js";t(`
  fragment ComplianceFigures on Compliance {
    met
    missed
    pending
    measured
    rate
  }
`);var i=r({bandGREEN:`Hijau`,bandYELLOW:`Kuning`,bandRED:`Merah`,bandNONE:`Belum terukur`,bandLabel:`Kategori ketepatan waktu: {band}`,noRate:`—`,days:`{n} hari kerja`,dayOne:`1 hari kerja`},{bandGREEN:`Green`,bandYELLOW:`Yellow`,bandRED:`Red`,bandNONE:`Not measured yet`,bandLabel:`Compliance band: {band}`,noRate:`—`,days:`{n} working days`,dayOne:`1 working day`}),a={GREEN:`#1e6b36`,YELLOW:`#c98a00`,RED:`#a11616`,NONE:`#8a8a94`};function o({band:t}){let{t:r}=n(),a=r(i);return e(`span`,{class:`band band--${t.toLowerCase()}`,children:a[`band${t}`]})}function s(){let{t:e,locale:t}=n(),r=e(i),a=(e,n=0)=>e.toLocaleString(t,{minimumFractionDigits:0,maximumFractionDigits:n});return{number:e=>a(e),rate:e=>e==null?r.noRate:e.toLocaleString(t,{style:`percent`,maximumFractionDigits:1}),days:e=>e==null?r.noRate:e===1?r.dayOne:r.days.replace(`{n}`,a(e,1)),dayCount:e=>e==null?r.noRate:a(e,1)}}export{s as i,o as n,i as r,a as t};