// Attaching files to a form: dropped on the area or chosen with the picker, each file is uploaded at once
// (`attachmentUpload`, with a progress bar) while the person goes on typing; the form then sends only the
// uploads' ids (`attachments: [{ uploadId }]`). The server decides from the content what a file is and
// refuses what it does not take, in the console's language; a removed or never-sent upload is swept by
// the server after a while, so removing here only forgets it.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { uploadFiles } from '../api/upload';
import { graphql } from '../gql';
import type { AttachmentInput } from '../gql/graphql';
import { defineMessages, format, useLang } from '../i18n';
import { useFileSize } from './attachments';
import './attachments.css';

const AttachmentUpload = graphql(`
  mutation AttachmentUpload($input: AttachmentUploadInput!) {
    attachmentUpload(input: $input) {
      attachment {
        id
        filename
        size
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

/** What the picker offers: photos (HEIC as phones take them) and PDF. The server checks the content anyway. */
const ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif,application/pdf';

export const attachmentPickerMessages = defineMessages(
  {
    label: 'Lampiran',
    hint: 'Foto (JPEG, PNG, WebP, HEIC) atau PDF. Lokasi dan data lain di dalam foto dihapus sebelum disimpan.',
    drop: 'Tarik berkas ke sini, atau',
    choose: 'Pilih berkas',
    uploading: 'Mengunggah {name}: {percent}%',
    uploaded: 'Terunggah',
    failed: 'Gagal',
    remove: 'Hapus {name}',
    removed: '{name} dihapus dari lampiran.',
    done: '{name} terunggah.',
    tooLarge: 'Berkas ini terlalu besar untuk dikirim.',
    wait: 'Tunggu sampai semua lampiran selesai diunggah.',
    fix: 'Hapus lampiran yang gagal diunggah sebelum mengirim.',
  },
  {
    label: 'Attachments',
    hint: 'Photos (JPEG, PNG, WebP, HEIC) or PDF. Location and other data inside a photo are removed before it is stored.',
    drop: 'Drop files here, or',
    choose: 'Choose files',
    uploading: 'Uploading {name}: {percent}%',
    uploaded: 'Uploaded',
    failed: 'Failed',
    remove: 'Remove {name}',
    removed: '{name} removed from the attachments.',
    done: '{name} uploaded.',
    tooLarge: 'This file is too large to send.',
    wait: 'Wait until every attachment has been uploaded.',
    fix: 'Remove the attachments that failed to upload before sending.',
  },
);

export type UploadItem = {
  key: number;
  name: string;
  size: number;
  /** 0..1 of the bytes sent. */
  progress: number;
  state: 'uploading' | 'done' | 'failed';
  uploadId: string | null;
  error: string | null;
};

export type Uploads = {
  items: UploadItem[];
  add: (files: Iterable<File>) => void;
  remove: (key: number) => void;
  clear: () => void;
  /** Something still on its way. */
  busy: boolean;
  /** Something the server refused (shown at its file until removed). */
  failed: boolean;
  /** What the form's mutation sends as `attachments`. */
  inputs: AttachmentInput[];
  /** The last change, for screen readers. */
  announcement: string;
};

let nextKey = 0;

/** The uploads of one form: every file starts uploading the moment it is added. `onChange` runs when a
 *  file is added or removed (the form's old error about its attachments no longer holds). */
export function useUploads(onChange?: () => void): Uploads {
  const { t } = useLang();
  const words = t(attachmentPickerMessages);
  const [items, setItems] = useState<UploadItem[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const aborts = useRef(new Map<number, () => void>());

  // Leaving the form stops what is still being sent.
  useEffect(() => () => aborts.current.forEach((abort) => abort()), []);

  const update = (key: number, change: Partial<UploadItem>) =>
    setItems((old) => old.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const add = useCallback(
    (files: Iterable<File>) => {
      onChange?.();
      for (const file of files) {
        nextKey += 1;
        const key = nextKey;
        setItems((old) => [
          ...old,
          { key, name: file.name, size: file.size, progress: 0, state: 'uploading', uploadId: null, error: null },
        ]);
        const upload = uploadFiles(
          AttachmentUpload,
          { input: { file: null } },
          { 'variables.input.file': file },
          ({ loaded, total }) => {
            if (total > 0) update(key, { progress: loaded / total });
          },
        );
        aborts.current.set(key, upload.abort);
        upload.done
          .then(({ attachmentUpload }) => {
            const refused = attachmentUpload.errors[0];
            if (refused || !attachmentUpload.attachment) {
              update(key, { state: 'failed', error: refused?.message ?? words.failed });
              setAnnouncement(`${file.name}: ${refused?.message ?? words.failed}`);
            } else {
              update(key, { state: 'done', progress: 1, uploadId: attachmentUpload.attachment.id });
              setAnnouncement(format(words.done, { name: file.name }));
            }
          })
          .catch((failure: unknown) => {
            if (failure instanceof ApiError && failure.code === 'ABORTED') return;
            const message =
              failure instanceof ApiError ? (failure.status === 413 ? words.tooLarge : failure.message) : words.failed;
            update(key, { state: 'failed', error: message });
            setAnnouncement(`${file.name}: ${message}`);
          })
          .finally(() => aborts.current.delete(key));
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [words, onChange],
  );

  const remove = (key: number) => {
    onChange?.();
    aborts.current.get(key)?.();
    aborts.current.delete(key);
    const gone = items.find((item) => item.key === key);
    setItems((old) => old.filter((item) => item.key !== key));
    if (gone) setAnnouncement(format(words.removed, { name: gone.name }));
  };

  const clear = () => {
    aborts.current.forEach((abort) => abort());
    aborts.current.clear();
    setItems([]);
  };

  return {
    items,
    add,
    remove,
    clear,
    busy: items.some((item) => item.state === 'uploading'),
    failed: items.some((item) => item.state === 'failed'),
    inputs: items.filter((item) => item.uploadId !== null).map((item) => ({ uploadId: item.uploadId })),
    announcement,
  };
}

/** Why the form cannot be sent yet because of its attachments, or null. */
/** Drop the errors of one field: for `useUploads(onChange)`, with the form's `setErrors`. */
export function withoutField<E extends { field?: string | null }>(field: string): (old: E[]) => E[] {
  return (old) => (old.some((error) => error.field === field) ? old.filter((error) => error.field !== field) : old);
}

export function uploadsBlocker(uploads: Uploads, words: { wait: string; fix: string }): string | null {
  if (uploads.busy) return words.wait;
  if (uploads.failed) return words.fix;
  return null;
}

type PickerProps = {
  id: string;
  uploads: Uploads;
  /** The server's error for the form's `attachments` field (too many files, an upload not found). */
  error?: string | null;
  label?: string;
  hint?: string;
};

export function AttachmentPicker({ id, uploads, error, label, hint }: PickerProps) {
  const { t } = useLang();
  const words = t(attachmentPickerMessages);
  const size = useFileSize();
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const shownHint = hint ?? words.hint;
  const described = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const files = event.dataTransfer?.files;
    if (files?.length) uploads.add(Array.from(files));
  };

  return (
    <div class={`field attachment-picker${error ? ' field--invalid' : ''}`} role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`} class="attachment-picker__label">
        {label ?? words.label}
      </span>
      <div
        class={`attachment-picker__drop${over ? ' attachment-picker__drop--over' : ''}`}
        data-testid={`${id}-drop`}
        onDragEnter={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragOver={(event) => {
          event.preventDefault();
          if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={(event) => {
          // Leaving for a child of the area is not leaving the area.
          if (!(event.currentTarget as HTMLElement).contains(event.relatedTarget as Node | null)) setOver(false);
        }}
        onDrop={onDrop}
      >
        <span aria-hidden="true">{words.drop}</span>{' '}
        <input
          ref={input}
          id={id}
          type="file"
          multiple
          accept={ACCEPT}
          class="attachment-picker__input"
          aria-describedby={described}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            const target = event.target as HTMLInputElement;
            if (target.files?.length) uploads.add(Array.from(target.files));
            // The same file may be chosen again after removing it.
            target.value = '';
          }}
        />
        <label for={id} class="button attachment-picker__choose">
          {words.choose}
        </label>
      </div>
      <small id={`${id}-hint`} class="hint">
        {shownHint}
      </small>
      {uploads.items.length > 0 && (
        <ul class="attachment-picker__list">
          {uploads.items.map((item) => (
            <li key={item.key} class={`attachment-picker__item attachment-picker__item--${item.state}`} data-state={item.state}>
              <span class="attachment-picker__name user-text">{item.name}</span>
              <span class="muted attachment-picker__size">{size(item.size)}</span>
              {item.state === 'uploading' && (
                <>
                  <progress
                    class="attachment-picker__progress"
                    max={100}
                    value={Math.round(item.progress * 100)}
                    aria-label={format(words.uploading, { name: item.name, percent: Math.round(item.progress * 100) })}
                  />
                  <span class="attachment-picker__percent" aria-hidden="true">
                    {Math.round(item.progress * 100)}%
                  </span>
                </>
              )}
              {item.state === 'done' && <span class="badge badge--ok">{words.uploaded}</span>}
              {item.state === 'failed' && (
                <span class="field-error attachment-picker__error" role="alert">
                  {item.error}
                </span>
              )}
              <button
                type="button"
                class="button button--quiet attachment-picker__remove"
                aria-label={format(words.remove, { name: item.name })}
                onClick={() => uploads.remove(item.key)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <small id={`${id}-error`} class="field-error" role="alert">
          {error}
        </small>
      )}
      <span class="visually-hidden" role="status">
        {uploads.announcement}
      </span>
    </div>
  );
}
