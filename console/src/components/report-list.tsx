// A list of reports (the liaison's inbox, the admin's queues): one row per report with its tracking
// number, title, classification, category, status, stage, agency and deadline in working days.
// Pages query the fields it shows with the `ReportListItem` fragment below, so every list shows the
// same facts and no page has to know which fields the list reads:
//
//   query AdminOverdue { reports(filter: {overdue: true}) { edges { node { ...ReportListItem } } } }
//
// Titles are citizen-written: they render as text (Preact escapes), never as HTML.
import { graphql } from '../gql';
import type { Classification, ReportListItemFragment, ReportStatus } from '../gql/graphql';
import { defineMessages, format, useLang } from '../i18n';
import { Link } from '../router';
import './report-components.css';

/**
 * The fields the list reads: id, trackingNumber, title, classification, category, status, statusLabel,
 * stage { code label }, agency { id code name }, deadline, isOverdue, workingDaysLeft, createdAt.
 * Spread `...ReportListItem` in a query's report selection.
 */
export const ReportListItem = graphql(`
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
`);

export type ReportListRow = ReportListItemFragment;

export const reportListMessages = defineMessages(
  {
    trackingNumber: 'Nomor',
    title: 'Judul',
    classification: 'Klasifikasi',
    category: 'Kategori',
    status: 'Status',
    stage: 'Tahap',
    agency: 'Instansi',
    deadline: 'Batas waktu',
    created: 'Dikirim',
    overdue: 'Terlambat',
    noDeadline: 'Tanpa batas waktu',
    daysLeft: '{n} hari kerja lagi',
    daysLeftOne: '1 hari kerja lagi',
    dueToday: 'Batas waktu hari ini',
    deadlinePassed: 'Batas waktu terlewati',
    daysOverdue: 'terlambat {n} hari kerja',
    daysOverdueOne: 'terlambat 1 hari kerja',
    empty: 'Tidak ada laporan.',
    caption: 'Daftar laporan',
    COMPLAINT: 'Pengaduan',
    ASPIRATION: 'Aspirasi',
    INFORMATION_REQUEST: 'Permintaan informasi',
    SUBMITTED: 'Belum Terverifikasi',
    ON_HOLD: 'Ditunda',
    ARCHIVED: 'Diarsipkan',
    DISPOSED: 'Terdisposisi, Belum Ditindaklanjuti',
    IN_PROGRESS: 'Sedang Ditindaklanjuti',
    NOT_AUTHORITY_REQUESTED: 'Pengajuan Bukan Wewenang',
    CLOSED: 'Selesai',
  },
  {
    trackingNumber: 'Number',
    title: 'Title',
    classification: 'Classification',
    category: 'Category',
    status: 'Status',
    stage: 'Stage',
    agency: 'Agency',
    deadline: 'Deadline',
    created: 'Submitted',
    overdue: 'Overdue',
    noDeadline: 'No deadline',
    daysLeft: '{n} working days left',
    daysLeftOne: '1 working day left',
    dueToday: 'Due today',
    deadlinePassed: 'Deadline passed',
    daysOverdue: '{n} working days overdue',
    daysOverdueOne: '1 working day overdue',
    empty: 'No reports.',
    caption: 'Reports',
    COMPLAINT: 'Complaint',
    ASPIRATION: 'Aspiration',
    INFORMATION_REQUEST: 'Information request',
    SUBMITTED: 'Awaiting verification',
    ON_HOLD: 'On hold',
    ARCHIVED: 'Archived',
    DISPOSED: 'Disposed, awaiting follow-up',
    IN_PROGRESS: 'Being followed up',
    NOT_AUTHORITY_REQUESTED: 'Not-our-authority request pending',
    CLOSED: 'Closed',
  },
);

export const CLASSIFICATIONS: Classification[] = ['COMPLAINT', 'ASPIRATION', 'INFORMATION_REQUEST'];
export const STATUSES: ReportStatus[] = [
  'SUBMITTED',
  'ON_HOLD',
  'ARCHIVED',
  'DISPOSED',
  'IN_PROGRESS',
  'NOT_AUTHORITY_REQUESTED',
  'CLOSED',
];

/** The label of a classification or status (for filters; rows use the API's own statusLabel). */
export function useReportLabels() {
  const { t } = useLang();
  const words = t(reportListMessages);
  return {
    words,
    classification: (value: Classification) => words[value],
    status: (value: ReportStatus) => words[value],
  };
}

/** A classification select's options: any (the empty value), then each classification in the console's language. */
export function ClassificationOptions({ anyLabel }: { anyLabel: string }) {
  const labels = useReportLabels();
  return (
    <>
      <option value="">{anyLabel}</option>
      {CLASSIFICATIONS.map((value) => (
        <option key={value} value={value}>
          {labels.classification(value)}
        </option>
      ))}
    </>
  );
}

type DeadlineFacts = { deadline?: string | null; workingDaysLeft?: number | null; isOverdue: boolean };

/** "3 hari kerja lagi" / "terlambat 2 hari kerja" / "Tanpa batas waktu". */
export function deadlineText(report: DeadlineFacts, words: { [K in keyof (typeof reportListMessages)['id']]: string }): string {
  const left = report.workingDaysLeft;
  // Without a count of working days the date and the overdue badge say it all.
  if (left == null) return report.deadline ? '' : words.noDeadline;
  if (left < 0) return left === -1 ? words.daysOverdueOne : format(words.daysOverdue, { n: -left });
  // 0 is the deadline's day, and also a weekend or holiday right after it: isOverdue tells which.
  if (left === 0) return report.isOverdue ? words.deadlinePassed : words.dueToday;
  return left === 1 ? words.daysLeftOne : format(words.daysLeft, { n: left });
}

/** The deadline cell: the working days, the date on hover and for screen readers, and the overdue badge. */
export function DeadlineInfo({ report }: { report: DeadlineFacts }) {
  const { t, formatDateTime } = useLang();
  const words = t(reportListMessages);
  const text = deadlineText(report, words);
  return (
    <span class="deadline">
      {text && (
        <span class={report.isOverdue ? 'deadline__days deadline__days--late' : 'deadline__days'}>{text}</span>
      )}
      {report.deadline && <span class="deadline__date muted"> ({formatDateTime(report.deadline)})</span>}
      {report.isOverdue && <span class="badge badge--bad">{words.overdue}</span>}
    </span>
  );
}

export type ReportColumn =
  | 'trackingNumber'
  | 'title'
  | 'classification'
  | 'category'
  | 'status'
  | 'stage'
  | 'agency'
  | 'deadline'
  | 'created';

export const DEFAULT_REPORT_COLUMNS: ReportColumn[] = [
  'trackingNumber',
  'title',
  'classification',
  'category',
  'status',
  'stage',
  'agency',
  'deadline',
];

type ReportListProps = {
  reports: ReportListRow[];
  /** Which columns, in order; by default every one but `created`. */
  columns?: ReportColumn[];
  /** Where a row leads; by default the report page. */
  hrefFor?: (report: ReportListRow) => string;
  /** The table's accessible name. */
  caption?: string;
  /** Shown instead of the table when there is no report. */
  emptyText?: string;
};

export function ReportList({ reports, columns = DEFAULT_REPORT_COLUMNS, hrefFor, caption, emptyText }: ReportListProps) {
  const { t, formatDateTime } = useLang();
  const words = t(reportListMessages);
  if (!reports.length) return <p class="muted report-list__empty">{emptyText ?? words.empty}</p>;
  const href = (report: ReportListRow) => (hrefFor ? hrefFor(report) : `/reports/${encodeURIComponent(report.id)}`);
  const cell = (column: ReportColumn, report: ReportListRow) => {
    switch (column) {
      case 'trackingNumber':
        return (
          <Link href={href(report)} class="report-list__number">
            {report.trackingNumber}
          </Link>
        );
      case 'title':
        return (
          <Link href={href(report)} class="report-list__title user-text">
            {report.title}
          </Link>
        );
      case 'classification':
        return words[report.classification];
      case 'category':
        return report.category || '—';
      case 'status':
        return <span class={`badge status status--${report.status.toLowerCase()}`}>{report.statusLabel}</span>;
      case 'stage':
        return report.stage.label;
      case 'agency':
        return report.agency ? <span title={report.agency.name}>{report.agency.code}</span> : '—';
      case 'deadline':
        return <DeadlineInfo report={report} />;
      case 'created':
        return formatDateTime(report.createdAt);
    }
  };
  return (
    <div class="report-list-wrap">
      <table class="responsive report-list">
        <caption class="visually-hidden">{caption ?? words.caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {words[column]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {reports.map((report) => (
            <tr key={report.id} class={report.isOverdue ? 'report-list__row report-list__row--overdue' : 'report-list__row'}>
              {columns.map((column) => (
                <td key={column} data-label={words[column]}>
                  {cell(column, report)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
