// Not-our-authority requests waiting for the admin's decision. The liaison's reason is the internal
// note of the request's timeline entry, fetched with the list (the last few entries: a reminder timer
// may have written one after the request). The decision itself is made on the report page.
import { useQuery } from '../../api/use-query';
import { DeadlineInfo } from '../../components/report-list';
import { Loading, LoadError } from '../../components/loading';
import type { AdminNotAuthorityQueueQuery } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { Link, useLocation } from '../../router';
import type { PageProps } from '../../page';
import { messages } from './messages';
import { PAGE_SIZE, Pager, useCursorPages } from './parts';
import { AdminNotAuthorityQueue } from './queries';
import { orderOf, SearchForm } from './search-form';

type Row = AdminNotAuthorityQueueQuery['reports']['edges'][number]['node'];

function lastRequest(report: Row) {
  return [...report.timeline].reverse().find((event) => event.action === 'request_not_authority') ?? null;
}

export default function NotAuthorityPage(_props: PageProps) {
  const { t, formatDateTime } = useLang();
  const words = t(messages);
  const { query } = useLocation();
  const search = query.get('q') ?? '';
  const filter = { status: ['NOT_AUTHORITY_REQUESTED' as const], titleContains: search || null };
  const order = orderOf(query);
  // Each order has its own cursors: a new order starts again at the first page.
  const pages = useCursorPages(JSON.stringify({ filter, order }));
  const { data, error, loading } = useQuery(AdminNotAuthorityQueue, { filter, order, first: PAGE_SIZE, after: pages.after });
  const reports = data?.reports.edges.map((edge) => edge.node) ?? [];

  return (
    <section class="admin-page" aria-busy={loading}>
      <h1>{words.notAuthorityTitle}</h1>
      <p class="muted">{words.notAuthorityIntro}</p>
      <SearchForm value={search} order={order} />
      {error ? <LoadError error={error} /> : null}
      {loading && !data ? (
        <Loading />
      ) : reports.length === 0 ? (
        <p class="muted">{words.empty}</p>
      ) : (
        <table class="responsive">
          <caption class="visually-hidden">{words.notAuthorityTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{words.colReport}</th>
              <th scope="col">{words.colAgency}</th>
              <th scope="col">{words.colReason}</th>
              <th scope="col">{words.colRequestedBy}</th>
              <th scope="col">{words.colDeadline}</th>
              <th scope="col">{words.colActions}</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((report) => {
              const request = lastRequest(report);
              const href = `/reports/${encodeURIComponent(report.id)}`;
              return (
                <tr key={report.id}>
                  <td data-label={words.colReport}>
                    <Link href={href} class="code">
                      {report.trackingNumber}
                    </Link>
                    <div class="user-text">{report.title}</div>
                  </td>
                  <td data-label={words.colAgency}>
                    {report.agency ? `${report.agency.name} (${report.agency.code})` : '—'}
                  </td>
                  <td data-label={words.colReason}>
                    {request?.internalNote ? (
                      <>
                        <span class="user-text">{request.internalNote}</span>
                        {request.suggestedAgency && (
                          <div class="muted">
                            {words.suggestedAgency}: {request.suggestedAgency.name} ({request.suggestedAgency.code})
                          </div>
                        )}
                      </>
                    ) : (
                      <span class="muted">{words.reasonUnknown}</span>
                    )}
                  </td>
                  <td data-label={words.colRequestedBy}>
                    {request ? (
                      <>
                        {request.actor?.name ?? '—'}
                        <div class="muted">{formatDateTime(request.createdAt)}</div>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td data-label={words.colDeadline}>
                    <DeadlineInfo report={report} />
                  </td>
                  <td data-label={words.colActions}>
                    <Link href={href} class="button button--primary">
                      {words.decide}
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <Pager
        page={pages.page}
        hasNext={data?.reports.pageInfo.hasNextPage ?? false}
        endCursor={data?.reports.pageInfo.endCursor}
        pages={pages}
      />
    </section>
  );
}
