// The dashboard's filters live in the address under the names the export endpoints take (from, to,
// agencyId, includeSubUnits, classification, category), so a filtered dashboard can be bookmarked and
// its download links are the same query string on another path.
import { CLASSIFICATIONS } from '../../components/report-list';
import type { Classification, StatisticsFilter } from '../../gql/graphql';
import type { Lang } from '../../i18n';
import { setQuery } from '../../router';

export type DashboardFilters = {
  from: string;
  to: string;
  agencyId: string;
  includeSubUnits: boolean;
  classification: Classification | '';
  category: string;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readFilters(query: URLSearchParams): DashboardFilters {
  const date = (name: string) => {
    const value = query.get(name) ?? '';
    return DATE.test(value) ? value : '';
  };
  const classification = query.get('classification') ?? '';
  return {
    from: date('from'),
    to: date('to'),
    agencyId: query.get('agencyId') ?? '',
    includeSubUnits: query.get('includeSubUnits') !== 'false',
    classification: (CLASSIFICATIONS as string[]).includes(classification) ? (classification as Classification) : '',
    category: (query.get('category') ?? '').trim(),
  };
}

/** The address's parameters of these filters: only what differs from the defaults. */
export function filterParams(filters: DashboardFilters): Record<string, string | null> {
  return {
    from: filters.from || null,
    to: filters.to || null,
    agencyId: filters.agencyId || null,
    includeSubUnits: filters.agencyId && !filters.includeSubUnits ? 'false' : null,
    classification: filters.classification || null,
    category: filters.category.trim() || null,
  };
}

export function applyFilters(filters: DashboardFilters): void {
  setQuery(filterParams(filters));
}

export function statisticsFilter(filters: DashboardFilters): StatisticsFilter {
  return {
    from: filters.from || null,
    to: filters.to || null,
    agencyId: filters.agencyId || null,
    includeSubUnits: filters.includeSubUnits,
    classification: filters.classification || null,
    category: filters.category || null,
  };
}

export type ExportKind = 'statistics' | 'reports';

/** `GET /exports/statistics.csv?…&lang=id`: the browser sends the session cookie with it (an admin's
 *  download); its column names are in the console's language. */
export function exportUrl(kind: ExportKind, format: 'csv' | 'xlsx', filters: DashboardFilters, lang: Lang): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filterParams(filters))) if (value) query.set(key, value);
  query.set('lang', lang);
  return `/exports/${kind}.${format}?${query.toString()}`;
}
