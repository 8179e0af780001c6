import{a as e,m as t}from"./index-DLRb2nG7.js";var n=t({submitTitle:`Buat laporan`,submitIntro:`Tulis apa yang terjadi, di mana dan kapan. Admin memverifikasi laporan Anda lalu meneruskannya ke instansi yang berwenang.`,withoutAccount:`Anda mengirim tanpa akun. Setelah terkirim Anda mendapat nomor pelacakan dan kode akses untuk mengikuti laporan ini. Anda dapat membuat akun nanti untuk laporan berikutnya.`,asAccount:`Anda mengirim sebagai {name}. Laporan ini akan muncul di "Laporan saya".`,officerCannotSubmit:`Petugas tidak mengirim laporan. Keluar terlebih dahulu untuk melapor sebagai warga.`,fieldTitle:`Judul laporan`,fieldTitleHint:`Satu kalimat singkat, misalnya "Jalan berlubang di Jl. Merdeka".`,fieldBody:`Isi laporan`,fieldBodyHint:`Ceritakan kejadiannya: apa, siapa yang terdampak, sejak kapan.`,fieldClassification:`Jenis laporan`,classCOMPLAINT:`Pengaduan`,classCOMPLAINTHint:`Ada pelayanan atau kejadian yang merugikan dan perlu ditindaklanjuti.`,classASPIRATION:`Aspirasi`,classASPIRATIONHint:`Saran atau usulan untuk pemerintah.`,classINFORMATION_REQUEST:`Permintaan informasi`,classINFORMATION_REQUESTHint:`Anda ingin mengetahui informasi dari instansi pemerintah.`,fieldCategory:`Kategori`,fieldCategoryHint:`Pilih dari saran atau tulis sendiri.`,fieldLocation:`Lokasi`,fieldLocationHint:`Alamat, nama tempat atau patokan.`,fieldIncidentDate:`Tanggal kejadian`,fieldIncidentDateHint:`Boleh dikosongkan bila tidak tahu.`,privacy:`Kerahasiaan`,fieldConfidential:`Rahasia`,fieldConfidentialHint:`Isi laporan tidak ditampilkan kepada publik; hanya admin dan instansi yang menangani yang dapat membacanya.`,fieldAnonymous:`Anonim`,fieldAnonymousHint:`Identitas Anda disembunyikan dari instansi dan publik; hanya admin yang mengetahuinya.`,send:`Kirim laporan`,sending:`Mengirim…`,receiptTitle:`Laporan terkirim`,receiptIntro:`Laporan Anda menunggu verifikasi admin.`,trackingNumber:`Nomor pelacakan`,accessCode:`Kode akses`,codeWarningTitle:`Catat kode akses ini sekarang.`,codeWarning:`Kode ini hanya ditampilkan sekali. Dengan nomor pelacakan dan kode akses Anda dapat mengikuti laporan, membaca tanggapan dan membalasnya. Tanpa kode ini laporan tidak dapat diikuti, dan tidak ada yang dapat memulihkannya.`,copy:`Salin`,copyTracking:`Salin nomor pelacakan`,copyCode:`Salin kode akses`,copied:`Tersalin.`,copyFailed:`Tidak dapat menyalin otomatis. Pilih teksnya lalu salin sendiri.`,follow:`Ikuti laporan ini`,following:`Membuka…`,openReport:`Buka laporan`,toMyReports:`Ke laporan saya`,anotherReport:`Buat laporan lain`,trackTitle:`Lacak laporan`,trackIntro:`Masukkan nomor pelacakan dan kode akses yang Anda terima saat mengirim laporan.`,trackLoggedIn:`Anda sedang masuk sebagai {name}. Mengikuti laporan dengan kode akses akan mengeluarkan Anda dari akun ini di peramban ini.`,trackNumberHint:`Contoh: LPR-2026-7F3K9Q`,trackSubmit:`Lacak`,trackNoCode:`Punya akun? Laporan yang Anda kirim saat masuk ada di "Laporan saya".`,myReportsTitle:`Laporan saya`,myReportsEmpty:`Anda belum mengirim laporan.`,colTracking:`Nomor`,colTitle:`Judul`,colStatus:`Status`,colStage:`Tahap`,colAgency:`Instansi`,colUpdated:`Terakhir diperbarui`,notDisposedYet:`Belum didisposisikan`,loadMore:`Tampilkan lebih banyak`},{submitTitle:`Submit a report`,submitIntro:`Write what happened, where and when. The admin verifies your report and then passes it to the agency responsible.`,withoutAccount:`You are sending without an account. Once it is sent you get a tracking number and an access code to follow this report. You can create an account later for your next reports.`,asAccount:`You are sending as {name}. This report will appear under "My reports".`,officerCannotSubmit:`Officers do not submit reports. Log out first to report as a citizen.`,fieldTitle:`Title`,fieldTitleHint:`One short sentence, e.g. "Potholes on Jl. Merdeka".`,fieldBody:`What happened`,fieldBodyHint:`Describe it: what, who is affected, since when.`,fieldClassification:`Kind of report`,classCOMPLAINT:`Complaint`,classCOMPLAINTHint:`A service or an event harms people and needs to be acted on.`,classASPIRATION:`Aspiration`,classASPIRATIONHint:`A suggestion or a proposal for the government.`,classINFORMATION_REQUEST:`Request for information`,classINFORMATION_REQUESTHint:`You want information from a government agency.`,fieldCategory:`Category`,fieldCategoryHint:`Pick a suggestion or write your own.`,fieldLocation:`Location`,fieldLocationHint:`Address, place name or landmark.`,fieldIncidentDate:`Date of the incident`,fieldIncidentDateHint:`Leave it empty if you do not know.`,privacy:`Privacy`,fieldConfidential:`Confidential`,fieldConfidentialHint:`The report is not shown to the public; only the admin and the agency handling it can read it.`,fieldAnonymous:`Anonymous`,fieldAnonymousHint:`Your identity is hidden from agencies and the public; only the admin knows it.`,send:`Send report`,sending:`Sending…`,receiptTitle:`Report sent`,receiptIntro:`Your report waits for the admin’s verification.`,trackingNumber:`Tracking number`,accessCode:`Access code`,codeWarningTitle:`Write this access code down now.`,codeWarning:`It is shown only once. With the tracking number and the access code you can follow the report, read the answers and reply. Without the code nobody can follow the report, and nobody can recover it.`,copy:`Copy`,copyTracking:`Copy tracking number`,copyCode:`Copy access code`,copied:`Copied.`,copyFailed:`Could not copy automatically. Select the text and copy it yourself.`,follow:`Follow this report`,following:`Opening…`,openReport:`Open the report`,toMyReports:`Go to my reports`,anotherReport:`Submit another report`,trackTitle:`Track a report`,trackIntro:`Enter the tracking number and the access code you received when you sent the report.`,trackLoggedIn:`You are logged in as {name}. Following a report with its access code logs you out of this account in this browser.`,trackNumberHint:`For example: LPR-2026-7F3K9Q`,trackSubmit:`Track`,trackNoCode:`Have an account? The reports you sent while logged in are under "My reports".`,myReportsTitle:`My reports`,myReportsEmpty:`You have not sent a report yet.`,colTracking:`Number`,colTitle:`Title`,colStatus:`Status`,colStage:`Stage`,colAgency:`Agency`,colUpdated:`Last update`,notDisposedYet:`Not disposed yet`,loadMore:`Show more`}),r=[{value:`Infrastruktur`,id:`Jalan, jembatan, drainase`,en:`Infrastructure: roads, bridges, drainage`},{value:`Kesehatan`,id:`Puskesmas, rumah sakit, BPJS`,en:`Health: clinics, hospitals, insurance`},{value:`Pendidikan`,id:`Sekolah, guru, biaya sekolah`,en:`Education: schools, teachers, fees`},{value:`Lingkungan`,id:`Sampah, pencemaran, banjir`,en:`Environment: waste, pollution, floods`},{value:`Perhubungan`,id:`Angkutan umum, lalu lintas`,en:`Transport: public transport, traffic`},{value:`Administrasi Kependudukan`,id:`KTP, KK, akta`,en:`Civil registration: ID cards, certificates`},{value:`Sosial`,id:`Bantuan sosial, disabilitas`,en:`Social: welfare, disability`},{value:`Ketenagakerjaan`,id:`Upah, pelatihan kerja`,en:`Employment: wages, job training`},{value:`Pelayanan Publik`,id:`Perizinan, pelayanan kantor`,en:`Public services: permits, offices`},{value:`Lainnya`,id:`Lainnya`,en:`Other`}],i=e(`
  mutation ReporterSubmit($input: ReportSubmitInput!) {
    reportSubmit(input: $input) {
      report {
        id
        trackingNumber
        title
        statusLabel
      }
      accessCode
      errors {
        field
        code
        message
      }
    }
  }
`),a=e(`
  mutation ReporterFollow($input: ReportAccessTokenCreateInput!) {
    reportAccessTokenCreate(input: $input) {
      expiresAt
      report {
        id
      }
      errors {
        field
        code
        message
      }
    }
  }
`),o=e(`
  query ReporterMyReports($first: Int!, $after: String) {
    reports(filter: { mine: true }, first: $first, after: $after) {
      edges {
        node {
          id
          trackingNumber
          title
          classification
          status
          statusLabel
          stage {
            code
            label
          }
          agency {
            id
            name
          }
          createdAt
          updatedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);export{n as a,r as i,o as n,i as r,a as t};