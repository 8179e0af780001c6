// The period fields of both statistics pages' filters: from and to, dates of the province. A period that
// ends before it begins is refused in the form, beside "to", before the API would refuse it.
import { Field } from '../../components/form';
import { useLang } from '../../i18n';
import { messages } from './messages';

export type Period = { from: string; to: string };

/** Whether the period ends before it begins. */
export function isReversed(period: Period): boolean {
  return Boolean(period.from && period.to && period.from > period.to);
}

type PeriodFieldsProps = {
  /** The inputs' ids are `<idPrefix>-from` and `<idPrefix>-to`. */
  idPrefix: string;
  period: Period;
  onChange: (period: Period) => void;
  /** Show that the period ends before it begins. */
  reversed: boolean;
};

export function PeriodFields({ idPrefix, period, onChange, reversed }: PeriodFieldsProps) {
  const { t } = useLang();
  const words = t(messages);
  return (
    <>
      <Field id={`${idPrefix}-from`} label={words.from} hint={words.dateHint}>
        <input
          id={`${idPrefix}-from`}
          type="date"
          value={period.from}
          aria-describedby={`${idPrefix}-from-hint`}
          onInput={(event) => onChange({ ...period, from: (event.target as HTMLInputElement).value })}
        />
      </Field>
      <Field id={`${idPrefix}-to`} label={words.to} error={reversed ? words.fromAfterTo : null}>
        <input
          id={`${idPrefix}-to`}
          type="date"
          value={period.to}
          aria-invalid={reversed || undefined}
          aria-describedby={reversed ? `${idPrefix}-to-error` : undefined}
          onInput={(event) => onChange({ ...period, to: (event.target as HTMLInputElement).value })}
        />
      </Field>
    </>
  );
}
