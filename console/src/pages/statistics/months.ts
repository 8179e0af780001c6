// The months of a period, and how a month reads: the dashboard's trend shows every month of the period.
import { useLang } from '../../i18n';

/** Every month from the period's first to its last (YYYY-MM), so a month without reports shows as zero. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (let guard = 0; guard < 240; guard += 1) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** "Nov 2026" / "Nov 2026" for `2026-11`, in the console's language. */
export function useMonthLabel() {
  const { locale } = useLang();
  return (month: string) =>
    new Date(`${month}-01T00:00:00`).toLocaleDateString(locale, { month: 'short', year: 'numeric' });
}
