// Overdue and escalated reports across every agency (an escalation happens when a step's deadline
// passes, so `overdue: true` holds both), narrowed to one agency with the picker.
import { useQuery } from '../../api/use-query';
import { AgencyPicker } from '../../components/agency-picker';
import { Field } from '../../components/form';
import { ReportList } from '../../components/report-list';
import { Loading, LoadError } from '../../components/loading';
import { useLang } from '../../i18n';
import { setQuery, useLocation } from '../../router';
import type { PageProps } from '../../page';
import { messages } from './messages';
import { PAGE_SIZE, Pager, useCursorPages } from './parts';
import { AdminReportQueue } from './queries';
import { orderOf, SearchForm } from './search-form';

export default function OverduePage(_props: PageProps) {
  const { t } = useLang();
  const words = t(messages);
  const { query } = useLocation();
  const search = query.get('q') ?? '';
  const agencyId = query.get('agency') ?? '';
  const filter = { overdue: true, agencyId: agencyId || null, titleContains: search || null };
  const order = orderOf(query);
  // Each order has its own cursors: a new order starts again at the first page.
  const pages = useCursorPages(JSON.stringify({ filter, order }));
  const { data, error, loading } = useQuery(AdminReportQueue, { filter, order, first: PAGE_SIZE, after: pages.after });
  const reports = data?.reports.edges.map((edge) => edge.node) ?? [];

  return (
    <section class="admin-page" aria-busy={loading}>
      <h1>{words.overdueTitle}</h1>
      <p class="muted">{words.overdueIntro}</p>
      <SearchForm value={search} order={order}>
        <Field id="overdue-agency" label={words.agencyFilter} hint={words.agencyFilterHint}>
          <AgencyPicker
            id="overdue-agency"
            value={agencyId}
            includeInactive
            describedBy="overdue-agency-hint"
            onChange={(id) => setQuery({ agency: id || null })}
          />
        </Field>
      </SearchForm>
      {error ? <LoadError error={error} /> : null}
      {loading && !data ? (
        <Loading />
      ) : (
        <>
          <ReportList
            reports={reports}
            caption={words.overdueTitle}
            emptyText={words.empty}
            columns={['trackingNumber', 'title', 'status', 'stage', 'agency', 'deadline']}
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
