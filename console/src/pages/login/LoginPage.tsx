import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { describedBy, errorFor, Field, FieldErrors, generalErrors } from '../../components/form';
import { useLang } from '../../i18n';
import { HOME_BY_ROLE } from '../../page';
import { Link, Redirect, useLocation } from '../../router';
import { useSession, type PayloadErrors } from '../../session';
import { messages } from './messages';

/** Only paths of this console: never a redirect to another site (`//host`, `/\\host` and the like). */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.includes('\\')) return null;
  try {
    const target = new URL(next, location.origin);
    return target.origin === location.origin ? `${target.pathname}${target.search}` : null;
  } catch {
    return null;
  }
}

export default function LoginPage() {
  const { t } = useLang();
  const words = t(messages);
  const { login, me } = useSession();
  const { query } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<PayloadErrors>([]);
  const [busy, setBusy] = useState(false);

  if (me) return <Redirect to={safeNext(query.get('next')) ?? HOME_BY_ROLE[me.role]} />;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      setErrors(await login(email.trim(), password));
    } catch (failure) {
      setErrors([{ code: 'ERROR', message: failure instanceof ApiError ? failure.message : String(failure) }]);
    } finally {
      setBusy(false);
    }
  };

  const emailError = errorFor(errors, 'email');
  const passwordError = errorFor(errors, 'password');
  return (
    <section class="narrow">
      <h1>{words.title}</h1>
      <form onSubmit={onSubmit} class="stack" noValidate>
        <Field id="login-email" label={words.email} error={emailError}>
          <input
            id="login-email"
            type="email"
            autocomplete="username"
            required
            value={email}
            onInput={(event) => setEmail((event.target as HTMLInputElement).value)}
            {...describedBy('login-email', emailError)}
          />
        </Field>
        <Field id="login-password" label={words.password} error={passwordError}>
          <input
            id="login-password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(event) => setPassword((event.target as HTMLInputElement).value)}
            {...describedBy('login-password', passwordError)}
          />
        </Field>
        <FieldErrors errors={generalErrors(errors, ['email', 'password'])} />
        <button type="submit" class="button button--primary" disabled={busy}>
          {words.submit}
        </button>
      </form>
      <p>
        <Link href="/setup">{words.firstTime}</Link>
      </p>
      <p>
        <Link href="/transparency">{words.homeTransparency}</Link>
      </p>
    </section>
  );
}
