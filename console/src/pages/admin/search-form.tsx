// The filters above a report queue: a title search and the order, kept in the address (`?q=`,
// `?order=`), so a filtered queue can be bookmarked and reloaded.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Field } from '../../components/form';
import { useLang } from '../../i18n';
import { commonMessages } from '../../messages';
import type { ReportOrder } from '../../gql/graphql';
import { setQuery, type Location } from '../../router';
import { messages } from './messages';

const ORDERS: ReportOrder[] = ['DEADLINE', 'NEWEST'];

/** The order a queue's address asks for: by deadline unless `?order=NEWEST` (a queue is worked oldest first). */
export function orderOf(query: Location['query']): ReportOrder {
  return ORDERS.find((order) => order === query.get('order')) ?? 'DEADLINE';
}

export function SearchForm({ value, order, children }: { value: string; order: ReportOrder; children?: ComponentChildren }) {
  const { t } = useLang();
  const words = t(messages);
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <form
      class="admin-filters"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        setQuery({ q: text.trim() || null });
      }}
    >
      <div class="field--grow">
        <Field id="admin-search" label={words.searchTitle} hint={words.searchHint}>
          <input
            id="admin-search"
            type="search"
            value={text}
            maxLength={200}
            aria-describedby="admin-search-hint"
            onInput={(event) => setText((event.target as HTMLInputElement).value)}
          />
        </Field>
      </div>
      {children}
      <Field id="admin-order" label={words.order} hint={order === 'DEADLINE' ? words.orderHint : undefined}>
        <select
          id="admin-order"
          value={order}
          aria-describedby={order === 'DEADLINE' ? 'admin-order-hint' : undefined}
          onChange={(event) => {
            const next = (event.target as HTMLSelectElement).value;
            setQuery({ order: next === 'DEADLINE' ? null : next });
          }}
        >
          {ORDERS.map((candidate) => (
            <option key={candidate} value={candidate}>
              {words[`order${candidate}`]}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" class="button button--primary">
        {t(commonMessages).search}
      </button>
      {value && (
        <button
          type="button"
          class="button button--quiet"
          onClick={() => {
            setText('');
            setQuery({ q: null });
          }}
        >
          {words.clear}
        </button>
      )}
    </form>
  );
}
