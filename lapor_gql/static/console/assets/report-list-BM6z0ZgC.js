import{N as e,_ as t,a as n,g as r,h as i,m as a,o}from"./index-DLRb2nG7.js";n(`
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
`);var s=a({trackingNumber:`Nomor`,title:`Judul`,classification:`Klasifikasi`,category:`Kategori`,status:`Status`,stage:`Tahap`,agency:`Instansi`,deadline:`Batas waktu`,created:`Dikirim`,overdue:`Terlambat`,noDeadline:`Tanpa batas waktu`,daysLeft:`{n} hari kerja lagi`,daysLeftOne:`1 hari kerja lagi`,dueToday:`Batas waktu hari ini`,deadlinePassed:`Batas waktu terlewati`,daysOverdue:`terlambat {n} hari kerja`,daysOverdueOne:`terlambat 1 hari kerja`,empty:`Tidak ada laporan.`,caption:`Daftar laporan`,COMPLAINT:`Pengaduan`,ASPIRATION:`Aspirasi`,INFORMATION_REQUEST:`Permintaan informasi`,SUBMITTED:`Belum Terverifikasi`,ON_HOLD:`Ditunda`,ARCHIVED:`Diarsipkan`,DISPOSED:`Terdisposisi, Belum Ditindaklanjuti`,IN_PROGRESS:`Sedang Ditindaklanjuti`,NOT_AUTHORITY_REQUESTED:`Pengajuan Bukan Wewenang`,CLOSED:`Selesai`},{trackingNumber:`Number`,title:`Title`,classification:`Classification`,category:`Category`,status:`Status`,stage:`Stage`,agency:`Agency`,deadline:`Deadline`,created:`Submitted`,overdue:`Overdue`,noDeadline:`No deadline`,daysLeft:`{n} working days left`,daysLeftOne:`1 working day left`,dueToday:`Due today`,deadlinePassed:`Deadline passed`,daysOverdue:`{n} working days overdue`,daysOverdueOne:`1 working day overdue`,empty:`No reports.`,caption:`Reports`,COMPLAINT:`Complaint`,ASPIRATION:`Aspiration`,INFORMATION_REQUEST:`Information request`,SUBMITTED:`Awaiting verification`,ON_HOLD:`On hold`,ARCHIVED:`Archived`,DISPOSED:`Disposed, awaiting follow-up`,IN_PROGRESS:`Being followed up`,NOT_AUTHORITY_REQUESTED:`Not-our-authority request pending`,CLOSED:`Closed`}),c=[`COMPLAINT`,`ASPIRATION`,`INFORMATION_REQUEST`];function l(){let{t:e}=r(),t=e(s);return{words:t,classification:e=>t[e],status:e=>t[e]}}function u({anyLabel:n}){let r=l();return t(e,{children:[t(`option`,{value:``,children:n}),c.map(e=>t(`option`,{value:e,children:r.classification(e)},e))]})}function d(e,t){let n=e.workingDaysLeft;return n==null?e.deadline?``:t.noDeadline:n<0?n===-1?t.daysOverdueOne:i(t.daysOverdue,{n:-n}):n===0?e.isOverdue?t.deadlinePassed:t.dueToday:n===1?t.daysLeftOne:i(t.daysLeft,{n})}function f({report:e}){let{t:n,formatDateTime:i}=r(),a=n(s),o=d(e,a);return t(`span`,{class:`deadline`,children:[o&&t(`span`,{class:e.isOverdue?`deadline__days deadline__days--late`:`deadline__days`,children:o}),e.deadline&&t(`span`,{class:`deadline__date muted`,children:[` (`,i(e.deadline),`)`]}),e.isOverdue&&t(`span`,{class:`badge badge--bad`,children:a.overdue})]})}var p=[`trackingNumber`,`title`,`classification`,`category`,`status`,`stage`,`agency`,`deadline`];function m({reports:e,columns:n=p,hrefFor:i,caption:a,emptyText:c}){let{t:l,formatDateTime:u}=r(),d=l(s);if(!e.length)return t(`p`,{class:`muted report-list__empty`,children:c??d.empty});let m=e=>i?i(e):`/reports/${encodeURIComponent(e.id)}`,h=(e,n)=>{switch(e){case`trackingNumber`:return t(o,{href:m(n),class:`report-list__number`,children:n.trackingNumber});case`title`:return t(o,{href:m(n),class:`report-list__title user-text`,children:n.title});case`classification`:return d[n.classification];case`category`:return n.category||`—`;case`status`:return t(`span`,{class:`badge status status--${n.status.toLowerCase()}`,children:n.statusLabel});case`stage`:return n.stage.label;case`agency`:return n.agency?t(`span`,{title:n.agency.name,children:n.agency.code}):`—`;case`deadline`:return t(f,{report:n});case`created`:return u(n.createdAt)}};return t(`div`,{class:`report-list-wrap`,children:t(`table`,{class:`responsive report-list`,children:[t(`caption`,{class:`visually-hidden`,children:a??d.caption}),t(`thead`,{children:t(`tr`,{children:n.map(e=>t(`th`,{scope:`col`,children:d[e]},e))})}),t(`tbody`,{children:e.map(e=>t(`tr`,{class:e.isOverdue?`report-list__row report-list__row--overdue`:`report-list__row`,children:n.map(n=>t(`td`,{"data-label":d[n],children:h(n,e)},n))},e.id))})]})})}export{l as a,m as i,u as n,f as r,c as t};