// An officer of the report (the admin, or a liaison of the agency that handles it) keeps files for
// officers only: the agency's letter, a work order. `reportAttachmentAdd` writes them with an optional
// note as an internal timeline entry, which the reporter and the public never see.
import { useState } from 'preact/hooks';
import { ApiError, request } from '../../api/client';
import {
  AttachmentPicker,
  attachmentPickerMessages,
  uploadsBlocker,
  useUploads,
  withoutField,
} from '../../components/attachment-picker';
import { errorFor, Field, FieldErrors, generalErrors } from '../../components/form';
import { useLang } from '../../i18n';
import { commonMessages } from '../../messages';
import type { PayloadErrors } from '../../session';
import { messages } from './messages';
import { ReportAttachmentAdd } from './queries';

const FIELDS = ['attachments', 'note'];

export function InternalFiles({ reportId, onDone }: { reportId: string; onDone: () => void }) {
  const { t } = useLang();
  const words = t(messages);
  const common = t(commonMessages);
  const uploadWords = t(attachmentPickerMessages);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<PayloadErrors>([]);
  const uploads = useUploads(() => setErrors(withoutField('attachments')));
  const [busy, setBusy] = useState(false);
  

  const close = () => {
    uploads.clear();
    setNote('');
    setErrors([]);
    setOpen(false);
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const blocker = uploadsBlocker(uploads, uploadWords) ?? (uploads.inputs.length ? null : words.internalFilesNone);
    if (blocker) {
      setErrors([{ field: 'attachments', code: 'REQUIRED', message: blocker }]);
      return;
    }
    setBusy(true);
    try {
      const { reportAttachmentAdd } = await request(ReportAttachmentAdd, {
        input: { id: reportId, attachments: uploads.inputs, note: note.trim() },
      });
      if (reportAttachmentAdd.errors.length) setErrors(reportAttachmentAdd.errors);
      else {
        close();
        onDone();
      }
    } catch (failure) {
      setErrors([{ code: 'ERROR', message: failure instanceof ApiError ? failure.message : common.unexpectedError }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="internal-files" aria-labelledby="internal-files-title">
      <h2 id="internal-files-title">{words.internalFiles}</h2>
      <p class="hint">{words.internalFilesIntro}</p>
      {!open ? (
        <button type="button" class="button" aria-expanded="false" onClick={() => setOpen(true)}>
          {words.internalFilesOpen}
        </button>
      ) : (
        <form class="stack internal-files__form" onSubmit={onSubmit} noValidate aria-labelledby="internal-files-title">
          <AttachmentPicker id="internal-files" uploads={uploads} error={errorFor(errors, 'attachments')} />
          <Field id="internal-files-note" label={words.internalFilesNote} error={errorFor(errors, 'note')}>
            <textarea
              id="internal-files-note"
              class="internal-files__note"
              rows={3}
              value={note}
              onInput={(event) => setNote((event.target as HTMLTextAreaElement).value)}
            />
          </Field>
          <FieldErrors errors={generalErrors(errors, FIELDS)} />
          <div class="row">
            <button type="submit" class="button button--primary" disabled={busy}>
              {words.internalFilesSend}
            </button>
            <button type="button" class="button button--quiet" onClick={close} disabled={busy}>
              {common.cancel}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
