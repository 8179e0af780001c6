// One report, for whoever may see it: admin, liaison, analyst, the reporter (with an account or the
// report access cookie) and the public. The facts, the whole timeline, and what the viewer may do now,
// straight from `availableActions`. Changes by others arrive live (`reportUpdated`) with a notice, so
// the reporter reads the agency's answer without reloading. Citizen-written text is rendered as text.
// Files show as thumbnails in the timeline and as a list beside the facts; their signed addresses
// expire after minutes, so the page fetches fresh ones before then. After closure the reporter is asked
// for a rating at the top; officers of the report may keep internal files.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, hasBrowserSession, request, resetLiveConnection, subscribe } from '../../api/client';
import { useQuery } from '../../api/use-query';
import { ActionPanel, type ReportAction } from '../../components/action-form';
import { AttachmentList, earliestExpiry } from '../../components/attachments';
import { Loading, LoadError } from '../../components/loading';
import { DeadlineInfo, useReportLabels } from '../../components/report-list';
import { Timeline } from '../../components/timeline';
import type { LiaisonReportDetailFragment } from '../../gql/graphql';
import { format, useLang } from '../../i18n';
import type { PageProps } from '../../page';
import { Link, navigate } from '../../router';
import { useSession } from '../../session';
import { InternalFiles } from './InternalFiles';
import { messages } from './messages';
import { ratingAction, RatingPrompt, ReportRating } from './RatingPrompt';
import { LiaisonReport, LiaisonReportUpdated, ReportStopFollowing } from './queries';
import './liaison.css';

type Report = LiaisonReportDetailFragment;
type PageNotice = { kind: 'success' | 'info'; text: string; key: number };

let noticeCounter = 0;
/** Fetch new file addresses this long before the first one expires (and never more often than the floor). */
const URL_REFRESH_MARGIN_MS = 30_000;
const URL_REFRESH_FLOOR_MS = 60_000;

export default function ReportPage({ params }: PageProps) {
  const id = params.id;
  const { me } = useSession();
  const { t, lang, formatDate, formatDateTime } = useLang();
  const words = t(messages);
  const labels = useReportLabels();
  const { data, error, reload } = useQuery(LiaisonReport, { id });
  // The report as last seen: from the query, then from live updates and reloads.
  const [report, setReport] = useState<Report | null>(null);
  const [notice, setNotice] = useState<PageNotice | null>(null);
  // Since when one's own action is being sent (0: none): its live echo is not news to announce.
  const actingSince = useRef(0);
  // The reporter put the rating off: its action goes back among the others.
  const [ratingLater, setRatingLater] = useState(false);

  useEffect(() => {
    if (data) setReport(data.report ?? null);
  }, [data]);

  useEffect(() => {
    setReport(null);
    setNotice(null);
    setRatingLater(false);
  }, [id]);

  useEffect(() => {
    if (!report) return;
    const expiry = earliestExpiry([...report.attachments, ...report.timeline.flatMap((event) => event.attachments)]);
    if (expiry === null) return;
    const timer = setTimeout(
      () => void reload(),
      Math.max(expiry - Date.now() - URL_REFRESH_MARGIN_MS, URL_REFRESH_FLOOR_MS),
    );
    return () => clearTimeout(timer);
  }, [report, reload]);

  useEffect(
    () =>
      subscribe(LiaisonReportUpdated, { id }, ({ reportUpdated }) => {
        setReport(reportUpdated);
        const last = reportUpdated.timeline.at(-1);
        // One's own action already says "done" (a reporter without an account is no `me`, hence the
        // clock: the echo arrives while the action is sent or just after); what others do is announced.
        if (last?.actor && me && last.actor.id === me.id) return;
        if (actingSince.current && Date.now() - actingSince.current < 10_000) return;
        noticeCounter += 1;
        setNotice({
          kind: 'info',
          key: noticeCounter,
          text: last ? format(words.liveUpdated, { event: last.actionLabel }) : words.liveUpdatedPlain,
        });
      }),
    // The live connection restarts with the language (labels come from the API), so subscribe again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [id, lang, me?.id],
  );

  const onActionDone = async (action: ReportAction) => {
    await reload();
    noticeCounter += 1;
    setNotice({ kind: 'success', key: noticeCounter, text: format(words.actionDone, { action: action.label }) });
  };

  const onInternalFilesDone = async () => {
    await reload();
    noticeCounter += 1;
    setNotice({ kind: 'success', key: noticeCounter, text: words.internalFilesDone });
  };

  if (!report || report.id !== id) {
    // An address no report can have (a mistyped id) is, to the reader, a report that is not there.
    const noSuchId = error instanceof ApiError && error.code === 'INVALID';
    if (error && !noSuchId) return <LoadError error={error} />;
    // Still loading (or the previous report's answer while the next one loads).
    if (!noSuchId && (!data || data.report)) return <Loading />;
    // No such report for this viewer; also after one's own action took it out of one's sight (e.g. a
    // confidential report handed back as not our authority): the action's notice stays above.
    return (
      <section>
        {notice && (
          <p class={`notice notice--${notice.kind}`} role="status">
            {notice.text}
          </p>
        )}
        <p class="notice notice--error" role="alert">
          {words.reportNotFound}
        </p>
      </section>
    );
  }

  // No reporter: hidden when anonymous, else the report was sent without an account.
  const reporterText = report.reporter
    ? report.reporter.name
    : report.isAnonymous
      ? words.reporterHidden
      : words.reporterWithoutAccount;
  const { latitude, longitude } = report.location;
  const rate = ratingLater ? null : ratingAction(report.availableActions);
  const panelActions = rate ? report.availableActions.filter((action) => action !== rate) : report.availableActions;
  // The admin, or a liaison of the agency that handles the report now (the API decides; this only
  // spares others a form the API would refuse).
  const isOfficer =
    me?.role === 'ADMIN' || (me?.role === 'LIAISON' && !!me.agency && !!report.agency && me.agency.id === report.agency.id);
  return (
    <article class="report-page" aria-labelledby="report-title">
      {me?.role === 'LIAISON' && (
        <p class="report-page__back">
          <Link href="/inbox">← {words.backToInbox}</Link>
        </p>
      )}
      {me?.role === 'ADMIN' && (
        <p class="report-page__back">
          <Link href="/admin/verification">← {words.backToVerification}</Link>
        </p>
      )}
      {me?.role === 'CITIZEN' && (
        <p class="report-page__back">
          <Link href="/my-reports">← {words.backToMyReports}</Link>
        </p>
      )}
      <header class="report-page__header">
        <p class="report-page__number">{report.trackingNumber}</p>
        <h1 id="report-title" class="user-text">
          {report.title}
        </h1>
        <div class="report-page__badges">
          <span class={`badge status status--${report.status.toLowerCase()}`}>{report.statusLabel}</span>
          {report.stage.label !== report.statusLabel && <span class="badge">{report.stage.label}</span>}
          {report.isOverdue && <span class="badge badge--bad">{labels.words.overdue}</span>}
          {report.isConfidential && (
            <span class="badge badge--warn" title={words.confidentialHint}>
              {words.confidential}
            </span>
          )}
          {report.isAnonymous && (
            <span class="badge badge--warn" title={words.anonymousHint}>
              {words.anonymous}
            </span>
          )}
        </div>
        {report.rating && <ReportRating rating={report.rating} />}
      </header>

      <div class="report-page__notice" role="status" aria-live="polite">
        {notice && (
          <p key={notice.key} class={`notice notice--${notice.kind}`}>
            {notice.text}
          </p>
        )}
      </div>

      {rate && (
        <RatingPrompt
          reportId={report.id}
          action={rate}
          onDone={onActionDone}
          onDismiss={() => setRatingLater(true)}
        />
      )}

      <div class="report-page__layout">
        <section class="card report-page__body-card" aria-labelledby="report-body-title">
          <h2 id="report-body-title">{words.body}</h2>
          <p class="user-text report-page__body">{report.body}</p>
        </section>
        <section class="card report-page__actions">
          <ActionPanel reportId={report.id} actions={panelActions} onDone={onActionDone} />
          {isOfficer && <InternalFiles reportId={report.id} onDone={onInternalFilesDone} />}
        </section>
        <div class="report-page__timeline">
          <Timeline events={report.timeline} />
        </div>

        <aside class="report-page__facts card" aria-labelledby="report-facts-title">
          <h2 id="report-facts-title">{words.details}</h2>
          <dl class="facts">
            <dt>{labels.words.classification}</dt>
            <dd>{labels.classification(report.classification)}</dd>
            <dt>{labels.words.category}</dt>
            <dd class="user-text">{report.category || '—'}</dd>
            <dt>{labels.words.status}</dt>
            <dd>{report.statusLabel}</dd>
            <dt>{labels.words.stage}</dt>
            <dd>
              {report.stage.label} <span class="muted">({report.stage.code})</span>
            </dd>
            <dt>{words.agency}</dt>
            <dd>{report.agency ? `${report.agency.name} (${report.agency.code})` : words.noAgencyYet}</dd>
            <dt>{words.deadline}</dt>
            <dd>
              <DeadlineInfo report={report} />
            </dd>
            <dt>{words.location}</dt>
            <dd>
              <span class="user-text">{report.location.text || '—'}</span>
              {latitude != null && longitude != null && (
                <span class="muted">
                  {' '}
                  ({words.coordinates}: {latitude}, {longitude})
                </span>
              )}
            </dd>
            <dt>{words.incidentDate}</dt>
            <dd>{formatDate(report.incidentDate)}</dd>
            <dt>{words.reporter}</dt>
            <dd class="user-text">{reporterText}</dd>
            <dt>{words.submittedAt}</dt>
            <dd>{formatDateTime(report.createdAt)}</dd>
            <dt>{words.updatedAt}</dt>
            <dd>{formatDateTime(report.updatedAt)}</dd>
          </dl>
          {report.attachments.length > 0 && (
            <>
              <h3 id="report-attachments-title">{words.attachments}</h3>
              <AttachmentList attachments={report.attachments} compact />
            </>
          )}
          {report.isConfidential && <p class="hint">{words.confidentialHint}</p>}
          {report.isAnonymous && <p class="hint">{words.anonymousHint}</p>}
        </aside>
      </div>
      {!me && hasBrowserSession() && <StopFollowing reportId={report.id} />}
    </article>
  );
}

/** A reporter without an account follows the report with a cookie from its access code: end it here. */
function StopFollowing({ reportId }: { reportId: string }) {
  const { t } = useLang();
  const words = t(messages);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const stop = async () => {
    setBusy(true);
    try {
      const { reportAccessTokenRevoke } = await request(ReportStopFollowing, { input: { reportId } });
      if (reportAccessTokenRevoke.errors.length) throw new ApiError(reportAccessTokenRevoke.errors[0].message);
      resetLiveConnection();
      navigate('/track');
    } catch (error) {
      // Still following: say so rather than pretend the browser forgot the report.
      setFailure(error instanceof ApiError ? error.message : String(error));
      setBusy(false);
    }
  };
  return (
    <div class="report-page__follow">
      <button type="button" class="button" disabled={busy} onClick={stop} aria-describedby="stop-following-hint">
        {words.stopFollowing}
      </button>
      <small id="stop-following-hint" class="hint">
        {words.stopFollowingHint}
      </small>
      {failure && (
        <p class="field-error" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}
