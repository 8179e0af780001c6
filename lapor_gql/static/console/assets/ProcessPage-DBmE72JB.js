const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/Workspace-C1tj0UYj.js","assets/index-DLRb2nG7.js","assets/index-CW2cxrZk.css","assets/form-BbdzBduc.js","assets/Workspace-CF1x61c8.css"])))=>i.map(i=>d[i]);
import{A as e,N as t,O as n,_ as r,a as i,d as a,g as o,h as s,j as c,k as l,m as u,n as d,o as f,p,r as m,v as h,w as g}from"./index-DLRb2nG7.js";import{a as _,n as v,o as y,s as b,t as x}from"./form-BbdzBduc.js";var S=Object.create,C=Object.defineProperty,w=Object.getOwnPropertyDescriptor,T=Object.getOwnPropertyNames,E=Object.getPrototypeOf,D=Object.prototype.hasOwnProperty,O=(e,t)=>()=>(t||(e((t={exports:{}}).exports,t,t.exports),e=null),t.exports),k=(e,t)=>{let n=Object.setPrototypeOf({},null);for(var r in e)C(n,r,{get:e[r],enumerable:!0});return t&1||C(n,Symbol.toStringTag,{value:`Module`}),t&2?n:Object.preventExtensions(n)},A=(e,t,n,r)=>{if(t&&typeof t==`object`||typeof t==`function`)for(let i of T(t))!D.call(e,i)&&i!==n&&(r=w(t,i),C(e,i,{get:r&&r.get&&!r.configurable?r.get:()=>t[i],enumerable:!r||r.enumerable}));return e},j=(e,t,n)=>(n=e==null?{}:S(E(e)),A(t||!e||!e.__esModule||!D.call(e,`default`)?C(n,`default`,{value:e,enumerable:!0}):n,e)),M=u({title:`Proses laporan`,intro:`Diagram BPMN adalah proses laporan: ubah salinannya di editor, periksa masalah dan perubahannya, lalu pasang sebagai versi baru. Laporan baru memakai versi terbaru.`,versionsTitle:`Versi terpasang`,colVersion:`Versi`,colProcess:`Proses`,colNote:`Catatan`,colDeployedAt:`Dipasang pada`,colDeployedBy:`Dipasang oleh`,colReports:`Laporan`,colActions:`Tindakan`,deployedByCli:`baris perintah`,newest:`terbaru`,inEditor:`di editor`,showChanges:`Perubahan dari v{from}`,hideChanges:`Tutup perubahan`,openInEditor:`Buka di editor`,loadMore:`Muat lebih banyak`,noVersions:`Belum ada versi terpasang.`,narrowScreen:`Editor diagram memerlukan layar yang lebih lebar (tablet atau komputer).`,openAnyway:`Tetap buka editor`,editorTitle:`Editor diagram`,workingCopyOf:`Salinan kerja dari versi {version}`,canvasLabel:`Kanvas diagram BPMN. Pilih elemen untuk mengubah propertinya.`,loadingEditor:`Memuat editor…`,undo:`Urungkan`,redo:`Ulangi`,download:`Unduh .bpmn`,openFile:`Buka berkas BPMN atau DMN`,revert:`Kembali ke versi terpasang`,confirmDiscard:`Buang perubahan yang belum dipasang?`,importWarnings:`Editor tidak dapat membaca sebagian diagram; bagian itu hilang saat disimpan:`,importFailed:`Diagram tidak dapat dibuka: {message}`,fileUnknown:`Berkas {name} bukan diagram BPMN atau tabel DMN.`,unsaved:`Ada perubahan yang belum dipasang.`,pickElement:`Pilih elemen`,pickElementNone:`— pilih —`,problemsTitle:`Masalah`,validating:`Memvalidasi…`,valid:`Valid: tidak ada masalah.`,validWithWarnings:`Valid, dengan {n} peringatan.`,invalid:`{n} kesalahan: diagram belum dapat dipasang.`,severityERROR:`Kesalahan`,severityWARNING:`Peringatan`,wholeDiagram:`seluruh diagram`,validationFailed:`Validasi gagal: {message}`,panelTitle:`Properti elemen`,nothingSelected:`Pilih elemen di diagram (atau di daftar di atas) untuk melihat dan mengubah propertinya.`,applyHint:`Perubahan berlaku saat Anda menekan Enter atau keluar dari kolom.`,fieldType:`Jenis`,fieldId:`ID`,idHint:`Laporan yang berjalan menunggu di ID elemen: ubah hanya untuk elemen baru.`,idTaken:`ID ini sudah dipakai.`,idInvalid:`ID diawali huruf atau _ dan hanya berisi huruf, angka, _, titik atau -.`,fieldName:`Nama`,timerKind:`Jenis timer`,timeDate:`Tanggal (timeDate)`,timeDuration:`Durasi (timeDuration)`,timeCycle:`Siklus (timeCycle)`,timerExpression:`Ekspresi timer`,timerHint:`Contoh: working_days(3) sebagai tanggal; "P3D" (bertanda kutip) sebagai durasi.`,conditionLabel:`Ekspresi kondisi`,conditionHint:`Contoh: accepted == True. Kosong: tanpa kondisi.`,defaultFlow:`Ini alur bawaan gateway.`,scriptLabel:`Skrip (Python)`,decisionLabel:`ID keputusan (calledDecisionId)`,messageLabel:`Pesan`,attachedToLabel:`Terpasang pada`,interrupting:`Menyela tugas`,nonInterrupting:`Tidak menyela tugas`,propertiesTitle:`Properti ekstensi`,propertiesHint:`status, stage, action, kind, audit, notify … seperti dalam panduan analis.`,propertyName:`Nama properti`,propertyValue:`Nilai`,removeProperty:`Hapus properti {name}`,addProperty:`Tambah properti`,diffTitle:`Perubahan terhadap versi {version}`,noDiff:`Tidak ada perubahan proses (tata letak diabaikan).`,added:`Ditambahkan`,removed:`Dihapus`,changed:`Diubah`,empty:`(kosong)`,colourDiff:`Warnai perubahan di diagram`,diffUnreadable:`Perbedaan tidak dapat dihitung: XML tidak terbaca.`,tablesChanged:`Tabel keputusan diubah.`,deployTitle:`Pasang`,deployNote:`Catatan versi`,deployNoteHint:`Mengapa versi ini ada, mis. nomor SK Gubernur.`,deployButton:`Pasang sebagai versi baru`,deploying:`Memasang…`,deployBlocked:`Perbaiki kesalahan sebelum memasang.`,deployed:`Versi {version} terpasang. Laporan baru memakai versi ini; laporan yang berjalan tetap di versinya sampai dimigrasikan.`,unchanged:`Tidak ada yang berubah: versi {version} sudah berisi proses ini.`,tablesTitle:`Tabel keputusan (DMN)`,tablesLabel:`Tabel keputusan`,tablesNone:`Diagram ini tidak membawa tabel keputusan.`,tableTab:`Tabel {n}`,addTable:`Tambah tabel keputusan`,newDecisionId:`ID keputusan tabel baru`,newDecisionIdHint:`Sama dengan calledDecisionId tugas aturan bisnisnya.`,removeTable:`Hapus tabel ini`,loadingTables:`Memuat editor tabel…`,tableImportFailed:`Tabel tidak dapat dibuka: {message}`,tableViews:`Bagian tabel`,migrationTitle:`Migrasi laporan berjalan`,migrationIntro:`Pindahkan laporan yang berjalan dari satu versi ke versi yang lebih baru. Jalankan uji coba dulu: uji coba tidak mengubah apa pun.`,fromVersion:`Dari versi`,toVersion:`Ke versi`,rearmTimers:`Hitung ulang timer yang berubah sejak langkahnya dimulai`,dryRun:`Uji coba`,runMigration:`Migrasikan sekarang ({n} laporan pindah)`,migrationDryResult:`Uji coba: {moved} laporan akan pindah, {stay} tetap di versinya.`,migrationResult:`Selesai: {moved} laporan pindah, {stay} tetap di versinya.`,colReport:`Laporan`,colOutcome:`Hasil`,colReason:`Alasan`,colTimers:`Timer`,wouldMove:`akan pindah`,moved:`pindah`,stays:`tetap`,hiddenReport:`laporan rahasia`,noOutcomes:`Tidak ada laporan berjalan di versi ini.`,countedFrom:`dihitung dari {time}`},{title:`Report process`,intro:`The BPMN diagram is the report process: change a copy in the editor, check its problems and changes, then deploy it as a new version. New reports start on the newest version.`,versionsTitle:`Deployed versions`,colVersion:`Version`,colProcess:`Process`,colNote:`Note`,colDeployedAt:`Deployed at`,colDeployedBy:`Deployed by`,colReports:`Reports`,colActions:`Actions`,deployedByCli:`command line`,newest:`newest`,inEditor:`in the editor`,showChanges:`Changes from v{from}`,hideChanges:`Close changes`,openInEditor:`Open in the editor`,loadMore:`Load more`,noVersions:`No version deployed yet.`,narrowScreen:`The diagram editor needs a wider screen (a tablet or a computer).`,openAnyway:`Open the editor anyway`,editorTitle:`Diagram editor`,workingCopyOf:`Working copy of version {version}`,canvasLabel:`BPMN diagram canvas. Select an element to change its properties.`,loadingEditor:`Loading the editor…`,undo:`Undo`,redo:`Redo`,download:`Download .bpmn`,openFile:`Open a BPMN or DMN file`,revert:`Back to the deployed version`,confirmDiscard:`Discard the changes not deployed yet?`,importWarnings:`The editor could not read parts of the diagram; they are lost when it saves:`,importFailed:`The diagram cannot be opened: {message}`,fileUnknown:`The file {name} is neither a BPMN diagram nor a DMN table.`,unsaved:`There are changes not deployed yet.`,pickElement:`Go to element`,pickElementNone:`— choose —`,problemsTitle:`Problems`,validating:`Validating…`,valid:`Valid: no problems.`,validWithWarnings:`Valid, with {n} warnings.`,invalid:`{n} errors: the diagram cannot be deployed yet.`,severityERROR:`Error`,severityWARNING:`Warning`,wholeDiagram:`whole diagram`,validationFailed:`Validation failed: {message}`,panelTitle:`Element properties`,nothingSelected:`Select an element in the diagram (or in the list above) to see and change its properties.`,applyHint:`A change applies when you press Enter or leave the field.`,fieldType:`Type`,fieldId:`ID`,idHint:`Running reports wait at element ids: change it only for new elements.`,idTaken:`This id is taken.`,idInvalid:`An id starts with a letter or _ and holds only letters, digits, _, dots or -.`,fieldName:`Name`,timerKind:`Timer kind`,timeDate:`Date (timeDate)`,timeDuration:`Duration (timeDuration)`,timeCycle:`Cycle (timeCycle)`,timerExpression:`Timer expression`,timerHint:`For example working_days(3) as a date; "P3D" (in quotes) as a duration.`,conditionLabel:`Condition expression`,conditionHint:`For example accepted == True. Empty: no condition.`,defaultFlow:`This is the gateway's default flow.`,scriptLabel:`Script (Python)`,decisionLabel:`Decision id (calledDecisionId)`,messageLabel:`Message`,attachedToLabel:`Attached to`,interrupting:`Interrupts the task`,nonInterrupting:`Does not interrupt the task`,propertiesTitle:`Extension properties`,propertiesHint:`status, stage, action, kind, audit, notify … as in the analyst guide.`,propertyName:`Property name`,propertyValue:`Value`,removeProperty:`Remove property {name}`,addProperty:`Add property`,diffTitle:`Changes against version {version}`,noDiff:`No change to the process (layout ignored).`,added:`Added`,removed:`Removed`,changed:`Changed`,empty:`(empty)`,colourDiff:`Colour the changes in the diagram`,diffUnreadable:`The changes cannot be worked out: the XML does not parse.`,tablesChanged:`Decision tables changed.`,deployTitle:`Deploy`,deployNote:`Version note`,deployNoteHint:`Why this version exists, e.g. the governor's decree number.`,deployButton:`Deploy as a new version`,deploying:`Deploying…`,deployBlocked:`Fix the errors before deploying.`,deployed:`Version {version} deployed. New reports start on it; running reports stay on their version until you migrate them.`,unchanged:`Nothing changed: version {version} already has this process.`,tablesTitle:`Decision tables (DMN)`,tablesLabel:`Decision tables`,tablesNone:`This diagram carries no decision table.`,tableTab:`Table {n}`,addTable:`Add a decision table`,newDecisionId:`New table's decision id`,newDecisionIdHint:`The same as its business rule task's calledDecisionId.`,removeTable:`Remove this table`,loadingTables:`Loading the table editor…`,tableImportFailed:`The table cannot be opened: {message}`,tableViews:`Parts of the table`,migrationTitle:`Migrate running reports`,migrationIntro:`Move the running reports of one version to a newer one. Run a dry run first: it changes nothing.`,fromVersion:`From version`,toVersion:`To version`,rearmTimers:`Re-arm changed timers from when their step began`,dryRun:`Dry run`,runMigration:`Migrate now ({n} reports move)`,migrationDryResult:`Dry run: {moved} reports would move, {stay} stay on their version.`,migrationResult:`Done: {moved} reports moved, {stay} stayed on their version.`,colReport:`Report`,colOutcome:`Outcome`,colReason:`Why`,colTimers:`Timers`,wouldMove:`would move`,moved:`moved`,stays:`stays`,hiddenReport:`confidential report`,noOutcomes:`No report runs on this version.`,countedFrom:`counted from {time}`});function N({element:e,onSelect:n}){let i=r(t,{children:[r(`code`,{children:e.elementId}),` `,r(`span`,{class:`muted`,children:e.elementType}),e.name&&r(t,{children:[` · `,e.name]})]});return n?r(`button`,{type:`button`,class:`process-link`,onClick:()=>n(e.elementId),children:i}):r(`span`,{children:i})}function P({diff:e,onSelect:t}){let{t:n}=o(),i=n(M),a=e=>e===null||e===``?i.empty:e;return!e.added.length&&!e.removed.length&&!e.changed.length?r(`p`,{class:`muted`,children:i.noDiff}):r(`div`,{class:`process-diff`,children:[e.added.length>0&&r(`section`,{children:[r(`h4`,{children:[r(`span`,{class:`badge badge--ok`,children:i.added}),` `,e.added.length]}),r(`ul`,{children:e.added.map(e=>r(`li`,{children:r(N,{element:e,onSelect:t})},e.elementId))})]}),e.removed.length>0&&r(`section`,{children:[r(`h4`,{children:[r(`span`,{class:`badge badge--bad`,children:i.removed}),` `,e.removed.length]}),r(`ul`,{children:e.removed.map(e=>r(`li`,{children:r(N,{element:e})},e.elementId))})]}),e.changed.length>0&&r(`section`,{children:[r(`h4`,{children:[r(`span`,{class:`badge badge--warn`,children:i.changed}),` `,e.changed.length]}),r(`ul`,{children:e.changed.map(e=>r(`li`,{children:[r(N,{element:e,onSelect:t}),r(`ul`,{class:`process-diff__changes`,children:e.changes.map(e=>r(`li`,{children:[r(`code`,{children:e.what}),`: `,r(`del`,{class:`user-text`,children:a(e.before)}),` →`,` `,r(`ins`,{class:`user-text`,children:a(e.after)})]},e.what))})]},e.elementId))})]})]})}var F=i(`
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
`),I=i(`
  query ProcessVersionSource($id: ID!) {
    processDefinition(id: $id) {
      id
      processId
      version
      bpmnXml
      decisionTables
    }
  }
`),L=i(`
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
`),R=i(`
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
`),z=i(`
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
`),B=i(`
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
`);function V({result:e}){let{t,formatDateTime:n}=o(),i=t(M);return e.outcomes.length?r(`table`,{class:`responsive process-migration-table`,children:[r(`thead`,{children:r(`tr`,{children:[r(`th`,{scope:`col`,children:i.colReport}),r(`th`,{scope:`col`,children:i.colOutcome}),r(`th`,{scope:`col`,children:i.colReason}),r(`th`,{scope:`col`,children:i.colTimers})]})}),r(`tbody`,{children:e.outcomes.map((t,a)=>r(`tr`,{"data-moved":t.moved?`true`:`false`,children:[r(`td`,{"data-label":i.colReport,children:t.reportId&&t.trackingNumber?r(f,{href:`/reports/${encodeURIComponent(t.reportId)}`,children:t.trackingNumber}):r(`span`,{class:`muted`,children:i.hiddenReport})}),r(`td`,{"data-label":i.colOutcome,children:r(`span`,{class:`badge badge--${t.moved?`ok`:`warn`}`,children:t.moved?e.dryRun?i.wouldMove:i.moved:i.stays})}),r(`td`,{"data-label":i.colReason,children:[t.reason&&r(`span`,{class:`user-text`,children:t.reason}),t.elementIds.length>0&&r(`span`,{children:[` `,t.elementIds.map(e=>r(`code`,{children:[e,` `]},e))]})]}),r(`td`,{"data-label":i.colTimers,children:t.timers.length>0&&r(`ul`,{class:`process-timers`,children:t.timers.map(e=>r(`li`,{children:[r(`code`,{children:e.elementId}),`: `,n(e.oldDueAt),` → `,n(e.newDueAt),` `,r(`span`,{class:`muted`,children:[`(`,s(i.countedFrom,{time:n(e.countedFrom)}),`)`]})]},e.elementId))})})]},t.reportId??`hidden-${a}`))})]}):r(`p`,{class:`muted`,children:i.noOutcomes})}function H({versions:e,onMigrated:t}){let{t:i}=o(),a=i(M),l=[...new Set(e.map(e=>e.processId))],[u,d]=c(l[0]??`report_lifecycle`),f=e.filter(e=>e.processId===u),p=f[0]?.version??1,[m,S]=c(f[1]?.version??p),[C,w]=c(p),[T,E]=c(!1),[D,O]=c(null),[k,A]=c(null),[j,N]=c([]),[P,F]=c(!1);n(()=>{w(p),m>=p&&f[1]&&S(f[1].version)},[p,u]);let I={processId:u,fromVersion:m,toVersion:C,rearmTimers:T},L=D!==null&&JSON.stringify(D.choice)===JSON.stringify(I),R=async e=>{F(!0),N([]);try{let{processInstancesMigrate:n}=await g(B,{input:{...I,dryRun:e}});if(n.errors.length){N(n.errors);return}e?(O({choice:I,result:n}),A(null)):(A(n),O(null),t())}catch(e){N([{code:`ERROR`,message:e instanceof h?e.message:String(e)}])}finally{F(!1)}},z=f.map(e=>r(`option`,{value:e.version,children:[`v`,e.version,` (`,e.reportCount,`)`]},e.id)),H=y(j,`fromVersion`),U=y(j,`toVersion`);return r(`section`,{class:`card stack process-migration`,"aria-labelledby":`process-migration-title`,children:[r(`h2`,{id:`process-migration-title`,children:a.migrationTitle}),r(`p`,{class:`muted`,children:a.migrationIntro}),r(`form`,{class:`row`,onSubmit:e=>{e.preventDefault(),R(!0)},children:[l.length>1&&r(x,{id:`process-migrate-process`,label:a.colProcess,children:r(`select`,{id:`process-migrate-process`,value:u,onChange:e=>d(e.target.value),children:l.map(e=>r(`option`,{value:e,children:e},e))})}),r(x,{id:`process-migrate-from`,label:a.fromVersion,error:H,children:r(`select`,{id:`process-migrate-from`,value:m,onChange:e=>S(Number(e.target.value)),..._(`process-migrate-from`,H),children:z})}),r(x,{id:`process-migrate-to`,label:a.toVersion,error:U,children:r(`select`,{id:`process-migrate-to`,value:C,onChange:e=>w(Number(e.target.value)),..._(`process-migrate-to`,U),children:z})}),r(`label`,{class:`checkbox`,children:[r(`input`,{type:`checkbox`,checked:T,onChange:e=>E(e.target.checked)}),a.rearmTimers]}),r(`button`,{type:`submit`,disabled:P,children:a.dryRun})]}),r(v,{errors:b(j,[`fromVersion`,`toVersion`])}),D&&r(`div`,{class:`stack`,"data-testid":`process-migration-dry-run`,children:[r(`p`,{role:`status`,children:s(a.migrationDryResult,{moved:D.result.movedCount,stay:D.result.notMovedCount})}),r(V,{result:D.result}),r(`button`,{type:`button`,class:`button button--primary`,disabled:P||!L||D.result.movedCount===0,onClick:()=>void R(!1),children:s(a.runMigration,{n:D.result.movedCount})})]}),k&&r(`div`,{class:`stack`,"data-testid":`process-migration-done`,children:[r(`p`,{class:`notice notice--success`,role:`status`,children:s(a.migrationResult,{moved:k.movedCount,stay:k.notMovedCount})}),r(V,{result:k})]})]})}var U=k({default:()=>Y}),W=50,G=`report_lifecycle`,K=`(min-width: 900px)`;function q(){let[e,t]=c(()=>window.matchMedia(K).matches);return n(()=>{let e=window.matchMedia(K),n=()=>t(e.matches);return e.addEventListener(`change`,n),()=>e.removeEventListener(`change`,n)},[]),e}function J({fromId:e,toId:t}){let[i,a]=c(null),[o,s]=c(null);return n(()=>{g(L,{fromId:e,toId:t}).then(e=>a(e.processDefinitionDiff),s)},[e,t]),o?r(d,{error:o}):i?r(P,{diff:i}):r(m,{})}function Y(i){let{t:u,formatDateTime:f}=o(),h=u(M),_=u(p),v=q(),[y,b]=c([]),[x,S]=c(!1),[C,w]=c(null),[T,E]=c(!0),[D,O]=c(null),[k,A]=c(null),[j,N]=c(null),[P,I]=c(!1),[L,R]=c(null),[z,B]=c(null),V=l(!1),U=e(async e=>{E(!0);try{let{processDefinitions:t}=await g(F,{first:W,after:e}),n=t.edges.map(e=>e.node);return b(t=>e?[...t,...n]:n),S(t.pageInfo.hasNextPage),w(t.pageInfo.endCursor??null),O(null),n}catch(e){return O(e),[]}finally{E(!1)}},[]);n(()=>{U(null).then(e=>{let t=e.find(e=>e.processId===G)??e[0];t&&A(e=>e??t.id)})},[U]),n(()=>{v&&I(!0)},[v]);let K=v||P;n(()=>{K&&!L&&a(()=>import(`./Workspace-C1tj0UYj.js`).then(e=>R(()=>e.default),e=>B(e)),__vite__mapDeps([0,1,2,3,4]))},[K,L]);let Y=e(async e=>{await U(null),e.created&&A(e.id)},[U]),X=e(e=>{V.current=e},[]),Z=e=>{e!==k&&(!V.current||window.confirm(h.confirmDiscard))&&(A(e),document.getElementById(`process-editor`)?.scrollIntoView({behavior:`smooth`,block:`start`}))},Q=e=>y.find(t=>t.processId===e.processId&&t.version<e.version),ee=y[0]?.id,$=new Set(y.map(e=>e.processId)).size>1;return r(`section`,{class:`process-page stack`,children:[r(`h1`,{children:h.title}),r(`p`,{class:`lead`,children:h.intro}),r(`section`,{class:`card stack`,"aria-labelledby":`process-versions-title`,children:[r(`h2`,{id:`process-versions-title`,children:h.versionsTitle}),D?r(d,{error:D}):null,!y.length&&T&&r(m,{}),!y.length&&!T&&!D&&r(`p`,{class:`muted`,children:h.noVersions}),y.length>0&&r(`table`,{class:`responsive process-versions`,children:[r(`thead`,{children:r(`tr`,{children:[r(`th`,{scope:`col`,children:h.colVersion}),$&&r(`th`,{scope:`col`,children:h.colProcess}),r(`th`,{scope:`col`,children:h.colNote}),r(`th`,{scope:`col`,children:h.colDeployedAt}),r(`th`,{scope:`col`,children:h.colDeployedBy}),r(`th`,{scope:`col`,children:h.colReports}),r(`th`,{scope:`col`,children:h.colActions})]})}),r(`tbody`,{children:y.map(e=>{let n=Q(e);return r(t,{children:[r(`tr`,{"data-version":e.version,children:[r(`td`,{"data-label":h.colVersion,children:[r(`strong`,{children:[`v`,e.version]}),` `,e.id===ee&&r(`span`,{class:`badge badge--ok`,children:h.newest}),` `,e.id===k&&K&&r(`span`,{class:`badge`,children:h.inEditor})]}),$&&r(`td`,{"data-label":h.colProcess,children:r(`code`,{children:e.processId})}),r(`td`,{"data-label":h.colNote,class:`user-text`,children:e.note||_.none}),r(`td`,{"data-label":h.colDeployedAt,children:f(e.deployedAt)}),r(`td`,{"data-label":h.colDeployedBy,children:e.deployedBy?.name??h.deployedByCli}),r(`td`,{"data-label":h.colReports,children:e.reportCount}),r(`td`,{"data-label":h.colActions,children:r(`div`,{class:`row`,children:[n&&r(`button`,{type:`button`,class:`button--quiet`,"aria-expanded":j===e.id,onClick:()=>N(j===e.id?null:e.id),children:j===e.id?h.hideChanges:s(h.showChanges,{from:n.version})}),K&&e.id!==k&&r(`button`,{type:`button`,class:`button--quiet`,onClick:()=>Z(e.id),children:h.openInEditor})]})})]}),j===e.id&&n&&r(`tr`,{class:`process-versions__changes`,children:r(`td`,{colSpan:$?7:6,children:r(J,{fromId:n.id,toId:e.id})})})]},e.id)})})]}),x&&r(`button`,{type:`button`,disabled:T,onClick:()=>void U(C),children:h.loadMore})]}),r(`div`,{id:`process-editor`,children:[!K&&r(`div`,{class:`notice`,children:[r(`p`,{children:h.narrowScreen}),r(`button`,{type:`button`,onClick:()=>I(!0),children:h.openAnyway})]}),K&&z?r(d,{error:z}):null,K&&!L&&!z&&k&&r(m,{}),K&&L&&k&&r(L,{versionId:k,onDeployed:Y,onDirty:X})]}),y.length>0&&r(H,{versions:y,onMigrated:()=>void U(null)})]})}export{P as a,j as c,Y as default,I as i,z as n,M as o,R as r,O as s,U as t};