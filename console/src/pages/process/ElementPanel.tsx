// The side panel of the diagram editor: the selected element's name and id, and the parts of it the
// analyst guide uses: timer kind and expression, a flow's condition, a script, a business rule task's
// decision id, and the `spiffworkflow:properties` (status, stage, action, kind, audit, notify …).
//
// Our own panel rather than bpmn-js-properties-panel: the official panel's generic BPMN groups cover
// timers but neither conditions nor SpiffWorkflow's extension properties, and would bring a second
// Preact and a FEEL editor into the page for groups our diagrams do not use.
import { useEffect, useState } from 'preact/hooks';
import { describedBy, Field } from '../../components/form';
import { format, useLang } from '../../i18n';
import { TIMER_KINDS, type BpmnEditor, type ElementInfo, type ExtensionProperty, type TimerKind } from './bpmn-editor';
import { messages } from './messages';

type CommitFieldProps = {
  id: string;
  label: string;
  value: string;
  onCommit: (value: string) => void;
  hint?: string;
  error?: string | null;
  multiline?: boolean;
  mono?: boolean;
};

/** A text field that applies its value on Enter or when it loses focus (one undoable step per edit). */
function CommitField({ id, label, value, onCommit, hint, error, multiline, mono }: CommitFieldProps) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const common = {
    id,
    value: draft,
    class: mono ? 'process-mono' : undefined,
    spellcheck: false,
    onInput: (event: Event) => setDraft((event.target as HTMLInputElement).value),
    onChange: (event: Event) => {
      const next = (event.target as HTMLInputElement).value;
      if (next !== value) onCommit(next);
    },
    ...describedBy(id, error, hint),
  };
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {multiline ? <textarea rows={4} {...common} /> : <input type="text" {...common} />}
    </Field>
  );
}

function PropertiesEditor({ properties, onCommit }: { properties: ExtensionProperty[]; onCommit: (list: ExtensionProperty[]) => void }) {
  const { t } = useLang();
  const words = t(messages);
  const [rows, setRows] = useState(properties);
  const signature = JSON.stringify(properties);
  useEffect(() => setRows(properties), [signature]);

  const update = (index: number, part: Partial<ExtensionProperty>, commit: boolean) => {
    const next = rows.map((row, at) => (at === index ? { ...row, ...part } : row));
    setRows(next);
    if (commit) onCommit(next);
  };
  return (
    <fieldset class="process-properties">
      <legend>{words.propertiesTitle}</legend>
      <p class="hint">{words.propertiesHint}</p>
      {rows.map((row, index) => (
        <div class="process-properties__row" key={index}>
          <label class="visually-hidden" for={`process-prop-name-${index}`}>
            {words.propertyName} {index + 1}
          </label>
          <input
            id={`process-prop-name-${index}`}
            class="process-mono"
            value={row.name}
            placeholder={words.propertyName}
            spellcheck={false}
            onInput={(event) => update(index, { name: (event.target as HTMLInputElement).value }, false)}
            onChange={(event) => update(index, { name: (event.target as HTMLInputElement).value }, true)}
          />
          <label class="visually-hidden" for={`process-prop-value-${index}`}>
            {words.propertyValue} {row.name}
          </label>
          <input
            id={`process-prop-value-${index}`}
            class="process-mono"
            value={row.value}
            placeholder={words.propertyValue}
            spellcheck={false}
            onInput={(event) => update(index, { value: (event.target as HTMLInputElement).value }, false)}
            onChange={(event) => update(index, { value: (event.target as HTMLInputElement).value }, true)}
          />
          <button
            type="button"
            class="button--quiet process-icon-button"
            aria-label={format(words.removeProperty, { name: row.name })}
            title={format(words.removeProperty, { name: row.name })}
            onClick={() => onCommit(rows.filter((_, at) => at !== index))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" class="button--quiet" onClick={() => setRows([...rows, { name: '', value: '' }])}>
        {words.addProperty}
      </button>
    </fieldset>
  );
}

type Props = { editor: BpmnEditor; info: ElementInfo | null };

export function ElementPanel({ editor, info }: Props) {
  const { t } = useLang();
  const words = t(messages);
  const [idError, setIdError] = useState<string | null>(null);
  useEffect(() => setIdError(null), [info?.id]);

  if (!info) {
    return (
      <aside class="process-panel card" aria-labelledby="process-panel-title">
        <h3 id="process-panel-title">{words.panelTitle}</h3>
        <p class="muted">{words.nothingSelected}</p>
      </aside>
    );
  }
  const timerKindLabel: Record<TimerKind, string> = {
    timeDate: words.timeDate,
    timeDuration: words.timeDuration,
    timeCycle: words.timeCycle,
  };
  const id = info.id;
  return (
    <aside class="process-panel card stack" aria-labelledby="process-panel-title" data-element-id={id}>
      <h3 id="process-panel-title">{words.panelTitle}</h3>
      <p class="muted">{words.applyHint}</p>
      <p>
        <strong>{words.fieldType}:</strong> {info.type}
      </p>
      <CommitField
        id="process-el-id"
        label={words.fieldId}
        value={id}
        mono
        hint={words.idHint}
        error={idError}
        onCommit={(next) => {
          const refused = editor.setId(id, next.trim());
          setIdError(refused === 'taken' ? words.idTaken : refused === 'invalid' ? words.idInvalid : null);
        }}
      />
      <CommitField id="process-el-name" label={words.fieldName} value={info.name} onCommit={(next) => editor.setName(id, next)} />
      {info.attachedTo && (
        <p>
          <strong>{words.attachedToLabel}:</strong> <code>{info.attachedTo}</code>
          {info.cancelActivity !== null && <> · {info.cancelActivity ? words.interrupting : words.nonInterrupting}</>}
        </p>
      )}
      {info.message && (
        <p>
          <strong>{words.messageLabel}:</strong> <code>{info.message}</code>
        </p>
      )}
      {info.timer && (
        <>
          <Field id="process-el-timer-kind" label={words.timerKind}>
            <select
              id="process-el-timer-kind"
              value={info.timer.kind ?? 'timeDate'}
              onChange={(event) => editor.setTimer(id, (event.target as HTMLSelectElement).value as TimerKind, info.timer!.expression)}
            >
              {TIMER_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {timerKindLabel[kind]}
                </option>
              ))}
            </select>
          </Field>
          <CommitField
            id="process-el-timer"
            label={words.timerExpression}
            value={info.timer.expression}
            mono
            hint={words.timerHint}
            onCommit={(next) => editor.setTimer(id, info.timer!.kind ?? 'timeDate', next)}
          />
        </>
      )}
      {info.condition !== null && (
        <>
          {info.isDefaultFlow && <p class="muted">{words.defaultFlow}</p>}
          <CommitField
            id="process-el-condition"
            label={words.conditionLabel}
            value={info.condition}
            mono
            hint={words.conditionHint}
            onCommit={(next) => editor.setCondition(id, next)}
          />
        </>
      )}
      {info.script !== null && (
        <CommitField
          id="process-el-script"
          label={words.scriptLabel}
          value={info.script}
          mono
          multiline
          onCommit={(next) => editor.setScript(id, next)}
        />
      )}
      {info.calledDecisionId !== null && (
        <CommitField
          id="process-el-decision"
          label={words.decisionLabel}
          value={info.calledDecisionId}
          mono
          onCommit={(next) => editor.setCalledDecisionId(id, next)}
        />
      )}
      {info.properties !== null && <PropertiesEditor properties={info.properties} onCommit={(list) => editor.setProperties(id, list)} />}
    </aside>
  );
}
