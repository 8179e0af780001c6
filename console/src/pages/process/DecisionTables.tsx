// The decision tables (DMN files) deployed with the diagram, one tab each, edited in dmn-js. Their XML
// goes into validate and deploy with the diagram. dmn-js is loaded only once there is a table to show.
import { useEffect, useRef, useState } from 'preact/hooks';
import { describedBy, Field } from '../../components/form';
import { Loading } from '../../components/loading';
import { format, useLang } from '../../i18n';
import type { DmnEditor, DmnView } from './dmn-editor';
import { messages } from './messages';

type DmnModule = typeof import('./dmn-editor');

type TableEditorProps = {
  module: DmnModule;
  xml: string;
  hidden: boolean;
  onChange: (xml: string) => void;
  onNames: (names: string[]) => void;
};

function TableEditor({ module, xml, hidden, onChange, onNames }: TableEditorProps) {
  const { t } = useLang();
  const words = t(messages);
  const container = useRef<HTMLDivElement>(null);
  const editor = useRef<DmnEditor | null>(null);
  const [views, setViews] = useState<DmnView[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const instance = new module.DmnEditor(container.current!);
    editor.current = instance;
    instance.onViews((next, current) => {
      setViews(next);
      setActive(current?.id ?? null);
      onNames(next.filter((view) => view.type !== 'drd').map((view) => view.name || view.id));
    });
    instance.onChange(() => {
      void instance.save().then(onChange);
    });
    instance.open(xml).catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
    return () => instance.destroy();
    // The editor is made once per table; later XML comes from the editor itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div class="process-table" hidden={hidden}>
      {failure && (
        <p class="notice notice--error" role="alert">
          {format(words.tableImportFailed, { message: failure })}
        </p>
      )}
      {views.length > 1 && (
        <div class="row process-table__views" role="group" aria-label={words.tableViews}>
          {views.map((view) => (
            <button
              key={view.id}
              type="button"
              class={view.id === active ? 'button--primary' : 'button--quiet'}
              aria-pressed={view.id === active}
              onClick={() => void editor.current?.show(view)}
            >
              {view.type === 'drd' ? 'DRD' : view.name || view.id}
            </button>
          ))}
        </div>
      )}
      <div class="process-table__canvas" ref={container} />
    </div>
  );
}

type Props = {
  /** The tables of the version opened; the parent remounts this component to start again. */
  initial: string[];
  onChange: (tables: string[]) => void;
  /** Validation problems whose element is in a table (a rule's cell, an input …). */
  marks: { elementId: string; severity: 'ERROR' | 'WARNING' }[];
  /** Show this element's table and scroll to it (a new object each time the analyst asks). */
  focus: { elementId: string } | null;
};

/** Outline the table cells that have problems. dmn-js redraws its cells, so a class set on one would
 * not last; a rule keyed by the cell's data-element-id does. */
function problemStyles(marks: Props['marks']): string {
  return marks
    .map(({ elementId, severity }) => {
      const colour = severity === 'ERROR' ? 'var(--bad)' : '#c77700';
      return `.process-tables [data-element-id="${CSS.escape(elementId)}"] { outline: 3px solid ${colour}; outline-offset: -3px; }`;
    })
    .join('\n');
}

type Entry = { key: number; xml: string };

export function DecisionTables({ initial, onChange, marks, focus }: Props) {
  const { t } = useLang();
  const words = t(messages);
  const nextKey = useRef(initial.length);
  const [entries, setEntries] = useState<Entry[]>(initial.map((xml, key) => ({ key, xml })));
  const current = useRef<Map<number, string>>(new Map(initial.map((xml, key) => [key, xml])));
  const [names, setNames] = useState<Record<number, string[]>>({});
  const [active, setActive] = useState(0);
  const [module, setModule] = useState<DmnModule | null>(null);
  const [newId, setNewId] = useState('');
  const [newIdError, setNewIdError] = useState<string | null>(null);

  useEffect(() => {
    if (entries.length && !module) void import('./dmn-editor').then(setModule);
  }, [entries.length, module]);

  // Editors call back long after they were made: read the newest entries and callback through refs.
  const entriesRef = useRef(entries);
  entriesRef.current = entries;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  useEffect(() => {
    if (!focus) return;
    const index = entriesRef.current.findIndex((entry) =>
      (current.current.get(entry.key) ?? entry.xml).includes(`id="${focus.elementId}"`),
    );
    if (index < 0) return;
    setActive(index);
    // After the tab is shown: bring the cell (or else the table) into view.
    window.requestAnimationFrame(() => {
      const target =
        document.querySelector(`.process-tables [data-element-id="${CSS.escape(focus.elementId)}"]`) ??
        document.getElementById('process-tables-title');
      target?.scrollIntoView({ block: 'center' });
    });
  }, [focus]);

  const publish = (list: Entry[]) =>
    onChangeRef.current(list.map((entry) => current.current.get(entry.key) ?? entry.xml));

  const add = (event: Event) => {
    event.preventDefault();
    const id = newId.trim();
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(id)) {
      setNewIdError(t(messages).idInvalid);
      return;
    }
    if (!module) {
      void import('./dmn-editor').then((loaded) => {
        setModule(loaded);
        addWith(loaded, id);
      });
    } else addWith(module, id);
  };

  const addWith = (loaded: DmnModule, id: string) => {
    const entry = { key: nextKey.current++, xml: loaded.newDecisionTable(id) };
    current.current.set(entry.key, entry.xml);
    const list = [...entries, entry];
    setEntries(list);
    setActive(list.length - 1);
    setNewId('');
    setNewIdError(null);
    publish(list);
  };

  const remove = (index: number) => {
    const list = entries.filter((_, at) => at !== index);
    current.current.delete(entries[index].key);
    setEntries(list);
    setActive(Math.max(0, Math.min(active, list.length - 1)));
    publish(list);
  };

  return (
    <section class="card stack process-tables" aria-labelledby="process-tables-title">
      <h2 id="process-tables-title">{words.tablesTitle}</h2>
      {marks.length > 0 && <style>{problemStyles(marks)}</style>}
      {!entries.length && <p class="muted">{words.tablesNone}</p>}
      {entries.length > 0 && (
        <>
          <div class="process-tabs" role="tablist" aria-label={words.tablesLabel}>
            {entries.map((entry, index) => (
              <button
                key={entry.key}
                type="button"
                role="tab"
                id={`process-table-tab-${entry.key}`}
                aria-selected={index === active}
                aria-controls={`process-table-panel-${entry.key}`}
                class={index === active ? 'process-tab process-tab--active' : 'process-tab'}
                onClick={() => setActive(index)}
              >
                {names[entry.key]?.join(', ') || format(words.tableTab, { n: index + 1 })}
              </button>
            ))}
          </div>
          {!module && <Loading />}
          {module &&
            entries.map((entry, index) => (
              <div
                key={entry.key}
                role="tabpanel"
                id={`process-table-panel-${entry.key}`}
                aria-labelledby={`process-table-tab-${entry.key}`}
                hidden={index !== active}
              >
                <TableEditor
                  module={module}
                  xml={entry.xml}
                  hidden={index !== active}
                  onNames={(found) => setNames((before) => ({ ...before, [entry.key]: found }))}
                  onChange={(xml) => {
                    current.current.set(entry.key, xml);
                    publish(entriesRef.current);
                  }}
                />
                <button type="button" class="button--quiet" onClick={() => remove(index)}>
                  {words.removeTable}
                </button>
              </div>
            ))}
        </>
      )}
      <form class="row" onSubmit={add}>
        <Field id="process-new-table" label={words.newDecisionId} hint={words.newDecisionIdHint} error={newIdError}>
          <input
            id="process-new-table"
            class="process-mono"
            value={newId}
            spellcheck={false}
            onInput={(event) => setNewId((event.target as HTMLInputElement).value)}
            {...describedBy('process-new-table', newIdError, words.newDecisionIdHint)}
          />
        </Field>
        <button type="submit">{words.addTable}</button>
      </form>
    </section>
  );
}
