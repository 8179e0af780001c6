// The public transparency page: reports received, followed up and closed, and follow-up compliance per
// agency, for anyone, without logging in (`publicStatistics`: counts only; a confidential report is
// counted and nothing else of it shows). The period is in the address (?from=&to=).
import { useEffect, useState } from 'preact/hooks';
import { useQuery } from '../../api/use-query';
import { useFigureFormat } from '../../components/compliance';
import { FilterButtons } from '../../components/form';
import { Loading, LoadError } from '../../components/loading';
import { useLang } from '../../i18n';
import type { PageProps } from '../../page';
import { setQuery, useLocation } from '../../router';
import { readFilters } from './filters';
import { ComplianceStatCard, Headline, StatCard } from './headline';
import { messages } from './messages';
import { isReversed, PeriodFields } from './period-fields';
import { PublicStatisticsSummary } from './queries';
import { AgencyRanking } from './ranking';

export default function PublicStatisticsPage(_props: PageProps) {
  const { t } = useLang();
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
          const reversed = isReversed(draft);
          setDateError(reversed);
          if (!reversed) setQuery({ from: draft.from || null, to: draft.to || null });
        }}
      >
        <PeriodFields idPrefix="public" period={draft} onChange={setDraft} reversed={dateError} />
        <FilterButtons class="statistics-filters__buttons" applyLabel={words.apply} />
      </form>
      {error ? <LoadError error={error} /> : null}
      {!summary ? (
        !error && <Loading />
      ) : (
        <>
          <Headline id="public-headline" period={summary.period}>
            <StatCard name="received" label={words.received} value={figures.number(summary.received)} />
            <StatCard name="followedUp" label={words.followedUp} value={figures.number(summary.followedUp)} />
            <StatCard name="closed" label={words.closed} value={figures.number(summary.closed)} />
            <ComplianceStatCard label={words.publicCompliance} compliance={summary.compliance} band={summary.band} />
          </Headline>
          <AgencyRanking
            id="public-agencies"
            title={words.publicAgencies}
            chartLabel={words.publicChart}
            entries={summary.agencies}
            rate={(entry) => entry.compliance.rate}
            columns={[
              { label: words.colReceived, figure: 'received', value: (entry) => figures.number(entry.received) },
              { label: words.followedUp, figure: 'followedUp', value: (entry) => figures.number(entry.followedUp) },
              { label: words.closed, figure: 'closed', value: (entry) => figures.number(entry.closed) },
              { label: words.colMet, figure: 'met', value: (entry) => figures.number(entry.compliance.met) },
              { label: words.colMissed, figure: 'missed', value: (entry) => figures.number(entry.compliance.missed) },
            ]}
          />
        </>
      )}
    </section>
  );
}
