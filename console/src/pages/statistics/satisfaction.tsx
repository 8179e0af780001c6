// The reporters' satisfaction on the admin's dashboard: the ratings standing on the reports closed now,
// in total (a headline card) and per agency (a table: average, how many were rated of those closed, and
// how the scores spread, drawn as a stacked bar with the counts written beside it). No chart library:
// the bar is a few boxes, and the counts are its text.
import { useFigureFormat } from '../../components/compliance';
import { SCORES } from '../../components/rating';
import { graphql } from '../../gql';
import type { StatisticsSatisfactionFragment } from '../../gql/graphql';
import { format, useLang } from '../../i18n';
import { StatCard } from './headline';
import { messages } from './messages';

export const StatisticsSatisfaction = graphql(`
  fragment StatisticsSatisfaction on Satisfaction {
    closedNow
    rated
    shareRated
    average
    distribution {
      score
      count
    }
  }
`);

type Satisfaction = StatisticsSatisfactionFragment;
type AgencyEntry = { agency?: { id: string; code: string; name: string } | null; satisfaction: Satisfaction };

function useAverage(): (average: number | null | undefined) => string {
  const { locale } = useLang();
  const figures = useFigureFormat();
  return (average) =>
    average == null
      ? figures.rate(null)
      : `${average.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} / 5`;
}

export function SatisfactionStatCard({ satisfaction }: { satisfaction: Satisfaction }) {
  const { t } = useLang();
  const words = t(messages);
  const figures = useFigureFormat();
  const average = useAverage();
  return (
    <StatCard
      name="satisfaction"
      label={words.satisfaction}
      value={average(satisfaction.average)}
      detail={format(words.satisfactionDetail, {
        rated: figures.number(satisfaction.rated),
        share: figures.rate(satisfaction.shareRated),
      })}
    />
  );
}

/** The scores' spread: a bar of five parts (one a score, as wide as its share) and the counts in words. */
function Distribution({ satisfaction }: { satisfaction: Satisfaction }) {
  const { t } = useLang();
  const words = t(messages);
  const figures = useFigureFormat();
  const counts = new Map(satisfaction.distribution.map((entry) => [entry.score, entry.count]));
  const total = SCORES.reduce((sum, score) => sum + (counts.get(score) ?? 0), 0);
  return (
    <div class="distribution">
      {total > 0 && (
        <span class="distribution__bar" aria-hidden="true">
          {SCORES.map((score) => {
            const count = counts.get(score) ?? 0;
            return count ? (
              <span
                key={score}
                class={`distribution__part distribution__part--${score}`}
                style={{ width: `${(count / total) * 100}%` }}
              />
            ) : null;
          })}
        </span>
      )}
      <span class="distribution__counts">
        {SCORES.map((score) => (
          <span key={score} class="distribution__count" data-score={score}>
            <span aria-hidden="true">{score}★</span>
            <span class="visually-hidden">{format(words.scoreLabel, { score })}</span>{' '}
            {figures.number(counts.get(score) ?? 0)}
          </span>
        ))}
      </span>
    </div>
  );
}

export function SatisfactionByAgency({ agencies, totals }: { agencies: AgencyEntry[]; totals: Satisfaction }) {
  const { t } = useLang();
  const words = t(messages);
  const figures = useFigureFormat();
  const average = useAverage();
  // Best satisfied first; agencies without a rating after those with one.
  const sorted = [...agencies].sort((a, b) => (b.satisfaction.average ?? -1) - (a.satisfaction.average ?? -1));
  const row = (key: string, name: string, satisfaction: Satisfaction, code?: string) => (
    <tr key={key} data-agency={code}>
      <td class="row-name" data-label={words.colAgency}>
        <span>
          {name} {code && <span class="agency-code">({code})</span>}
        </span>
      </td>
      <td class="number" data-label={words.colAverage} data-figure="average">
        {average(satisfaction.average)}
      </td>
      <td class="number" data-label={words.colRated} data-figure="rated">
        {figures.number(satisfaction.rated)}
      </td>
      <td class="number" data-label={words.colClosedNow} data-figure="closedNow">
        {figures.number(satisfaction.closedNow)}
      </td>
      <td class="number" data-label={words.colShareRated} data-figure="shareRated">
        {figures.rate(satisfaction.shareRated)}
      </td>
      <td data-label={words.colDistribution}>
        <Distribution satisfaction={satisfaction} />
      </td>
    </tr>
  );
  return (
    <section aria-labelledby="stat-satisfaction">
      <h2 id="stat-satisfaction">{words.satisfactionTitle}</h2>
      <p class="muted">{words.satisfactionIntro}</p>
      <div class="table-wrap">
        <table id="stat-satisfaction-table" class="responsive satisfaction-table">
          <caption class="visually-hidden">{words.satisfactionTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{words.colAgency}</th>
              <th scope="col" class="number">{words.colAverage}</th>
              <th scope="col" class="number">{words.colRated}</th>
              <th scope="col" class="number">{words.colClosedNow}</th>
              <th scope="col" class="number">{words.colShareRated}</th>
              <th scope="col">{words.colDistribution}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((entry, index) =>
              row(
                entry.agency?.id ?? `unknown-${index}`,
                entry.agency?.name ?? words.unknownAgency,
                entry.satisfaction,
                entry.agency?.code,
              ),
            )}
          </tbody>
          <tfoot>{row('all', words.satisfactionTotal, totals)}</tfoot>
        </table>
      </div>
    </section>
  );
}
