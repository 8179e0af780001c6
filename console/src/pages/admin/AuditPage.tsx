// The audit trail of accounts, agencies and the calendar, newest first: each entry's time, who, what,
// on which object, and the changed values as plain text. Narrowed by kind, or to one object's history.
import { useQuery } from '../../api/use-query';
import { Field } from '../../components/form';
import { Loading, LoadError } from '../../components/loading';
import type { AdminAuditEventsQuery } from '../../gql/graphql';
import { format, useLang } from '../../i18n';
import { setQuery, useLocation } from '../../router';
import type { PageProps } from '../../page';
import { auditActions, messages } from './messages';
import { PAGE_SIZE, Pager, useAgencies, useCursorPages } from './parts';
import { AdminAuditEvents } from './queries';

type AuditEvent = AdminAuditEventsQuery['auditEvents']['edges'][number]['node'];
/** The kinds the API can narrow to (its `objectType` argument accepts these). */
const FILTERABLE_TYPES = ['agency', 'user'] as const;
const TYPE_KEYS = ['agency', 'user', 'holiday', 'process', 'notification'] as const;

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A JSON value as readable text: strings as they are, everything else as compact JSON. */
function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function detailLines(event: AuditEvent, words: ReturnType<typeof useWords>): string[] {
  const before = asRecord(event.before);
  const after = asRecord(event.after);
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  // A deletion has only "before": its values, without an arrow to nothing on every line.
  const deleted = Object.keys(after).length === 0;
  return fields.map((field) =>
    field in before && !deleted
      ? format(words.beforeAfter, { field, before: valueText(before[field]), after: valueText(after[field]) })
      : format(words.fieldValue, { field, value: valueText(field in after ? after[field] : before[field]) }),
  );
}

function useWords() {
  return useLang().t(messages);
}

export default function AuditPage(_props: PageProps) {
  const { t, formatDateTime } = useLang();
  const words = useWords();
  const actionLabels = t(auditActions) as Record<string, string>;
  const { query } = useLocation();
  const typeParam = query.get('type');
  const objectType = FILTERABLE_TYPES.find((candidate) => candidate === typeParam) ?? null;
  const objectId = query.get('object');
  const variables = { objectType, objectId };
  const pages = useCursorPages(JSON.stringify(variables));
  const { data, error, loading } = useQuery(AdminAuditEvents, { ...variables, first: PAGE_SIZE, after: pages.after });
  const { agencies } = useAgencies();
  const agencyNames = new Map((agencies ?? []).map((agency) => [agency.id, `${agency.name} (${agency.code})`]));
  const events = data?.auditEvents.edges ?? [];

  const typeLabel = (type: string) => {
    const key = TYPE_KEYS.find((candidate) => candidate === type);
    return key ? words[`type${key}`] : type;
  };
  const objectName = (event: AuditEvent): string | null => {
    if (event.objectType === 'agency' && agencyNames.has(event.objectId)) return agencyNames.get(event.objectId)!;
    const known = { ...asRecord(event.before), ...asRecord(event.after) };
    const name = [known.name, known.email, known.code, known.date].find((value) => typeof value === 'string');
    return (name as string | undefined) ?? null;
  };

  return (
    <section class="admin-page" aria-busy={loading}>
      <h1>{words.auditTitle}</h1>
      <p class="muted">{words.auditIntro}</p>
      <form class="admin-filters" aria-label={words.filters} onSubmit={(event) => event.preventDefault()}>
        <Field id="audit-type" label={words.objectType}>
          <select
            id="audit-type"
            value={objectType ?? ''}
            onChange={(event) => setQuery({ type: (event.target as HTMLSelectElement).value || null, object: null })}
          >
            <option value="">{words.allTypes}</option>
            {FILTERABLE_TYPES.map((candidate) => (
              <option key={candidate} value={candidate}>
                {words[`type${candidate}`]}
              </option>
            ))}
          </select>
        </Field>
        {objectId && (
          <p class="row">
            <span>{words.onlyObject}</span>
            <button type="button" class="button button--quiet" onClick={() => setQuery({ object: null })}>
              {words.showAll}
            </button>
          </p>
        )}
      </form>
      {error ? <LoadError error={error} /> : null}
      {loading && !data ? (
        <Loading />
      ) : events.length === 0 ? (
        <p class="muted">{words.noEvents}</p>
      ) : (
        <table class="responsive audit">
          <caption class="visually-hidden">{words.auditTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{words.colTime}</th>
              <th scope="col">{words.colActor}</th>
              <th scope="col">{words.colAction}</th>
              <th scope="col">{words.colObject}</th>
              <th scope="col">{words.colDetails}</th>
            </tr>
          </thead>
          <tbody>
            {events.map(({ cursor, node: event }) => {
              const name = objectName(event);
              const lines = detailLines(event, words);
              const filterable = FILTERABLE_TYPES.some((type) => type === event.objectType);
              return (
                <tr key={cursor}>
                  <td data-label={words.colTime}>
                    <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
                  </td>
                  <td data-label={words.colActor} class="user-text">
                    {event.actor ? event.actor.name : <span class="muted">{words.system}</span>}
                  </td>
                  <td data-label={words.colAction}>
                    {actionLabels[event.action] ?? event.action}
                    <div class="muted code">{event.action}</div>
                  </td>
                  <td data-label={words.colObject}>
                    <span>{typeLabel(event.objectType)}</span>
                    {name && <div class="user-text">{name}</div>}
                    {filterable && event.objectId !== objectId && (
                      <button
                        type="button"
                        class="button button--quiet audit__history"
                        onClick={() => setQuery({ object: event.objectId, type: event.objectType })}
                      >
                        {words.objectHistory}
                      </button>
                    )}
                  </td>
                  <td data-label={words.colDetails}>
                    {lines.length ? (
                      <ul class="audit-details">
                        {lines.map((line) => (
                          <li key={line} class="user-text">
                            {line}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <Pager
        page={pages.page}
        hasNext={data?.auditEvents.pageInfo.hasNextPage ?? false}
        endCursor={data?.auditEvents.pageInfo.endCursor}
        pages={pages}
      />
    </section>
  );
}
