// Liaison accounts: the user list (by role, agency, status), a new liaison with their one-time setup
// secret, deactivate / activate, and a one-time reset secret. A secret is shown once, in a marked box,
// and forgotten when the box is closed: the API never gives it again.
import { useState } from 'preact/hooks';
import { request } from '../../api/client';
import { useQuery } from '../../api/use-query';
import { AgencyPicker } from '../../components/agency-picker';
import { describedBy, errorFor, Field, FieldErrors, generalErrors, Notice } from '../../components/form';
import { Loading, LoadError } from '../../components/loading';
import type { AdminUsersQuery, Role } from '../../gql/graphql';
import { format, useLang } from '../../i18n';
import { commonMessages } from '../../messages';
import { setQuery, useLocation } from '../../router';
import type { PageProps } from '../../page';
import type { PayloadErrors } from '../../session';
import { messages } from './messages';
import { PAGE_SIZE, Pager, SecretBox, useCursorPages, useSubmit } from './parts';
import { AdminLiaisonCreate, AdminPasswordResetIssue, AdminUserActivate, AdminUserDeactivate, AdminUsers } from './queries';

type User = AdminUsersQuery['users']['edges'][number]['node'];
type Secret = { title: string; secret: string; expiresAt: string | null };
const ROLES: Role[] = ['LIAISON', 'ADMIN', 'ANALYST', 'CITIZEN'];
const CREATE_FIELDS = ['name', 'email', 'phone', 'agencyId'];

function CreateLiaisonForm({ onCreated }: { onCreated: (secret: Secret, name: string) => void }) {
  const { t } = useLang();
  const words = t(messages);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [agencyId, setAgencyId] = useState('');
  const [errors, setErrors] = useState<PayloadErrors>([]);
  const { busy, run } = useSubmit();

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const found = await run(async () => {
      const { liaisonCreate } = await request(AdminLiaisonCreate, {
        input: { name: name.trim(), email: email.trim(), phone: phone.trim(), agencyId },
      });
      if (liaisonCreate.errors.length || !liaisonCreate.secret) return liaisonCreate.errors;
      const who = liaisonCreate.user?.name ?? name;
      onCreated(
        { title: format(words.secretTitleSetup, { name: who }), secret: liaisonCreate.secret, expiresAt: liaisonCreate.secretExpiresAt },
        who,
      );
      setName('');
      setEmail('');
      setPhone('');
      setAgencyId('');
      return [];
    });
    setErrors(found);
  };

  const nameError = errorFor(errors, 'name');
  const emailError = errorFor(errors, 'email');
  const phoneError = errorFor(errors, 'phone');
  const agencyError = errorFor(errors, 'agencyId');
  return (
    <form class="card stack" onSubmit={onSubmit} noValidate aria-labelledby="create-liaison-title">
      <h2 id="create-liaison-title">{words.createLiaison}</h2>
      <p class="muted">{words.createLiaisonIntro}</p>
      <div class="two-columns">
        <Field id="liaison-name" label={words.name} error={nameError}>
          <input
            id="liaison-name"
            required
            autocomplete="off"
            value={name}
            onInput={(event) => setName((event.target as HTMLInputElement).value)}
            {...describedBy('liaison-name', nameError)}
          />
        </Field>
        <Field id="liaison-email" label={words.email} error={emailError}>
          <input
            id="liaison-email"
            type="email"
            required
            autocomplete="off"
            value={email}
            onInput={(event) => setEmail((event.target as HTMLInputElement).value)}
            {...describedBy('liaison-email', emailError)}
          />
        </Field>
        <Field id="liaison-phone" label={words.phone} error={phoneError}>
          <input
            id="liaison-phone"
            type="tel"
            autocomplete="off"
            value={phone}
            onInput={(event) => setPhone((event.target as HTMLInputElement).value)}
            {...describedBy('liaison-phone', phoneError)}
          />
        </Field>
        <Field id="liaison-agency" label={words.agency} error={agencyError}>
          <AgencyPicker
            id="liaison-agency"
            value={agencyId}
            required
            onChange={setAgencyId}
            describedBy={agencyError ? 'liaison-agency-error' : undefined}
          />
        </Field>
      </div>
      <FieldErrors errors={generalErrors(errors, CREATE_FIELDS)} />
      <button type="submit" class="button button--primary" disabled={busy}>
        {words.create}
      </button>
    </form>
  );
}

export default function AccountsPage(_props: PageProps) {
  const { t } = useLang();
  const words = t(messages);
  const common = t(commonMessages);
  const { query } = useLocation();
  // A page for liaison accounts: it opens on liaisons; "any role" shows everyone.
  const roleParam = query.get('role') ?? 'LIAISON';
  const role = ROLES.find((candidate) => candidate === roleParam) ?? null;
  const agencyId = query.get('agency') ?? '';
  const active = query.get('active');
  const filter = {
    role,
    agencyId: agencyId || null,
    active: active === 'yes' ? true : active === 'no' ? false : null,
  };
  const pages = useCursorPages(JSON.stringify(filter));
  const { data, error, loading, reload } = useQuery(AdminUsers, { filter, first: PAGE_SIZE, after: pages.after });
  const [secret, setSecret] = useState<Secret | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<PayloadErrors>([]);
  const { busy, run } = useSubmit();

  const rowAction = async (action: () => Promise<PayloadErrors>) => {
    setNotice(null);
    setRowErrors(await run(action));
  };

  const toggle = (user: User) =>
    rowAction(async () => {
      const input = { id: user.id };
      const payload = user.isActive
        ? (await request(AdminUserDeactivate, { input })).userDeactivate
        : (await request(AdminUserActivate, { input })).userActivate;
      if (payload.errors.length) return payload.errors;
      setNotice(format(user.isActive ? words.userDeactivated : words.userActivated, { name: user.name }));
      await reload();
      return [];
    });

  const issueReset = (user: User) =>
    rowAction(async () => {
      const { userPasswordResetIssue: payload } = await request(AdminPasswordResetIssue, { input: { id: user.id } });
      if (payload.errors.length || !payload.secret) return payload.errors;
      setSecret({
        title: format(words.secretTitleReset, { name: user.name }),
        secret: payload.secret,
        expiresAt: payload.secretExpiresAt,
      });
      return [];
    });

  const users = data?.users.edges.map((edge) => edge.node) ?? [];
  return (
    <section class="admin-page" aria-busy={loading}>
      <h1>{words.accountsTitle}</h1>
      {secret && <SecretBox key={secret.secret} {...secret} onDone={() => setSecret(null)} />}
      {notice && <Notice kind="success">{notice}</Notice>}
      <FieldErrors errors={rowErrors} />
      <CreateLiaisonForm
        onCreated={(created, name) => {
          setSecret(created);
          setNotice(format(words.userCreated, { name }));
          setRowErrors([]);
          void reload();
        }}
      />

      <h2 id="accounts-list-title">{words.accountsList}</h2>
      <form class="admin-filters" aria-label={words.filters} onSubmit={(event) => event.preventDefault()}>
        <Field id="users-role" label={words.role}>
          <select
            id="users-role"
            value={role ?? 'all'}
            onChange={(event) => {
              const value = (event.target as HTMLSelectElement).value;
              setQuery({ role: value === 'LIAISON' ? null : value });
            }}
          >
            <option value="all">{words.anyRole}</option>
            {ROLES.map((candidate) => (
              <option key={candidate} value={candidate}>
                {common[`role${candidate}`]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="users-agency" label={words.agency} hint={words.agencyFilterHint}>
          <AgencyPicker
            id="users-agency"
            value={agencyId}
            includeInactive
            describedBy="users-agency-hint"
            onChange={(id) => setQuery({ agency: id || null })}
          />
        </Field>
        <Field id="users-active" label={words.status}>
          <select
            id="users-active"
            value={active ?? ''}
            onChange={(event) => setQuery({ active: (event.target as HTMLSelectElement).value || null })}
          >
            <option value="">{words.anyStatus}</option>
            <option value="yes">{words.active}</option>
            <option value="no">{words.inactive}</option>
          </select>
        </Field>
      </form>
      {error ? <LoadError error={error} /> : null}
      {loading && !data ? (
        <Loading />
      ) : users.length === 0 ? (
        <p class="muted">{words.noUsers}</p>
      ) : (
        <table class="responsive" aria-labelledby="accounts-list-title">
          <thead>
            <tr>
              <th scope="col">{words.name}</th>
              <th scope="col">{words.email}</th>
              <th scope="col">{words.role}</th>
              <th scope="col">{words.agency}</th>
              <th scope="col">{words.status}</th>
              <th scope="col">{words.colActions}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td data-label={words.name} class="user-text">
                  {user.name}
                </td>
                <td data-label={words.email}>{user.email ?? '—'}</td>
                <td data-label={words.role}>{common[`role${user.role}`]}</td>
                <td data-label={words.agency}>{user.agency ? `${user.agency.name} (${user.agency.code})` : '—'}</td>
                <td data-label={words.status}>
                  <span class={`badge ${user.isActive ? 'badge--ok' : 'badge--bad'}`}>
                    {user.isActive ? words.active : words.inactive}
                  </span>
                </td>
                <td data-label={words.colActions}>
                  {user.role === 'ADMIN' ? (
                    <span class="muted">{words.adminProtected}</span>
                  ) : (
                    <span class="actions-cell">
                      <button
                        type="button"
                        class="button"
                        disabled={busy}
                        aria-label={`${user.isActive ? words.deactivate : words.activate}: ${user.name}`}
                        onClick={() => toggle(user)}
                      >
                        {user.isActive ? words.deactivate : words.activate}
                      </button>
                      <button
                        type="button"
                        class="button"
                        disabled={busy || !user.isActive}
                        aria-label={`${words.issueReset}: ${user.name}`}
                        onClick={() => issueReset(user)}
                      >
                        {words.issueReset}
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        page={pages.page}
        hasNext={data?.users.pageInfo.hasNextPage ?? false}
        endCursor={data?.users.pageInfo.endCursor}
        pages={pages}
      />
    </section>
  );
}
