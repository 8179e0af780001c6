// The public transparency page: reports received, followed up and closed, and follow-up compliance per
// agency, for anyone, without logging in (`publicStatistics`: counts only; a confidential report is
// counted and nothing else of it shows). The period is in the address (?from=&to=).
import { useEffect, useState } from 'preact/hooks';
import { useQuery } from '../../api/use-query';
import { BandBadge, useFigureFormat } from '../../components/compliance';
import { Field } from '../../components/form';
import { Loading, LoadError } from '../../components/loading';
import { format, useLang } from '../../i18n';
import type { PageProps } from '../../page';
import { setQuery, useLocation } from '../../router';
import { readFilters } from './filters';
import { messages } from './messages';
import { RankingChart, StatCard, type RankedAgency } from './parts';
import { PublicStatisticsSummary } from './queries';

export default function PublicStatisticsPage(_props: PageProps) {
  const { t, formatDate } = useLang();
  const words = t(messages);
  const figures = useFigureFormat();
  const { query } = useLocation();
  const { from, to } = readFilters(query);
  const { data, error, loading } = useQuery(PublicStatisticsSummary, { filter: { from: from || null, to: to || null } });
  const summary = data?.publicStatistics ?? null;

  const [draft, setDraft] = useState({ from, to });
  const [dateError, setDateError] = useState(false);
  useEffect(
    () => setDraft({ from: from || summary?.period.from || '', to: to || summary?.period.to || '' }),
    [from, to, summary?.period.from, summary?.period.to],
  );

  const ranked: RankedAgency[] = (summary?.agencies ?? []).map((entry, index) => ({
    key: entry.agency?.id ?? `unknown-${index}`,
    code: entry.agency?.code ?? '?',
    name: entry.agency?.name ?? words.unknownAgency,
    rate: entry.compliance.rate,
    band: entry.band,
  }));

  return (
    <section class="statistics public-statistics" aria-busy={loading}>
      <h1>{words.publicTitle}</h1>
      <p class="lead">{words.publicIntro}</p>
      <form
        class="card statistics-filters"
        aria-label={words.publicFilters}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const bad = Boolean(draft.from && draft.to && draft.from > draft.to);
          setDateError(bad);
          if (!bad) setQuery({ from: draft.from || null, to: draft.to || null });
        }}
      >
        <Field id="public-from" label={words.from} hint={words.dateHint}>
          <input
            id="public-from"
            type="date"
            value={draft.from}
            aria-describedby="public-from-hint"
            onInput={(event) => setDraft({ ...draft, from: (event.target as HTMLInputElement).value })}
          />
        </Field>
        <Field id="public-to" label={words.to} error={dateError ? words.fromAfterTo : null}>
          <input
            id="public-to"
            type="date"
            value={draft.to}
            aria-invalid={dateError || undefined}
            aria-describedby={dateError ? 'public-to-error' : undefined}
            onInput={(event) => setDraft({ ...draft, to: (event.target as HTMLInputElement).value })}
          />
        </Field>
        <div class="statistics-filters__buttons">
          <button type="submit" class="button button--primary">
            {words.apply}
          </button>
        </div>
      </form>
      {error ? <LoadError error={error} /> : null}
      {!summary ? (
        !error && <Loading />
      ) : (
        <>
          <section aria-labelledby="public-headline">
            <h2 id="public-headline">{words.headline}</h2>
            <p class="statistics__period">
              {format(words.period, { from: formatDate(summary.period.from), to: formatDate(summary.period.to) })}
            </p>
            <ul class="stat-cards">
              <StatCard name="received" label={words.received} value={figures.number(summary.received)} />
              <StatCard name="followedUp" label={words.followedUp} value={figures.number(summary.followedUp)} />
              <StatCard name="closed" label={words.closed} value={figures.number(summary.closed)} />
              <StatCard
                name="complianceRate"
                label={words.publicCompliance}
                value={figures.rate(summary.compliance.rate)}
                detail={format(words.complianceDetail, {
                  met: summary.compliance.met,
                  missed: summary.compliance.missed,
                  measured: summary.compliance.measured,
                  pending: summary.compliance.pending,
                })}
              />
            </ul>
          </section>
          <section aria-labelledby="public-agencies">
            <h2 id="public-agencies">{words.publicAgencies}</h2>
            <p class="muted">{words.rankingIntro}</p>
            {ranked.length === 0 ? (
              <p class="notice">{words.rankingEmpty}</p>
            ) : (
              <>
                <RankingChart agencies={ranked} labelTemplate={words.publicChart} />
                <div class="table-wrap">
                  <table class="responsive ranking-table">
                    <caption class="visually-hidden">{words.publicAgencies}</caption>
                    <thead>
                      <tr>
                        <th scope="col" class="number">{words.colRank}</th>
                        <th scope="col">{words.colAgency}</th>
                        <th scope="col">{words.colBand}</th>
                        <th scope="col" class="number">{words.colRate}</th>
                        <th scope="col" class="number">{words.colReceived}</th>
                        <th scope="col" class="number">{words.followedUp}</th>
                        <th scope="col" class="number">{words.closed}</th>
                        <th scope="col" class="number">{words.colMet}</th>
                        <th scope="col" class="number">{words.colMissed}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {summary.agencies.map((entry, index) => (
                        <tr key={ranked[index].key} data-agency={ranked[index].code}>
                          <td class="number" data-label={words.colRank}>
                            {entry.rank ?? words.notRanked}
                          </td>
                          <td class="row-name" data-label={words.colAgency}>
                            <span>
                          {ranked[index].name} <span class="agency-code">({ranked[index].code})</span>
                        </span>
                          </td>
                          <td data-label={words.colBand}>
                            <BandBadge band={entry.band} />
                          </td>
                          <td class="number" data-label={words.colRate} data-figure="rate">
                            {figures.rate(entry.compliance.rate)}
                          </td>
                          <td class="number" data-label={words.colReceived} data-figure="received">
                            {figures.number(entry.received)}
                          </td>
                          <td class="number" data-label={words.followedUp} data-figure="followedUp">
                            {figures.number(entry.followedUp)}
                          </td>
                          <td class="number" data-label={words.closed} data-figure="closed">
                            {figures.number(entry.closed)}
                          </td>
                          <td class="number" data-label={words.colMet} data-figure="met">
                            {figures.number(entry.compliance.met)}
                          </td>
                          <td class="number" data-label={words.colMissed} data-figure="missed">
                            {figures.number(entry.compliance.missed)}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </section>
        </>
      )}
    </section>
  );
}
