import { useLang } from '../i18n';
import { commonMessages } from '../messages';
import { ApiError } from '../api/client';

export function Loading() {
  const { t } = useLang();
  return (
    <p class="loading" role="status">
      {t(commonMessages).loading}
    </p>
  );
}

/** A failed load: the server's own message (it speaks the console's language). */
export function LoadError({ error }: { error: unknown }) {
  const { t } = useLang();
  const message = error instanceof ApiError ? error.message : t(commonMessages).unexpectedError;
  return (
    <div class="notice notice--error" role="alert">
      {message}
    </div>
  );
}
