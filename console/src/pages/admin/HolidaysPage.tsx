// The working-day calendar: a year's holidays (national and agencies' own), add and delete one, and
// import an iCalendar file (read in the browser and sent as text, as holidayImport expects).
import { useState } from 'preact/hooks';
import { request } from '../../api/client';
import { useQuery } from '../../api/use-query';
import { AgencyPicker } from '../../components/agency-picker';
import { describedBy, errorFor, Field, FieldErrors, generalErrors, Notice } from '../../components/form';
import { Loading, LoadError } from '../../components/loading';
import type { HolidayKind } from '../../gql/graphql';
import { format, useLang } from '../../i18n';
import { commonMessages } from '../../messages';
import { setQuery, useLocation } from '../../router';
import type { PageProps } from '../../page';
import type { PayloadErrors } from '../../session';
import { messages } from './messages';
import { useSubmit } from './parts';
import { AdminHolidayCreate, AdminHolidayDelete, AdminHolidayImport, AdminHolidays } from './queries';

const KINDS: HolidayKind[] = ['NATIONAL', 'CUTI_BERSAMA'];
const kindKey = (kind: HolidayKind) => `kind${kind}` as const;

function AddHolidayForm({ onDone }: { onDone: (message: string, year: number) => Promise<void> }) {
  const { t, formatDate } = useLang();
  const words = t(messages);
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<HolidayKind>('NATIONAL');
  const [agencyId, setAgencyId] = useState('');
  const [errors, setErrors] = useState<PayloadErrors>([]);
  const { busy, run } = useSubmit();

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!date) {
      // The API's Date scalar would refuse an empty string as a whole request: say it at the field.
      setErrors([{ field: 'date', code: 'REQUIRED', message: words.dateRequired }]);
      return;
    }
    const found = await run(async () => {
      const { holidayCreate } = await request(AdminHolidayCreate, {
        input: { date, name: name.trim(), kind, agencyId: agencyId || null },
      });
      if (holidayCreate.errors.length) return holidayCreate.errors;
      setName('');
      setDate('');
      setAgencyId(''); // the next holiday is national unless an agency is chosen again
      await onDone(format(words.holidayAdded, { date: formatDate(date) }), Number(date.slice(0, 4)));
      return [];
    });
    setErrors(found);
  };

  const dateError = errorFor(errors, 'date');
  const nameError = errorFor(errors, 'name');
  const kindError = errorFor(errors, 'kind');
  const agencyError = errorFor(errors, 'agencyId');
  return (
    <form class="card stack" onSubmit={onSubmit} noValidate aria-labelledby="holiday-add-title">
      <h2 id="holiday-add-title">{words.addHoliday}</h2>
      <div class="two-columns">
        <Field id="holiday-date" label={words.date} error={dateError}>
          <input
            id="holiday-date"
            type="date"
            required
            value={date}
            onInput={(event) => setDate((event.target as HTMLInputElement).value)}
            {...describedBy('holiday-date', dateError)}
          />
        </Field>
        <Field id="holiday-name" label={words.name} error={nameError}>
          <input
            id="holiday-name"
            required
            value={name}
            onInput={(event) => setName((event.target as HTMLInputElement).value)}
            {...describedBy('holiday-name', nameError)}
          />
        </Field>
        <Field id="holiday-kind" label={words.kind} error={kindError}>
          <select id="holiday-kind" value={kind} onChange={(event) => setKind((event.target as HTMLSelectElement).value as HolidayKind)}>
            {KINDS.map((candidate) => (
              <option key={candidate} value={candidate}>
                {words[kindKey(candidate)]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="holiday-agency" label={words.holidayAgency} error={agencyError} hint={words.holidayAgencyHint}>
          <AgencyPicker
            id="holiday-agency"
            value={agencyId}
            onChange={setAgencyId}
            describedBy={`holiday-agency-hint${agencyError ? ' holiday-agency-error' : ''}`}
          />
        </Field>
      </div>
      <FieldErrors errors={generalErrors(errors, ['date', 'name', 'kind', 'agencyId'])} />
      <button type="submit" class="button button--primary" disabled={busy}>
        {words.addHoliday}
      </button>
    </form>
  );
}

function ImportForm({ onDone }: { onDone: (message: string) => Promise<void> }) {
  const { t } = useLang();
  const words = t(messages);
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<HolidayKind | ''>('');
  const [agencyId, setAgencyId] = useState('');
  const [errors, setErrors] = useState<PayloadErrors>([]);
  const { busy, run } = useSubmit();

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!file) {
      setErrors([{ field: 'ics', code: 'REQUIRED', message: words.noFile }]);
      return;
    }
    const form = event.currentTarget as HTMLFormElement;
    const found = await run(async () => {
      const ics = await file.text();
      const { holidayImport } = await request(AdminHolidayImport, {
        input: { ics, kind: kind || null, agencyId: agencyId || null },
      });
      if (holidayImport.errors.length) return holidayImport.errors;
      form.reset();
      setFile(null);
      await onDone(format(words.imported, { n: holidayImport.imported, file: file.name }));
      return [];
    });
    setErrors(found);
  };

  const fileError = errorFor(errors, 'ics');
  const kindError = errorFor(errors, 'kind');
  const agencyError = errorFor(errors, 'agencyId');
  return (
    <form class="card stack" onSubmit={onSubmit} noValidate aria-labelledby="holiday-import-title">
      <h2 id="holiday-import-title">{words.importTitle}</h2>
      <p class="muted">{words.importIntro}</p>
      <div class="two-columns">
        <Field id="holiday-ics" label={words.file} error={fileError}>
          <input
            id="holiday-ics"
            type="file"
            accept=".ics,text/calendar"
            onChange={(event) => setFile((event.target as HTMLInputElement).files?.[0] ?? null)}
            {...describedBy('holiday-ics', fileError)}
          />
        </Field>
        <Field id="holiday-import-kind" label={words.importKind} error={kindError}>
          <select
            id="holiday-import-kind"
            value={kind}
            onChange={(event) => setKind((event.target as HTMLSelectElement).value as HolidayKind | '')}
          >
            <option value="">{words.importKindAuto}</option>
            {KINDS.map((candidate) => (
              <option key={candidate} value={candidate}>
                {words[kindKey(candidate)]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="holiday-import-agency" label={words.holidayAgency} error={agencyError} hint={words.holidayAgencyHint}>
          <AgencyPicker
            id="holiday-import-agency"
            value={agencyId}
            onChange={setAgencyId}
            describedBy={`holiday-import-agency-hint${agencyError ? ' holiday-import-agency-error' : ''}`}
          />
        </Field>
      </div>
      <FieldErrors errors={generalErrors(errors, ['ics', 'kind', 'agencyId'])} />
      <button type="submit" class="button button--primary" disabled={busy}>
        {words.import}
      </button>
    </form>
  );
}

export default function HolidaysPage(_props: PageProps) {
  const { t, formatDate } = useLang();
  const words = t(messages);
  const common = t(commonMessages);
  const { query } = useLocation();
  const thisYear = new Date().getFullYear();
  const asked = Number(query.get('year'));
  const year = Number.isInteger(asked) && asked >= 1900 && asked <= 2999 ? asked : thisYear;
  const agencyId = query.get('agency') ?? '';
  const { data, error, loading, reload } = useQuery(AdminHolidays, { year, agencyId: agencyId || null });
  const [notice, setNotice] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<PayloadErrors>([]);
  const { busy, run } = useSubmit();
  // Two years back (to check past deadlines) to five ahead (calendars are published early).
  const years = [...new Set([...Array.from({ length: 8 }, (_v, i) => thisYear - 2 + i), year])].sort((a, b) => a - b);

  const done = async (message: string, inYear?: number) => {
    setNotice(message);
    setRowErrors([]);
    if (inYear !== undefined && inYear !== year) setQuery({ year: String(inYear) });
    else await reload();
  };

  const remove = async (id: string) => {
    setNotice(null);
    setRowErrors(
      await run(async () => {
        const { holidayDelete } = await request(AdminHolidayDelete, { input: { id } });
        if (holidayDelete.errors.length) return holidayDelete.errors;
        setNotice(words.holidayDeleted);
        await reload();
        return [];
      }),
    );
  };

  const holidays = data?.holidays ?? [];
  return (
    <section class="admin-page" aria-busy={loading}>
      <h1>{words.holidaysTitle}</h1>
      <p class="muted">{words.holidaysIntro}</p>
      {notice && <Notice kind="success">{notice}</Notice>}
      <FieldErrors errors={rowErrors} />
      {/* The forms first: on a phone the year's list is long. */}
      <div class="two-columns">
        <AddHolidayForm onDone={done} />
        <ImportForm onDone={(message) => done(message)} />
      </div>
      <h2 id="holidays-list-title">{format(words.holidaysOf, { year })}</h2>
      <form class="admin-filters" aria-label={words.filters} onSubmit={(event) => event.preventDefault()}>
        <Field id="holidays-year" label={words.year}>
          <select id="holidays-year" value={String(year)} onChange={(event) => setQuery({ year: (event.target as HTMLSelectElement).value })}>
            {years.map((candidate) => (
              <option key={candidate} value={String(candidate)}>
                {candidate}
              </option>
            ))}
          </select>
        </Field>
        <Field id="holidays-agency" label={words.holidayAgencyFilter} hint={words.holidayAll}>
          <AgencyPicker
            id="holidays-agency"
            value={agencyId}
            includeInactive
            describedBy="holidays-agency-hint"
            onChange={(id) => setQuery({ agency: id || null })}
          />
        </Field>
      </form>
      {error ? <LoadError error={error} /> : null}
      {loading && !data ? (
        <Loading />
      ) : holidays.length === 0 ? (
        <p class="muted">{words.noHolidays}</p>
      ) : (
        <table class="responsive holidays" aria-labelledby="holidays-list-title">
          <thead>
            <tr>
              <th scope="col">{words.date}</th>
              <th scope="col">{words.name}</th>
              <th scope="col">{words.kind}</th>
              <th scope="col">{words.scope}</th>
              <th scope="col">{words.colActions}</th>
            </tr>
          </thead>
          <tbody>
            {holidays.map((holiday) => (
              <tr key={holiday.id}>
                <td data-label={words.date}>
                  <time dateTime={holiday.date}>{formatDate(holiday.date)}</time>
                </td>
                <td data-label={words.name} class="user-text">
                  {holiday.name}
                </td>
                <td data-label={words.kind}>
                  <span class={`badge ${holiday.kind === 'CUTI_BERSAMA' ? 'badge--warn' : ''}`}>{words[kindKey(holiday.kind)]}</span>
                </td>
                <td data-label={words.scope}>{holiday.agency ? `${holiday.agency.name} (${holiday.agency.code})` : words.national}</td>
                <td data-label={words.colActions}>
                  <button
                    type="button"
                    class="button button--danger"
                    disabled={busy}
                    aria-label={`${common.delete}: ${holiday.name} (${formatDate(holiday.date)})`}
                    onClick={() => remove(holiday.id)}
                  >
                    {common.delete}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
