const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/Workspace-ocL_qldK.js","assets/index-C9WHuzQk.js","assets/index-CW2cxrZk.css","assets/form-C0hWbG6L.js","assets/Workspace-CF1x61c8.css"])))=>i.map(i=>d[i]);
import{C as e,E as t,O as n,T as r,_ as i,a,b as o,d as s,g as c,h as l,m as u,n as d,o as f,p,r as m,v as h,w as g}from"./index-C9WHuzQk.js";import{a as _,n as v,o as y,s as b,t as x}from"./form-C0hWbG6L.js";var S=Object.create,C=Object.defineProperty,w=Object.getOwnPropertyDescriptor,T=Object.getOwnPropertyNames,E=Object.getPrototypeOf,D=Object.prototype.hasOwnProperty,O=(e,t)=>()=>(t||(e((t={exports:{}}).exports,t,t.exports),e=null),t.exports),k=(e,t)=>{let n=Object.setPrototypeOf({},null);for(var r in e)C(n,r,{get:e[r],enumerable:!0});return t&1||C(n,Symbol.toStringTag,{value:`Module`}),t&2?n:Object.preventExtensions(n)},A=(e,t,n,r)=>{if(t&&typeof t==`object`||typeof t==`function`)for(let i of T(t))!D.call(e,i)&&i!==n&&(r=w(t,i),C(e,i,{get:r&&r.get&&!r.configurable?r.get:()=>t[i],enumerable:!r||r.enumerable}));return e},j=(e,t,n)=>(n=e==null?{}:S(E(e)),A(t||!e||!e.__esModule||!D.call(e,`default`)?C(n,`default`,{value:e,enumerable:!0}):n,e)),M=u({title:`Proses laporan`,intro:`Diagram BPMN adalah proses laporan: ubah salinannya di editor, periksa masalah dan perubahannya, lalu pasang sebagai versi baru. Laporan baru memakai versi terbaru.`,versionsTitle:`Versi terpasang`,colVersion:`Versi`,colProcess:`Proses`,colNote:`Catatan`,colDeployedAt:`Dipasang pada`,colDeployedBy:`Dipasang oleh`,colReports:`Laporan`,colActions:`Tindakan`,deployedByCli:`baris perintah`,newest:`terbaru`,inEditor:`di editor`,showChanges:`Perubahan dari v{from}`,hideChanges:`Tutup perubahan`,openInEditor:`Buka di editor`,loadMore:`Muat lebih banyak`,noVersions:`Belum ada versi terpasang.`,narrowScreen:`Editor diagram memerlukan layar yang lebih lebar (tablet atau komputer).`,openAnyway:`Tetap buka editor`,editorTitle:`Editor diagram`,workingCopyOf:`Salinan kerja dari versi {version}`,canvasLabel:`Kanvas diagram BPMN. Pilih elemen untuk mengubah propertinya.`,loadingEditor:`Memuat editor…`,undo:`Urungkan`,redo:`Ulangi`,download:`Unduh .bpmn`,openFile:`Buka berkas BPMN atau DMN`,revert:`Kembali ke versi terpasang`,confirmDiscard:`Buang perubahan yang belum dipasang?`,importWarnings:`Editor tidak dapat membaca sebagian diagram; bagian itu hilang saat disimpan:`,importFailed:`Diagram tidak dapat dibuka: {message}`,fileUnknown:`Berkas {name} bukan diagram BPMN atau tabel DMN.`,unsaved:`Ada perubahan yang belum dipasang.`,pickElement:`Pilih elemen`,pickElementNone:`— pilih —`,problemsTitle:`Masalah`,validating:`Memvalidasi…`,valid:`Valid: tidak ada masalah.`,validWithWarnings:`Valid, dengan {n} peringatan.`,invalid:`{n} kesalahan: diagram belum dapat dipasang.`,severityERROR:`Kesalahan`,severityWARNING:`Peringatan`,wholeDiagram:`seluruh diagram`,validationFailed:`Validasi gagal: {message}`,panelTitle:`Properti elemen`,nothingSelected:`Pilih elemen di diagram (atau di daftar di atas) untuk melihat dan mengubah propertinya.`,applyHint:`Perubahan berlaku saat Anda menekan Enter atau keluar dari kolom.`,fieldType:`Jenis`,fieldId:`ID`,idHint:`Laporan yang berjalan menunggu di ID elemen: ubah hanya untuk elemen baru.`,idTaken:`ID ini sudah dipakai.`,idInvalid:`ID diawali huruf atau _ dan hanya berisi huruf, angka, _, titik atau -.`,fieldName:`Nama`,timerKind:`Jenis timer`,timeDate:`Tanggal (timeDate)`,timeDuration:`Durasi (timeDuration)`,timeCycle:`Siklus (timeCycle)`,timerExpression:`Ekspresi timer`,timerHint:`Contoh: working_days(3) sebagai tanggal; "P3D" (bertanda kutip) sebagai durasi.`,conditionLabel:`Ekspresi kondisi`,conditionHint:`Contoh: accepted == True. Kosong: tanpa kondisi.`,defaultFlow:`Ini alur bawaan gateway.`,scriptLabel:`Skrip (Python)`,decisionLabel:`ID keputusan (calledDecisionId)`,messageLabel:`Pesan`,attachedToLabel:`Terpasang pada`,interrupting:`Menyela tugas`,nonInterrupting:`Tidak menyela tugas`,propertiesTitle:`Properti ekstensi`,propertiesHint:`status, stage, action, kind, audit, notify … seperti dalam panduan analis.`,propertyName:`Nama properti`,propertyValue:`Nilai`,removeProperty:`Hapus properti {name}`,addProperty:`Tambah properti`,diffTitle:`Perubahan terhadap versi {version}`,noDiff:`Tidak ada perubahan proses (tata letak diabaikan).`,added:`Ditambahkan`,removed:`Dihapus`,changed:`Diubah`,empty:`(kosong)`,colourDiff:`Warnai perubahan di diagram`,diffUnreadable:`Perbedaan tidak dapat dihitung: XML tidak terbaca.`,tablesChanged:`Tabel keputusan diubah.`,deployTitle:`Pasang`,deployNote:`Catatan versi`,deployNoteHint:`Mengapa versi ini ada, mis. nomor SK Gubernur.`,deployButton:`Pasang sebagai versi baru`,deploying:`Memasang…`,deployBlocked:`Perbaiki kesalahan sebelum memasang.`,deployed:`Versi {version} terpasang. Laporan baru memakai versi ini; laporan yang berjalan tetap di versinya sampai dimigrasikan.`,unchanged:`Tidak ada yang berubah: versi {version} sudah berisi proses ini.`,tablesTitle:`Tabel keputusan (DMN)`,tablesLabel:`Tabel keputusan`,tablesNone:`Diagram ini tidak membawa tabel keputusan.`,tableTab:`Tabel {n}`,addTable:`Tambah tabel keputusan`,newDecisionId:`ID keputusan tabel baru`,newDecisionIdHint:`Sama dengan calledDecisionId tugas aturan bisnisnya.`,removeTable:`Hapus tabel ini`,loadingTables:`Memuat editor tabel…`,tableImportFailed:`Tabel tidak dapat dibuka: {message}`,tableViews:`Bagian tabel`,migrationTitle:`Migrasi laporan berjalan`,migrationIntro:`Pindahkan laporan yang berjalan dari satu versi ke versi yang lebih baru. Jalankan uji coba dulu: uji coba tidak mengubah apa pun.`,fromVersion:`Dari versi`,toVersion:`Ke versi`,rearmTimers:`Hitung ulang timer yang berubah sejak langkahnya dimulai`,dryRun:`Uji coba`,runMigration:`Migrasikan sekarang ({n} laporan pindah)`,migrationDryResult:`Uji coba: {moved} laporan akan pindah, {stay} tetap di versinya.`,migrationResult:`Selesai: {moved} laporan pindah, {stay} tetap di versinya.`,colReport:`Laporan`,colOutcome:`Hasil`,colReason:`Alasan`,colTimers:`Timer`,wouldMove:`akan pindah`,moved:`pindah`,stays:`tetap`,hiddenReport:`laporan rahasia`,noOutcomes:`Tidak ada laporan berjalan di versi ini.`,countedFrom:`dihitung dari {time}`},{title:`Report process`,intro:`The BPMN diagram is the report process: change a copy in the editor, check its problems and changes, then deploy it as a new version. New reports start on the newest version.`,versionsTitle:`Deployed versions`,colVersion:`Version`,colProcess:`Process`,colNote:`Note`,colDeployedAt:`Deployed at`,colDeployedBy:`Deployed by`,colReports:`Reports`,colActions:`Actions`,deployedByCli:`command line`,newest:`newest`,inEditor:`in the editor`,showChanges:`Changes from v{from}`,hideChanges:`Close changes`,openInEditor:`Open in the editor`,loadMore:`Load more`,noVersions:`No version deployed yet.`,narrowScreen:`The diagram editor needs a wider screen (a tablet or a computer).`,openAnyway:`Open the editor anyway`,editorTitle:`Diagram editor`,workingCopyOf:`Working copy of version {version}`,canvasLabel:`BPMN diagram canvas. Select an element to change its properties.`,loadingEditor:`Loading the editor…`,undo:`Undo`,redo:`Redo`,download:`Download .bpmn`,openFile:`Open a BPMN or DMN file`,revert:`Back to the deployed version`,confirmDiscard:`Discard the changes not deployed yet?`,importWarnings:`The editor could not read parts of the diagram; they are lost when it saves:`,importFailed:`The diagram cannot be opened: {message}`,fileUnknown:`The file {name} is neither a BPMN diagram nor a DMN table.`,unsaved:`There are changes not deployed yet.`,pickElement:`Go to element`,pickElementNone:`— choose —`,problemsTitle:`Problems`,validating:`Validating…`,valid:`Valid: no problems.`,validWithWarnings:`Valid, with {n} warnings.`,invalid:`{n} errors: the diagram cannot be deployed yet.`,severityERROR:`Error`,severityWARNING:`Warning`,wholeDiagram:`whole diagram`,validationFailed:`Validation failed: {message}`,panelTitle:`Element properties`,nothingSelected:`Select an element in the diagram (or in the list above) to see and change its properties.`,applyHint:`A change applies when you press Enter or leave the field.`,fieldType:`Type`,fieldId:`ID`,idHint:`Running reports wait at element ids: change it only for new elements.`,idTaken:`This id is taken.`,idInvalid:`An id starts with a letter or _ and holds only letters, digits, _, dots or -.`,fieldName:`Name`,timerKind:`Timer kind`,timeDate:`Date (timeDate)`,timeDuration:`Duration (timeDuration)`,timeCycle:`Cycle (timeCycle)`,timerExpression:`Timer expression`,timerHint:`For example working_days(3) as a date; "P3D" (in quotes) as a duration.`,conditionLabel:`Condition expression`,conditionHint:`For example accepted == True. Empty: no condition.`,defaultFlow:`This is the gateway's default flow.`,scriptLabel:`Script (Python)`,decisionLabel:`Decision id (calledDecisionId)`,messageLabel:`Message`,attachedToLabel:`Attached to`,interrupting:`Interrupts the task`,nonInterrupting:`Does not interrupt the task`,propertiesTitle:`Extension properties`,propertiesHint:`status, stage, action, kind, audit, notify … as in the analyst guide.`,propertyName:`Property name`,propertyValue:`Value`,removeProperty:`Remove property {name}`,addProperty:`Add property`,diffTitle:`Changes against version {version}`,noDiff:`No change to the process (layout ignored).`,added:`Added`,removed:`Removed`,changed:`Changed`,empty:`(empty)`,colourDiff:`Colour the changes in the diagram`,diffUnreadable:`The changes cannot be worked out: the XML does not parse.`,tablesChanged:`Decision tables changed.`,deployTitle:`Deploy`,deployNote:`Version note`,deployNoteHint:`Why this version exists, e.g. the governor's decree number.`,deployButton:`Deploy as a new version`,deploying:`Deploying…`,deployBlocked:`Fix the errors before deploying.`,deployed:`Version {version} deployed. New reports start on it; running reports stay on their version until you migrate them.`,unchanged:`Nothing changed: version {version} already has this process.`,tablesTitle:`Decision tables (DMN)`,tablesLabel:`Decision tables`,tablesNone:`This diagram carries no decision table.`,tableTab:`Table {n}`,addTable:`Add a decision table`,newDecisionId:`New table's decision id`,newDecisionIdHint:`The same as its business rule task's calledDecisionId.`,removeTable:`Remove this table`,loadingTables:`Loading the table editor…`,tableImportFailed:`The table cannot be opened: {message}`,tableViews:`Parts of the table`,migrationTitle:`Migrate running reports`,migrationIntro:`Move the running reports of one version to a newer one. Run a dry run first: it changes nothing.`,fromVersion:`From version`,toVersion:`To version`,rearmTimers:`Re-arm changed timers from when their step began`,dryRun:`Dry run`,runMigration:`Migrate now ({n} reports move)`,migrationDryResult:`Dry run: {moved} reports would move, {stay} stay on their version.`,migrationResult:`Done: {moved} reports moved, {stay} stayed on their version.`,colReport:`Report`,colOutcome:`Outcome`,colReason:`Why`,colTimers:`Timers`,wouldMove:`would move`,moved:`moved`,stays:`stays`,hiddenReport:`confidential report`,noOutcomes:`No report runs on this version.`,countedFrom:`counted from {time}`});function N({element:e,onSelect:t}){let r=i(n,{children:[i(`code`,{children:e.elementId}),` `,i(`span`,{class:`muted`,children:e.elementType}),e.name&&i(n,{children:[` · `,e.name]})]});return t?i(`button`,{type:`button`,class:`process-link`,onClick:()=>t(e.elementId),children:r}):i(`span`,{children:r})}function P({diff:e,onSelect:t}){let{t:n}=c(),r=n(M),a=e=>e===null||e===``?r.empty:e;return!e.added.length&&!e.removed.length&&!e.changed.length?i(`p`,{class:`muted`,children:r.noDiff}):i(`div`,{class:`process-diff`,children:[e.added.length>0&&i(`section`,{children:[i(`h4`,{children:[i(`span`,{class:`badge badge--ok`,children:r.added}),` `,e.added.length]}),i(`ul`,{children:e.added.map(e=>i(`li`,{children:i(N,{element:e,onSelect:t})},e.elementId))})]}),e.removed.length>0&&i(`section`,{children:[i(`h4`,{children:[i(`span`,{class:`badge badge--bad`,children:r.removed}),` `,e.removed.length]}),i(`ul`,{children:e.removed.map(e=>i(`li`,{children:i(N,{element:e})},e.elementId))})]}),e.changed.length>0&&i(`section`,{children:[i(`h4`,{children:[i(`span`,{class:`badge badge--warn`,children:r.changed}),` `,e.changed.length]}),i(`ul`,{children:e.changed.map(e=>i(`li`,{children:[i(N,{element:e,onSelect:t}),i(`ul`,{class:`process-diff__changes`,children:e.changes.map(e=>i(`li`,{children:[i(`code`,{children:e.what}),`: `,i(`del`,{class:`user-text`,children:a(e.before)}),` →`,` `,i(`ins`,{class:`user-text`,children:a(e.after)})]},e.what))})]},e.elementId))})]})]})}var F=a(`
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
`),I=a(`
  query ProcessVersionSource($id: ID!) {
    processDefinition(id: $id) {
      id
      processId
      version
      bpmnXml
      decisionTables
    }
  }
`),L=a(`
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
  }
`),R=a(`
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
`),z=a(`
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
`),B=a(`
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
`);function V({result:e}){let{t,formatDateTime:n}=c(),r=t(M);return e.outcomes.length?i(`table`,{class:`responsive process-migration-table`,children:[i(`thead`,{children:i(`tr`,{children:[i(`th`,{scope:`col`,children:r.colReport}),i(`th`,{scope:`col`,children:r.colOutcome}),i(`th`,{scope:`col`,children:r.colReason}),i(`th`,{scope:`col`,children:r.colTimers})]})}),i(`tbody`,{children:e.outcomes.map((t,a)=>i(`tr`,{"data-moved":t.moved?`true`:`false`,children:[i(`td`,{"data-label":r.colReport,children:t.reportId&&t.trackingNumber?i(f,{href:`/reports/${encodeURIComponent(t.reportId)}`,children:t.trackingNumber}):i(`span`,{class:`muted`,children:r.hiddenReport})}),i(`td`,{"data-label":r.colOutcome,children:i(`span`,{class:`badge badge--${t.moved?`ok`:`warn`}`,children:t.moved?e.dryRun?r.wouldMove:r.moved:r.stays})}),i(`td`,{"data-label":r.colReason,children:[t.reason&&i(`span`,{class:`user-text`,children:t.reason}),t.elementIds.length>0&&i(`span`,{children:[` `,t.elementIds.map(e=>i(`code`,{children:[e,` `]},e))]})]}),i(`td`,{"data-label":r.colTimers,children:t.timers.length>0&&i(`ul`,{class:`process-timers`,children:t.timers.map(e=>i(`li`,{children:[i(`code`,{children:e.elementId}),`: `,n(e.oldDueAt),` → `,n(e.newDueAt),` `,i(`span`,{class:`muted`,children:[`(`,l(r.countedFrom,{time:n(e.countedFrom)}),`)`]})]},e.elementId))})})]},t.reportId??`hidden-${a}`))})]}):i(`p`,{class:`muted`,children:r.noOutcomes})}function H({versions:n,onMigrated:r}){let{t:a}=c(),s=a(M),u=[...new Set(n.map(e=>e.processId))],[d,f]=t(u[0]??`report_lifecycle`),p=n.filter(e=>e.processId===d),m=p[0]?.version??1,[g,S]=t(p[1]?.version??m),[C,w]=t(m),[T,E]=t(!1),[D,O]=t(null),[k,A]=t(null),[j,N]=t([]),[P,F]=t(!1);e(()=>{w(m),g>=m&&p[1]&&S(p[1].version)},[m,d]);let I={processId:d,fromVersion:g,toVersion:C,rearmTimers:T},L=D!==null&&JSON.stringify(D.choice)===JSON.stringify(I),R=async e=>{F(!0),N([]);try{let{processInstancesMigrate:t}=await o(B,{input:{...I,dryRun:e}});if(t.errors.length){N(t.errors);return}e?(O({choice:I,result:t}),A(null)):(A(t),O(null),r())}catch(e){N([{code:`ERROR`,message:e instanceof h?e.message:String(e)}])}finally{F(!1)}},z=p.map(e=>i(`option`,{value:e.version,children:[`v`,e.version,` (`,e.reportCount,`)`]},e.id)),H=y(j,`fromVersion`),U=y(j,`toVersion`);return i(`section`,{class:`card stack process-migration`,"aria-labelledby":`process-migration-title`,children:[i(`h2`,{id:`process-migration-title`,children:s.migrationTitle}),i(`p`,{class:`muted`,children:s.migrationIntro}),i(`form`,{class:`row`,onSubmit:e=>{e.preventDefault(),R(!0)},children:[u.length>1&&i(x,{id:`process-migrate-process`,label:s.colProcess,children:i(`select`,{id:`process-migrate-process`,value:d,onChange:e=>f(e.target.value),children:u.map(e=>i(`option`,{value:e,children:e},e))})}),i(x,{id:`process-migrate-from`,label:s.fromVersion,error:H,children:i(`select`,{id:`process-migrate-from`,value:g,onChange:e=>S(Number(e.target.value)),..._(`process-migrate-from`,H),children:z})}),i(x,{id:`process-migrate-to`,label:s.toVersion,error:U,children:i(`select`,{id:`process-migrate-to`,value:C,onChange:e=>w(Number(e.target.value)),..._(`process-migrate-to`,U),children:z})}),i(`label`,{class:`checkbox`,children:[i(`input`,{type:`checkbox`,checked:T,onChange:e=>E(e.target.checked)}),s.rearmTimers]}),i(`button`,{type:`submit`,disabled:P,children:s.dryRun})]}),i(v,{errors:b(j,[`fromVersion`,`toVersion`])}),D&&i(`div`,{class:`stack`,"data-testid":`process-migration-dry-run`,children:[i(`p`,{role:`status`,children:l(s.migrationDryResult,{moved:D.result.movedCount,stay:D.result.notMovedCount})}),i(V,{result:D.result}),i(`button`,{type:`button`,class:`button button--primary`,disabled:P||!L||D.result.movedCount===0,onClick:()=>void R(!1),children:l(s.runMigration,{n:D.result.movedCount})})]}),k&&i(`div`,{class:`stack`,"data-testid":`process-migration-done`,children:[i(`p`,{class:`notice notice--success`,role:`status`,children:l(s.migrationResult,{moved:k.movedCount,stay:k.notMovedCount})}),i(V,{result:k})]})]})}var U=k({default:()=>Y}),W=50,G=`report_lifecycle`,K=`(min-width: 900px)`;function q(){let[n,r]=t(()=>window.matchMedia(K).matches);return e(()=>{let e=window.matchMedia(K),t=()=>r(e.matches);return e.addEventListener(`change`,t),()=>e.removeEventListener(`change`,t)},[]),n}function J({fromId:n,toId:r}){let[a,s]=t(null),[c,l]=t(null);return e(()=>{o(L,{fromId:n,toId:r}).then(e=>s(e.processDefinitionDiff),l)},[n,r]),c?i(d,{error:c}):a?i(P,{diff:a}):i(m,{})}function Y(a){let{t:u,formatDateTime:f}=c(),h=u(M),_=u(p),v=q(),[y,b]=t([]),[x,S]=t(!1),[C,w]=t(null),[T,E]=t(!0),[D,O]=t(null),[k,A]=t(null),[j,N]=t(null),[P,I]=t(!1),[L,R]=t(null),[z,B]=t(null),V=g(!1),U=r(async e=>{E(!0);try{let{processDefinitions:t}=await o(F,{first:W,after:e}),n=t.edges.map(e=>e.node);return b(t=>e?[...t,...n]:n),S(t.pageInfo.hasNextPage),w(t.pageInfo.endCursor??null),O(null),n}catch(e){return O(e),[]}finally{E(!1)}},[]);e(()=>{U(null).then(e=>{let t=e.find(e=>e.processId===G)??e[0];t&&A(e=>e??t.id)})},[U]),e(()=>{v&&I(!0)},[v]);let K=v||P;e(()=>{K&&!L&&s(()=>import(`./Workspace-ocL_qldK.js`).then(e=>R(()=>e.default),e=>B(e)),__vite__mapDeps([0,1,2,3,4]))},[K,L]);let Y=r(async e=>{await U(null),e.created&&A(e.id)},[U]),X=r(e=>{V.current=e},[]),Z=e=>{e!==k&&(!V.current||window.confirm(h.confirmDiscard))&&(A(e),document.getElementById(`process-editor`)?.scrollIntoView({behavior:`smooth`,block:`start`}))},Q=e=>y.find(t=>t.processId===e.processId&&t.version<e.version),ee=y[0]?.id,$=new Set(y.map(e=>e.processId)).size>1;return i(`section`,{class:`process-page stack`,children:[i(`h1`,{children:h.title}),i(`p`,{class:`lead`,children:h.intro}),i(`section`,{class:`card stack`,"aria-labelledby":`process-versions-title`,children:[i(`h2`,{id:`process-versions-title`,children:h.versionsTitle}),D?i(d,{error:D}):null,!y.length&&T&&i(m,{}),!y.length&&!T&&!D&&i(`p`,{class:`muted`,children:h.noVersions}),y.length>0&&i(`table`,{class:`responsive process-versions`,children:[i(`thead`,{children:i(`tr`,{children:[i(`th`,{scope:`col`,children:h.colVersion}),$&&i(`th`,{scope:`col`,children:h.colProcess}),i(`th`,{scope:`col`,children:h.colNote}),i(`th`,{scope:`col`,children:h.colDeployedAt}),i(`th`,{scope:`col`,children:h.colDeployedBy}),i(`th`,{scope:`col`,children:h.colReports}),i(`th`,{scope:`col`,children:h.colActions})]})}),i(`tbody`,{children:y.map(e=>{let t=Q(e);return i(n,{children:[i(`tr`,{"data-version":e.version,children:[i(`td`,{"data-label":h.colVersion,children:[i(`strong`,{children:[`v`,e.version]}),` `,e.id===ee&&i(`span`,{class:`badge badge--ok`,children:h.newest}),` `,e.id===k&&K&&i(`span`,{class:`badge`,children:h.inEditor})]}),$&&i(`td`,{"data-label":h.colProcess,children:i(`code`,{children:e.processId})}),i(`td`,{"data-label":h.colNote,class:`user-text`,children:e.note||_.none}),i(`td`,{"data-label":h.colDeployedAt,children:f(e.deployedAt)}),i(`td`,{"data-label":h.colDeployedBy,children:e.deployedBy?.name??h.deployedByCli}),i(`td`,{"data-label":h.colReports,children:e.reportCount}),i(`td`,{"data-label":h.colActions,children:i(`div`,{class:`row`,children:[t&&i(`button`,{type:`button`,class:`button--quiet`,"aria-expanded":j===e.id,onClick:()=>N(j===e.id?null:e.id),children:j===e.id?h.hideChanges:l(h.showChanges,{from:t.version})}),K&&e.id!==k&&i(`button`,{type:`button`,class:`button--quiet`,onClick:()=>Z(e.id),children:h.openInEditor})]})})]}),j===e.id&&t&&i(`tr`,{class:`process-versions__changes`,children:i(`td`,{colSpan:$?7:6,children:i(J,{fromId:t.id,toId:e.id})})})]},e.id)})})]}),x&&i(`button`,{type:`button`,disabled:T,onClick:()=>void U(C),children:h.loadMore})]}),i(`div`,{id:`process-editor`,children:[!K&&i(`div`,{class:`notice`,children:[i(`p`,{children:h.narrowScreen}),i(`button`,{type:`button`,onClick:()=>I(!0),children:h.openAnyway})]}),K&&z?i(d,{error:z}):null,K&&!L&&!z&&k&&i(m,{}),K&&L&&k&&i(L,{versionId:k,onDeployed:Y,onDirty:X})]}),y.length>0&&i(H,{versions:y,onMigrated:()=>void U(null)})]})}export{P as a,j as c,Y as default,I as i,z as n,M as o,R as r,O as s,U as t};