import{a as e,m as t}from"./index-DLRb2nG7.js";var n=t({inboxTitle:`Kotak masuk`,inboxLead:`Laporan yang didisposisikan ke {agency}, yang terlambat lebih dulu.`,noAgency:`Akun Anda belum terhubung ke instansi. Hubungi admin.`,filters:`Saring`,status:`Status`,stage:`Tahap`,stageHint:`Langkah proses tempat laporan menunggu.`,anyStage:`Semua tahap`,classification:`Klasifikasi`,anyClassification:`Semua klasifikasi`,category:`Kategori`,overdueOnly:`Hanya yang terlambat`,search:`Cari judul`,apply:`Terapkan`,clear:`Hapus saringan`,pageOf:`Halaman {n}`,refresh:`Muat ulang daftar`,refreshed:`Daftar dimuat ulang.`,dismiss:`Tutup pemberitahuan`,queueArrived:`Laporan baru didisposisikan: {number}`,queueChanged:`Laporan diperbarui: {number} ({action})`,queueLeft:`Laporan keluar dari kotak masuk: {number}`,aReport:`sebuah laporan`,liveNotice:`Kotak masuk berubah`,reportNotFound:`Laporan tidak ditemukan, atau Anda tidak berhak melihatnya.`,backToInbox:`Kembali ke kotak masuk`,backToMyReports:`Kembali ke laporan saya`,backToVerification:`Ke antrean verifikasi`,stopFollowing:`Berhenti mengikuti laporan ini di peramban ini`,stopFollowingHint:`Di komputer bersama, akhiri agar orang berikutnya tidak dapat membaca laporan Anda. Anda dapat mengikutinya lagi dengan nomor dan kode akses.`,details:`Rincian laporan`,body:`Isi laporan`,location:`Lokasi`,coordinates:`Koordinat`,incidentDate:`Tanggal kejadian`,submittedAt:`Dikirim`,updatedAt:`Diperbarui`,agency:`Instansi`,noAgencyYet:`Belum didisposisikan`,deadline:`Batas waktu`,reporter:`Pelapor`,reporterHidden:`Disembunyikan`,reporterWithoutAccount:`Tanpa akun (mengikuti dengan kode akses)`,confidential:`Rahasia`,anonymous:`Anonim`,confidentialHint:`Laporan rahasia: tidak tampil untuk publik.`,anonymousHint:`Laporan anonim: identitas pelapor disembunyikan dari instansi dan publik.`,actionDone:`Berhasil: {action}.`,liveUpdated:`Laporan ini baru saja diperbarui: {event}.`,liveUpdatedPlain:`Laporan ini baru saja diperbarui.`,attachments:`Lampiran`,rating:`Penilaian pelapor`,ratedAt:`dinilai {date}`,ratingComment:`Komentar pelapor`,ratingPromptTitle:`Laporan Anda sudah selesai. Bagaimana penyelesaiannya?`,ratingPromptIntro:`Beri penilaian 1 sampai 5. Penilaian Anda membantu provinsi menilai pelayanan setiap instansi.`,ratingPromptLater:`Nanti saja`,internalFiles:`Berkas internal`,internalFilesIntro:`Berkas untuk petugas saja (instansi yang menangani dan admin): pelapor dan publik tidak melihatnya.`,internalFilesOpen:`Tambah berkas internal`,internalFilesNote:`Catatan (opsional)`,internalFilesSend:`Simpan berkas internal`,internalFilesNone:`Pilih setidaknya satu berkas.`,internalFilesDone:`Berkas internal disimpan.`,complianceTitle:`Ketepatan waktu tindak lanjut`,compliancePeriod:`{from} – {to}`,complianceRate:`Ketepatan waktu`,complianceRateHint:`{met} dari {measured} disposisi terukur dijawab sebelum batas waktu.`,complianceMet:`Tepat waktu`,complianceMissed:`Terlambat`,compliancePending:`Menunggu jawaban`,complianceMedian:`Median waktu jawaban pertama`,complianceOverdue:`Terlambat sekarang`,complianceOverdueLink:`Tampilkan yang terlambat`,complianceUnavailable:`Ketepatan waktu tidak dapat dimuat sekarang.`},{inboxTitle:`Inbox`,inboxLead:`Reports disposed to {agency}, overdue ones first.`,noAgency:`Your account is not linked to an agency. Please contact the admin.`,filters:`Filter`,status:`Status`,stage:`Stage`,stageHint:`The step of the process the report waits at.`,anyStage:`Any stage`,classification:`Classification`,anyClassification:`Any classification`,category:`Category`,overdueOnly:`Overdue only`,search:`Search titles`,apply:`Apply`,clear:`Clear filters`,pageOf:`Page {n}`,refresh:`Refresh the list`,refreshed:`The list was refreshed.`,dismiss:`Dismiss notice`,queueArrived:`New report disposed: {number}`,queueChanged:`Report updated: {number} ({action})`,queueLeft:`Report left the inbox: {number}`,aReport:`a report`,liveNotice:`Inbox changed`,reportNotFound:`The report was not found, or you may not see it.`,backToInbox:`Back to the inbox`,backToMyReports:`Back to my reports`,backToVerification:`To the verification queue`,stopFollowing:`Stop following this report in this browser`,stopFollowingHint:`On a shared computer, end it so the next person cannot read your report. You can follow it again with its number and access code.`,details:`Report details`,body:`Report`,location:`Location`,coordinates:`Coordinates`,incidentDate:`Incident date`,submittedAt:`Submitted`,updatedAt:`Updated`,agency:`Agency`,noAgencyYet:`Not disposed yet`,deadline:`Deadline`,reporter:`Reporter`,reporterHidden:`Hidden`,reporterWithoutAccount:`Without an account (follows with an access code)`,confidential:`Confidential`,anonymous:`Anonymous`,confidentialHint:`Confidential report: not shown to the public.`,anonymousHint:`Anonymous report: the reporter is hidden from agencies and the public.`,actionDone:`Done: {action}.`,liveUpdated:`This report was just updated: {event}.`,liveUpdatedPlain:`This report was just updated.`,attachments:`Attachments`,rating:`Reporter’s rating`,ratedAt:`rated {date}`,ratingComment:`Reporter’s comment`,ratingPromptTitle:`Your report has been resolved. How was it handled?`,ratingPromptIntro:`Rate it from 1 to 5. Your rating helps the province judge each agency’s service.`,ratingPromptLater:`Not now`,internalFiles:`Internal files`,internalFilesIntro:`Files for officers only (the handling agency and the admin): the reporter and the public do not see them.`,internalFilesOpen:`Add internal files`,internalFilesNote:`Note (optional)`,internalFilesSend:`Save internal files`,internalFilesNone:`Choose at least one file.`,internalFilesDone:`Internal files saved.`,complianceTitle:`Follow-up compliance`,compliancePeriod:`{from} – {to}`,complianceRate:`Compliance`,complianceRateHint:`{met} of {measured} measured dispositions answered by the deadline.`,complianceMet:`On time`,complianceMissed:`Late`,compliancePending:`Awaiting an answer`,complianceMedian:`Median time to first answer`,complianceOverdue:`Overdue now`,complianceOverdueLink:`Show the overdue ones`,complianceUnavailable:`Compliance cannot be loaded right now.`}),r=e(`
  query LiaisonInbox($filter: ReportFilter, $first: Int, $after: String) {
    reports(filter: $filter, first: $first, after: $after, order: DEADLINE) {
      edges {
        cursor
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
`),i=e(`
  subscription LiaisonQueueChanged {
    myQueueChanged {
      reportId
      action
      actionLabel
      inMyQueue
      report {
        id
        trackingNumber
      }
    }
  }
`);e(`
  fragment LiaisonReportDetail on Report {
    id
    trackingNumber
    title
    body
    classification
    category
    location {
      text
      latitude
      longitude
    }
    incidentDate
    isAnonymous
    isConfidential
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
    reporter {
      id
      name
    }
    deadline
    isOverdue
    workingDaysLeft
    createdAt
    updatedAt
    availableActions {
      ...ActionFormAction
    }
    timeline {
      ...TimelineEvent
    }
    attachments {
      ...AttachmentView
    }
    rating {
      score
      comment
      ratedAt
    }
  }
`);var a=e(`
  query LiaisonReport($id: ID!) {
    report(id: $id) {
      ...LiaisonReportDetail
    }
  }
`),o=e(`
  subscription LiaisonReportUpdated($id: ID!) {
    reportUpdated(id: $id) {
      ...LiaisonReportDetail
    }
  }
`),s=e(`
  mutation ReportStopFollowing($input: ReportAccessTokenRevokeInput!) {
    reportAccessTokenRevoke(input: $input) {
      revoked
      errors {
        field
        code
        message
      }
    }
  }
`),c=e(`
  query LiaisonCompliance {
    statistics {
      period {
        from
        to
      }
      totals {
        overdueNow
        compliance {
          ...ComplianceFigures
          answerDays {
            count
            median
          }
        }
      }
      agencies {
        band
        agency {
          id
        }
      }
    }
  }
`),l=e(`
  mutation ReportAttachmentAdd($input: ReportAttachmentAddInput!) {
    reportAttachmentAdd(input: $input) {
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
`);export{o as a,n as c,a as i,r as n,l as o,i as r,s,c as t};