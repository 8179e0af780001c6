import{A as e,O as t,_ as n,a as r,g as i,h as a,j as o,k as s,m as c,p as l,v as u}from"./index-DLRb2nG7.js";import{i as d,r as f}from"./agency-picker-CeJoixyj.js";/* empty css              */var p=c({colReport:`Laporan`,colTracking:`Nomor pelacakan`,colTitle:`Judul`,colStatus:`Status`,colAgency:`Instansi`,colDeadline:`Batas waktu`,colSubmitted:`Dikirim`,colActions:`Tindakan`,overdueBadge:`Terlambat`,daysLeft:`sisa {n} hari kerja`,daysLate:`terlambat {n} hari kerja`,dueToday:`jatuh tempo hari ini`,noDeadline:`tanpa batas waktu`,open:`Buka`,decide:`Putuskan`,page:`Halaman {n}`,pager:`Halaman daftar`,searchTitle:`Cari judul`,searchHint:`Sebagian judul laporan, tanpa membedakan huruf besar/kecil.`,clear:`Hapus filter`,empty:`Tidak ada laporan di sini.`,order:`Urutan`,orderDEADLINE:`Batas waktu (terlambat dulu)`,orderNEWEST:`Terbaru dulu`,orderHint:`Paling terlambat di atas, lalu yang paling lama menunggu.`,anonymousReporter:`anonim`,classCOMPLAINT:`Pengaduan`,classASPIRATION:`Aspirasi`,classINFORMATION_REQUEST:`Permintaan informasi`,verificationTitle:`Antrean verifikasi`,verificationIntro:`Laporan baru menunggu verifikasi: disposisikan ke instansi, tunda, atau arsipkan dari halaman laporan.`,tabSubmitted:`Menunggu verifikasi`,tabOnHold:`Ditunda`,tabs:`Bagian antrean`,notAuthorityTitle:`Pengajuan bukan wewenang`,notAuthorityIntro:`Penghubung mengajukan bahwa laporan ini bukan wewenang instansinya. Buka laporan untuk menerima (disposisi ulang) atau menolak pengajuan.`,colReason:`Alasan penghubung`,colRequestedBy:`Diajukan oleh`,reasonUnknown:`Alasan ada di linimasa laporan.`,suggestedAgency:`Instansi yang disarankan`,overdueTitle:`Laporan terlambat & tereskalasi`,overdueIntro:`Laporan semua instansi yang melewati batas waktu langkahnya saat ini (termasuk yang sudah dieskalasi).`,agencyFilter:`Instansi`,allAgencies:`Semua instansi`,agencyFilterHint:`Kosongkan untuk semua instansi.`,colStage:`Tahap`,accountsTitle:`Akun penghubung`,accountsList:`Daftar akun`,createLiaison:`Buat akun penghubung`,createLiaisonIntro:`Penghubung baru menerima kode penyiapan sekali pakai. Dengan kode itu ia memilih kata sandinya sendiri di halaman Login pertama (/setup).`,name:`Nama`,email:`E-mail`,phone:`Telepon (opsional)`,phoneLabel:`Telepon`,agency:`Instansi`,create:`Buat akun`,role:`Peran`,anyRole:`Semua peran`,status:`Status`,anyStatus:`Semua status`,active:`Aktif`,inactive:`Nonaktif`,deactivate:`Nonaktifkan`,activate:`Aktifkan`,issueReset:`Buat kode reset`,filters:`Filter`,apply:`Terapkan`,noUsers:`Tidak ada akun yang cocok.`,secretTitleSetup:`Kode penyiapan untuk {name}`,secretTitleReset:`Kode reset untuk {name}`,secretLabel:`Kode sekali pakai`,secretWarning:`Kode ini hanya ditampilkan SEKALI dan tidak akan ditampilkan lagi. Salin sekarang dan serahkan kepada orangnya lewat saluran yang aman.`,secretExpires:`Berlaku sampai {time}. Dipakai di halaman Login pertama (/setup).`,copy:`Salin`,copied:`Tersalin ke papan klip.`,copyFailed:`Tidak dapat menyalin otomatis: teks sudah dipilih, salin dengan Ctrl+C.`,secretDone:`Sudah saya serahkan, tutup`,userCreated:`Akun {name} dibuat.`,userDeactivated:`Akun {name} dinonaktifkan; semua sesinya berakhir.`,userActivated:`Akun {name} diaktifkan kembali.`,adminProtected:`akun admin`,agenciesTitle:`Instansi`,hierarchy:`Hierarki instansi`,createAgency:`Tambah instansi`,code:`Kode`,codeHint:`Singkat dan unik, mis. DINKES; disimpan dalam huruf kapital.`,parent:`Induk`,parentHint:`Tingkat mengikuti induk: tanpa induk = Provinsi, di bawah provinsi = Perangkat Daerah, di bawahnya = Unit.`,level:`Tingkat`,levelPROVINCE:`Provinsi`,levelAGENCY:`Perangkat Daerah`,levelUNIT:`Unit`,levelWillBe:`Tingkat instansi baru: {level}`,edit:`Kelola`,editing:`Kelola: {name}`,closeEditor:`Tutup`,renameTitle:`Nama dan kode`,moveTitle:`Pindahkan`,moveTo:`Induk baru`,moveHint:`Bersama seluruh unitnya. Kosongkan untuk menjadikannya instansi puncak. Instansi ini dan unit-unitnya tidak dapat dipilih.`,move:`Pindahkan`,stateTitle:`Status`,stateActive:`Aktif: dapat menerima disposisi.`,stateInactive:`Nonaktif: menyimpan laporannya tetapi tidak menerima disposisi baru.`,deleteTitle:`Hapus`,deleteHint:`Hanya untuk instansi yang didaftarkan karena kekeliruan. Instansi yang punya laporan, penghubung, atau unit ditolak (AGENCY_IN_USE): nonaktifkan saja.`,deleteConfirm:`Hapus instansi {name}? Tindakan ini tidak dapat dibatalkan.`,yesDelete:`Ya, hapus`,profileTitle:`Profil publik`,address:`Alamat`,website:`Situs web`,description:`Deskripsi`,serviceHours:`Jam layanan`,officials:`Pejabat`,officialName:`Nama pejabat {n}`,officialPosition:`Jabatan pejabat {n}`,addOfficial:`Tambah pejabat`,removeOfficial:`Hapus pejabat {n}`,saveProfile:`Simpan profil`,liaisonsOf:`Penghubung`,noLiaisons:`Belum ada penghubung.`,agencyCreated:`Instansi {name} ditambahkan.`,agencySaved:`Perubahan instansi disimpan.`,agencyMoved:`Instansi dipindahkan.`,agencyDeleted:`Instansi dihapus.`,agencyDeactivated:`Instansi dinonaktifkan.`,agencyActivated:`Instansi diaktifkan.`,profileSaved:`Profil disimpan.`,holidaysTitle:`Kalender hari libur`,holidaysOf:`Hari libur {year}`,holidaysIntro:`Batas waktu dalam hari kerja melewati akhir pekan, hari libur nasional, dan hari libur instansi sendiri.`,year:`Tahun`,holidayAgencyFilter:`Tampilkan`,holidayAll:`Nasional dan semua instansi`,date:`Tanggal`,kind:`Jenis`,kindNATIONAL:`Libur nasional`,kindCUTI_BERSAMA:`Cuti bersama`,scope:`Berlaku untuk`,national:`Semua instansi (nasional)`,holidayAgency:`Hanya instansi (opsional)`,holidayAgencyHint:`Kosongkan untuk hari libur semua instansi.`,addHoliday:`Tambah hari libur`,holidayAdded:`Hari libur {date} ditambahkan.`,holidayDeleted:`Hari libur dihapus.`,noHolidays:`Tidak ada hari libur pada tahun ini.`,importTitle:`Impor iCalendar (.ics)`,importIntro:`Setiap hari dari setiap acara menjadi hari libur; tanggal yang sudah ada dilewati.`,file:`Berkas .ics`,importKind:`Jenis`,importKindAuto:`Otomatis ("cuti bersama" di CATEGORIES, selain itu nasional)`,import:`Impor`,imported:`{n} hari diimpor dari {file}.`,noFile:`Pilih berkas .ics terlebih dahulu.`,dateRequired:`Pilih tanggal.`,auditTitle:`Jejak audit`,auditIntro:`Perubahan akun, peran, instansi, dan kalender: siapa, apa, kapan, sebelum dan sesudah.`,objectType:`Jenis objek`,allTypes:`Semua`,typeagency:`Instansi`,typeuser:`Akun`,typeholiday:`Hari libur`,typeprocess:`Proses`,typenotification:`Notifikasi`,onlyObject:`Hanya riwayat satu objek.`,showAll:`Tampilkan semua`,colTime:`Waktu`,colActor:`Pelaku`,colAction:`Tindakan`,colObject:`Objek`,colDetails:`Rincian`,system:`sistem`,objectHistory:`Riwayat objek ini`,noEvents:`Belum ada catatan audit.`,beforeAfter:`{field}: {before} → {after}`,fieldValue:`{field}: {value}`},{colReport:`Report`,colTracking:`Tracking number`,colTitle:`Title`,colStatus:`Status`,colAgency:`Agency`,colDeadline:`Deadline`,colSubmitted:`Submitted`,colActions:`Actions`,overdueBadge:`Overdue`,daysLeft:`{n} working days left`,daysLate:`{n} working days late`,dueToday:`due today`,noDeadline:`no deadline`,open:`Open`,decide:`Decide`,page:`Page {n}`,pager:`List pages`,searchTitle:`Search titles`,searchHint:`Part of a report title, case-insensitive.`,clear:`Clear filters`,empty:`No reports here.`,order:`Order`,orderDEADLINE:`Deadline (overdue first)`,orderNEWEST:`Newest first`,orderHint:`Most overdue on top, then the longest waiting.`,anonymousReporter:`anonymous`,classCOMPLAINT:`Complaint`,classASPIRATION:`Aspiration`,classINFORMATION_REQUEST:`Information request`,verificationTitle:`Verification queue`,verificationIntro:`New reports waiting for verification: dispose them to an agency, put them on hold or archive them from the report page.`,tabSubmitted:`Waiting for verification`,tabOnHold:`On hold`,tabs:`Queue sections`,notAuthorityTitle:`Not-our-authority requests`,notAuthorityIntro:`A liaison says the report is not their agency’s authority. Open the report to accept (and re-dispose) or reject the request.`,colReason:`Liaison’s reason`,colRequestedBy:`Requested by`,reasonUnknown:`The reason is in the report’s timeline.`,suggestedAgency:`Suggested agency`,overdueTitle:`Overdue & escalated reports`,overdueIntro:`Reports of every agency past the deadline of their current step (escalated ones included).`,agencyFilter:`Agency`,allAgencies:`All agencies`,agencyFilterHint:`Leave empty for every agency.`,colStage:`Stage`,accountsTitle:`Liaison accounts`,accountsList:`Accounts`,createLiaison:`Create a liaison account`,createLiaisonIntro:`The new liaison gets a one-time secret. With it they choose their own password on the First login page (/setup).`,name:`Name`,email:`E-mail`,phone:`Phone (optional)`,phoneLabel:`Phone`,agency:`Agency`,create:`Create account`,role:`Role`,anyRole:`Any role`,status:`Status`,anyStatus:`Any status`,active:`Active`,inactive:`Inactive`,deactivate:`Deactivate`,activate:`Activate`,issueReset:`Issue reset secret`,filters:`Filters`,apply:`Apply`,noUsers:`No matching accounts.`,secretTitleSetup:`Setup secret for {name}`,secretTitleReset:`Reset secret for {name}`,secretLabel:`One-time secret`,secretWarning:`This secret is shown ONCE and will not be shown again. Copy it now and hand it to the person over a safe channel.`,secretExpires:`Valid until {time}. It is used on the First login page (/setup).`,copy:`Copy`,copied:`Copied to the clipboard.`,copyFailed:`Could not copy automatically: the text is selected, copy it with Ctrl+C.`,secretDone:`I have handed it over, close`,userCreated:`Account {name} created.`,userDeactivated:`Account {name} deactivated; all its sessions ended.`,userActivated:`Account {name} activated again.`,adminProtected:`admin account`,agenciesTitle:`Agencies`,hierarchy:`Agency hierarchy`,createAgency:`Add an agency`,code:`Code`,codeHint:`Short and unique, e.g. DINKES; stored in capitals.`,parent:`Parent`,parentHint:`The level follows the parent: no parent = Province, under the province = Perangkat Daerah, below that = Unit.`,level:`Level`,levelPROVINCE:`Province`,levelAGENCY:`Perangkat Daerah`,levelUNIT:`Unit`,levelWillBe:`Level of the new agency: {level}`,edit:`Manage`,editing:`Manage: {name}`,closeEditor:`Close`,renameTitle:`Name and code`,moveTitle:`Move`,moveTo:`New parent`,moveHint:`With all its units. Leave empty to make it a top agency. The agency itself and its units cannot be chosen.`,move:`Move`,stateTitle:`Status`,stateActive:`Active: it can receive dispositions.`,stateInactive:`Inactive: it keeps its reports but receives no new dispositions.`,deleteTitle:`Delete`,deleteHint:`Only for an agency registered by mistake. One with reports, liaisons or units is refused (AGENCY_IN_USE): deactivate it instead.`,deleteConfirm:`Delete the agency {name}? This cannot be undone.`,yesDelete:`Yes, delete`,profileTitle:`Public profile`,address:`Address`,website:`Website`,description:`Description`,serviceHours:`Service hours`,officials:`Officials`,officialName:`Name of official {n}`,officialPosition:`Position of official {n}`,addOfficial:`Add an official`,removeOfficial:`Remove official {n}`,saveProfile:`Save profile`,liaisonsOf:`Liaisons`,noLiaisons:`No liaisons yet.`,agencyCreated:`Agency {name} added.`,agencySaved:`Agency changes saved.`,agencyMoved:`Agency moved.`,agencyDeleted:`Agency deleted.`,agencyDeactivated:`Agency deactivated.`,agencyActivated:`Agency activated.`,profileSaved:`Profile saved.`,holidaysTitle:`Holiday calendar`,holidaysOf:`Holidays in {year}`,holidaysIntro:`Deadlines in working days skip weekends, national holidays and the agency’s own holidays.`,year:`Year`,holidayAgencyFilter:`Show`,holidayAll:`National and every agency’s`,date:`Date`,kind:`Kind`,kindNATIONAL:`National holiday`,kindCUTI_BERSAMA:`Collective leave (cuti bersama)`,scope:`Applies to`,national:`Every agency (national)`,holidayAgency:`Only this agency (optional)`,holidayAgencyHint:`Leave empty for a holiday of every agency.`,addHoliday:`Add holiday`,holidayAdded:`Holiday {date} added.`,holidayDeleted:`Holiday deleted.`,noHolidays:`No holidays in this year.`,importTitle:`Import iCalendar (.ics)`,importIntro:`Every day of every event becomes a holiday; dates already known are skipped.`,file:`.ics file`,importKind:`Kind`,importKindAuto:`Automatic ("cuti bersama" in CATEGORIES, else national)`,import:`Import`,imported:`{n} days imported from {file}.`,noFile:`Choose an .ics file first.`,dateRequired:`Choose a date.`,auditTitle:`Audit trail`,auditIntro:`Changes to accounts, roles, agencies and the calendar: who, what, when, before and after.`,objectType:`Kind of object`,allTypes:`All`,typeagency:`Agency`,typeuser:`Account`,typeholiday:`Holiday`,typeprocess:`Process`,typenotification:`Notification`,onlyObject:`Only the history of one object.`,showAll:`Show everything`,colTime:`Time`,colActor:`Actor`,colAction:`Action`,colObject:`Object`,colDetails:`Details`,system:`system`,objectHistory:`History of this object`,noEvents:`No audit entries yet.`,beforeAfter:`{field}: {before} → {after}`,fieldValue:`{field}: {value}`}),m=c({account_registered:`Akun warga didaftarkan`,account_updated:`Profil akun diubah`,agency_create:`Instansi ditambahkan`,agency_update:`Instansi diubah`,agency_move:`Instansi dipindahkan`,agency_activate:`Instansi diaktifkan`,agency_deactivate:`Instansi dinonaktifkan`,agency_delete:`Instansi dihapus`,agency_profile_update:`Profil instansi diubah`,holiday_create:`Hari libur ditambahkan`,holiday_delete:`Hari libur dihapus`,holiday_import:`Hari libur diimpor`,liaison_created:`Akun penghubung dibuat`,staff_created:`Akun staf dibuat`,password_changed:`Kata sandi diganti`,password_reset_issued:`Kode reset dibuat`,password_reset:`Kata sandi dipilih dengan kode penyiapan/reset`,session_revoked:`Sesi diakhiri`,user_activated:`Akun diaktifkan`,user_deactivated:`Akun dinonaktifkan`,process_deployed:`Diagram proses dipasang`,process_instances_migrated:`Laporan berjalan dipindahkan versi`,notification_retried:`Notifikasi dicoba ulang`},{account_registered:`Citizen account registered`,account_updated:`Account profile changed`,agency_create:`Agency added`,agency_update:`Agency changed`,agency_move:`Agency moved`,agency_activate:`Agency activated`,agency_deactivate:`Agency deactivated`,agency_delete:`Agency deleted`,agency_profile_update:`Agency profile changed`,holiday_create:`Holiday added`,holiday_delete:`Holiday deleted`,holiday_import:`Holidays imported`,liaison_created:`Liaison account created`,staff_created:`Staff account created`,password_changed:`Password changed`,password_reset_issued:`Reset secret issued`,password_reset:`Password chosen with a secret`,session_revoked:`Session ended`,user_activated:`Account activated`,user_deactivated:`Account deactivated`,process_deployed:`Process diagram deployed`,process_instances_migrated:`Running reports moved to another version`,notification_retried:`Notification retried`});function h(e){let[t,n]=o({key:e,stack:[null]}),r=t.key===e?t.stack:[null];return{after:r[r.length-1],page:r.length,next:t=>{t&&n({key:e,stack:[...r,t]})},previous:()=>n({key:e,stack:r.length>1?r.slice(0,-1):r})}}function g({page:e,hasNext:t,endCursor:r,pages:o}){let{t:s}=i(),c=s(p),u=s(l);return e===1&&!t?null:n(`nav`,{class:`pager`,"aria-label":c.pager,children:[n(`button`,{type:`button`,class:`button`,disabled:e===1,onClick:()=>o.previous(),children:u.previous}),n(`span`,{class:`pager__page`,"aria-live":`polite`,children:a(c.page,{n:e})}),n(`button`,{type:`button`,class:`button`,disabled:!t,onClick:()=>o.next(r),children:u.next})]})}function _(e,t){return[{code:`ERROR`,message:e instanceof u?e.message:t}]}function v(){let{t}=i(),n=t(l).unexpectedError,[r,a]=o(!1);return{busy:r,run:e(async e=>{a(!0);try{return await e()}catch(e){return _(e,n)}finally{a(!1)}},[n])}}function y(){let[n,r]=o(null),[i,a]=o(null),[s,c]=o(0),l=e(async()=>{try{r(await d()),a(null)}catch(e){a(e)}},[]);return t(()=>{l()},[l]),{agencies:n,error:i,refresh:e(async()=>{f(),await l(),c(e=>e+1)},[l]),version:s}}function b({title:e,secret:r,expiresAt:c,onDone:l}){let{t:u,formatDateTime:d}=i(),f=u(p),[m,h]=o(`idle`),g=s(null),_=s(null);return t(()=>_.current?.focus(),[]),n(`section`,{class:`secret-box`,"aria-labelledby":`secret-box-title`,children:[n(`h2`,{id:`secret-box-title`,tabIndex:-1,ref:_,children:e}),n(`p`,{class:`secret-box__warning`,children:n(`strong`,{children:f.secretWarning})}),n(`div`,{class:`field`,children:[n(`label`,{for:`secret-box-value`,children:f.secretLabel}),n(`div`,{class:`row secret-box__row`,children:[n(`input`,{id:`secret-box-value`,class:`secret-box__value`,readOnly:!0,value:r,spellcheck:!1,autocomplete:`off`,onFocus:e=>e.target.select()}),n(`button`,{type:`button`,class:`button button--primary`,onClick:async()=>{try{await navigator.clipboard.writeText(r),h(`copied`)}catch{g.current?.select(),h(`failed`)}},children:f.copy})]})]}),c&&n(`p`,{class:`muted`,children:a(f.secretExpires,{time:d(c)})}),n(`p`,{role:`status`,class:`secret-box__copy-state`,children:m===`copied`?f.copied:m===`failed`?f.copyFailed:``}),n(`button`,{type:`button`,class:`button`,onClick:l,children:f.secretDone})]})}function x({label:e,question:t,confirmLabel:r,onConfirm:a,disabled:s}){let{t:c}=i(),[u,d]=o(!1);return u?n(`span`,{class:`confirm`,role:`group`,"aria-label":t,children:[n(`span`,{class:`confirm__question`,children:t}),n(`button`,{type:`button`,class:`button button--danger`,disabled:s,onClick:async()=>{await a(),d(!1)},children:r}),n(`button`,{type:`button`,class:`button`,onClick:()=>d(!1),children:c(l).cancel})]}):n(`button`,{type:`button`,class:`button button--danger`,disabled:s,onClick:()=>d(!0),children:e})}var S=r(`
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
`),C=r(`
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
`),w=r(`
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
`),T=r(`
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
`),E=r(`
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
`),D=r(`
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
`),O=r(`
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
`),k=r(`
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
`),A=r(`
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
`),j=r(`
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
`),M=r(`
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
`),N=r(`
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
`),P=r(`
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
`),F=r(`
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
`),I=r(`
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
`),L=r(`
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
`),R=r(`
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
`),z=r(`
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
`),B=r(`
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
`),V=r(`
  query AdminAuditEvents($objectType: String, $objectId: ID, $first: Int, $after: String) {
    auditEvents(objectType: $objectType, objectId: $objectId, first: $first, after: $after) {
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
`);export{b as C,m as D,v as E,p as O,g as S,h as T,S as _,M as a,w as b,j as c,z as d,B as f,E as g,C as h,F as i,V as l,T as m,A as n,k as o,L as p,N as r,I as s,P as t,R as u,O as v,y as w,x,D as y};