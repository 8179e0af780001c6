// What the viewer may do to a report now, rendered from `availableActions` alone: one button per
// action; the button opens a form built from the action's `inputs` (a note is a text area, an agency
// is the agency picker, yes/no is a pair of radio buttons, a choice is a select of the API's choices,
// a rating is five stars), sent with `reportActionPerform`. An action with a public message (a NOTE
// input: the agency's follow-up, the reporter's reply) also takes files, which follow its timeline
// entry. No action is known here by name, so an action an analyst declares in a diagram works the
// moment it is deployed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, request } from '../api/client';
import { graphql } from '../gql';
import type { ActionFormActionFragment } from '../gql/graphql';
import { defineMessages, useLang } from '../i18n';
import { commonMessages } from '../messages';
import type { PayloadErrors } from '../session';
import { AgencyPicker } from './agency-picker';
import {
  AttachmentPicker,
  attachmentPickerMessages,
  uploadsBlocker,
  useUploads,
  withoutField,
} from './attachment-picker';
import { describedBy, errorFor, FieldErrors, generalErrors } from './form';
import { RatingInput } from './rating';
import './report-components.css';

/**
 * The fields the forms read: code, label, inputs { name kind required label choices { code label } }.
 * Spread `...ActionFormAction` in `availableActions { ... }`.
 */
export const ActionFormAction = graphql(`
  fragment ActionFormAction on AvailableAction {
    code
    label
    inputs {
      name
      kind
      required
      label
      choices {
        code
        label
      }
    }
  }
`);

export type ReportAction = ActionFormActionFragment;

const ActionPerform = graphql(`
  mutation ActionFormPerform($input: ReportActionPerformInput!) {
    reportActionPerform(input: $input) {
      report {
        id
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const actionFormMessages = defineMessages(
  {
    title: 'Tindakan',
    none: 'Tidak ada tindakan yang dapat Anda lakukan pada tahap ini.',
    required: 'wajib',
    submit: 'Kirim',
    yes: 'Ya',
    no: 'Tidak',
    choose: '— pilih —',
    internalHint: 'Hanya untuk petugas; pelapor tidak melihatnya.',
    publicHint: 'Dibaca oleh semua yang dapat melihat laporan ini, termasuk pelapor.',
    fillRequired: 'Lengkapi isian yang wajib.',
    ratingCommentHint: 'Dibaca oleh petugas instansi dan admin; tidak ditampilkan kepada publik.',
  },
  {
    title: 'Actions',
    none: 'There is nothing you can do at this step.',
    required: 'required',
    submit: 'Send',
    yes: 'Yes',
    no: 'No',
    choose: '— choose —',
    internalHint: 'For officers only; the reporter does not see it.',
    publicHint: 'Read by everyone who can see this report, the reporter included.',
    fillRequired: 'Fill in the required fields.',
    ratingCommentHint: 'Read by the agency’s officers and the admin; not shown to the public.',
  },
);

type ActionFormProps = {
  reportId: string;
  action: ReportAction;
  onDone: (action: ReportAction) => void;
  onCancel: () => void;
  /** While the action is being sent: e.g. to tell one's own change from others' in live updates. */
  onBusyChange?: (busy: boolean) => void;
  /** Move the keyboard into the form when it opens (not for a form the page shows by itself). */
  autoFocus?: boolean;
};

/** The action takes files: it writes a public message, and the files go with it. */
export function takesAttachments(action: ReportAction): boolean {
  return action.inputs.some((input) => input.kind === 'NOTE');
}

/** The form of one action: its inputs, in the order the API lists them. */
export function ActionForm({ reportId, action, onDone, onCancel, onBusyChange, autoFocus = true }: ActionFormProps) {
  const { t } = useLang();
  const words = t(actionFormMessages);
  const common = t(commonMessages);
  const uploadWords = t(attachmentPickerMessages);
  
  const withFiles = takesAttachments(action);
  const rating = action.inputs.some((input) => input.kind === 'RATING');
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<PayloadErrors>([]);
  const uploads = useUploads(() => setErrors(withoutField('attachments')));
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const base = `action-${action.code}`;

  useEffect(() => {
    // Opening a form moves the keyboard into it.
    if (autoFocus) formRef.current?.querySelector<HTMLElement>('textarea, select, input')?.focus();
  }, [action.code, autoFocus]);

  const set = (name: string, value: string) => {
    setValues((old) => ({ ...old, [name]: value }));
    // A changed input's old error no longer describes it.
    setErrors((old) => (old.some((error) => error.field === name) ? old.filter((error) => error.field !== name) : old));
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const missing = action.inputs.filter((input) => input.required && !(values[input.name] ?? '').trim());
    if (missing.length) {
      setErrors(missing.map((input) => ({ field: input.name, code: 'REQUIRED', message: words.fillRequired })));
      return;
    }
    const blocker = uploadsBlocker(uploads, uploadWords);
    if (blocker) {
      setErrors([{ field: 'attachments', code: 'UPLOADING', message: blocker }]);
      return;
    }
    setBusy(true);
    onBusyChange?.(true);
    try {
      const { reportActionPerform } = await request(ActionPerform, {
        input: {
          id: reportId,
          action: action.code,
          // Inputs left out are empty for the API, so only what was filled in travels.
          values: action.inputs
            .filter((input) => (values[input.name] ?? '') !== '')
            .map((input) => ({ name: input.name, value: values[input.name] })),
          ...(uploads.inputs.length ? { attachments: uploads.inputs } : {}),
        },
      });
      if (reportActionPerform.errors.length) setErrors(reportActionPerform.errors);
      else {
        setErrors([]);
        uploads.clear();
        onDone(action);
      }
    } catch (failure) {
      setErrors([{ code: 'ERROR', message: failure instanceof ApiError ? failure.message : common.unexpectedError }]);
    } finally {
      setBusy(false);
      onBusyChange?.(false);
    }
  };

  return (
    <form ref={formRef} class="action-form card stack" onSubmit={onSubmit} noValidate aria-labelledby={`${base}-title`}>
      <h3 id={`${base}-title`}>{action.label}</h3>
      {action.inputs.map((input) => {
        const id = `${base}-${input.name}`;
        const error = errorFor(errors, input.name);
        const value = values[input.name] ?? '';
        const hint =
          input.kind === 'INTERNAL_NOTE'
            ? rating
              ? words.ratingCommentHint
              : words.internalHint
            : input.kind === 'NOTE'
              ? words.publicHint
              : undefined;
        // Only required inputs are marked: an input's own label may already say when it is needed
        // ("wajib bila diterima"), which an "(optional)" beside it would contradict.
        const marker = input.required ? (
          <span class="required-mark">
            {' '}
            ({words.required})
          </span>
        ) : null;
        if (input.kind === 'RATING') {
          return (
            <fieldset key={input.name} class={`field action-form__rating${error ? ' field--invalid' : ''}`}>
              <legend>
                {input.label}
                {marker}
              </legend>
              <RatingInput
                id={id}
                value={value}
                required={input.required}
                describedBy={describedBy(id, error)['aria-describedby']}
                onChange={(score) => set(input.name, score)}
              />
              {error && (
                <small id={`${id}-error`} class="field-error" role="alert">
                  {error}
                </small>
              )}
            </fieldset>
          );
        }
        if (input.kind === 'YESNO') {
          return (
            <fieldset key={input.name} class={`field action-form__yesno${error ? ' field--invalid' : ''}`} {...describedBy(id, error)}>
              <legend>
                {input.label}
                {marker}
              </legend>
              {(['true', 'false'] as const).map((option) => (
                <label key={option} class="checkbox">
                  <input
                    type="radio"
                    name={id}
                    value={option}
                    checked={value === option}
                    required={input.required}
                    onChange={() => set(input.name, option)}
                  />
                  {option === 'true' ? words.yes : words.no}
                </label>
              ))}
              {error && (
                <small id={`${id}-error`} class="field-error" role="alert">
                  {error}
                </small>
              )}
            </fieldset>
          );
        }
        return (
          <div key={input.name} class={`field${error ? ' field--invalid' : ''}${input.kind === 'INTERNAL_NOTE' ? ' field--internal' : ''}`}>
            <label for={id}>
              {input.label}
              {marker}
            </label>
            {input.kind === 'AGENCY' ? (
              <AgencyPicker
                id={id}
                value={value}
                required={input.required}
                describedBy={describedBy(id, error, hint)['aria-describedby']}
                onChange={(agencyId) => set(input.name, agencyId)}
              />
            ) : input.kind === 'CHOICE' ? (
              <select
                id={id}
                value={value}
                required={input.required}
                onChange={(event) => set(input.name, (event.target as HTMLSelectElement).value)}
                {...describedBy(id, error, hint)}
              >
                <option value="">{words.choose}</option>
                {input.choices.map((choice) => (
                  <option key={choice.code} value={choice.code}>
                    {choice.label}
                  </option>
                ))}
              </select>
            ) : (
              <textarea
                id={id}
                name={input.name}
                value={value}
                required={input.required}
                rows={4}
                onInput={(event) => set(input.name, (event.target as HTMLTextAreaElement).value)}
                {...describedBy(id, error, hint)}
              />
            )}
            {hint && (
              <small id={`${id}-hint`} class="hint">
                {hint}
              </small>
            )}
            {error && (
              <small id={`${id}-error`} class="field-error" role="alert">
                {error}
              </small>
            )}
          </div>
        );
      })}
      {withFiles && (
        <AttachmentPicker id={`${base}-attachments`} uploads={uploads} error={errorFor(errors, 'attachments')} />
      )}
      <FieldErrors
        errors={generalErrors(errors, [...action.inputs.map((input) => input.name), ...(withFiles ? ['attachments'] : [])])}
      />
      <div class="row">
        <button type="submit" class="button button--primary" disabled={busy}>
          {words.submit}: {action.label}
        </button>
        <button type="button" class="button button--quiet" onClick={onCancel} disabled={busy}>
          {common.cancel}
        </button>
      </div>
    </form>
  );
}

type ActionPanelProps = {
  reportId: string;
  actions: ReportAction[];
  /** After an action succeeded: reload the report and say so. */
  onDone: (action: ReportAction) => void;
  onBusyChange?: (busy: boolean) => void;
};

/** One button per available action; the chosen action's form opens below the buttons. */
export function ActionPanel({ reportId, actions, onDone, onBusyChange }: ActionPanelProps) {
  const { t } = useLang();
  const words = t(actionFormMessages);
  const [open, setOpen] = useState<string | null>(null);
  const current = actions.find((action) => action.code === open) ?? null;
  // When the report changes (live or after an action) an open action that is no longer offered closes.
  useEffect(() => {
    if (open && !current) setOpen(null);
  }, [open, current]);
  return (
    <section class="action-panel" aria-labelledby="action-panel-title">
      <h2 id="action-panel-title">{words.title}</h2>
      {actions.length === 0 ? (
        <p class="muted">{words.none}</p>
      ) : (
        <div class="row action-panel__buttons">
          {actions.map((action) => (
            <button
              key={action.code}
              type="button"
              class={`button${open === action.code ? ' button--primary' : ''}`}
              aria-expanded={open === action.code}
              aria-controls={open === action.code ? `action-${action.code}-form` : undefined}
              data-action={action.code}
              onClick={() => setOpen(open === action.code ? null : action.code)}
            >
              {action.label}
            </button>
          ))}
        </div>
      )}
      {current && (
        <div id={`action-${current.code}-form`}>
          <ActionForm
            key={current.code}
            reportId={reportId}
            action={current}
            onCancel={() => setOpen(null)}
            onBusyChange={onBusyChange}
            onDone={(action) => {
              setOpen(null);
              onDone(action);
            }}
          />
        </div>
      )}
    </section>
  );
}
