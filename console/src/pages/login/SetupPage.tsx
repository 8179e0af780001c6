// First login: a liaison (or an admin made on the command line) turns the one-time secret into a
// password with `passwordReset`, then logs in with it.
import { useState } from 'preact/hooks';
import { ApiError, request } from '../../api/client';
import { describedBy, errorFor, Field, FieldErrors, generalErrors } from '../../components/form';
import { graphql } from '../../gql';
import { useLang } from '../../i18n';
import { HOME_BY_ROLE } from '../../page';
import { Redirect } from '../../router';
import { useSession, type PayloadErrors } from '../../session';
import { messages } from './messages';

const SetupPassword = graphql(`
  mutation SetupPassword($input: PasswordResetInput!) {
    passwordReset(input: $input) {
      user {
        id
        email
        role
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export default function SetupPage() {
  const { t } = useLang();
  const words = t(messages);
  const { login, me } = useSession();
  const [email, setEmail] = useState('');
  const [secret, setSecret] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<PayloadErrors>([]);
  const [busy, setBusy] = useState(false);

  if (me) return <Redirect to={HOME_BY_ROLE[me.role]} />;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const { passwordReset } = await request(SetupPassword, { input: { secret: secret.trim(), newPassword: password } });
      if (passwordReset.errors.length || !passwordReset.user) {
        setErrors(passwordReset.errors);
        return;
      }
      // The API shows an account's e-mail only to the person logged in and to admins, and nobody is
      // logged in yet: log in with the address the person typed.
      setErrors(await login(passwordReset.user.email ?? email.trim(), password));
    } catch (failure) {
      setErrors([{ code: 'ERROR', message: failure instanceof ApiError ? failure.message : String(failure) }]);
    } finally {
      setBusy(false);
    }
  };

  const secretError = errorFor(errors, 'secret');
  const passwordError = errorFor(errors, 'newPassword');
  return (
    <section class="narrow">
      <h1>{words.setupTitle}</h1>
      <p>{words.setupIntro}</p>
      <form onSubmit={onSubmit} class="stack" noValidate>
        <Field id="setup-email" label={words.email}>
          <input
            id="setup-email"
            type="email"
            autocomplete="username"
            required
            value={email}
            onInput={(event) => setEmail((event.target as HTMLInputElement).value)}
          />
        </Field>
        <Field id="setup-secret" label={words.secret} error={secretError}>
          <input
            id="setup-secret"
            autocomplete="one-time-code"
            required
            value={secret}
            onInput={(event) => setSecret((event.target as HTMLInputElement).value)}
            {...describedBy('setup-secret', secretError)}
          />
        </Field>
        <Field id="setup-password" label={words.newPassword} error={passwordError} hint={words.newPasswordHint}>
          <input
            id="setup-password"
            type="password"
            autocomplete="new-password"
            required
            value={password}
            onInput={(event) => setPassword((event.target as HTMLInputElement).value)}
            {...describedBy('setup-password', passwordError, words.newPasswordHint)}
          />
        </Field>
        <FieldErrors errors={generalErrors(errors, ['secret', 'newPassword'])} />
        <button type="submit" class="button button--primary" disabled={busy}>
          {words.setupSubmit}
        </button>
      </form>
    </section>
  );
}
