// Choose an agency over the hierarchy (province › Perangkat Daerah › unit): one native <select>, each
// agency indented under its parent, so it works with a keyboard, a screen reader and a phone's picker.
import { useEffect, useState } from 'preact/hooks';
import { request } from '../api/client';
import { graphql } from '../gql';
import type { AgencyPickerListQuery } from '../gql/graphql';
import { defineMessages, useLang } from '../i18n';

const AgencyPickerList = graphql(`
  query AgencyPickerList($after: String) {
    agencies(first: 100, after: $after) {
      edges {
        node {
          id
          code
          name
          isActive
          level
          parent {
            id
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export type PickerAgency = AgencyPickerListQuery['agencies']['edges'][number]['node'];

const messages = defineMessages({ choose: '— pilih instansi —', inactive: 'nonaktif' }, { choose: '— choose an agency —', inactive: 'inactive' });

let cached: Promise<PickerAgency[]> | null = null;

/** Every agency, all pages, fetched once per page load (call `forgetAgencies` after a change). */
export function loadAgencies(): Promise<PickerAgency[]> {
  cached ??= (async () => {
    const all: PickerAgency[] = [];
    let after: string | null = null;
    for (;;) {
      const { agencies }: AgencyPickerListQuery = await request(AgencyPickerList, { after });
      all.push(...agencies.edges.map((edge) => edge.node));
      if (!agencies.pageInfo.hasNextPage) return all;
      after = agencies.pageInfo.endCursor ?? null;
    }
  })();
  cached.catch(() => {
    cached = null;
  });
  return cached;
}

export function forgetAgencies(): void {
  cached = null;
}

/** The agencies in tree order with their depth: each parent directly above its units. */
export function agencyTree(agencies: PickerAgency[]): { agency: PickerAgency; depth: number }[] {
  const byParent = new Map<string | null, PickerAgency[]>();
  const ids = new Set(agencies.map((agency) => agency.id));
  for (const agency of agencies) {
    const parent = agency.parent && ids.has(agency.parent.id) ? agency.parent.id : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), agency]);
  }
  const ordered: { agency: PickerAgency; depth: number }[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const agency of (byParent.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      ordered.push({ agency, depth });
      visit(agency.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

type AgencyPickerProps = {
  id: string;
  value: string;
  onChange: (agencyId: string) => void;
  /** Offer deactivated agencies too (e.g. to reactivate them); by default only active ones can be chosen. */
  includeInactive?: boolean;
  /** Agencies that may not be chosen (e.g. an agency itself and its units when moving it). */
  exclude?: Set<string>;
  required?: boolean;
  describedBy?: string;
  /** The empty choice's text, e.g. "every agency" where empty means no filter; "choose an agency" by default. */
  emptyLabel?: string;
};

export function AgencyPicker({
  id,
  value,
  onChange,
  includeInactive = false,
  exclude,
  required,
  describedBy,
  emptyLabel,
}: AgencyPickerProps) {
  const { t } = useLang();
  const words = t(messages);
  const [agencies, setAgencies] = useState<PickerAgency[]>([]);
  useEffect(() => {
    void loadAgencies().then(setAgencies, () => setAgencies([]));
  }, []);
  return (
    <select
      id={id}
      value={value}
      required={required}
      aria-describedby={describedBy}
      onChange={(event) => onChange((event.target as HTMLSelectElement).value)}
    >
      <option value="">{emptyLabel ?? words.choose}</option>
      {agencyTree(agencies).map(({ agency, depth }) => (
        <option
          key={agency.id}
          value={agency.id}
          disabled={(!agency.isActive && !includeInactive) || exclude?.has(agency.id)}
        >
          {`${'\u00a0\u00a0\u00a0'.repeat(depth)}${agency.name} (${agency.code})${agency.isActive ? '' : ` — ${words.inactive}`}`}
        </option>
      ))}
    </select>
  );
}
