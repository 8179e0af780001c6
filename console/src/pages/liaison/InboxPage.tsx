// The liaison officer's inbox: the reports disposed to my agency, overdue first, with filters kept in
// the URL (so a filtered inbox can be bookmarked, reloaded and shared) and keyset paging. New
// dispositions and changes arrive live over `myQueueChanged` and are announced with a notice.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { subscribe } from '../../api/client';
import { useQuery } from '../../api/use-query';
import { FilterButtons } from '../../components/form';
import { Loading, LoadError } from '../../components/loading';
import { CLASSIFICATIONS, ClassificationOptions, ReportList, useReportLabels, type ReportColumn } from '../../components/report-list';
import type { Classification, ReportFilter, ReportStatus } from '../../gql/graphql';
import { format, useLang } from '../../i18n';
import { commonMessages } from '../../messages';
import type { PageProps } from '../../page';
import { setQuery, useLocation } from '../../router';
import { useSession } from '../../session';
import { ComplianceCard } from './ComplianceCard';
import { messages } from './messages';
import { LiaisonInbox, LiaisonQueueChanged } from './queries';
import './liaison.css';

const PAGE_SIZE = 20;
/** The statuses a report disposed to an agency can have. */
const AGENCY_STATUSES: ReportStatus[] = ['DISPOSED', 'IN_PROGRESS', 'NOT_AUTHORITY_REQUESTED', 'CLOSED'];

const INBOX_COLUMNS: ReportColumn[] = ['trackingNumber', 'title', 'classification', 'category', 'status', 'stage', 'deadline'];

type InboxFilters = {
  statuses: ReportStatus[];
  stage: string;
  classification: Classification | '';
  category: string;
  overdue: boolean;
  search: string;
  /** The cursors of the pages before this one's start: the last is this page's `after`. */
  cursors: string[];
};

function readFilters(query: URLSearchParams): InboxFilters {
  const list = (name: string) => (query.get(name) ?? '').split(',').filter(Boolean);
  const classification = query.get('classification') ?? '';
  return {
    statuses: list('status').filter((value): value is ReportStatus => (AGENCY_STATUSES as string[]).includes(value)),
    stage: query.get('stage') ?? '',
    classification: (CLASSIFICATIONS as string[]).includes(classification) ? (classification as Classification) : '',
    category: query.get('category') ?? '',
    overdue: query.get('overdue') === '1',
    search: query.get('q') ?? '',
    cursors: list('cursors'),
  };
}

/** A filter change starts again at the first page. */
function applyFilters(next: Partial<InboxFilters>): void {
  const values: Record<string, string | null> = { cursors: null };
  if (next.statuses !== undefined) values.status = next.statuses.join(',');
  if (next.stage !== undefined) values.stage = next.stage.trim();
  if (next.classification !== undefined) values.classification = next.classification;
  if (next.category !== undefined) values.category = next.category.trim();
  if (next.overdue !== undefined) values.overdue = next.overdue ? '1' : null;
  if (next.search !== undefined) values.q = next.search.trim();
  setQuery(values);
}

type LiveNotice = { key: number; text: string };

export default function InboxPage(_props: PageProps) {
  const { me } = useSession();
  const { t } = useLang();
  const words = t(messages);
  const common = t(commonMessages);
  const labels = useReportLabels();
  const { query } = useLocation();
  const filters = readFilters(query);
  const agency = me?.agency ?? null;

  const filter: ReportFilter = {
    agencyId: agency?.id ?? null,
    status: filters.statuses.length ? filters.statuses : null,
    stages: filters.stage ? [filters.stage] : null,
    classification: filters.classification || null,
    category: filters.category || null,
    overdue: filters.overdue ? true : null,
    titleContains: filters.search || null,
  };
  const after = filters.cursors.at(-1) ?? null;
  const { data, error, loading, reload } = useQuery(
    LiaisonInbox,
    { filter, first: PAGE_SIZE, after },
    { skip: !agency },
  );


  // Text fields apply on submit (Enter or the button), so the list does not reload per keystroke.
  const [draft, setDraft] = useState({ stage: filters.stage, category: filters.category, search: filters.search });
  useEffect(
    () => setDraft({ stage: filters.stage, category: filters.category, search: filters.search }),
    [filters.stage, filters.category, filters.search],
  );

  // Stage codes and categories seen so far: suggestions for the text filters.
  const seen = useRef({ stages: new Map<string, string>(), categories: new Set<string>() });
  const reports = data?.reports.edges.map((edge) => edge.node) ?? [];
  const shownIds = useRef(new Set<string>());
  shownIds.current = new Set(reports.map((report) => report.id));
  for (const report of reports) {
    seen.current.stages.set(report.stage.code, report.stage.label);
    if (report.category) seen.current.categories.add(report.category);
  }

  const [notices, setNotices] = useState<LiveNotice[]>([]);
  const noticeKey = useRef(0);
  useEffect(() => {
    if (!agency) return undefined;
    return subscribe(LiaisonQueueChanged, {}, ({ myQueueChanged: change }) => {
      const number = change.report?.trackingNumber ?? words.aReport;
      // In my queue and not on my list yet: it arrived, whichever action brought it (a disposition, an
      // accepted not-authority request, a routing rule or any action a diagram declares).
      const arrived = !shownIds.current.has(change.reportId);
      const text = !change.inMyQueue
        ? format(words.queueLeft, { number })
        : arrived
          ? format(words.queueArrived, { number })
          : format(words.queueChanged, { number, action: change.actionLabel });
      noticeKey.current += 1;
      const key = noticeKey.current;
      // The newest first; a handful is enough to know the list is stale.
      setNotices((old) => [{ key, text }, ...old].slice(0, 5));
    });
    // Labels follow the language; the subscription itself does not depend on them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [agency?.id, words]);

  const refresh = async () => {
    setNotices([]);
    await reload();
  };

  const pageNumber = filters.cursors.length + 1;
  const filtered =
    filters.statuses.length > 0 || filters.stage || filters.classification || filters.category || filters.overdue || filters.search;

  // A stage is a status unless the diagram names its own: the statuses an agency's reports can have,
  // then every stage the diagram named on the reports seen so far.
  const stageOptions = useMemo(() => {
    const options = new Map<string, string>(AGENCY_STATUSES.map((status) => [status, labels.status(status)]));
    for (const [code, label] of seen.current.stages) if (!options.has(code)) options.set(code, label);
    if (filters.stage && !options.has(filters.stage)) options.set(filters.stage, filters.stage);
    return [...options.entries()];
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, filters.stage, labels]);
  const categoryOptions = useMemo(() => [...seen.current.categories], [data]);

  if (!agency) {
    return (
      <section>
        <h1>{words.inboxTitle}</h1>
        <p class="notice notice--error">{words.noAgency}</p>
      </section>
    );
  }

  const toggleStatus = (status: ReportStatus, on: boolean) =>
    applyFilters({ statuses: on ? [...filters.statuses, status] : filters.statuses.filter((value) => value !== status) });

  return (
    <section class="inbox">
      <div class="inbox__head">
        <h1>{words.inboxTitle}</h1>
        <p class="muted">{format(words.inboxLead, { agency: agency.name })}</p>
      </div>

      <ComplianceCard agencyId={agency.id} />

      <div class="live-notices" role="status" aria-live="polite">
        {notices.length > 0 && (
          <div class="notice live-notice">
            <strong class="visually-hidden">{words.liveNotice}: </strong>
            <ul class="live-notice__list">
              {notices.map((notice) => (
                <li key={notice.key}>{notice.text}</li>
              ))}
            </ul>
            <div class="row">
              <button type="button" class="button button--primary" onClick={refresh}>
                {words.refresh}
              </button>
              <button type="button" class="button button--quiet" onClick={() => setNotices([])}>
                {words.dismiss}
              </button>
            </div>
          </div>
        )}
      </div>

      <form
        class="inbox-filters card"
        role="search"
        aria-label={words.filters}
        onSubmit={(event) => {
          event.preventDefault();
          applyFilters(draft);
        }}
      >
        <fieldset class="inbox-filters__statuses">
          <legend>{words.status}</legend>
          {AGENCY_STATUSES.map((status) => (
            <label key={status} class="checkbox">
              <input
                type="checkbox"
                name="status"
                value={status}
                checked={filters.statuses.includes(status)}
                onChange={(event) => toggleStatus(status, (event.target as HTMLInputElement).checked)}
              />
              {labels.status(status)}
            </label>
          ))}
        </fieldset>
        <div class="inbox-filters__fields">
          <div class="field">
            <label for="inbox-search">{words.search}</label>
            <input
              id="inbox-search"
              type="search"
              value={draft.search}
              onInput={(event) => setDraft({ ...draft, search: (event.target as HTMLInputElement).value })}
            />
          </div>
          <div class="field">
            <label for="inbox-classification">{words.classification}</label>
            <select
              id="inbox-classification"
              value={filters.classification}
              onChange={(event) =>
                applyFilters({ classification: (event.target as HTMLSelectElement).value as Classification | '' })
              }
            >
              <ClassificationOptions anyLabel={words.anyClassification} />
            </select>
          </div>
          <div class="field">
            <label for="inbox-stage">{words.stage}</label>
            <select
              id="inbox-stage"
              value={draft.stage}
              aria-describedby="inbox-stage-hint"
              onChange={(event) => setDraft({ ...draft, stage: (event.target as HTMLSelectElement).value })}
            >
              <option value="">{words.anyStage}</option>
              {stageOptions.map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
            <small id="inbox-stage-hint" class="hint">
              {words.stageHint}
            </small>
          </div>
          <div class="field">
            <label for="inbox-category">{words.category}</label>
            <input
              id="inbox-category"
              type="text"
              list="inbox-category-options"
              value={draft.category}
              autocomplete="off"
              onInput={(event) => setDraft({ ...draft, category: (event.target as HTMLInputElement).value })}
            />
            <datalist id="inbox-category-options">
              {categoryOptions.map((category) => (
                <option key={category} value={category} />
              ))}
            </datalist>
          </div>
          <label class="checkbox inbox-filters__overdue">
            <input
              type="checkbox"
              name="overdue"
              checked={filters.overdue}
              onChange={(event) => applyFilters({ overdue: (event.target as HTMLInputElement).checked })}
            />
            {words.overdueOnly}
          </label>
        </div>
        <FilterButtons
          class="row"
          applyLabel={words.apply}
          clearLabel={words.clear}
          onClear={
            filtered
              ? () => applyFilters({ statuses: [], stage: '', classification: '', category: '', overdue: false, search: '' })
              : undefined
          }
        />
      </form>

      {error ? (
        <LoadError error={error} />
      ) : !data ? (
        <Loading />
      ) : (
        <div aria-busy={loading}>
          <ReportList reports={reports} columns={INBOX_COLUMNS} caption={words.inboxTitle} />
          <nav class="pager" aria-label={format(words.pageOf, { n: pageNumber })}>
            <span class="muted pager__page">{format(words.pageOf, { n: pageNumber })}</span>
            <button
              type="button"
              class="button"
              disabled={filters.cursors.length === 0}
              onClick={() => setQuery({ cursors: filters.cursors.slice(0, -1).join(',') })}
            >
              {common.previous}
            </button>
            <button
              type="button"
              class="button"
              disabled={!data.reports.pageInfo.hasNextPage || !data.reports.pageInfo.endCursor}
              onClick={() => setQuery({ cursors: [...filters.cursors, data.reports.pageInfo.endCursor!].join(',') })}
            >
              {common.next}
            </button>
          </nav>
        </div>
      )}
    </section>
  );
}
