// Follow a report by its tracking number and access code. The API counts wrong codes and, past its
// limits, refuses for a while; its messages (in the console's language) are shown at the field.
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { describedBy, errorFor, Field, FieldErrors, generalErrors, Notice } from '../../components/form';
import { format, useLang } from '../../i18n';
import { commonMessages } from '../../messages';
import { Link, navigate, useLocation } from '../../router';
import { useSession, type PayloadErrors } from '../../session';
import { followReport } from './follow';
import { messages } from './messages';
import './reporter.css';

const FIELDS = ['trackingNumber', 'accessCode'];

export default function TrackPage() {
  const { t } = useLang();
  const words = t(messages);
  const { me, reload } = useSession();
  const { query } = useLocation();
  const [trackingNumber, setTrackingNumber] = useState(() => query.get('number') ?? '');
  const [accessCode, setAccessCode] = useState('');
  const [errors, setErrors] = useState<PayloadErrors>([]);
  const [busy, setBusy] = useState(false);

  const clearError = (field: string) =>
    setErrors((old) => (old.some((error) => error.field === field) ? old.filter((error) => error.field !== field) : old));

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const result = await followReport(trackingNumber, accessCode, reload);
      if (result.reportId) {
        navigate(`/reports/${encodeURIComponent(result.reportId)}`);
        return;
      }
      setErrors(result.errors);
      requestAnimationFrame(() => document.querySelector<HTMLElement>('.reporter [aria-invalid="true"]')?.focus());
    } catch (failure) {
      setErrors([
        { code: 'ERROR', message: failure instanceof ApiError ? failure.message : t(commonMessages).unexpectedError },
      ]);
    } finally {
      setBusy(false);
    }
  };

  const numberError = errorFor(errors, 'trackingNumber');
  const codeError = errorFor(errors, 'accessCode');
  return (
    <section class="reporter narrow">
      <h1>{words.trackTitle}</h1>
      <p class="lead">{words.trackIntro}</p>
      {me && <Notice>{format(words.trackLoggedIn, { name: me.name })}</Notice>}
      <form class="stack card" onSubmit={onSubmit} noValidate>
        <Field id="track-number" label={words.trackingNumber} error={numberError} hint={words.trackNumberHint}>
          <input
            id="track-number"
            type="text"
            required
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            value={trackingNumber}
            onInput={(event) => {
              setTrackingNumber((event.target as HTMLInputElement).value);
              clearError('trackingNumber');
            }}
            {...describedBy('track-number', numberError, words.trackNumberHint)}
          />
        </Field>
        <Field id="track-code" label={words.accessCode} error={codeError}>
          <input
            id="track-code"
            type="text"
            required
            autocomplete="off"
            spellcheck={false}
            value={accessCode}
            onInput={(event) => {
              setAccessCode((event.target as HTMLInputElement).value);
              clearError('accessCode');
            }}
            {...describedBy('track-code', codeError)}
          />
        </Field>
        <FieldErrors errors={generalErrors(errors, FIELDS)} />
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? words.following : words.trackSubmit}
        </button>
      </form>
      {me?.role === 'CITIZEN' && (
        <p>
          <Link href="/my-reports">{words.trackNoCode}</Link>
        </p>
      )}
    </section>
  );
}
