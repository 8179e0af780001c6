// The verification queue: new reports (SUBMITTED) and, in a second tab, the ones on hold. The admin
// opens a report to dispose, hold, resume or archive it (the report page offers its availableActions).
// It is worked oldest first: by default `order: DEADLINE` (the verification deadline, so the most
// overdue and then the longest waiting on top); "newest first", the API's default, is one choice away.
import { useQuery } from '../../api/use-query';
import { ReportList } from '../../components/report-list';
import { Loading, LoadError } from '../../components/loading';
import type { ReportStatus } from '../../gql/graphql';
import { useLang } from '../../i18n';
import { Link, useLocation } from '../../router';
import type { PageProps } from '../../page';
import { messages } from './messages';
import { PAGE_SIZE, Pager, useCursorPages } from './parts';
import { AdminReportQueue } from './queries';
import { orderOf, SearchForm } from './search-form';

const TABS: { key: string; status: ReportStatus; label: 'tabSubmitted' | 'tabOnHold' }[] = [
  { key: 'submitted', status: 'SUBMITTED', label: 'tabSubmitted' },
  { key: 'hold', status: 'ON_HOLD', label: 'tabOnHold' },
];

export default function VerificationPage(_props: PageProps) {
  const { t } = useLang();
  const words = t(messages);
  const { query } = useLocation();
  const tab = TABS.find((candidate) => candidate.key === query.get('tab')) ?? TABS[0];
  const search = query.get('q') ?? '';
  const filter = { status: [tab.status], titleContains: search || null };
  const order = orderOf(query);
  // Each order has its own cursors: a new order starts again at the first page.
  const pages = useCursorPages(JSON.stringify({ filter, order }));
  const { data, error, loading } = useQuery(AdminReportQueue, { filter, order, first: PAGE_SIZE, after: pages.after });
  const reports = data?.reports.edges.map((edge) => edge.node) ?? [];

  const tabHref = (key: string) => {
    const next = new URLSearchParams(query);
    if (key === TABS[0].key) next.delete('tab');
    else next.set('tab', key);
    const text = next.toString();
    return `/admin/verification${text ? `?${text}` : ''}`;
  };

  return (
    <section class="admin-page" aria-busy={loading}>
      <h1>{words.verificationTitle}</h1>
      <p class="muted">{words.verificationIntro}</p>
      <nav class="tabs" aria-label={words.tabs}>
        {TABS.map((candidate) => (
          <Link key={candidate.key} href={tabHref(candidate.key)} aria-current={candidate === tab ? 'page' : undefined}>
            {words[candidate.label]}
          </Link>
        ))}
      </nav>
      <SearchForm value={search} order={order} />
      {error ? <LoadError error={error} /> : null}
      {loading && !data ? (
        <Loading />
      ) : (
        <>
          <ReportList
            reports={reports}
            caption={words[tab.label]}
            emptyText={words.empty}
            columns={['trackingNumber', 'title', 'classification', 'category', 'status', 'created', 'deadline']}
          />
          <Pager
            page={pages.page}
            hasNext={data?.reports.pageInfo.hasNextPage ?? false}
            endCursor={data?.reports.pageInfo.endCursor}
            pages={pages}
          />
        </>
      )}
    </section>
  );
}
