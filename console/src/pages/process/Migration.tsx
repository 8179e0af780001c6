// Migration of running reports from one version to another: always a dry run first, shown as a table
// (each report, whether it would move and why not), then the real run with the same choices.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../../api/client';
import { errorFor, Field, FieldErrors, generalErrors, describedBy } from '../../components/form';
import type { ProcessMigrateMutation, ProcessVersionsQuery } from '../../gql/graphql';
import { format, useLang } from '../../i18n';
import { Link } from '../../router';
import type { PayloadErrors } from '../../session';
import { messages } from './messages';
import { ProcessMigrate } from './queries';

type Version = ProcessVersionsQuery['processDefinitions']['edges'][number]['node'];
type Result = ProcessMigrateMutation['processInstancesMigrate'];
type Choice = { processId: string; fromVersion: number; toVersion: number; rearmTimers: boolean };

function OutcomeTable({ result }: { result: Result }) {
  const { t, formatDateTime } = useLang();
  const words = t(messages);
  if (!result.outcomes.length) return <p class="muted">{words.noOutcomes}</p>;
  return (
    <table class="responsive process-migration-table">
      <thead>
        <tr>
          <th scope="col">{words.colReport}</th>
          <th scope="col">{words.colOutcome}</th>
          <th scope="col">{words.colReason}</th>
          <th scope="col">{words.colTimers}</th>
        </tr>
      </thead>
      <tbody>
        {result.outcomes.map((outcome, index) => (
          <tr key={outcome.reportId ?? `hidden-${index}`} data-moved={outcome.moved ? 'true' : 'false'}>
            <td data-label={words.colReport}>
              {outcome.reportId && outcome.trackingNumber ? (
                <Link href={`/reports/${encodeURIComponent(outcome.reportId)}`}>{outcome.trackingNumber}</Link>
              ) : (
                <span class="muted">{words.hiddenReport}</span>
              )}
            </td>
            <td data-label={words.colOutcome}>
              <span class={`badge badge--${outcome.moved ? 'ok' : 'warn'}`}>
                {outcome.moved ? (result.dryRun ? words.wouldMove : words.moved) : words.stays}
              </span>
            </td>
            <td data-label={words.colReason}>
              {outcome.reason && <span class="user-text">{outcome.reason}</span>}
              {outcome.elementIds.length > 0 && (
                <span>
                  {' '}
                  {outcome.elementIds.map((id) => (
                    <code key={id}>{id} </code>
                  ))}
                </span>
              )}
            </td>
            <td data-label={words.colTimers}>
              {outcome.timers.length > 0 && (
                <ul class="process-timers">
                  {outcome.timers.map((timer) => (
                    <li key={timer.elementId}>
                      <code>{timer.elementId}</code>: {formatDateTime(timer.oldDueAt)} → {formatDateTime(timer.newDueAt)}{' '}
                      <span class="muted">({format(words.countedFrom, { time: formatDateTime(timer.countedFrom) })})</span>
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Props = { versions: Version[]; onMigrated: () => void };

export function Migration({ versions, onMigrated }: Props) {
  const { t } = useLang();
  const words = t(messages);
  const processIds = [...new Set(versions.map((version) => version.processId))];
  const [processId, setProcessId] = useState(processIds[0] ?? 'report_lifecycle');
  const ofProcess = versions.filter((version) => version.processId === processId);
  const newest = ofProcess[0]?.version ?? 1;
  const [fromVersion, setFromVersion] = useState(ofProcess[1]?.version ?? newest);
  const [toVersion, setToVersion] = useState(newest);
  const [rearmTimers, setRearmTimers] = useState(false);
  const [dryRun, setDryRun] = useState<{ choice: Choice; result: Result } | null>(null);
  const [done, setDone] = useState<Result | null>(null);
  const [errors, setErrors] = useState<PayloadErrors>([]);
  const [busy, setBusy] = useState(false);

  // A newly deployed version becomes the default target.
  useEffect(() => {
    setToVersion(newest);
    if (fromVersion >= newest && ofProcess[1]) setFromVersion(ofProcess[1].version);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [newest, processId]);

  const choice: Choice = { processId, fromVersion, toVersion, rearmTimers };
  const sameChoice = dryRun !== null && JSON.stringify(dryRun.choice) === JSON.stringify(choice);

  const run = async (asDryRun: boolean) => {
    setBusy(true);
    setErrors([]);
    try {
      const { processInstancesMigrate: result } = await request(ProcessMigrate, {
        input: { ...choice, dryRun: asDryRun },
      });
      if (result.errors.length) {
        setErrors(result.errors);
        return;
      }
      if (asDryRun) {
        setDryRun({ choice, result });
        setDone(null);
      } else {
        setDone(result);
        setDryRun(null);
        onMigrated();
      }
    } catch (error) {
      setErrors([{ code: 'ERROR', message: error instanceof ApiError ? error.message : String(error) }]);
    } finally {
      setBusy(false);
    }
  };

  const versionOptions = ofProcess.map((version) => (
    <option key={version.id} value={version.version}>
      v{version.version} ({version.reportCount})
    </option>
  ));
  const fromError = errorFor(errors, 'fromVersion');
  const toError = errorFor(errors, 'toVersion');

  return (
    <section class="card stack process-migration" aria-labelledby="process-migration-title">
      <h2 id="process-migration-title">{words.migrationTitle}</h2>
      <p class="muted">{words.migrationIntro}</p>
      <form
        class="row"
        onSubmit={(event) => {
          event.preventDefault();
          void run(true);
        }}
      >
        {processIds.length > 1 && (
          <Field id="process-migrate-process" label={words.colProcess}>
            <select id="process-migrate-process" value={processId} onChange={(event) => setProcessId((event.target as HTMLSelectElement).value)}>
              {processIds.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field id="process-migrate-from" label={words.fromVersion} error={fromError}>
          <select
            id="process-migrate-from"
            value={fromVersion}
            onChange={(event) => setFromVersion(Number((event.target as HTMLSelectElement).value))}
            {...describedBy('process-migrate-from', fromError)}
          >
            {versionOptions}
          </select>
        </Field>
        <Field id="process-migrate-to" label={words.toVersion} error={toError}>
          <select
            id="process-migrate-to"
            value={toVersion}
            onChange={(event) => setToVersion(Number((event.target as HTMLSelectElement).value))}
            {...describedBy('process-migrate-to', toError)}
          >
            {versionOptions}
          </select>
        </Field>
        <label class="checkbox">
          <input type="checkbox" checked={rearmTimers} onChange={(event) => setRearmTimers((event.target as HTMLInputElement).checked)} />
          {words.rearmTimers}
        </label>
        <button type="submit" disabled={busy}>
          {words.dryRun}
        </button>
      </form>
      <FieldErrors errors={generalErrors(errors, ['fromVersion', 'toVersion'])} />
      {dryRun && (
        <div class="stack" data-testid="process-migration-dry-run">
          <p role="status">
            {format(words.migrationDryResult, { moved: dryRun.result.movedCount, stay: dryRun.result.notMovedCount })}
          </p>
          <OutcomeTable result={dryRun.result} />
          <button
            type="button"
            class="button button--primary"
            disabled={busy || !sameChoice || dryRun.result.movedCount === 0}
            onClick={() => void run(false)}
          >
            {format(words.runMigration, { n: dryRun.result.movedCount })}
          </button>
        </div>
      )}
      {done && (
        <div class="stack" data-testid="process-migration-done">
          <p class="notice notice--success" role="status">
            {format(words.migrationResult, { moved: done.movedCount, stay: done.notMovedCount })}
          </p>
          <OutcomeTable result={done} />
        </div>
      )}
    </section>
  );
}
