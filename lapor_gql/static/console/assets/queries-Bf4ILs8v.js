const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/charts-LWVU80bV.js","assets/compliance-0ERRH1T8.js","assets/index-CVOF2D2D.js","assets/index-CW2cxrZk.css","assets/compliance-CWNHASrI.css"])))=>i.map(i=>d[i]);
import{C as e,E as t,_ as n,a as r,d as i,g as a,h as o,l as s,m as c,w as l}from"./index-CVOF2D2D.js";import{t as u}from"./report-list-bh2U7V9d.js";import{i as d,n as f,r as p}from"./compliance-0ERRH1T8.js";var m=/^\d{4}-\d{2}-\d{2}$/;function h(e){let t=t=>{let n=e.get(t)??``;return m.test(n)?n:``},n=e.get(`classification`)??``;return{from:t(`from`),to:t(`to`),agencyId:e.get(`agencyId`)??``,includeSubUnits:e.get(`includeSubUnits`)!==`false`,classification:u.includes(n)?n:``,category:(e.get(`category`)??``).trim()}}function g(e){return{from:e.from||null,to:e.to||null,agencyId:e.agencyId||null,includeSubUnits:e.agencyId&&!e.includeSubUnits?`false`:null,classification:e.classification||null,category:e.category.trim()||null}}function _(e){s(g(e))}function v(e){return{from:e.from||null,to:e.to||null,agencyId:e.agencyId||null,includeSubUnits:e.includeSubUnits,classification:e.classification||null,category:e.category||null}}function y(e,t,n,r){let i=new URLSearchParams;for(let[e,t]of Object.entries(g(n)))t&&i.set(e,t);return i.set(`lang`,r),`/exports/${e}.${t}?${i.toString()}`}function b(e,t){let n=[],r=Number(e.slice(0,4)),i=Number(e.slice(5,7)),a=t.slice(0,7);for(let e=0;e<240;e+=1){let e=`${r}-${String(i).padStart(2,`0`)}`;if(n.push(e),e>=a)break;i+=1,i>12&&(i=1,r+=1)}return n}var x=c({dashboardTitle:`Statistik & ketepatan waktu`,dashboardIntro:`Laporan dihitung menurut tanggal masuknya, disposisi menurut tanggal dimulainya. Ketepatan waktu: bagian disposisi yang dijawab pertama kali sebelum batas waktunya.`,period:`Periode {from} – {to}`,filters:`Saring statistik`,from:`Dari tanggal`,to:`Sampai tanggal`,dateHint:`Kosongkan untuk 12 bulan terakhir.`,fromAfterTo:`Tanggal awal harus sebelum tanggal akhir.`,agency:`Instansi`,agencyHint:`Kosongkan untuk semua instansi.`,allAgencies:`— semua instansi —`,includeSubUnits:`Termasuk unit di bawahnya`,classification:`Klasifikasi`,anyClassification:`Semua klasifikasi`,category:`Kategori`,categoryHint:`Persis sama dengan kategori laporan.`,apply:`Terapkan`,clear:`Hapus saringan`,headline:`Ringkasan`,received:`Laporan masuk`,followedUp:`Ditindaklanjuti`,closed:`Selesai`,openNow:`Terbuka sekarang`,overdueNow:`Terlambat sekarang`,overdueNowLink:`Lihat laporan terlambat`,complianceRate:`Ketepatan waktu`,complianceDetail:`{met} tepat waktu, {missed} terlambat dari {measured} terukur; {pending} menunggu`,answerDays:`Waktu jawaban pertama`,answerDaysDetail:`median; p90 {p90} (hari kerja sejak disposisi)`,dispositionDays:`Waktu sampai disposisi`,dispositionDaysDetail:`median; p90 {p90} (hari kerja sejak laporan masuk)`,ofReceived:`dari {n} laporan masuk`,moreFigures:`Angka lainnya`,disposed:`Sampai ke instansi`,dispositions:`Disposisi (putaran) dimulai`,autoClosed:`Ditutup otomatis`,archived:`Diarsipkan`,reopened:`Dibuka kembali`,reopenRate:`Tingkat dibuka kembali`,escalated:`Tereskalasi`,escalatedShare:`Bagian tereskalasi`,notAuthority:`Pengajuan bukan wewenang (diterima / ditolak)`,closureDays:`Waktu sampai selesai (median; p90)`,firstAnswerDays:`Waktu sejak masuk sampai jawaban pertama (median; p90)`,ranking:`Peringkat ketepatan waktu instansi`,rankingIntro:`Diurutkan dari yang paling tepat waktu. Warna menurut ambang yang diatur server.`,rankingChart:`Grafik peringkat ketepatan waktu: {summary}`,rankingEmpty:`Belum ada instansi dengan disposisi dalam periode ini.`,colRank:`Peringkat`,colAgency:`Instansi`,colBand:`Kategori`,colRate:`Tepat waktu`,colMet:`Tepat`,colMissed:`Terlambat`,colPending:`Menunggu`,colMedian:`Median jawaban (hari kerja)`,colP90:`p90 (hari kerja)`,colReceived:`Masuk`,colOverdue:`Terlambat sekarang`,unknownAgency:`Instansi tidak dikenal`,notRanked:`—`,trend:`Tren bulanan`,trendIntro:`Laporan masuk dan disposisi per bulan (batang), ketepatan waktu (garis).`,trendChart:`Grafik tren bulanan: {summary}`,trendTable:`Tabel tren bulanan`,colMonth:`Bulan`,colClosed:`Selesai sejak itu`,colDispositions:`Disposisi`,seriesReceived:`Laporan masuk`,seriesDispositions:`Disposisi`,seriesRate:`Ketepatan waktu (%)`,axisCount:`Jumlah`,axisRate:`Tepat waktu (%)`,liaisons:`Per penghubung`,liaisonsIntro:`Jawaban pertama yang diberikan tiap penghubung dalam periode ini.`,liaisonsEmpty:`Belum ada jawaban pertama dalam periode ini.`,colLiaison:`Penghubung`,colAnswers:`Jawaban pertama`,exports:`Unduh`,exportsIntro:`Dengan saringan yang sama seperti di atas.`,exportStatisticsCsv:`Statistik (CSV)`,exportStatisticsXlsx:`Statistik (XLSX)`,exportReportsCsv:`Daftar laporan (CSV)`,exportReportsXlsx:`Daftar laporan (XLSX)`,chartLoading:`Memuat grafik…`,chartFailed:`Grafik tidak dapat dimuat; tabel di bawah memuat angka yang sama.`,publicTitle:`Transparansi tindak lanjut laporan`,publicIntro:`Berapa laporan yang masuk ke tiap instansi, berapa yang sudah ditindaklanjuti dan selesai, dan berapa disposisi yang dijawab tepat waktu. Laporan rahasia hanya dihitung.`,publicFilters:`Pilih periode`,publicCompliance:`Tepat waktu`,publicAgencies:`Per instansi`,publicChart:`Grafik ketepatan waktu per instansi: {summary}`},{dashboardTitle:`Statistics & compliance`,dashboardIntro:`Reports count by the day they arrived, dispositions by the day they began. Compliance: the share of dispositions first answered by their deadline.`,period:`Period {from} – {to}`,filters:`Filter the statistics`,from:`From`,to:`To`,dateHint:`Leave empty for the last 12 months.`,fromAfterTo:`The first day must come before the last.`,agency:`Agency`,agencyHint:`Leave empty for every agency.`,allAgencies:`— every agency —`,includeSubUnits:`Include its units`,classification:`Classification`,anyClassification:`Any classification`,category:`Category`,categoryHint:`Exactly the report's category.`,apply:`Apply`,clear:`Clear filters`,headline:`Summary`,received:`Reports received`,followedUp:`Followed up`,closed:`Closed`,openNow:`Open now`,overdueNow:`Overdue now`,overdueNowLink:`See the overdue reports`,complianceRate:`Compliance`,complianceDetail:`{met} on time, {missed} late of {measured} measured; {pending} awaiting`,answerDays:`Time to first answer`,answerDaysDetail:`median; p90 {p90} (working days from disposition)`,dispositionDays:`Time to disposition`,dispositionDaysDetail:`median; p90 {p90} (working days from arrival)`,ofReceived:`of {n} received`,moreFigures:`More figures`,disposed:`Reached an agency`,dispositions:`Dispositions (rounds) begun`,autoClosed:`Closed automatically`,archived:`Archived`,reopened:`Reopened`,reopenRate:`Reopen rate`,escalated:`Escalated`,escalatedShare:`Share escalated`,notAuthority:`Not-our-authority requests (accepted / rejected)`,closureDays:`Time to closure (median; p90)`,firstAnswerDays:`Time from arrival to first answer (median; p90)`,ranking:`Agencies ranked by compliance`,rankingIntro:`Most punctual first. Colours follow the thresholds the server is configured with.`,rankingChart:`Compliance ranking chart: {summary}`,rankingEmpty:`No agency had a disposition in this period.`,colRank:`Rank`,colAgency:`Agency`,colBand:`Band`,colRate:`On time`,colMet:`On time`,colMissed:`Late`,colPending:`Awaiting`,colMedian:`Median answer (working days)`,colP90:`p90 (working days)`,colReceived:`Received`,colOverdue:`Overdue now`,unknownAgency:`Unknown agency`,notRanked:`—`,trend:`Monthly trend`,trendIntro:`Reports received and dispositions per month (bars), compliance (line).`,trendChart:`Monthly trend chart: {summary}`,trendTable:`Monthly trend table`,colMonth:`Month`,colClosed:`Closed since`,colDispositions:`Dispositions`,seriesReceived:`Reports received`,seriesDispositions:`Dispositions`,seriesRate:`Compliance (%)`,axisCount:`Count`,axisRate:`On time (%)`,liaisons:`Per liaison`,liaisonsIntro:`The first answers each liaison gave in this period.`,liaisonsEmpty:`No first answers in this period yet.`,colLiaison:`Liaison`,colAnswers:`First answers`,exports:`Download`,exportsIntro:`With the same filters as above.`,exportStatisticsCsv:`Statistics (CSV)`,exportStatisticsXlsx:`Statistics (XLSX)`,exportReportsCsv:`Report list (CSV)`,exportReportsXlsx:`Report list (XLSX)`,chartLoading:`Loading the chart…`,chartFailed:`The chart cannot be loaded; the table below holds the same figures.`,publicTitle:`Follow-up transparency`,publicIntro:`How many reports each agency received, how many it followed up and closed, and how many dispositions it answered on time. Confidential reports are only counted.`,publicFilters:`Choose a period`,publicCompliance:`On time`,publicAgencies:`Per agency`,publicChart:`Compliance per agency chart: {summary}`}),S=null;function C(){return S??=i(()=>import(`./charts-LWVU80bV.js`),__vite__mapDeps([0,1,2,3,4])),S.catch(()=>{S=null}),S}function w({label:r,draw:i,drawKey:o,height:s,name:c}){let{t:u}=a(),d=u(x),f=l(null),[p,m]=t(`loading`);return e(()=>{let e=null,t=!1;return C().then(n=>{!t&&f.current&&(e=i(n,f.current),m(`drawn`))},()=>!t&&m(`failed`)),()=>{t=!0,e?.destroy()}},[o]),n(`div`,{class:`chart`,"data-chart":c,"data-state":p,children:[n(`div`,{class:`chart__area`,style:{height:s},children:n(`canvas`,{ref:f,role:`img`,"aria-label":r})}),p===`loading`&&n(`p`,{class:`muted chart__status`,role:`status`,children:d.chartLoading}),p===`failed`&&n(`p`,{class:`notice notice--error chart__status`,children:d.chartFailed})]})}function T({name:e,label:t,value:r,detail:i,band:a,tone:o}){return n(`li`,{class:`stat-card${a?` stat-card--${a.toLowerCase()}`:``}`,"data-figure":e,children:[n(`span`,{class:`stat-card__label`,children:t}),n(`span`,{class:`stat-card__value${o===`bad`?` stat-card__value--bad`:``}`,children:r}),a&&n(f,{band:a}),i&&n(`span`,{class:`stat-card__detail`,children:i})]})}function E({agencies:e,labelTemplate:t}){let{t:r,lang:i,locale:s}=a(),c=r(x),l=r(p),u=d(),f=e.map(e=>`${e.code} ${u.rate(e.rate)} (${l[`band${e.band}`]})`).join(`, `),m=e.map(({code:e,name:t,rate:n,band:r})=>({code:e,name:t,rate:n,band:r}));return n(w,{name:`ranking`,label:o(t,{summary:f}),height:`${Math.max(8,Math.min(40,3+e.length*2.4))}rem`,drawKey:`${i} ${JSON.stringify(m)}`,draw:(e,t)=>e.drawRanking(t,m,{axis:c.colRate,notMeasured:l.bandNONE},s)})}function D(){let{locale:e}=a();return t=>new Date(`${t}-01T00:00:00`).toLocaleDateString(e,{month:`short`,year:`numeric`})}r(`
  fragment StatisticsSpread on WorkingDaysSpread {
    count
    median
    p90
  }
`),r(`
  fragment StatisticsCompliance on Compliance {
    met
    missed
    pending
    withdrawn
    withoutDeadline
    measured
    rate
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
      compliance {
        met
        missed
        pending
        measured
        rate
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
          met
          missed
          pending
          measured
          rate
        }
      }
    }
  }
`);export{D as a,_ as c,h as d,v as f,T as i,y as l,O as n,w as o,E as r,x as s,k as t,b as u};