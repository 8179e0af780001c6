// Form pieces every page uses: a labelled field, payload errors shown beside the input they name,
// and a notice area that screen readers announce.
import type { ComponentChildren } from 'preact';
import type { PayloadErrors } from '../session';

let nextId = 0;
/** A stable id for a label/input pair. */
export function fieldId(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** The error the server gave for this input field (`errors { field }` is the input's name). */
export function errorFor(errors: PayloadErrors, field: string): string | null {
  return errors.find((error) => error.field === field)?.message ?? null;
}

/** The errors that name no input field of this form: shown above the buttons. */
export function generalErrors(errors: PayloadErrors, fields: string[]): PayloadErrors {
  return errors.filter((error) => !error.field || !fields.includes(error.field));
}

type FieldProps = {
  id: string;
  label: string;
  error?: string | null;
  hint?: string;
  children: ComponentChildren;
};

/** A label, the control (children, which must carry `id`), a hint and the field's error. */
export function Field({ id, label, error, hint, children }: FieldProps) {
  return (
    <div class={`field${error ? ' field--invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} class="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

/** aria attributes that tie a control to its hint and error. */
export function describedBy(
  id: string,
  error?: string | null,
  hint?: string,
): { 'aria-describedby'?: string; 'aria-invalid'?: boolean } {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return { 'aria-describedby': ids || undefined, 'aria-invalid': error ? true : undefined };
}

export function FieldErrors({ errors }: { errors: PayloadErrors }) {
  if (!errors.length) return null;
  return (
    <ul class="form-errors" role="alert">
      {errors.map((error) => (
        <li key={`${error.field}-${error.code}`}>{error.message}</li>
      ))}
    </ul>
  );
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'success' | 'error'; children: ComponentChildren }) {
  return (
    <div class={`notice notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

type FilterButtonsProps = {
  /** The row's class: each filter form lays its buttons out in its own grid. */
  class: string;
  applyLabel: string;
  clearLabel?: string;
  /** Given only while something is filtered: the clear button shows then. */
  onClear?: () => void;
};

/** A filter form's buttons: apply (the form's submit), and clear while anything is filtered. */
export function FilterButtons({ class: className, applyLabel, clearLabel, onClear }: FilterButtonsProps) {
  return (
    <div class={className}>
      <button type="submit" class="button button--primary">
        {applyLabel}
      </button>
      {onClear && (
        <button type="button" class="button button--quiet" onClick={onClear}>
          {clearLabel}
        </button>
      )}
    </div>
  );
}
