// The agencies ranked by follow-up compliance, as both statistics pages show them: bars in band colours,
// and beside them a table (the chart's text alternative) with the columns each page adds.
import { BandBadge, complianceMessages, useFigureFormat } from '../../components/compliance';
import type { ComplianceBand } from '../../gql/graphql';
import { format, useLang } from '../../i18n';
import { ChartCanvas } from './chart';
import { messages } from './messages';
import './statistics.css';

/** What the ranking reads of an agency's entry; each page's query adds the figures of its columns. */
export type RankedEntry = {
  rank?: number | null;
  band: ComplianceBand;
  agency?: { id: string; code: string; name: string } | null;
};

/** A column after rank, agency, band and rate: a number a cell. */
export type RankingColumn<Entry> = {
  label: string;
  /** Names the cell for tests (`data-figure`). */
  figure?: string;
  value: (entry: Entry) => string;
};

type AgencyRankingProps<Entry extends RankedEntry> = {
  /** The heading's id, which labels the section. */
  id: string;
  /** The heading, and the table's caption. */
  title: string;
  /** The chart's label for screen readers, with `{summary}` for the bars in words. */
  chartLabel: string;
  /** Best first, as the API ranks them. */
  entries: Entry[];
  rate: (entry: Entry) => number | null | undefined;
  columns: RankingColumn<Entry>[];
};

type Bar = { code: string; name: string; rate: number | null; band: ComplianceBand };

/** The ranking section: heading, intro, the chart and the table, or a notice when no agency has figures. */
export function AgencyRanking<Entry extends RankedEntry>({
  id,
  title,
  chartLabel,
  entries,
  rate,
  columns,
}: AgencyRankingProps<Entry>) {
  const { t } = useLang();
  const words = t(messages);
  const figures = useFigureFormat();
  const ranked = entries.map((entry, index) => ({
    entry,
    key: entry.agency?.id ?? `unknown-${index}`,
    bar: {
      code: entry.agency?.code ?? '?',
      name: entry.agency?.name ?? words.unknownAgency,
      rate: rate(entry) ?? null,
      band: entry.band,
    },
  }));
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p class="muted">{words.rankingIntro}</p>
      {ranked.length === 0 ? (
        <p class="notice">{words.rankingEmpty}</p>
      ) : (
        <>
          <RankingChart bars={ranked.map(({ bar }) => bar)} labelTemplate={chartLabel} />
          <div class="table-wrap">
            <table class="responsive ranking-table">
              <caption class="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col" class="number">{words.colRank}</th>
                  <th scope="col">{words.colAgency}</th>
                  <th scope="col">{words.colBand}</th>
                  <th scope="col" class="number">{words.colRate}</th>
                  {columns.map((column) => (
                    <th key={column.label} scope="col" class="number">
                      {column.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {ranked.map(({ entry, key, bar }) => (
                  <tr key={key} data-agency={bar.code}>
                    <td class="number" data-label={words.colRank}>
                      {entry.rank ?? words.notRanked}
                    </td>
                    <td class="row-name" data-label={words.colAgency}>
                      <span>
                        {bar.name} <span class="agency-code">({bar.code})</span>
                      </span>
                    </td>
                    <td data-label={words.colBand}>
                      <BandBadge band={bar.band} />
                    </td>
                    <td class="number" data-label={words.colRate} data-figure="rate">
                      {figures.rate(bar.rate)}
                    </td>
                    {columns.map((column) => (
                      <td key={column.label} class="number" data-label={column.label} data-figure={column.figure}>
                        {column.value(entry)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** The ranking as horizontal bars in band colours; the table beside it is its text alternative. */
function RankingChart({ bars, labelTemplate }: { bars: Bar[]; labelTemplate: string }) {
  const { t, lang, locale } = useLang();
  const words = t(messages);
  const bands = t(complianceMessages);
  const figures = useFigureFormat();
  const summary = bars.map((bar) => `${bar.code} ${figures.rate(bar.rate)} (${bands[`band${bar.band}`]})`).join(', ');
  return (
    <ChartCanvas
      name="ranking"
      label={format(labelTemplate, { summary })}
      // Room for every bar, within reason on a phone.
      height={`${Math.max(8, Math.min(40, 3 + bars.length * 2.4))}rem`}
      drawKey={`${lang} ${JSON.stringify(bars)}`}
      draw={(charts, canvas) =>
        charts.drawRanking(canvas, bars, { axis: words.colRate, notMeasured: bands.bandNONE }, locale)
      }
    />
  );
}
