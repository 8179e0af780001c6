const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/charts-eUMHe_ef.js","assets/compliance-GScuCerj.js","assets/index-DLRb2nG7.js","assets/index-CW2cxrZk.css","assets/compliance-CWNHASrI.css"])))=>i.map(i=>d[i]);
import{N as e,O as t,_ as n,a as r,d as i,g as a,h as o,j as s,k as c,l,m as u}from"./index-DLRb2nG7.js";import{t as d}from"./form-BbdzBduc.js";import{t as f}from"./report-list-BM6z0ZgC.js";import{i as p,n as m,r as h}from"./compliance-GScuCerj.js";var g=/^\d{4}-\d{2}-\d{2}$/;function _(e){let t=t=>{let n=e.get(t)??``;return g.test(n)?n:``},n=e.get(`classification`)??``;return{from:t(`from`),to:t(`to`),agencyId:e.get(`agencyId`)??``,includeSubUnits:e.get(`includeSubUnits`)!==`false`,classification:f.includes(n)?n:``,category:(e.get(`category`)??``).trim()}}function v(e){return{from:e.from||null,to:e.to||null,agencyId:e.agencyId||null,includeSubUnits:e.agencyId&&!e.includeSubUnits?`false`:null,classification:e.classification||null,category:e.category.trim()||null}}function y(e){l(v(e))}function b(e){return{from:e.from||null,to:e.to||null,agencyId:e.agencyId||null,includeSubUnits:e.includeSubUnits,classification:e.classification||null,category:e.category||null}}function x(e,t,n,r){let i=new URLSearchParams;for(let[e,t]of Object.entries(v(n)))t&&i.set(e,t);return i.set(`lang`,r),`/exports/${e}.${t}?${i.toString()}`}var S=u({dashboardTitle:`Statistik & ketepatan waktu`,dashboardIntro:`Laporan dihitung menurut tanggal masuknya, disposisi menurut tanggal dimulainya. Ketepatan waktu: bagian disposisi yang dijawab pertama kali sebelum batas waktunya.`,period:`Periode {from} – {to}`,filters:`Saring statistik`,from:`Dari tanggal`,to:`Sampai tanggal`,dateHint:`Kosongkan untuk 12 bulan terakhir.`,fromAfterTo:`Tanggal awal harus sebelum tanggal akhir.`,agency:`Instansi`,agencyHint:`Kosongkan untuk semua instansi.`,allAgencies:`— semua instansi —`,includeSubUnits:`Termasuk unit di bawahnya`,classification:`Klasifikasi`,anyClassification:`Semua klasifikasi`,category:`Kategori`,categoryHint:`Persis sama dengan kategori laporan.`,apply:`Terapkan`,clear:`Hapus saringan`,headline:`Ringkasan`,received:`Laporan masuk`,followedUp:`Ditindaklanjuti`,closed:`Selesai`,openNow:`Terbuka sekarang`,overdueNow:`Terlambat sekarang`,overdueNowLink:`Lihat laporan terlambat`,complianceRate:`Ketepatan waktu`,complianceDetail:`{met} tepat waktu, {missed} terlambat dari {measured} terukur; {pending} menunggu`,answerDays:`Waktu jawaban pertama`,answerDaysDetail:`median; p90 {p90} (hari kerja sejak disposisi)`,dispositionDays:`Waktu sampai disposisi`,dispositionDaysDetail:`median; p90 {p90} (hari kerja sejak laporan masuk)`,ofReceived:`dari {n} laporan masuk`,moreFigures:`Angka lainnya`,disposed:`Sampai ke instansi`,dispositions:`Disposisi (putaran) dimulai`,autoClosed:`Ditutup otomatis`,archived:`Diarsipkan`,reopened:`Dibuka kembali`,reopenRate:`Tingkat dibuka kembali`,escalated:`Tereskalasi`,escalatedShare:`Bagian tereskalasi`,notAuthority:`Pengajuan bukan wewenang (diterima / ditolak)`,closureDays:`Waktu sampai selesai (median; p90)`,firstAnswerDays:`Waktu sejak masuk sampai jawaban pertama (median; p90)`,ranking:`Peringkat ketepatan waktu instansi`,rankingIntro:`Diurutkan dari yang paling tepat waktu. Warna menurut ambang yang diatur server.`,rankingChart:`Grafik peringkat ketepatan waktu: {summary}`,rankingEmpty:`Belum ada instansi dengan disposisi dalam periode ini.`,colRank:`Peringkat`,colAgency:`Instansi`,colBand:`Kategori`,colRate:`Tepat waktu`,colMet:`Tepat`,colMissed:`Terlambat`,colPending:`Menunggu`,colMedian:`Median jawaban (hari kerja)`,colP90:`p90 (hari kerja)`,colReceived:`Masuk`,colOverdue:`Terlambat sekarang`,unknownAgency:`Instansi tidak dikenal`,satisfaction:`Kepuasan pelapor`,satisfactionDetail:`{rated} penilaian; {share} dari laporan yang selesai`,satisfactionTitle:`Kepuasan pelapor per instansi`,satisfactionIntro:`Penilaian pelapor (1–5) atas laporan yang selesai sekarang; laporan yang dibuka kembali dapat kehilangan penilaiannya.`,satisfactionTotal:`Semua instansi`,colAverage:`Rata-rata`,colRated:`Dinilai`,colClosedNow:`Selesai`,colShareRated:`Porsi dinilai`,colDistribution:`Sebaran nilai`,scoreLabel:`nilai {score}:`,notRanked:`—`,trend:`Tren bulanan`,trendIntro:`Laporan masuk dan disposisi per bulan (batang), ketepatan waktu (garis).`,trendChart:`Grafik tren bulanan: {summary}`,trendTable:`Tabel tren bulanan`,colMonth:`Bulan`,colClosed:`Selesai sejak itu`,colDispositions:`Disposisi`,seriesReceived:`Laporan masuk`,seriesDispositions:`Disposisi`,seriesRate:`Ketepatan waktu (%)`,axisCount:`Jumlah`,axisRate:`Tepat waktu (%)`,liaisons:`Per penghubung`,liaisonsIntro:`Jawaban pertama yang diberikan tiap penghubung dalam periode ini.`,liaisonsEmpty:`Belum ada jawaban pertama dalam periode ini.`,colLiaison:`Penghubung`,colAnswers:`Jawaban pertama`,exports:`Unduh`,exportsIntro:`Dengan saringan yang sama seperti di atas.`,exportStatisticsCsv:`Statistik (CSV)`,exportStatisticsXlsx:`Statistik (XLSX)`,exportReportsCsv:`Daftar laporan (CSV)`,exportReportsXlsx:`Daftar laporan (XLSX)`,chartLoading:`Memuat grafik…`,chartFailed:`Grafik tidak dapat dimuat; tabel di bawah memuat angka yang sama.`,publicTitle:`Transparansi tindak lanjut laporan`,publicIntro:`Berapa laporan yang masuk ke tiap instansi, berapa yang sudah ditindaklanjuti dan selesai, dan berapa disposisi yang dijawab tepat waktu. Laporan rahasia hanya dihitung.`,publicFilters:`Pilih periode`,publicCompliance:`Tepat waktu`,publicAgencies:`Per instansi`,publicChart:`Grafik ketepatan waktu per instansi: {summary}`},{dashboardTitle:`Statistics & compliance`,dashboardIntro:`Reports count by the day they arrived, dispositions by the day they began. Compliance: the share of dispositions first answered by their deadline.`,period:`Period {from} – {to}`,filters:`Filter the statistics`,from:`From`,to:`To`,dateHint:`Leave empty for the last 12 months.`,fromAfterTo:`The first day must come before the last.`,agency:`Agency`,agencyHint:`Leave empty for every agency.`,allAgencies:`— every agency —`,includeSubUnits:`Include its units`,classification:`Classification`,anyClassification:`Any classification`,category:`Category`,categoryHint:`Exactly the report's category.`,apply:`Apply`,clear:`Clear filters`,headline:`Summary`,received:`Reports received`,followedUp:`Followed up`,closed:`Closed`,openNow:`Open now`,overdueNow:`Overdue now`,overdueNowLink:`See the overdue reports`,complianceRate:`Compliance`,complianceDetail:`{met} on time, {missed} late of {measured} measured; {pending} awaiting`,answerDays:`Time to first answer`,answerDaysDetail:`median; p90 {p90} (working days from disposition)`,dispositionDays:`Time to disposition`,dispositionDaysDetail:`median; p90 {p90} (working days from arrival)`,ofReceived:`of {n} received`,moreFigures:`More figures`,disposed:`Reached an agency`,dispositions:`Dispositions (rounds) begun`,autoClosed:`Closed automatically`,archived:`Archived`,reopened:`Reopened`,reopenRate:`Reopen rate`,escalated:`Escalated`,escalatedShare:`Share escalated`,notAuthority:`Not-our-authority requests (accepted / rejected)`,closureDays:`Time to closure (median; p90)`,firstAnswerDays:`Time from arrival to first answer (median; p90)`,ranking:`Agencies ranked by compliance`,rankingIntro:`Most punctual first. Colours follow the thresholds the server is configured with.`,rankingChart:`Compliance ranking chart: {summary}`,rankingEmpty:`No agency had a disposition in this period.`,colRank:`Rank`,colAgency:`Agency`,colBand:`Band`,colRate:`On time`,colMet:`On time`,colMissed:`Late`,colPending:`Awaiting`,colMedian:`Median answer (working days)`,colP90:`p90 (working days)`,colReceived:`Received`,colOverdue:`Overdue now`,unknownAgency:`Unknown agency`,satisfaction:`Reporter satisfaction`,satisfactionDetail:`{rated} ratings; {share} of the reports closed`,satisfactionTitle:`Reporter satisfaction by agency`,satisfactionIntro:`The reporters’ ratings (1–5) of the reports closed now; a reopened report may lose its rating.`,satisfactionTotal:`Every agency`,colAverage:`Average`,colRated:`Rated`,colClosedNow:`Closed`,colShareRated:`Share rated`,colDistribution:`Scores`,scoreLabel:`score {score}:`,notRanked:`—`,trend:`Monthly trend`,trendIntro:`Reports received and dispositions per month (bars), compliance (line).`,trendChart:`Monthly trend chart: {summary}`,trendTable:`Monthly trend table`,colMonth:`Month`,colClosed:`Closed since`,colDispositions:`Dispositions`,seriesReceived:`Reports received`,seriesDispositions:`Dispositions`,seriesRate:`Compliance (%)`,axisCount:`Count`,axisRate:`On time (%)`,liaisons:`Per liaison`,liaisonsIntro:`The first answers each liaison gave in this period.`,liaisonsEmpty:`No first answers in this period yet.`,colLiaison:`Liaison`,colAnswers:`First answers`,exports:`Download`,exportsIntro:`With the same filters as above.`,exportStatisticsCsv:`Statistics (CSV)`,exportStatisticsXlsx:`Statistics (XLSX)`,exportReportsCsv:`Report list (CSV)`,exportReportsXlsx:`Report list (XLSX)`,chartLoading:`Loading the chart…`,chartFailed:`The chart cannot be loaded; the table below holds the same figures.`,publicTitle:`Follow-up transparency`,publicIntro:`How many reports each agency received, how many it followed up and closed, and how many dispositions it answered on time. Confidential reports are only counted.`,publicFilters:`Choose a period`,publicCompliance:`On time`,publicAgencies:`Per agency`,publicChart:`Compliance per agency chart: {summary}`});function C({name:e,label:t,value:r,detail:i,band:a,tone:o}){return n(`li`,{class:`stat-card${a?` stat-card--${a.toLowerCase()}`:``}`,"data-figure":e,children:[n(`span`,{class:`stat-card__label`,children:t}),n(`span`,{class:`stat-card__value${o===`bad`?` stat-card__value--bad`:``}`,children:r}),a&&n(m,{band:a}),i&&n(`span`,{class:`stat-card__detail`,children:i})]})}function w({id:e,period:t,children:r}){let{t:i,formatDate:s}=a(),c=i(S);return n(`section`,{"aria-labelledby":e,children:[n(`h2`,{id:e,children:c.headline}),n(`p`,{class:`statistics__period`,children:o(c.period,{from:s(t.from),to:s(t.to)})}),n(`ul`,{class:`stat-cards`,children:r})]})}function T({label:e,compliance:t,band:r}){let{t:i}=a(),s=i(S),c=p();return n(C,{name:`complianceRate`,label:e,value:c.rate(t.rate),band:r,detail:o(s.complianceDetail,{met:t.met,missed:t.missed,measured:t.measured,pending:t.pending})})}function E(e){return!!(e.from&&e.to&&e.from>e.to)}function D({idPrefix:t,period:r,onChange:i,reversed:o}){let{t:s}=a(),c=s(S);return n(e,{children:[n(d,{id:`${t}-from`,label:c.from,hint:c.dateHint,children:n(`input`,{id:`${t}-from`,type:`date`,value:r.from,"aria-describedby":`${t}-from-hint`,onInput:e=>i({...r,from:e.target.value})})}),n(d,{id:`${t}-to`,label:c.to,error:o?c.fromAfterTo:null,children:n(`input`,{id:`${t}-to`,type:`date`,value:r.to,"aria-invalid":o||void 0,"aria-describedby":o?`${t}-to-error`:void 0,onInput:e=>i({...r,to:e.target.value})})})]})}r(`
  fragment StatisticsSpread on WorkingDaysSpread {
    count
    median
    p90
  }
`),r(`
  fragment StatisticsCompliance on Compliance {
    ...ComplianceFigures
    withdrawn
    withoutDeadline
    answerDays {
      ...StatisticsSpread
    }
  }
`);var O=r(`
  query StatisticsDashboard($filter: StatisticsFilter) {
    statistics(filter: $filter) {
      period {
        from
        to
        timeZone
      }
      band
      totals {
        received
        disposed
        followedUp
        closed
        autoClosed
        archived
        reopened
        notAuthorityRequested
        notAuthorityAccepted
        notAuthorityRejected
        openNow
        overdueNow
        escalated
        reopenRate
        escalatedShare
        daysToDisposition {
          ...StatisticsSpread
        }
        daysToFirstAnswer {
          ...StatisticsSpread
        }
        daysToClosure {
          ...StatisticsSpread
        }
        dispositions
        compliance {
          ...StatisticsCompliance
        }
        satisfaction {
          ...StatisticsSatisfaction
        }
      }
      agencies {
        band
        rank
        agency {
          id
          code
          name
        }
        figures {
          received
          overdueNow
          dispositions
          compliance {
            ...StatisticsCompliance
          }
          satisfaction {
            ...StatisticsSatisfaction
          }
        }
      }
      monthly {
        month
        received
        closed
        dispositions
        compliance {
          met
          measured
          rate
        }
      }
      liaisons {
        id
        name
        answers
        answerDays {
          ...StatisticsSpread
        }
      }
    }
  }
`),k=r(`
  query PublicStatisticsSummary($filter: PublicStatisticsFilter) {
    publicStatistics(filter: $filter) {
      period {
        from
        to
      }
      received
      followedUp
      closed
      band
      compliance {
        ...ComplianceFigures
      }
      agencies {
        received
        followedUp
        closed
        band
        rank
        agency {
          id
          code
          name
        }
        compliance {
          ...ComplianceFigures
        }
      }
    }
  }
`),A=null;function j(){return A??=i(()=>import(`./charts-eUMHe_ef.js`),__vite__mapDeps([0,1,2,3,4])),A.catch(()=>{A=null}),A}function M({label:e,draw:r,drawKey:i,height:o,name:l}){let{t:u}=a(),d=u(S),f=c(null),[p,m]=s(`loading`);return t(()=>{let e=null,t=!1;return j().then(n=>{!t&&f.current&&(e=r(n,f.current),m(`drawn`))},()=>!t&&m(`failed`)),()=>{t=!0,e?.destroy()}},[i]),n(`div`,{class:`chart`,"data-chart":l,"data-state":p,children:[n(`div`,{class:`chart__area`,style:{height:o},children:n(`canvas`,{ref:f,role:`img`,"aria-label":e})}),p===`loading`&&n(`p`,{class:`muted chart__status`,role:`status`,children:d.chartLoading}),p===`failed`&&n(`p`,{class:`notice notice--error chart__status`,children:d.chartFailed})]})}function N({id:t,title:r,chartLabel:i,entries:o,rate:s,columns:c}){let{t:l}=a(),u=l(S),d=p(),f=o.map((e,t)=>({entry:e,key:e.agency?.id??`unknown-${t}`,bar:{code:e.agency?.code??`?`,name:e.agency?.name??u.unknownAgency,rate:s(e)??null,band:e.band}}));return n(`section`,{"aria-labelledby":t,children:[n(`h2`,{id:t,children:r}),n(`p`,{class:`muted`,children:u.rankingIntro}),f.length===0?n(`p`,{class:`notice`,children:u.rankingEmpty}):n(e,{children:[n(P,{bars:f.map(({bar:e})=>e),labelTemplate:i}),n(`div`,{class:`table-wrap`,children:n(`table`,{class:`responsive ranking-table`,children:[n(`caption`,{class:`visually-hidden`,children:r}),n(`thead`,{children:n(`tr`,{children:[n(`th`,{scope:`col`,class:`number`,children:u.colRank}),n(`th`,{scope:`col`,children:u.colAgency}),n(`th`,{scope:`col`,children:u.colBand}),n(`th`,{scope:`col`,class:`number`,children:u.colRate}),c.map(e=>n(`th`,{scope:`col`,class:`number`,children:e.label},e.label))]})}),n(`tbody`,{children:f.map(({entry:e,key:t,bar:r})=>n(`tr`,{"data-agency":r.code,children:[n(`td`,{class:`number`,"data-label":u.colRank,children:e.rank??u.notRanked}),n(`td`,{class:`row-name`,"data-label":u.colAgency,children:n(`span`,{children:[r.name,` `,n(`span`,{class:`agency-code`,children:[`(`,r.code,`)`]})]})}),n(`td`,{"data-label":u.colBand,children:n(m,{band:r.band})}),n(`td`,{class:`number`,"data-label":u.colRate,"data-figure":`rate`,children:d.rate(r.rate)}),c.map(t=>n(`td`,{class:`number`,"data-label":t.label,"data-figure":t.figure,children:t.value(e)},t.label))]},t))})]})})]})]})}function P({bars:e,labelTemplate:t}){let{t:r,lang:i,locale:s}=a(),c=r(S),l=r(h),u=p(),d=e.map(e=>`${e.code} ${u.rate(e.rate)} (${l[`band${e.band}`]})`).join(`, `);return n(M,{name:`ranking`,label:o(t,{summary:d}),height:`${Math.max(8,Math.min(40,3+e.length*2.4))}rem`,drawKey:`${i} ${JSON.stringify(e)}`,draw:(t,n)=>t.drawRanking(n,e,{axis:c.colRate,notMeasured:l.bandNONE},s)})}export{D as a,w as c,y as d,x as f,O as i,C as l,b as m,M as n,E as o,_ as p,k as r,T as s,N as t,S as u};