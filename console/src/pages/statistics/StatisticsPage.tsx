// The provincial admin's dashboard: does each agency answer its dispositions in time? Headline figures,
// agencies ranked by follow-up compliance (a chart in band colours and a table), the monthly trend,
// what is overdue now, each liaison's answers, the reporters' satisfaction per agency, and downloads of
// the same figures. The filters live in
// the address (see filters.ts), so a filtered dashboard can be bookmarked and shared.
import { useEffect, useState } from 'preact/hooks';
import { useQuery } from '../../api/use-query';
import { AgencyPicker } from '../../components/agency-picker';
import { useFigureFormat } from '../../components/compliance';
import { Field, FilterButtons } from '../../components/form';
import { Loading, LoadError } from '../../components/loading';
import { ClassificationOptions } from '../../components/report-list';
import type { Classification, StatisticsDashboardQuery } from '../../gql/graphql';
import { format, useLang } from '../../i18n';
import type { PageProps } from '../../page';
import { Link, useLocation } from '../../router';
import { ChartCanvas } from './chart';
import { applyFilters, exportUrl, readFilters, statisticsFilter, type DashboardFilters } from './filters';
import { ComplianceStatCard, Headline, StatCard } from './headline';
import { messages } from './messages';
import { monthsOf, useMonthLabel } from './months';
import { isReversed, PeriodFields } from './period-fields';
import { StatisticsDashboard } from './queries';
import { AgencyRanking } from './ranking';
import { SatisfactionByAgency, SatisfactionStatCard } from './satisfaction';
import '../admin/admin.css';

type Statistics = StatisticsDashboardQuery['statistics'];

export default function StatisticsPage(_props: PageProps) {
  const { t } = useLang();
  const words = t(messages);
  const { query } = useLocation();
  const filters = readFilters(query);
  const { data, error, loading } = useQuery(StatisticsDashboard, { filter: statisticsFilter(filters) });
  const statistics = data?.statistics ?? null;

  return (
    <section class="admin-page statistics" aria-busy={loading}>
      <h1>{words.dashboardTitle}</h1>
      <p class="muted">{words.dashboardIntro}</p>
      <FilterForm filters={filters} period={statistics?.period ?? null} />
      {error ? <LoadError error={error} /> : null}
      {!statistics ? (
        !error && <Loading />
      ) : (
        <>
          <DashboardHeadline statistics={statistics} filters={filters} />
          <MoreFigures totals={statistics.totals} />
          <Ranking agencies={statistics.agencies} />
          <Trend statistics={statistics} />
          <Liaisons liaisons={statistics.liaisons} />
          <SatisfactionByAgency
            agencies={statistics.agencies.map((entry) => ({ agency: entry.agency, satisfaction: entry.figures.satisfaction }))}
            totals={statistics.totals.satisfaction}
          />
          <Exports filters={filters} />
        </>
      )}
    </section>
  );
}

type Period = Statistics['period'];

function FilterForm({ filters, period }: { filters: DashboardFilters; period: Period | null }) {
  const { t } = useLang();
  const words = t(messages);
  // Dates and the category apply on submit; the pickers at once.
  const [draft, setDraft] = useState({ from: filters.from, to: filters.to, category: filters.category });
  const [dateError, setDateError] = useState(false);
  useEffect(() => {
    // Without dates in the address the fields show the period the API chose (the last 12 months).
    setDraft({ from: filters.from || period?.from || '', to: filters.to || period?.to || '', category: filters.category });
  }, [filters.from, filters.to, filters.category, period?.from, period?.to]);
  const filtered = filters.from || filters.to || filters.agencyId || filters.classification || filters.category;

  return (
    <form
      class="card statistics-filters"
      role="search"
      aria-label={words.filters}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const reversed = isReversed(draft);
        setDateError(reversed);
        if (!reversed) applyFilters({ ...filters, ...draft });
      }}
    >
      <PeriodFields
        idPrefix="stat"
        period={draft}
        onChange={(dates) => setDraft({ ...draft, ...dates })}
        reversed={dateError}
      />
      <div class="field--wide statistics-filters__agency">
        <Field id="stat-agency" label={words.agency} hint={words.agencyHint}>
          <AgencyPicker
            id="stat-agency"
            value={filters.agencyId}
            includeInactive
            emptyLabel={words.allAgencies}
            describedBy="stat-agency-hint"
            onChange={(agencyId) => applyFilters({ ...filters, agencyId })}
          />
        </Field>
        <label class="checkbox">
          <input
            id="stat-subunits"
            type="checkbox"
            checked={filters.includeSubUnits}
            disabled={!filters.agencyId}
            onChange={(event) => applyFilters({ ...filters, includeSubUnits: (event.target as HTMLInputElement).checked })}
          />
          {words.includeSubUnits}
        </label>
      </div>
      <Field id="stat-classification" label={words.classification}>
        <select
          id="stat-classification"
          value={filters.classification}
          onChange={(event) =>
            applyFilters({ ...filters, classification: (event.target as HTMLSelectElement).value as Classification | '' })
          }
        >
          <ClassificationOptions anyLabel={words.anyClassification} />
        </select>
      </Field>
      <Field id="stat-category" label={words.category} hint={words.categoryHint}>
        <input
          id="stat-category"
          type="text"
          value={draft.category}
          maxLength={100}
          aria-describedby="stat-category-hint"
          onInput={(event) => setDraft({ ...draft, category: (event.target as HTMLInputElement).value })}
        />
      </Field>
      <FilterButtons
        class="statistics-filters__buttons"
        applyLabel={words.apply}
        clearLabel={words.clear}
        onClear={
          filtered
            ? () => {
                setDateError(false);
                applyFilters({ from: '', to: '', agencyId: '', includeSubUnits: true, classification: '', category: '' });
              }
            : undefined
        }
      />
    </form>
  );
}

function DashboardHeadline({ statistics, filters }: { statistics: Statistics; filters: DashboardFilters }) {
  const { t } = useLang();
  const words = t(messages);
  const figures = useFigureFormat();
  const { totals } = statistics;
  const compliance = totals.compliance;
  const overdueHref = `/admin/overdue${filters.agencyId ? `?agency=${encodeURIComponent(filters.agencyId)}` : ''}`;
  return (
    <Headline id="stat-headline" period={statistics.period}>
      <StatCard name="received" label={words.received} value={figures.number(totals.received)} />
      <StatCard
        name="followedUp"
        label={words.followedUp}
        value={figures.number(totals.followedUp)}
        detail={format(words.ofReceived, { n: figures.number(totals.received) })}
      />
      <StatCard name="closed" label={words.closed} value={figures.number(totals.closed)} />
      <StatCard name="openNow" label={words.openNow} value={figures.number(totals.openNow)} />
      <StatCard
        name="overdueNow"
        label={words.overdueNow}
        value={figures.number(totals.overdueNow)}
        tone={totals.overdueNow > 0 ? 'bad' : undefined}
        detail={totals.overdueNow > 0 ? <Link href={overdueHref}>{words.overdueNowLink}</Link> : undefined}
      />
      <ComplianceStatCard label={words.complianceRate} compliance={compliance} band={statistics.band} />
      <StatCard
        name="answerDays"
        label={words.answerDays}
        value={figures.days(compliance.answerDays.median)}
        detail={format(words.answerDaysDetail, { p90: figures.dayCount(compliance.answerDays.p90) })}
      />
      <StatCard
        name="dispositionDays"
        label={words.dispositionDays}
        value={figures.days(totals.daysToDisposition.median)}
        detail={format(words.dispositionDaysDetail, { p90: figures.dayCount(totals.daysToDisposition.p90) })}
      />
      <SatisfactionStatCard satisfaction={totals.satisfaction} />
    </Headline>
  );
}

function MoreFigures({ totals }: { totals: Statistics['totals'] }) {
  const { t } = useLang();
  const words = t(messages);
  const figures = useFigureFormat();
  const spread = (value: { median?: number | null; p90?: number | null }) =>
    `${figures.dayCount(value.median)}; ${figures.dayCount(value.p90)}`;
  const rows: [string, string, string][] = [
    ['disposed', words.disposed, figures.number(totals.disposed)],
    ['dispositions', words.dispositions, figures.number(totals.dispositions)],
    ['autoClosed', words.autoClosed, figures.number(totals.autoClosed)],
    ['archived', words.archived, figures.number(totals.archived)],
    ['reopened', words.reopened, figures.number(totals.reopened)],
    ['reopenRate', words.reopenRate, figures.rate(totals.reopenRate)],
    ['escalated', words.escalated, figures.number(totals.escalated)],
    ['escalatedShare', words.escalatedShare, figures.rate(totals.escalatedShare)],
    [
      'notAuthority',
      words.notAuthority,
      `${figures.number(totals.notAuthorityRequested)} (${figures.number(totals.notAuthorityAccepted)} / ${figures.number(totals.notAuthorityRejected)})`,
    ],
    ['firstAnswerDays', words.firstAnswerDays, spread(totals.daysToFirstAnswer)],
    ['closureDays', words.closureDays, spread(totals.daysToClosure)],
  ];
  return (
    <details class="card">
      <summary>{words.moreFigures}</summary>
      <dl class="figure-list">
        {rows.map(([name, label, value]) => (
          <div key={name} data-figure={name}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function Ranking({ agencies }: { agencies: Statistics['agencies'] }) {
  const { t } = useLang();
  const words = t(messages);
  const figures = useFigureFormat();
  return (
    <AgencyRanking
      id="stat-ranking"
      title={words.ranking}
      chartLabel={words.rankingChart}
      entries={agencies}
      rate={(entry) => entry.figures.compliance.rate}
      columns={[
        { label: words.colMet, figure: 'met', value: (entry) => figures.number(entry.figures.compliance.met) },
        { label: words.colMissed, figure: 'missed', value: (entry) => figures.number(entry.figures.compliance.missed) },
        { label: words.colPending, figure: 'pending', value: (entry) => figures.number(entry.figures.compliance.pending) },
        { label: words.colMedian, value: (entry) => figures.dayCount(entry.figures.compliance.answerDays.median) },
        { label: words.colReceived, figure: 'received', value: (entry) => figures.number(entry.figures.received) },
        { label: words.colOverdue, figure: 'overdueNow', value: (entry) => figures.number(entry.figures.overdueNow) },
      ]}
    />
  );
}

function Trend({ statistics }: { statistics: Statistics }) {
  const { t, lang, locale } = useLang();
  const words = t(messages);
  const figures = useFigureFormat();
  const monthLabel = useMonthLabel();
  const byMonth = new Map(statistics.monthly.map((month) => [month.month, month]));
  // Every month of the period, those without reports as zero: a trend with gaps left out would mislead.
  const points = monthsOf(statistics.period.from, statistics.period.to).map((month) => {
    const found = byMonth.get(month);
    return {
      month,
      label: monthLabel(month),
      received: found?.received ?? 0,
      closed: found?.closed ?? 0,
      dispositions: found?.dispositions ?? 0,
      rate: found?.compliance.rate ?? null,
    };
  });
  const summary = points
    .filter((point) => point.received || point.dispositions)
    .map(
      (point) =>
        `${point.label}: ${point.received} ${words.seriesReceived.toLowerCase()}, ${point.dispositions} ${words.seriesDispositions.toLowerCase()}, ${figures.rate(point.rate)}`,
    )
    .join('; ');
  const chartPoints = points.map(({ label, received, dispositions, rate }) => ({ label, received, dispositions, rate }));
  return (
    <section aria-labelledby="stat-trend">
      <h2 id="stat-trend">{words.trend}</h2>
      <p class="muted">{words.trendIntro}</p>
      <ChartCanvas
        name="trend"
        label={format(words.trendChart, { summary })}
        height="18rem"
        drawKey={`${lang} ${JSON.stringify(chartPoints)}`}
        draw={(charts, canvas) =>
          charts.drawTrend(
            canvas,
            chartPoints,
            {
              received: words.seriesReceived,
              dispositions: words.seriesDispositions,
              rate: words.seriesRate,
              count: words.axisCount,
              rateAxis: words.axisRate,
            },
            locale,
          )
        }
      />
      <details class="card">
        <summary>{words.trendTable}</summary>
        <div class="table-wrap">
          <table class="responsive trend-table">
            <caption class="visually-hidden">{words.trendTable}</caption>
            <thead>
              <tr>
                <th scope="col">{words.colMonth}</th>
                <th scope="col" class="number">{words.colReceived}</th>
                <th scope="col" class="number">{words.colClosed}</th>
                <th scope="col" class="number">{words.colDispositions}</th>
                <th scope="col" class="number">{words.colRate}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((point) => (
                <tr key={point.month} data-month={point.month}>
                  <td class="row-name" data-label={words.colMonth}>
                    {point.label}
                  </td>
                  <td class="number" data-label={words.colReceived}>
                    {figures.number(point.received)}
                  </td>
                  <td class="number" data-label={words.colClosed}>
                    {figures.number(point.closed)}
                  </td>
                  <td class="number" data-label={words.colDispositions}>
                    {figures.number(point.dispositions)}
                  </td>
                  <td class="number" data-label={words.colRate}>
                    {figures.rate(point.rate)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

function Liaisons({ liaisons }: { liaisons: Statistics['liaisons'] }) {
  const { t } = useLang();
  const words = t(messages);
  const figures = useFigureFormat();
  return (
    <section aria-labelledby="stat-liaisons">
      <h2 id="stat-liaisons">{words.liaisons}</h2>
      <p class="muted">{words.liaisonsIntro}</p>
      {liaisons.length === 0 ? (
        <p class="notice">{words.liaisonsEmpty}</p>
      ) : (
        <div class="table-wrap">
          <table class="responsive liaison-table">
            <caption class="visually-hidden">{words.liaisons}</caption>
            <thead>
              <tr>
                <th scope="col">{words.colLiaison}</th>
                <th scope="col" class="number">{words.colAnswers}</th>
                <th scope="col" class="number">{words.colMedian}</th>
                <th scope="col" class="number">{words.colP90}</th>
              </tr>
            </thead>
            <tbody>
              {liaisons.map((liaison) => (
                <tr key={liaison.id}>
                  <td class="row-name" data-label={words.colLiaison}>
                    {liaison.name}
                  </td>
                  <td class="number" data-label={words.colAnswers}>
                    {figures.number(liaison.answers)}
                  </td>
                  <td class="number" data-label={words.colMedian}>
                    {figures.dayCount(liaison.answerDays.median)}
                  </td>
                  <td class="number" data-label={words.colP90}>
                    {figures.dayCount(liaison.answerDays.p90)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Exports({ filters }: { filters: DashboardFilters }) {
  const { t, lang } = useLang();
  const words = t(messages);
  const links: [string, string][] = [
    [words.exportStatisticsCsv, exportUrl('statistics', 'csv', filters, lang)],
    [words.exportStatisticsXlsx, exportUrl('statistics', 'xlsx', filters, lang)],
    [words.exportReportsCsv, exportUrl('reports', 'csv', filters, lang)],
    [words.exportReportsXlsx, exportUrl('reports', 'xlsx', filters, lang)],
  ];
  return (
    <section aria-labelledby="stat-exports">
      <h2 id="stat-exports">{words.exports}</h2>
      <p class="muted">{words.exportsIntro}</p>
      <ul class="export-links">
        {links.map(([label, href]) => (
          <li key={href}>
            {/* A plain link: the browser downloads it with the session cookie, outside the router. */}
            <a class="button" href={href} download>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
