// Submit a report, with an account (a logged-in citizen) or without one. Without an account the receipt
// shows the access code, once: the only way to follow the report later. Photos and PDFs upload while the
// reporter writes (the attachment picker); the report then names them by their upload ids.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, request } from '../../api/client';
import {
  AttachmentPicker,
  attachmentPickerMessages,
  uploadsBlocker,
  useUploads,
  withoutField,
  type Uploads,
} from '../../components/attachment-picker';
import { describedBy, errorFor, Field, FieldErrors, generalErrors, Notice } from '../../components/form';
import type { Classification } from '../../gql/graphql';
import { format, useLang } from '../../i18n';
import { commonMessages } from '../../messages';
import { Link, navigate } from '../../router';
import { useSession, type PayloadErrors } from '../../session';
import { followReport } from './follow';
import { CATEGORY_SUGGESTIONS, messages } from './messages';
import { ReporterSubmit } from './queries';
import './reporter.css';

const CLASSIFICATIONS: Classification[] = ['COMPLAINT', 'ASPIRATION', 'INFORMATION_REQUEST'];
/** The input names the API's errors use, each shown beside its own control. */
const FIELDS = [
  'title',
  'body',
  'classification',
  'category',
  'locationText',
  'incidentDate',
  'isAnonymous',
  'isConfidential',
  'attachments',
];

type Draft = {
  title: string;
  body: string;
  classification: Classification;
  category: string;
  locationText: string;
  incidentDate: string;
  isConfidential: boolean;
  isAnonymous: boolean;
};

const EMPTY: Draft = {
  title: '',
  body: '',
  classification: 'COMPLAINT',
  category: '',
  locationText: '',
  incidentDate: '',
  isConfidential: false,
  isAnonymous: false,
};

export type Receipt = { reportId: string; trackingNumber: string; title: string; accessCode: string | null };

/** Today in the browser's own calendar: an incident cannot be in the future. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function failureAsErrors(failure: unknown, fallback: string): PayloadErrors {
  return [{ code: 'ERROR', message: failure instanceof ApiError ? failure.message : fallback }];
}

export default function SubmitPage() {
  const { t } = useLang();
  const words = t(messages);
  const { me } = useSession();
  const [receipt, setReceipt] = useState<Receipt | null>(null);

  if (me && me.role !== 'CITIZEN') {
    return (
      <section class="reporter narrow">
        <h1>{words.submitTitle}</h1>
        <Notice>{words.officerCannotSubmit}</Notice>
      </section>
    );
  }
  if (receipt) return <ReceiptView receipt={receipt} onAnother={() => setReceipt(null)} />;
  return <SubmitForm onSent={setReceipt} />;
}

function SubmitForm({ onSent }: { onSent: (receipt: Receipt) => void }) {
  const { t, lang } = useLang();
  const words = t(messages);
  const { me } = useSession();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<PayloadErrors>([]);
  const uploads = useUploads(() => setErrors(withoutField('attachments')));
  const [busy, setBusy] = useState(false);
  

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((old) => ({ ...old, [key]: value }));
    // A changed field's old error no longer describes it.
    setErrors((old) => (old.some((error) => error.field === key) ? old.filter((error) => error.field !== key) : old));
  };
  const text = (key: 'title' | 'body' | 'category' | 'locationText' | 'incidentDate') => ({
    value: draft[key],
    onInput: (event: Event) => set(key, (event.target as HTMLInputElement | HTMLTextAreaElement).value),
  });

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const blocker = uploadsBlocker(uploads, t(attachmentPickerMessages));
    if (blocker) {
      setErrors([{ field: 'attachments', code: 'UPLOADING', message: blocker }]);
      return;
    }
    setBusy(true);
    try {
      const { reportSubmit: answer } = await send(draft, uploads);
      if (answer.errors.length || !answer.report) {
        setErrors(answer.errors);
        focusFirstInvalid();
        return;
      }
      setErrors([]);
      onSent({
        reportId: answer.report.id,
        trackingNumber: answer.report.trackingNumber,
        title: answer.report.title,
        accessCode: answer.accessCode ?? null,
      });
    } catch (failure) {
      setErrors(failureAsErrors(failure, t(commonMessages).unexpectedError));
    } finally {
      setBusy(false);
    }
  };

  const error = (field: string) => errorFor(errors, field);
  return (
    <section class="reporter narrow-wide">
      <h1>{words.submitTitle}</h1>
      <p class="lead">{words.submitIntro}</p>
      <Notice>{me ? format(words.asAccount, { name: me.name }) : words.withoutAccount}</Notice>
      <form class="stack card" onSubmit={onSubmit} noValidate>
        <Field id="report-title" label={words.fieldTitle} error={error('title')} hint={words.fieldTitleHint}>
          <input
            id="report-title"
            type="text"
            required
            maxLength={200}
            {...text('title')}
            {...describedBy('report-title', error('title'), words.fieldTitleHint)}
          />
        </Field>
        <Field id="report-body" label={words.fieldBody} error={error('body')} hint={words.fieldBodyHint}>
          <textarea
            id="report-body"
            required
            rows={6}
            {...text('body')}
            {...describedBy('report-body', error('body'), words.fieldBodyHint)}
          />
        </Field>
        <fieldset class="choices" {...describedBy('report-classification', error('classification'))}>
          <legend>{words.fieldClassification}</legend>
          {CLASSIFICATIONS.map((code) => (
            <div class="choice" key={code}>
              <input
                id={`report-classification-${code}`}
                type="radio"
                name="classification"
                value={code}
                checked={draft.classification === code}
                onChange={() => set('classification', code)}
                aria-describedby={`report-classification-${code}-hint`}
              />
              <label for={`report-classification-${code}`}>{words[`class${code}`]}</label>
              <small id={`report-classification-${code}-hint`} class="hint">
                {words[`class${code}Hint`]}
              </small>
            </div>
          ))}
          {error('classification') && (
            <small id="report-classification-error" class="field-error" role="alert">
              {error('classification')}
            </small>
          )}
        </fieldset>
        <div class="reporter__pair">
          <Field id="report-category" label={words.fieldCategory} error={error('category')} hint={words.fieldCategoryHint}>
            <input
              id="report-category"
              type="text"
              list="report-category-suggestions"
              autocomplete="off"
              {...text('category')}
              {...describedBy('report-category', error('category'), words.fieldCategoryHint)}
            />
            <datalist id="report-category-suggestions">
              {CATEGORY_SUGGESTIONS.map((suggestion) => (
                <option key={suggestion.value} value={suggestion.value} label={suggestion[lang]} />
              ))}
            </datalist>
          </Field>
          <Field
            id="report-incident-date"
            label={words.fieldIncidentDate}
            error={error('incidentDate')}
            hint={words.fieldIncidentDateHint}
          >
            <input
              id="report-incident-date"
              type="date"
              max={today()}
              {...text('incidentDate')}
              {...describedBy('report-incident-date', error('incidentDate'), words.fieldIncidentDateHint)}
            />
          </Field>
        </div>
        <Field id="report-location" label={words.fieldLocation} error={error('locationText')} hint={words.fieldLocationHint}>
          <input
            id="report-location"
            type="text"
            autocomplete="off"
            {...text('locationText')}
            {...describedBy('report-location', error('locationText'), words.fieldLocationHint)}
          />
        </Field>
        <fieldset class="choices">
          <legend>{words.privacy}</legend>
          <div class="choice">
            <input
              id="report-confidential"
              type="checkbox"
              checked={draft.isConfidential}
              onChange={(event) => set('isConfidential', (event.target as HTMLInputElement).checked)}
              aria-describedby="report-confidential-hint"
            />
            <label for="report-confidential">{words.fieldConfidential}</label>
            <small id="report-confidential-hint" class="hint">
              {words.fieldConfidentialHint}
            </small>
          </div>
          <div class="choice">
            <input
              id="report-anonymous"
              type="checkbox"
              checked={draft.isAnonymous}
              onChange={(event) => set('isAnonymous', (event.target as HTMLInputElement).checked)}
              aria-describedby="report-anonymous-hint"
            />
            <label for="report-anonymous">{words.fieldAnonymous}</label>
            <small id="report-anonymous-hint" class="hint">
              {words.fieldAnonymousHint}
            </small>
          </div>
        </fieldset>
        <AttachmentPicker id="report-attachments" uploads={uploads} error={error('attachments')} />
        <FieldErrors errors={generalErrors(errors, FIELDS)} />
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? words.sending : words.send}
        </button>
      </form>
    </section>
  );
}

function send(draft: Draft, uploads: Uploads) {
  return request(ReporterSubmit, {
    input: {
      title: draft.title.trim(),
      body: draft.body.trim(),
      classification: draft.classification,
      category: draft.category.trim(),
      locationText: draft.locationText.trim(),
      incidentDate: draft.incidentDate || null,
      isConfidential: draft.isConfidential,
      isAnonymous: draft.isAnonymous,
      ...(uploads.inputs.length ? { attachments: uploads.inputs } : {}),
    },
  });
}

/** After the answer renders: put the keyboard on the first field the server refused. */
function focusFirstInvalid() {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('.reporter [aria-invalid="true"]')?.focus());
}

function CopyButton({ value, label }: { value: string; label: string }) {
  const { t } = useLang();
  const words = t(messages);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <span class="copy">
      <button type="button" class="button" onClick={copy} aria-label={label}>
        {words.copy}
      </button>
      <span role="status" class="copy__status">
        {state === 'copied' ? words.copied : state === 'failed' ? words.copyFailed : ''}
      </span>
    </span>
  );
}

function ReceiptView({ receipt, onAnother }: { receipt: Receipt; onAnother: () => void }) {
  const { t } = useLang();
  const words = t(messages);
  const { me, reload } = useSession();
  const heading = useRef<HTMLHeadingElement>(null);
  const [errors, setErrors] = useState<PayloadErrors>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => heading.current?.focus(), []);

  const follow = async () => {
    if (!receipt.accessCode) return;
    setBusy(true);
    try {
      const result = await followReport(receipt.trackingNumber, receipt.accessCode, reload);
      if (result.reportId) navigate(`/reports/${encodeURIComponent(result.reportId)}`);
      else setErrors(result.errors);
    } catch (failure) {
      setErrors(failureAsErrors(failure, t(commonMessages).unexpectedError));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="reporter narrow-wide receipt" aria-labelledby="receipt-title">
      <h1 id="receipt-title" ref={heading} tabIndex={-1}>
        {words.receiptTitle}
      </h1>
      <p class="user-text receipt__title">{receipt.title}</p>
      <Notice kind="success">{words.receiptIntro}</Notice>
      <dl class="receipt__codes card">
        <div>
          <dt>{words.trackingNumber}</dt>
          <dd>
            <output class="receipt__value" data-testid="tracking-number">
              {receipt.trackingNumber}
            </output>
            <CopyButton value={receipt.trackingNumber} label={words.copyTracking} />
          </dd>
        </div>
        {receipt.accessCode && (
          <div>
            <dt>{words.accessCode}</dt>
            <dd>
              <output class="receipt__value" data-testid="access-code">
                {receipt.accessCode}
              </output>
              <CopyButton value={receipt.accessCode} label={words.copyCode} />
            </dd>
          </div>
        )}
      </dl>
      {receipt.accessCode && (
        <div class="notice receipt__warning" role="note">
          <strong>{words.codeWarningTitle}</strong> {words.codeWarning}
        </div>
      )}
      <FieldErrors errors={errors} />
      <div class="row">
        {receipt.accessCode ? (
          <button type="button" class="button button--primary" onClick={follow} disabled={busy}>
            {busy ? words.following : words.follow}
          </button>
        ) : (
          <Link href={`/reports/${encodeURIComponent(receipt.reportId)}`} class="button button--primary">
            {words.openReport}
          </Link>
        )}
        {me?.role === 'CITIZEN' && (
          <Link href="/my-reports" class="button">
            {words.toMyReports}
          </Link>
        )}
        <button type="button" class="button button--quiet" onClick={onAnother}>
          {words.anotherReport}
        </button>
      </div>
    </section>
  );
}
