import{_ as e,a as t,g as n,h as r,m as i,o as a}from"./index-CVOF2D2D.js";t(`
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
`);var o=i({trackingNumber:`Nomor`,title:`Judul`,classification:`Klasifikasi`,category:`Kategori`,status:`Status`,stage:`Tahap`,agency:`Instansi`,deadline:`Batas waktu`,created:`Dikirim`,overdue:`Terlambat`,noDeadline:`Tanpa batas waktu`,daysLeft:`{n} hari kerja lagi`,daysLeftOne:`1 hari kerja lagi`,dueToday:`Batas waktu hari ini`,deadlinePassed:`Batas waktu terlewati`,daysOverdue:`terlambat {n} hari kerja`,daysOverdueOne:`terlambat 1 hari kerja`,empty:`Tidak ada laporan.`,caption:`Daftar laporan`,COMPLAINT:`Pengaduan`,ASPIRATION:`Aspirasi`,INFORMATION_REQUEST:`Permintaan informasi`,SUBMITTED:`Belum Terverifikasi`,ON_HOLD:`Ditunda`,ARCHIVED:`Diarsipkan`,DISPOSED:`Terdisposisi, Belum Ditindaklanjuti`,IN_PROGRESS:`Sedang Ditindaklanjuti`,NOT_AUTHORITY_REQUESTED:`Pengajuan Bukan Wewenang`,CLOSED:`Selesai`},{trackingNumber:`Number`,title:`Title`,classification:`Classification`,category:`Category`,status:`Status`,stage:`Stage`,agency:`Agency`,deadline:`Deadline`,created:`Submitted`,overdue:`Overdue`,noDeadline:`No deadline`,daysLeft:`{n} working days left`,daysLeftOne:`1 working day left`,dueToday:`Due today`,deadlinePassed:`Deadline passed`,daysOverdue:`{n} working days overdue`,daysOverdueOne:`1 working day overdue`,empty:`No reports.`,caption:`Reports`,COMPLAINT:`Complaint`,ASPIRATION:`Aspiration`,INFORMATION_REQUEST:`Information request`,SUBMITTED:`Awaiting verification`,ON_HOLD:`On hold`,ARCHIVED:`Archived`,DISPOSED:`Disposed, awaiting follow-up`,IN_PROGRESS:`Being followed up`,NOT_AUTHORITY_REQUESTED:`Not-our-authority request pending`,CLOSED:`Closed`}),s=[`COMPLAINT`,`ASPIRATION`,`INFORMATION_REQUEST`];function c(){let{t:e}=n(),t=e(o);return{words:t,classification:e=>t[e],status:e=>t[e]}}function l(e,t){let n=e.workingDaysLeft;return n==null?e.deadline?``:t.noDeadline:n<0?n===-1?t.daysOverdueOne:r(t.daysOverdue,{n:-n}):n===0?e.isOverdue?t.deadlinePassed:t.dueToday:n===1?t.daysLeftOne:r(t.daysLeft,{n})}function u({report:t}){let{t:r,formatDateTime:i}=n(),a=r(o),s=l(t,a);return e(`span`,{class:`deadline`,children:[s&&e(`span`,{class:t.isOverdue?`deadline__days deadline__days--late`:`deadline__days`,children:s}),t.deadline&&e(`span`,{class:`deadline__date muted`,children:[` (`,i(t.deadline),`)`]}),t.isOverdue&&e(`span`,{class:`badge badge--bad`,children:a.overdue})]})}var d=[`trackingNumber`,`title`,`classification`,`category`,`status`,`stage`,`agency`,`deadline`];function f({reports:t,columns:r=d,hrefFor:i,caption:s,emptyText:c}){let{t:l,formatDateTime:f}=n(),p=l(o);if(!t.length)return e(`p`,{class:`muted report-list__empty`,children:c??p.empty});let m=e=>i?i(e):`/reports/${encodeURIComponent(e.id)}`,h=(t,n)=>{switch(t){case`trackingNumber`:return e(a,{href:m(n),class:`report-list__number`,children:n.trackingNumber});case`title`:return e(a,{href:m(n),class:`report-list__title user-text`,children:n.title});case`classification`:return p[n.classification];case`category`:return n.category||`—`;case`status`:return e(`span`,{class:`badge status status--${n.status.toLowerCase()}`,children:n.statusLabel});case`stage`:return n.stage.label;case`agency`:return n.agency?e(`span`,{title:n.agency.name,children:n.agency.code}):`—`;case`deadline`:return e(u,{report:n});case`created`:return f(n.createdAt)}};return e(`div`,{class:`report-list-wrap`,children:e(`table`,{class:`responsive report-list`,children:[e(`caption`,{class:`visually-hidden`,children:s??p.caption}),e(`thead`,{children:e(`tr`,{children:r.map(t=>e(`th`,{scope:`col`,children:p[t]},t))})}),e(`tbody`,{children:t.map(t=>e(`tr`,{class:t.isOverdue?`report-list__row report-list__row--overdue`:`report-list__row`,children:r.map(n=>e(`td`,{"data-label":p[n],children:h(n,t)},n))},t.id))})]})})}export{c as i,u as n,f as r,s as t};