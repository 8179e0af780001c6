// A citizen's own reports (`reports(filter: {mine: true})`: everyone may read public reports, so the
// filter, not the viewer, makes the list theirs), newest first, with
// where each one stands and a link to its page.
import { useState } from 'preact/hooks';
import { ApiError, request } from '../../api/client';
import { useQuery } from '../../api/use-query';
import { FieldErrors } from '../../components/form';
import { Loading, LoadError } from '../../components/loading';
import type { ReporterMyReportsQuery } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { commonMessages } from '../../messages';
import { Link } from '../../router';
import type { PayloadErrors } from '../../session';
import { messages } from './messages';
import { ReporterMyReports } from './queries';
import './reporter.css';

const PAGE_SIZE = 20;

type Row = ReporterMyReportsQuery['reports']['edges'][number]['node'];
type More = { rows: Row[]; hasNextPage: boolean; endCursor: string | null };

function statusBadge(status: Row['status']): string {
  if (status === 'CLOSED' || status === 'ARCHIVED') return 'badge';
  if (status === 'NOT_AUTHORITY_REQUESTED' || status === 'ON_HOLD') return 'badge badge--warn';
  return 'badge badge--ok';
}

export default function MyReportsPage() {
  const { t, formatDateTime } = useLang();
  const words = t(messages);
  const first = useQuery(ReporterMyReports, { first: PAGE_SIZE, after: null });
  const [more, setMore] = useState<More | null>(null);
  const [moreErrors, setMoreErrors] = useState<PayloadErrors>([]);
  const [busy, setBusy] = useState(false);

  if (first.error) return <LoadError error={first.error} />;
  if (!first.data) return <Loading />;

  const firstPage = first.data.reports;
  const rows = [...firstPage.edges.map((edge) => edge.node), ...(more?.rows ?? [])];
  const hasNextPage = more ? more.hasNextPage : firstPage.pageInfo.hasNextPage;
  const endCursor = more ? more.endCursor : (firstPage.pageInfo.endCursor ?? null);

  const loadMore = async () => {
    setBusy(true);
    try {
      const { reports } = await request(ReporterMyReports, { first: PAGE_SIZE, after: endCursor });
      setMore({
        rows: [...(more?.rows ?? []), ...reports.edges.map((edge) => edge.node)],
        hasNextPage: reports.pageInfo.hasNextPage,
        endCursor: reports.pageInfo.endCursor ?? null,
      });
      setMoreErrors([]);
    } catch (failure) {
      setMoreErrors([
        { code: 'ERROR', message: failure instanceof ApiError ? failure.message : t(commonMessages).unexpectedError },
      ]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="reporter">
      <div class="reporter__heading">
        <h1>{words.myReportsTitle}</h1>
        <Link href="/submit" class="button button--primary">
          {words.submitTitle}
        </Link>
      </div>
      {rows.length === 0 ? (
        <p class="notice">{words.myReportsEmpty}</p>
      ) : (
        <table class="responsive my-reports">
          <caption class="visually-hidden">{words.myReportsTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{words.colTitle}</th>
              <th scope="col">{words.colTracking}</th>
              <th scope="col">{words.colStatus}</th>
              <th scope="col">{words.colAgency}</th>
              <th scope="col">{words.colUpdated}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((report) => (
              <tr key={report.id}>
                <td data-label={words.colTitle}>
                  <Link href={`/reports/${encodeURIComponent(report.id)}`} class="user-text">
                    {report.title}
                  </Link>
                </td>
                <td data-label={words.colTracking}>
                  <code>{report.trackingNumber}</code>
                </td>
                <td data-label={words.colStatus}>
                  <span class={statusBadge(report.status)}>{report.statusLabel}</span>
                  {/* A diagram's own stage says more than the status; without one it is the status again. */}
                  {report.stage.label !== report.statusLabel && (
                    <span class="my-reports__stage">
                      {words.colStage}: {report.stage.label}
                    </span>
                  )}
                </td>
                <td data-label={words.colAgency}>{report.agency?.name ?? <span class="muted">{words.notDisposedYet}</span>}</td>
                <td data-label={words.colUpdated}>
                  <time dateTime={report.updatedAt}>{formatDateTime(report.updatedAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FieldErrors errors={moreErrors} />
      {hasNextPage && (
        <div class="pager">
          <button type="button" class="button" onClick={loadMore} disabled={busy}>
            {busy ? t(commonMessages).loading : words.loadMore}
          </button>
        </div>
      )}
    </section>
  );
}
