// Pieces both statistics pages show: a headline figure, the compliance ranking as a chart and a table,
// and how a month reads.
import type { ComponentChildren } from 'preact';
import { BandBadge, complianceMessages, useFigureFormat } from '../../components/compliance';
import type { ComplianceBand } from '../../gql/graphql';
import { format, useLang } from '../../i18n';
import { ChartCanvas } from './chart';
import { messages } from './messages';
import './statistics.css';

type StatCardProps = {
  /** Names the figure for tests and the stylesheet (`data-figure`). */
  name: string;
  label: string;
  value: string;
  detail?: ComponentChildren;
  band?: ComplianceBand | null;
  tone?: 'bad';
};

/** One headline figure: its label, the value large, a line of detail. */
export function StatCard({ name, label, value, detail, band, tone }: StatCardProps) {
  return (
    <li class={`stat-card${band ? ` stat-card--${band.toLowerCase()}` : ''}`} data-figure={name}>
      <span class="stat-card__label">{label}</span>
      <span class={`stat-card__value${tone === 'bad' ? ' stat-card__value--bad' : ''}`}>{value}</span>
      {band && <BandBadge band={band} />}
      {detail && <span class="stat-card__detail">{detail}</span>}
    </li>
  );
}

export type RankedAgency = {
  key: string;
  code: string;
  name: string;
  rate: number | null;
  band: ComplianceBand;
};

/** The ranking as horizontal bars in band colours; its table (the text alternative) is the caller's. */
export function RankingChart({ agencies, labelTemplate }: { agencies: RankedAgency[]; labelTemplate: string }) {
  const { t, lang, locale } = useLang();
  const words = t(messages);
  const bands = t(complianceMessages);
  const figures = useFigureFormat();
  const summary = agencies
    .map((agency) => `${agency.code} ${figures.rate(agency.rate)} (${bands[`band${agency.band}`]})`)
    .join(', ');
  const bars = agencies.map(({ code, name, rate, band }) => ({ code, name, rate, band }));
  return (
    <ChartCanvas
      name="ranking"
      label={format(labelTemplate, { summary })}
      // Room for every bar, within reason on a phone.
      height={`${Math.max(8, Math.min(40, 3 + agencies.length * 2.4))}rem`}
      drawKey={`${lang} ${JSON.stringify(bars)}`}
      draw={(charts, canvas) =>
        charts.drawRanking(canvas, bars, { axis: words.colRate, notMeasured: bands.bandNONE }, locale)
      }
    />
  );
}

/** "Nov 2026" / "Nov 2026" for `2026-11`, in the console's language. */
export function useMonthLabel() {
  const { locale } = useLang();
  return (month: string) =>
    new Date(`${month}-01T00:00:00`).toLocaleDateString(locale, { month: 'short', year: 'numeric' });
}
