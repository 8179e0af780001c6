// Settings of whoever is logged in: the profile (accountUpdate), the password (passwordChange), the
// sessions that still work (mySessions, sessionRevoke; ending the current one logs out) and, for a
// liaison officer, the agency's public profile with its officials (agencyProfileUpdate).
import { useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../../api/client';
import { useQuery } from '../../api/use-query';
import { describedBy, errorFor, Field, FieldErrors, generalErrors } from '../../components/form';
import { Loading, LoadError } from '../../components/loading';
import type { SettingsAgencyProfileFragment } from '../../gql/graphql';
import { format, useLang } from '../../i18n';
import { commonMessages } from '../../messages';
import type { PageProps } from '../../page';
import { navigate } from '../../router';
import { useSession, type Me, type PayloadErrors } from '../../session';
import { messages } from './messages';
import {
  SettingsAccountUpdate,
  SettingsAgency,
  SettingsAgencyProfileUpdate,
  SettingsPasswordChange,
  SettingsSessionRevoke,
  SettingsSessions,
} from './queries';
import './settings.css';

type TextFieldProps = {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  errors: PayloadErrors;
  /** The input's name in the mutation, as the API names it in `errors { field }`. */
  field: string;
  hint?: string;
  type?: 'text' | 'email' | 'tel' | 'url' | 'password';
  autocomplete?: string;
  multiline?: boolean;
  required?: boolean;
};

function TextField({ id, label, value, onInput, errors, field, hint, type = 'text', autocomplete, multiline, required }: TextFieldProps) {
  const error = errorFor(errors, field);
  const common = {
    id,
    name: field,
    value,
    required,
    autocomplete,
    onInput: (event: Event) => onInput((event.target as HTMLInputElement | HTMLTextAreaElement).value),
    ...describedBy(id, error, hint),
  };
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      {/* The input typings tie role to type; every type here takes a text box's attributes. */}
      {multiline ? <textarea rows={3} {...common} /> : <input type={type as 'text'} {...common} />}
    </Field>
  );
}

function failureAsErrors(failure: unknown, fallback: string): PayloadErrors {
  return [{ code: 'ERROR', message: failure instanceof ApiError ? failure.message : fallback }];
}

function StatusLine({ text }: { text: string | null }) {
  return (
    <div role="status" aria-live="polite">
      {text && <p class="notice notice--success">{text}</p>}
    </div>
  );
}

function ProfileSection({ me }: { me: Me }) {
  const { t } = useLang();
  const words = t(messages);
  const { reload } = useSession();
  const [name, setName] = useState(me.name);
  const [phone, setPhone] = useState(me.phone ?? '');
  const [email, setEmail] = useState(me.email ?? '');
  const [errors, setErrors] = useState<PayloadErrors>([]);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setDone(null);
    try {
      const { accountUpdate } = await request(SettingsAccountUpdate, {
        input: { name: name.trim(), phone: phone.trim(), email: email.trim() },
      });
      setErrors(accountUpdate.errors);
      if (!accountUpdate.errors.length) {
        setDone(words.profileSaved);
        await reload();
      }
    } catch (failure) {
      setErrors(failureAsErrors(failure, t(commonMessages).unexpectedError));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card settings-section" aria-labelledby="settings-profile">
      <h2 id="settings-profile">{words.profile}</h2>
      <form class="stack" onSubmit={onSubmit} noValidate>
        <TextField id="profile-name" field="name" label={words.name} value={name} onInput={setName} errors={errors} autocomplete="name" required />
        <TextField id="profile-email" field="email" type="email" label={words.email} value={email} onInput={setEmail} errors={errors} autocomplete="email" />
        <TextField id="profile-phone" field="phone" type="tel" label={words.phone} hint={words.phoneHint} value={phone} onInput={setPhone} errors={errors} autocomplete="tel" />
        <FieldErrors errors={generalErrors(errors, ['name', 'email', 'phone'])} />
        <StatusLine text={done} />
        <button type="submit" class="button button--primary" disabled={busy}>
          {words.saveProfile}
        </button>
      </form>
    </section>
  );
}

function PasswordSection() {
  const { t } = useLang();
  const words = t(messages);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<PayloadErrors>([]);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setDone(null);
    if (next !== confirm) {
      setErrors([{ field: 'confirmPassword', code: 'INVALID', message: words.passwordMismatch }]);
      return;
    }
    setBusy(true);
    try {
      const { passwordChange } = await request(SettingsPasswordChange, {
        input: { currentPassword: current, newPassword: next },
      });
      setErrors(passwordChange.errors);
      if (!passwordChange.errors.length) {
        setCurrent('');
        setNext('');
        setConfirm('');
        setDone(words.passwordChanged);
      }
    } catch (failure) {
      setErrors(failureAsErrors(failure, t(commonMessages).unexpectedError));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card settings-section" aria-labelledby="settings-password">
      <h2 id="settings-password">{words.password}</h2>
      <form class="stack" onSubmit={onSubmit} noValidate>
        <TextField id="password-current" field="currentPassword" type="password" label={words.currentPassword} value={current} onInput={setCurrent} errors={errors} autocomplete="current-password" required />
        <TextField id="password-new" field="newPassword" type="password" label={words.newPassword} value={next} onInput={setNext} errors={errors} autocomplete="new-password" required />
        <TextField id="password-confirm" field="confirmPassword" type="password" label={words.confirmPassword} value={confirm} onInput={setConfirm} errors={errors} autocomplete="new-password" required />
        <FieldErrors errors={generalErrors(errors, ['currentPassword', 'newPassword', 'confirmPassword'])} />
        <StatusLine text={done} />
        <button type="submit" class="button button--primary" disabled={busy}>
          {words.changePassword}
        </button>
      </form>
    </section>
  );
}

function SessionsSection() {
  const { t, formatDateTime } = useLang();
  const words = t(messages);
  const { logout } = useSession();
  const { data, error, reload } = useQuery(SettingsSessions, {});
  const [errors, setErrors] = useState<PayloadErrors>([]);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const revoke = async (id: string, isCurrent: boolean) => {
    setBusy(id);
    setDone(null);
    try {
      if (isCurrent) {
        // Ending this session is logging out: the server clears the cookies, the console forgets `me`.
        await logout();
        navigate('/login');
        return;
      }
      const { sessionRevoke } = await request(SettingsSessionRevoke, { input: { id } });
      setErrors(sessionRevoke.errors);
      if (!sessionRevoke.errors.length) {
        setDone(words.revoked);
        await reload();
      }
    } catch (failure) {
      setErrors(failureAsErrors(failure, t(commonMessages).unexpectedError));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="card settings-section" aria-labelledby="settings-sessions">
      <h2 id="settings-sessions">{words.sessions}</h2>
      <p class="muted">{words.sessionsLead}</p>
      {error ? (
        <LoadError error={error} />
      ) : !data ? (
        <Loading />
      ) : (
        <ul class="session-list">
          {data.mySessions.map((session) => (
            <li key={session.id} class={`session-list__item${session.isCurrent ? ' session-list__item--current' : ''}`}>
              <div>
                {session.isCurrent && <span class="badge badge--ok">{words.thisSession}</span>}
                <div>
                  {words.sessionStarted}: <time dateTime={session.createdAt}>{formatDateTime(session.createdAt)}</time>
                </div>
                <div class="muted">
                  {words.sessionExpires}: <time dateTime={session.expiresAt}>{formatDateTime(session.expiresAt)}</time>
                </div>
              </div>
              <button
                type="button"
                class={`button${session.isCurrent ? ' button--danger' : ''}`}
                disabled={busy !== null}
                onClick={() => revoke(session.id, session.isCurrent)}
              >
                {session.isCurrent ? words.revokeCurrent : words.revoke}
              </button>
            </li>
          ))}
        </ul>
      )}
      <FieldErrors errors={errors} />
      <StatusLine text={done} />
    </section>
  );
}

type OfficialRow = { key: number; name: string; position: string };
let officialKey = 0;
const asRows = (agency: SettingsAgencyProfileFragment): OfficialRow[] =>
  agency.officials.map((official) => ({ key: ++officialKey, name: official.name, position: official.position }));

type AgencyDraft = Omit<SettingsAgencyProfileFragment, 'id' | 'code' | 'name' | 'officials' | '__typename'>;
const draftOf = (agency: SettingsAgencyProfileFragment): AgencyDraft => ({
  address: agency.address,
  phone: agency.phone,
  email: agency.email,
  website: agency.website,
  description: agency.description,
  serviceHours: agency.serviceHours,
});

function AgencyProfileForm({ agency }: { agency: SettingsAgencyProfileFragment }) {
  const { t } = useLang();
  const words = t(messages);
  const common = t(commonMessages);
  const [draft, setDraft] = useState<AgencyDraft>(() => draftOf(agency));
  const [officials, setOfficials] = useState<OfficialRow[]>(() => asRows(agency));
  const [errors, setErrors] = useState<PayloadErrors>([]);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (key: keyof AgencyDraft) => (value: string) => setDraft({ ...draft, [key]: value });
  const setOfficial = (index: number, change: Partial<OfficialRow>) =>
    setOfficials(officials.map((row, at) => (at === index ? { ...row, ...change } : row)));
  const move = (index: number, by: number) => {
    const next = [...officials];
    const [row] = next.splice(index, 1);
    next.splice(index + by, 0, row);
    setOfficials(next);
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setDone(null);
    try {
      const { agencyProfileUpdate } = await request(SettingsAgencyProfileUpdate, {
        input: {
          id: agency.id,
          address: draft.address.trim(),
          phone: draft.phone.trim(),
          email: draft.email.trim(),
          website: draft.website.trim(),
          description: draft.description.trim(),
          serviceHours: draft.serviceHours.trim(),
          // The list replaces the stored one as a whole, in this order: deleting is leaving a row out.
          officials: officials.map((row) => ({ name: row.name.trim(), position: row.position.trim() })),
        },
      });
      setErrors(agencyProfileUpdate.errors);
      if (!agencyProfileUpdate.errors.length && agencyProfileUpdate.agency) {
        setDraft(draftOf(agencyProfileUpdate.agency));
        setOfficials(asRows(agencyProfileUpdate.agency));
        setDone(words.agencySaved);
      }
    } catch (failure) {
      setErrors(failureAsErrors(failure, common.unexpectedError));
    } finally {
      setBusy(false);
    }
  };

  const fieldNames = [
    'address',
    'phone',
    'email',
    'website',
    'description',
    'serviceHours',
    ...officials.flatMap((_row, index) => [`officials.${index}.name`, `officials.${index}.position`]),
  ];
  return (
    <form class="stack" onSubmit={onSubmit} noValidate>
      <TextField id="agency-address" field="address" label={words.address} value={draft.address} onInput={set('address')} errors={errors} multiline autocomplete="street-address" />
      <div class="settings-grid">
        <TextField id="agency-phone" field="phone" type="tel" label={words.phone} hint={words.phoneHint} value={draft.phone} onInput={set('phone')} errors={errors} />
        <TextField id="agency-email" field="email" type="email" label={words.email} value={draft.email} onInput={set('email')} errors={errors} />
        <TextField id="agency-website" field="website" type="url" label={words.website} hint={words.websiteHint} value={draft.website} onInput={set('website')} errors={errors} />
      </div>
      <TextField id="agency-service-hours" field="serviceHours" label={words.serviceHours} hint={words.serviceHoursHint} value={draft.serviceHours} onInput={set('serviceHours')} errors={errors} multiline />
      <TextField id="agency-description" field="description" label={words.description} value={draft.description} onInput={set('description')} errors={errors} multiline />

      <fieldset class="officials">
        <legend>{words.officials}</legend>
        <p class="muted">{words.officialsLead}</p>
        {officials.length === 0 && <p class="muted">{words.noOfficials}</p>}
        <ol class="officials__list">
          {officials.map((row, index) => {
            const n = index + 1;
            return (
              <li key={row.key} class="officials__row" aria-label={format(words.official, { n })}>
                <TextField
                  id={`official-${row.key}-name`}
                  field={`officials.${index}.name`}
                  label={words.officialName}
                  value={row.name}
                  onInput={(value) => setOfficial(index, { name: value })}
                  errors={errors}
                  required
                />
                <TextField
                  id={`official-${row.key}-position`}
                  field={`officials.${index}.position`}
                  label={words.officialPosition}
                  value={row.position}
                  onInput={(value) => setOfficial(index, { position: value })}
                  errors={errors}
                  required
                />
                <div class="officials__tools">
                  <button type="button" class="button button--quiet" aria-label={format(words.moveUp, { n })} title={format(words.moveUp, { n })} disabled={index === 0} onClick={() => move(index, -1)}>
                    ↑
                  </button>
                  <button type="button" class="button button--quiet" aria-label={format(words.moveDown, { n })} title={format(words.moveDown, { n })} disabled={index === officials.length - 1} onClick={() => move(index, 1)}>
                    ↓
                  </button>
                  <button
                    type="button"
                    class="button button--danger"
                    aria-label={format(words.removeOfficial, { n })}
                    onClick={() => setOfficials(officials.filter((_row, at) => at !== index))}
                  >
                    {common.delete}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          class="button"
          onClick={() => {
            setOfficials([...officials, { key: ++officialKey, name: '', position: '' }]);
            // Focus the new row's first input so a keyboard user can type straight away.
            requestAnimationFrame(() => document.getElementById(`official-${officialKey}-name`)?.focus());
          }}
        >
          + {words.addOfficial}
        </button>
      </fieldset>

      <FieldErrors errors={generalErrors(errors, fieldNames)} />
      <StatusLine text={done} />
      <button type="submit" class="button button--primary" disabled={busy}>
        {words.saveAgency}
      </button>
    </form>
  );
}

function AgencySection({ agencyId }: { agencyId: string }) {
  const { t } = useLang();
  const words = t(messages);
  const { data, error } = useQuery(SettingsAgency, { id: agencyId });
  return (
    <section class="card settings-section settings-section--wide" aria-labelledby="settings-agency">
      <h2 id="settings-agency">{words.agencyProfile}</h2>
      {error ? (
        <LoadError error={error} />
      ) : !data ? (
        <Loading />
      ) : data.agency ? (
        <>
          <p class="muted">{format(words.agencyLead, { agency: `${data.agency.name} (${data.agency.code})` })}</p>
          <AgencyProfileForm key={data.agency.id} agency={data.agency} />
        </>
      ) : null}
    </section>
  );
}

export default function SettingsPage(_props: PageProps) {
  const { me } = useSession();
  const { t } = useLang();
  const words = t(messages);
  // The route is for logged-in users only; after logging out here the router sends to /login.
  useEffect(() => {
    if (!me) navigate('/login', { replace: true });
  }, [me]);
  if (!me) return <Loading />;
  return (
    <section class="settings">
      <h1>{words.title}</h1>
      <div class="settings-layout">
        <ProfileSection key={me.id} me={me} />
        <PasswordSection />
        <SessionsSection />
        {me.role === 'LIAISON' && me.agency && <AgencySection agencyId={me.agency.id} />}
      </div>
    </section>
  );
}
