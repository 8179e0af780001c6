// Agencies: the hierarchy as a tree, a new agency, and for one agency at a time its name and code,
// its place in the tree, active or not, deletion (only for one registered by mistake) and its public
// profile. Every change drops the agency pickers' cache (forgetAgencies), so every picker sees it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from '../../api/client';
import { useQuery } from '../../api/use-query';
import { AgencyPicker, agencyTree, type PickerAgency } from '../../components/agency-picker';
import { describedBy, errorFor, Field, FieldErrors, generalErrors, Notice } from '../../components/form';
import { Loading, LoadError } from '../../components/loading';
import type { AdminAgencyProfileQuery, AgencyLevel } from '../../gql/graphql';
import { format, useLang } from '../../i18n';
import { commonMessages } from '../../messages';
import type { PageProps } from '../../page';
import type { PayloadErrors } from '../../session';
import { messages } from './messages';
import { ConfirmButton, useAgencies, useSubmit } from './parts';
import {
  AdminAgencyActivate,
  AdminAgencyCreate,
  AdminAgencyDeactivate,
  AdminAgencyDelete,
  AdminAgencyMove,
  AdminAgencyProfile,
  AdminAgencyProfileUpdate,
  AdminAgencyUpdate,
} from './queries';

type Words = ReturnType<typeof useWords>;
function useWords() {
  return useLang().t(messages);
}

const levelKey = (level: AgencyLevel) => `level${level}` as const;

/** The level an agency gets under this parent (the API derives it from the depth). */
function levelUnder(parent: PickerAgency | undefined): AgencyLevel {
  if (!parent) return 'PROVINCE';
  return parent.level === 'PROVINCE' ? 'AGENCY' : 'UNIT';
}

/** An agency and every unit below it: it may not move under any of them. */
function withDescendants(agencies: PickerAgency[], id: string): Set<string> {
  const found = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const agency of agencies) {
      if (agency.parent && found.has(agency.parent.id) && !found.has(agency.id)) {
        found.add(agency.id);
        grew = true;
      }
    }
  }
  return found;
}

/** Units are the lowest level: nothing may be placed below one. */
function unitIds(agencies: PickerAgency[]): Set<string> {
  return new Set(agencies.filter((agency) => agency.level === 'UNIT').map((agency) => agency.id));
}

type InputAttrs = { type?: 'text' | 'email' | 'url' | 'tel'; required?: boolean; autocapitalize?: 'characters' };

/** A text input tied to its field's hint and error. */
function textInput(id: string, value: string, set: (value: string) => void, error: string | null, hint?: string, attrs: InputAttrs = {}) {
  return (
    <input
      id={id}
      // Preact types each input type apart; all of these are text-like inputs with the same attributes.
      type={(attrs.type ?? 'text') as 'text'}
      required={attrs.required}
      autocapitalize={attrs.autocapitalize}
      value={value}
      onInput={(event) => set((event.target as HTMLInputElement).value)}
      {...describedBy(id, error, hint)}
    />
  );
}

function CreateAgencyForm({ agencies, version, onDone }: { agencies: PickerAgency[]; version: number; onDone: (message: string) => Promise<void> }) {
  const words = useWords();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const [errors, setErrors] = useState<PayloadErrors>([]);
  const { busy, run } = useSubmit();
  const parent = agencies.find((agency) => agency.id === parentId);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const found = await run(async () => {
      const { agencyCreate } = await request(AdminAgencyCreate, {
        input: { code: code.trim(), name: name.trim(), parentId: parentId || null },
      });
      if (agencyCreate.errors.length) return agencyCreate.errors;
      setCode('');
      setName('');
      setParentId('');
      await onDone(format(words.agencyCreated, { name: agencyCreate.agency?.name ?? name }));
      return [];
    });
    setErrors(found);
  };

  const codeError = errorFor(errors, 'code');
  const nameError = errorFor(errors, 'name');
  const parentError = errorFor(errors, 'parentId');
  return (
    <form class="card stack" onSubmit={onSubmit} noValidate aria-labelledby="create-agency-title">
      <h2 id="create-agency-title">{words.createAgency}</h2>
      <div class="two-columns">
        <Field id="agency-new-code" label={words.code} error={codeError} hint={words.codeHint}>
          {textInput('agency-new-code', code, setCode, codeError, words.codeHint, { required: true, autocapitalize: 'characters' })}
        </Field>
        <Field id="agency-new-name" label={words.name} error={nameError}>
          {textInput('agency-new-name', name, setName, nameError, undefined, { required: true })}
        </Field>
        <Field id="agency-new-parent" label={words.parent} error={parentError} hint={words.parentHint}>
          <AgencyPicker
            key={version}
            id="agency-new-parent"
            value={parentId}
            onChange={setParentId}
            exclude={unitIds(agencies)}
            describedBy={`agency-new-parent-hint${parentError ? ' agency-new-parent-error' : ''}`}
          />
        </Field>
      </div>
      <p class="muted" role="status">
        {format(words.levelWillBe, { level: words[levelKey(levelUnder(parent))] })}
      </p>
      <FieldErrors errors={generalErrors(errors, ['code', 'name', 'parentId'])} />
      <button type="submit" class="button button--primary" disabled={busy}>
        {words.createAgency}
      </button>
    </form>
  );
}

function RenameForm({ agency, onDone }: { agency: PickerAgency; onDone: (message: string) => Promise<void> }) {
  const words = useWords();
  const common = useLang().t(commonMessages);
  const [code, setCode] = useState(agency.code);
  const [name, setName] = useState(agency.name);
  const [errors, setErrors] = useState<PayloadErrors>([]);
  const { busy, run } = useSubmit();
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const input = {
      id: agency.id,
      code: code.trim() !== agency.code ? code.trim() : null,
      name: name.trim() !== agency.name ? name.trim() : null,
    };
    const found = await run(async () => {
      const { agencyUpdate } = await request(AdminAgencyUpdate, { input });
      if (agencyUpdate.errors.length) return agencyUpdate.errors;
      await onDone(words.agencySaved);
      return [];
    });
    setErrors(found);
  };
  const codeError = errorFor(errors, 'code');
  const nameError = errorFor(errors, 'name');
  return (
    <form class="stack" onSubmit={onSubmit} noValidate aria-labelledby="agency-rename-title">
      <h3 id="agency-rename-title">{words.renameTitle}</h3>
      <div class="two-columns">
        <Field id="agency-edit-code" label={words.code} error={codeError} hint={words.codeHint}>
          {textInput('agency-edit-code', code, setCode, codeError, words.codeHint, { required: true })}
        </Field>
        <Field id="agency-edit-name" label={words.name} error={nameError}>
          {textInput('agency-edit-name', name, setName, nameError, undefined, { required: true })}
        </Field>
      </div>
      <FieldErrors errors={generalErrors(errors, ['code', 'name'])} />
      <button type="submit" class="button button--primary" disabled={busy}>
        {common.save}
      </button>
    </form>
  );
}

function MoveForm({ agency, agencies, version, onDone }: { agency: PickerAgency; agencies: PickerAgency[]; version: number; onDone: (message: string) => Promise<void> }) {
  const words = useWords();
  const [parentId, setParentId] = useState(agency.parent?.id ?? '');
  const [errors, setErrors] = useState<PayloadErrors>([]);
  const { busy, run } = useSubmit();
  const excluded = new Set([...withDescendants(agencies, agency.id), ...unitIds(agencies)]);
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const found = await run(async () => {
      const { agencyMove } = await request(AdminAgencyMove, { input: { id: agency.id, parentId: parentId || null } });
      if (agencyMove.errors.length) return agencyMove.errors;
      await onDone(words.agencyMoved);
      return [];
    });
    setErrors(found);
  };
  const parentError = errorFor(errors, 'parentId');
  return (
    <form class="stack" onSubmit={onSubmit} noValidate aria-labelledby="agency-move-title">
      <h3 id="agency-move-title">{words.moveTitle}</h3>
      <Field id="agency-move-parent" label={words.moveTo} error={parentError} hint={words.moveHint}>
        <AgencyPicker
          key={version}
          id="agency-move-parent"
          value={parentId}
          onChange={setParentId}
          exclude={excluded}
          describedBy={`agency-move-parent-hint${parentError ? ' agency-move-parent-error' : ''}`}
        />
      </Field>
      <FieldErrors errors={generalErrors(errors, ['parentId'])} />
      <button type="submit" class="button" disabled={busy || parentId === (agency.parent?.id ?? '')}>
        {words.move}
      </button>
    </form>
  );
}

function StateAndDelete({ agency, onDone, onDeleted }: { agency: PickerAgency; onDone: (message: string) => Promise<void>; onDeleted: (message: string) => Promise<void> }) {
  const words = useWords();
  const [errors, setErrors] = useState<PayloadErrors>([]);
  const { busy, run } = useSubmit();
  const toggle = async () => {
    const input = { id: agency.id };
    setErrors(
      await run(async () => {
        const payload = agency.isActive
          ? (await request(AdminAgencyDeactivate, { input })).agencyDeactivate
          : (await request(AdminAgencyActivate, { input })).agencyActivate;
        if (payload.errors.length) return payload.errors;
        await onDone(agency.isActive ? words.agencyDeactivated : words.agencyActivated);
        return [];
      }),
    );
  };
  const remove = async () => {
    setErrors(
      await run(async () => {
        const { agencyDelete } = await request(AdminAgencyDelete, { input: { id: agency.id } });
        if (agencyDelete.errors.length) return agencyDelete.errors;
        await onDeleted(words.agencyDeleted);
        return [];
      }),
    );
  };
  return (
    <>
      <section class="stack" aria-labelledby="agency-state-title">
        <h3 id="agency-state-title">{words.stateTitle}</h3>
        <p>{agency.isActive ? words.stateActive : words.stateInactive}</p>
        <button type="button" class={`button ${agency.isActive ? 'button--danger' : 'button--primary'}`} disabled={busy} onClick={toggle}>
          {agency.isActive ? words.deactivate : words.activate}
        </button>
      </section>
      <section class="stack" aria-labelledby="agency-delete-title">
        <h3 id="agency-delete-title">{words.deleteTitle}</h3>
        <p class="muted">{words.deleteHint}</p>
        <ConfirmButton
          label={words.deleteTitle}
          question={format(words.deleteConfirm, { name: agency.name })}
          confirmLabel={words.yesDelete}
          disabled={busy}
          onConfirm={remove}
        />
        <FieldErrors errors={errors} />
      </section>
    </>
  );
}

type Profile = NonNullable<AdminAgencyProfileQuery['agency']>;
const PROFILE_FIELDS = ['address', 'phone', 'email', 'website', 'description', 'serviceHours'] as const;

function ProfileForm({ profile, onDone }: { profile: Profile; onDone: (message: string) => Promise<void> }) {
  const words = useWords();
  const [values, setValues] = useState(() => Object.fromEntries(PROFILE_FIELDS.map((field) => [field, profile[field]])) as Record<(typeof PROFILE_FIELDS)[number], string>);
  const [officials, setOfficials] = useState(profile.officials.map(({ name, position }) => ({ name, position })));
  const [errors, setErrors] = useState<PayloadErrors>([]);
  const { busy, run } = useSubmit();
  const set = (field: (typeof PROFILE_FIELDS)[number]) => (value: string) => setValues({ ...values, [field]: value });
  const setOfficial = (index: number, key: 'name' | 'position', value: string) =>
    setOfficials(officials.map((official, at) => (at === index ? { ...official, [key]: value } : official)));

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const found = await run(async () => {
      const { agencyProfileUpdate } = await request(AdminAgencyProfileUpdate, {
        input: { id: profile.id, ...values, officials: officials.map((o) => ({ name: o.name.trim(), position: o.position.trim() })) },
      });
      if (agencyProfileUpdate.errors.length) return agencyProfileUpdate.errors;
      await onDone(words.profileSaved);
      return [];
    });
    setErrors(found);
  };

  const labels: Record<(typeof PROFILE_FIELDS)[number], string> = {
    address: words.address,
    phone: words.phoneLabel,
    email: words.email,
    website: words.website,
    description: words.description,
    serviceHours: words.serviceHours,
  };
  const officialFields = officials.flatMap((_o, index) => [`officials.${index}.name`, `officials.${index}.position`]);
  return (
    <form class="stack" onSubmit={onSubmit} noValidate aria-labelledby="agency-profile-title">
      <h3 id="agency-profile-title">{words.profileTitle}</h3>
      <div class="two-columns">
        {PROFILE_FIELDS.map((field) => {
          const id = `agency-profile-${field}`;
          const error = errorFor(errors, field);
          const multiline = field === 'description' || field === 'address' || field === 'serviceHours';
          return (
            <Field key={field} id={id} label={labels[field]} error={error}>
              {multiline ? (
                <textarea id={id} value={values[field]} onInput={(event) => set(field)((event.target as HTMLTextAreaElement).value)} {...describedBy(id, error)} />
              ) : (
                textInput(id, values[field], set(field), error, undefined, {
                  type: field === 'email' ? 'email' : field === 'website' ? 'url' : field === 'phone' ? 'tel' : 'text',
                })
              )}
            </Field>
          );
        })}
      </div>
      <fieldset class="stack">
        <legend>{words.officials}</legend>
        {officials.map((official, index) => {
          const n = index + 1;
          const nameId = `agency-official-${index}-name`;
          const positionId = `agency-official-${index}-position`;
          const nameError = errorFor(errors, `officials.${index}.name`);
          const positionError = errorFor(errors, `officials.${index}.position`);
          return (
            <div class="official-row" key={index}>
              <Field id={nameId} label={format(words.officialName, { n })} error={nameError}>
                {textInput(nameId, official.name, (value) => setOfficial(index, 'name', value), nameError)}
              </Field>
              <Field id={positionId} label={format(words.officialPosition, { n })} error={positionError}>
                {textInput(positionId, official.position, (value) => setOfficial(index, 'position', value), positionError)}
              </Field>
              <button type="button" class="button button--quiet" onClick={() => setOfficials(officials.filter((_o, at) => at !== index))}>
                {format(words.removeOfficial, { n })}
              </button>
            </div>
          );
        })}
        <div>
          <button type="button" class="button" onClick={() => setOfficials([...officials, { name: '', position: '' }])}>
            {words.addOfficial}
          </button>
        </div>
      </fieldset>
      <FieldErrors errors={generalErrors(errors, [...PROFILE_FIELDS, 'officials', ...officialFields])} />
      <button type="submit" class="button button--primary" disabled={busy}>
        {words.saveProfile}
      </button>
    </form>
  );
}

type EditorProps = {
  agency: PickerAgency;
  agencies: PickerAgency[];
  version: number;
  onChanged: (message: string) => Promise<void>;
  onDeleted: (message: string) => Promise<void>;
  onClose: () => void;
};

function AgencyEditor({ agency, agencies, version, onChanged, onDeleted, onClose }: EditorProps) {
  const words = useWords();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [agency.id]);
  const { data, error, reload } = useQuery(AdminAgencyProfile, { id: agency.id });
  const profile = data?.agency;
  return (
    <section class="card stack agency-editor" aria-labelledby="agency-editor-title">
      <div class="agency-editor__head">
        <h2 id="agency-editor-title" tabIndex={-1} ref={heading}>
          {format(words.editing, { name: `${agency.name} (${agency.code})` })}
        </h2>
        <button type="button" class="button button--quiet" onClick={onClose}>
          {words.closeEditor}
        </button>
      </div>
      <p class="muted">
        {words.level}: {words[levelKey(agency.level)]}
      </p>
      <RenameForm key={`${agency.id}-${agency.code}-${agency.name}`} agency={agency} onDone={onChanged} />
      <MoveForm key={`${agency.id}-${agency.parent?.id}`} agency={agency} agencies={agencies} version={version} onDone={onChanged} />
      <StateAndDelete agency={agency} onDone={onChanged} onDeleted={onDeleted} />
      {error ? <LoadError error={error} /> : null}
      {profile ? (
        <>
          <ProfileForm
            key={JSON.stringify(profile)}
            profile={profile}
            onDone={async (message) => {
              await reload();
              await onChanged(message);
            }}
          />
          <section aria-labelledby="agency-liaisons-title">
            <h3 id="agency-liaisons-title">{words.liaisonsOf}</h3>
            {profile.liaisons.length ? (
              <ul>
                {profile.liaisons.map((liaison) => (
                  <li key={liaison.id}>
                    <span class="user-text">{liaison.name}</span> {liaison.email ? <span class="muted">({liaison.email})</span> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">{words.noLiaisons}</p>
            )}
          </section>
        </>
      ) : (
        !error && <Loading />
      )}
    </section>
  );
}

function AgencyTreeTable({ agencies, selectedId, onSelect, words }: { agencies: PickerAgency[]; selectedId: string | null; onSelect: (id: string) => void; words: Words }) {
  return (
    <table class="responsive agency-tree" aria-labelledby="agency-tree-title">
      <thead>
        <tr>
          <th scope="col">{words.name}</th>
          <th scope="col">{words.code}</th>
          <th scope="col">{words.level}</th>
          <th scope="col">{words.status}</th>
          <th scope="col">{words.colActions}</th>
        </tr>
      </thead>
      <tbody>
        {agencyTree(agencies).map(({ agency, depth }) => (
          <tr
            key={agency.id}
            class={`agency-tree__row${agency.isActive ? '' : ' agency-tree__row--inactive'}${agency.id === selectedId ? ' agency-tree__row--selected' : ''}`}
          >
            <td data-label={words.name}>
              <span class={`agency-tree__name agency-tree__name--${Math.min(depth, 3)}`}>{agency.name}</span>
            </td>
            <td data-label={words.code} class="code">
              {agency.code}
            </td>
            <td data-label={words.level}>{words[levelKey(agency.level)]}</td>
            <td data-label={words.status}>
              <span class={`badge ${agency.isActive ? 'badge--ok' : 'badge--bad'}`}>{agency.isActive ? words.active : words.inactive}</span>
            </td>
            <td data-label={words.colActions}>
              <button
                type="button"
                class="button"
                aria-label={`${words.edit}: ${agency.name}`}
                aria-pressed={agency.id === selectedId}
                onClick={() => onSelect(agency.id)}
              >
                {words.edit}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function AgenciesPage(_props: PageProps) {
  const words = useWords();
  const { agencies, error, refresh, version } = useAgencies();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const selected = agencies?.find((agency) => agency.id === selectedId) ?? null;

  const changed = async (message: string) => {
    await refresh();
    setNotice(message);
  };

  return (
    <section class="admin-page">
      <h1>{words.agenciesTitle}</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      {error ? <LoadError error={error} /> : null}
      {!agencies ? (
        !error && <Loading />
      ) : (
        <>
          {selected && (
            <AgencyEditor
              key={selected.id}
              agency={selected}
              agencies={agencies}
              version={version}
              onChanged={changed}
              onDeleted={async (message) => {
                setSelectedId(null);
                await changed(message);
              }}
              onClose={() => setSelectedId(null)}
            />
          )}
          <h2 id="agency-tree-title">{words.hierarchy}</h2>
          <AgencyTreeTable
            agencies={agencies}
            selectedId={selectedId}
            words={words}
            onSelect={(id) => {
              setNotice(null);
              setSelectedId(id);
            }}
          />
          <CreateAgencyForm agencies={agencies} version={version} onDone={changed} />
        </>
      )}
    </section>
  );
}
