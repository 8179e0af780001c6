// Small pieces the admin pages share: keyset paging, the one-time secret box, a two-step delete,
// the agency list that refreshes after a change, and the translation of a thrown error to payload errors.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { forgetAgencies, loadAgencies, type PickerAgency } from '../../components/agency-picker';
import { format, useLang } from '../../i18n';
import { commonMessages } from '../../messages';
import type { PayloadErrors } from '../../session';
import { messages } from './messages';
import './admin.css';

/** Rows per page of every admin list. */
export const PAGE_SIZE = 20;

/**
 * Keyset paging: the cursors of the pages seen so far, so "previous" goes back without offsets.
 * A new `resetKey` (the filters) starts again at the first page, in the same render.
 */
export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; stack: (string | null)[] }>({ key: resetKey, stack: [null] });
  const stack = state.key === resetKey ? state.stack : [null];
  return {
    after: stack[stack.length - 1],
    page: stack.length,
    next: (endCursor: string | null | undefined) => {
      if (endCursor) setState({ key: resetKey, stack: [...stack, endCursor] });
    },
    previous: () => setState({ key: resetKey, stack: stack.length > 1 ? stack.slice(0, -1) : stack }),
  };
}

type PagerProps = {
  page: number;
  hasNext: boolean;
  endCursor?: string | null;
  pages: ReturnType<typeof useCursorPages>;
};

export function Pager({ page, hasNext, endCursor, pages }: PagerProps) {
  const { t } = useLang();
  const words = t(messages);
  const common = t(commonMessages);
  if (page === 1 && !hasNext) return null;
  return (
    <nav class="pager" aria-label={words.pager}>
      <button type="button" class="button" disabled={page === 1} onClick={() => pages.previous()}>
        {common.previous}
      </button>
      <span class="pager__page" aria-live="polite">
        {format(words.page, { n: page })}
      </span>
      <button type="button" class="button" disabled={!hasNext} onClick={() => pages.next(endCursor)}>
        {common.next}
      </button>
    </nav>
  );
}

/** A thrown failure (network, forbidden, server bug) as a general payload error beside the form. */
export function thrownErrors(failure: unknown, fallback: string): PayloadErrors {
  return [{ code: 'ERROR', message: failure instanceof ApiError ? failure.message : fallback }];
}

/** Run a mutation and answer its payload errors, thrown failures included. */
export function useSubmit() {
  const { t } = useLang();
  const fallback = t(commonMessages).unexpectedError;
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (action: () => Promise<PayloadErrors>): Promise<PayloadErrors> => {
      setBusy(true);
      try {
        return await action();
      } catch (failure) {
        return thrownErrors(failure, fallback);
      } finally {
        setBusy(false);
      }
    },
    [fallback],
  );
  return { busy, run };
}

/** Every agency (the picker's cached list); `refresh` after a change drops the cache for every picker. */
export function useAgencies() {
  const [agencies, setAgencies] = useState<PickerAgency[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Pickers read the cache when they mount: a new version remounts them after a change.
  const [version, setVersion] = useState(0);
  const load = useCallback(async () => {
    try {
      setAgencies(await loadAgencies());
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const refresh = useCallback(async () => {
    forgetAgencies();
    await load();
    setVersion((v) => v + 1);
  }, [load]);
  return { agencies, error, refresh, version };
}

type SecretBoxProps = { title: string; secret: string; expiresAt?: string | null; onDone: () => void };

/**
 * The one-time secret: shown this once in a marked box with a copy button. Closing it forgets the
 * secret in the page too; the API never gives it again.
 */
export function SecretBox({ title, secret, expiresAt, onDone }: SecretBoxProps) {
  const { t, formatDateTime } = useLang();
  const words = t(messages);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const input = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopyState('copied');
    } catch {
      // No clipboard (e.g. a page not served over https): select it for a manual copy.
      input.current?.select();
      setCopyState('failed');
    }
  };
  return (
    <section class="secret-box" aria-labelledby="secret-box-title">
      <h2 id="secret-box-title" tabIndex={-1} ref={heading}>
        {title}
      </h2>
      <p class="secret-box__warning">
        <strong>{words.secretWarning}</strong>
      </p>
      <div class="field">
        <label for="secret-box-value">{words.secretLabel}</label>
        <div class="row secret-box__row">
          <input
            id="secret-box-value"
            class="secret-box__value"
            readOnly
            value={secret}
            spellcheck={false}
            autocomplete="off"
            onFocus={(event) => (event.target as HTMLInputElement).select()}
          />
          <button type="button" class="button button--primary" onClick={copy}>
            {words.copy}
          </button>
        </div>
      </div>
      {expiresAt && <p class="muted">{format(words.secretExpires, { time: formatDateTime(expiresAt) })}</p>}
      <p role="status" class="secret-box__copy-state">
        {copyState === 'copied' ? words.copied : copyState === 'failed' ? words.copyFailed : ''}
      </p>
      <button type="button" class="button" onClick={onDone}>
        {words.secretDone}
      </button>
    </section>
  );
}

type ConfirmButtonProps = {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void | Promise<void>;
  disabled?: boolean;
};

/** A destructive button that asks once more in the page (no `confirm()` dialog). */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, disabled }: ConfirmButtonProps) {
  const { t } = useLang();
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" class="button button--danger" disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  return (
    <span class="confirm" role="group" aria-label={question}>
      <span class="confirm__question">{question}</span>
      <button
        type="button"
        class="button button--danger"
        disabled={disabled}
        onClick={async () => {
          await onConfirm();
          setAsking(false);
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" class="button" onClick={() => setAsking(false)}>
        {t(commonMessages).cancel}
      </button>
    </span>
  );
}
