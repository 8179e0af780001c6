// The liaison's follow-up compliance at the top of the inbox: how many of the agency's dispositions were
// answered by their deadline, in its band, and what is overdue now. One small `statistics` query (the
// API scopes a liaison to their own agency); no chart, so the inbox stays light. A failure here never
// hides the inbox: the card says so and the list goes on.
import { useQuery } from '../../api/use-query';
import { BandBadge, useFigureFormat } from '../../components/compliance';
import type { ComplianceBand } from '../../gql/graphql';
import { format, useLang } from '../../i18n';
import { setQuery } from '../../router';
import { messages } from './messages';
import { LiaisonCompliance } from './queries';

export function ComplianceCard({ agencyId }: { agencyId: string }) {
  const { t, formatDate } = useLang();
  const words = t(messages);
  const figures = useFigureFormat();
  const { data, error } = useQuery(LiaisonCompliance, {});
  if (error) return <p class="muted compliance-card__unavailable">{words.complianceUnavailable}</p>;
  if (!data) return null;
  const { period, totals, agencies } = data.statistics;
  const compliance = totals.compliance;
  // The band of the liaison's own agency (the totals also count its units, which have bands of their own).
  const band: ComplianceBand =
    agencies.find((entry) => entry.agency?.id === agencyId)?.band ?? (agencies.length === 1 ? agencies[0].band : 'NONE');
  return (
    <section class="card compliance-card" aria-labelledby="compliance-card-title">
      <div class="compliance-card__head">
        <h2 id="compliance-card-title">{words.complianceTitle}</h2>
        <span class="muted compliance-card__period">
          {format(words.compliancePeriod, { from: formatDate(period.from), to: formatDate(period.to) })}
        </span>
      </div>
      <dl class="compliance-card__figures">
        <div class="compliance-card__rate" data-figure="rate">
          <dt>{words.complianceRate}</dt>
          <dd>
            <span class="compliance-card__value">{figures.rate(compliance.rate)}</span> <BandBadge band={band} />
            {compliance.measured > 0 && (
              <small class="hint">
                {format(words.complianceRateHint, { met: compliance.met, measured: compliance.measured })}
              </small>
            )}
          </dd>
        </div>
        <div data-figure="met">
          <dt>{words.complianceMet}</dt>
          <dd class="compliance-card__value">{figures.number(compliance.met)}</dd>
        </div>
        <div data-figure="missed">
          <dt>{words.complianceMissed}</dt>
          <dd class="compliance-card__value">{figures.number(compliance.missed)}</dd>
        </div>
        <div data-figure="pending">
          <dt>{words.compliancePending}</dt>
          <dd class="compliance-card__value">{figures.number(compliance.pending)}</dd>
        </div>
        <div data-figure="median">
          <dt>{words.complianceMedian}</dt>
          <dd class="compliance-card__value">{figures.days(compliance.answerDays.median)}</dd>
        </div>
        <div data-figure="overdueNow">
          <dt>{words.complianceOverdue}</dt>
          <dd>
            <span class={`compliance-card__value${totals.overdueNow > 0 ? ' compliance-card__value--bad' : ''}`}>
              {figures.number(totals.overdueNow)}
            </span>
            {totals.overdueNow > 0 && (
              <button type="button" class="link-button" onClick={() => setQuery({ overdue: '1', cursors: null })}>
                {words.complianceOverdueLink}
              </button>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
