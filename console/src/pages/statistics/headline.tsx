// The headline figures both statistics pages open with: the period they cover, then a card a figure,
// follow-up compliance in the band of the figures shown.
import type { ComponentChildren } from 'preact';
import { BandBadge, useFigureFormat } from '../../components/compliance';
import type { ComplianceBand, ComplianceFiguresFragment } from '../../gql/graphql';
import { format, useLang } from '../../i18n';
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

type HeadlineProps = {
  /** The heading's id, which labels the section. */
  id: string;
  /** Its first and last day (ISO dates). */
  period: { from: string; to: string };
  /** The cards (`StatCard`s). */
  children: ComponentChildren;
};

/** The headline section: its heading, the period the figures cover and the cards. */
export function Headline({ id, period, children }: HeadlineProps) {
  const { t, formatDate } = useLang();
  const words = t(messages);
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{words.headline}</h2>
      <p class="statistics__period">{format(words.period, { from: formatDate(period.from), to: formatDate(period.to) })}</p>
      <ul class="stat-cards">{children}</ul>
    </section>
  );
}

type ComplianceStatCardProps = {
  label: string;
  compliance: ComplianceFiguresFragment;
  /** The band of these figures, as the API gives it (its thresholds are server settings). */
  band: ComplianceBand;
};

/** Follow-up compliance: the rate in its band, and how many rounds were met, missed, measured, pending. */
export function ComplianceStatCard({ label, compliance, band }: ComplianceStatCardProps) {
  const { t } = useLang();
  const words = t(messages);
  const figures = useFigureFormat();
  return (
    <StatCard
      name="complianceRate"
      label={label}
      value={figures.rate(compliance.rate)}
      band={band}
      detail={format(words.complianceDetail, {
        met: compliance.met,
        missed: compliance.missed,
        measured: compliance.measured,
        pending: compliance.pending,
      })}
    />
  );
}
