// The diagram editor: a working copy of one deployed version in bpmn-js, validated against the server as
// the analyst works (problems listed and marked on their elements), its diff against that version, its
// decision tables, and deploy. Loaded lazily by the process page, with bpmn-js, only where it is shown.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, request } from '../../api/client';
import { describedBy, errorFor, Field, FieldErrors, generalErrors } from '../../components/form';
import { Loading } from '../../components/loading';
import type { ProcessValidateMutation, ProcessVersionSourceQuery } from '../../gql/graphql';
import { format, useLang } from '../../i18n';
import type { PayloadErrors } from '../../session';
import { BpmnEditor, type ElementInfo } from './bpmn-editor';
import { DecisionTables } from './DecisionTables';
import { DiffList } from './DiffList';
import { diffDiagrams, diffSize } from './element-diff';
import { ElementPanel } from './ElementPanel';
import { messages } from './messages';
import { ProcessDeploy, ProcessValidate, ProcessVersionSource } from './queries';

/** How long the analyst may pause before the working copy is validated. */
const VALIDATE_AFTER_MS = 800;

type Source = NonNullable<ProcessVersionSourceQuery['processDefinition']>;
type Problem = ProcessValidateMutation['processDefinitionValidate']['problems'][number];
type Validation = { state: 'idle' | 'running' | 'done' | 'failed'; message?: string };
export type Deployed = { id: string; version: number; created: boolean };

type Props = {
  versionId: string;
  onDeployed: (result: Deployed) => void;
  onDirty: (dirty: boolean) => void;
};

function errorText(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error);
}

export default function Workspace({ versionId, onDeployed, onDirty }: Props) {
  const { t, lang } = useLang();
  const words = t(messages);
  const canvas = useRef<HTMLDivElement>(null);
  const editorRef = useRef<BpmnEditor | null>(null);
  const [editor, setEditor] = useState<BpmnEditor | null>(null);
  const [source, setSource] = useState<Source | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [importNotes, setImportNotes] = useState<string[]>([]);
  const [workingXml, setWorkingXml] = useState<string | null>(null);
  const tablesRef = useRef<string[]>([]);
  const [tablesEdited, setTablesEdited] = useState(false);
  const [tablesKey, setTablesKey] = useState(0);
  const [initialTables, setInitialTables] = useState<string[]>([]);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [validationErrors, setValidationErrors] = useState<PayloadErrors>([]);
  const [validation, setValidation] = useState<Validation>({ state: 'idle' });
  const [selected, setSelected] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  const [history, setHistory] = useState({ undo: false, redo: false });
  const [colourDiff, setColourDiff] = useState(false);
  const [tableFocus, setTableFocus] = useState<{ elementId: string } | null>(null);
  const [note, setNote] = useState('');
  const [deploying, setDeploying] = useState(false);
  const [deployErrors, setDeployErrors] = useState<PayloadErrors>([]);
  const [deployNotice, setDeployNotice] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const ticket = useRef(0);
  // The XML the editor shows, kept for a language switch (which makes a new editor).
  const openXml = useRef<string | null>(null);

  // ---------------------------------------------------------------------------------- validation
  const validateNow = async () => {
    window.clearTimeout(timer.current);
    const current = editorRef.current;
    if (!current) return;
    const mine = ++ticket.current;
    setValidation({ state: 'running' });
    try {
      const xml = await current.save();
      openXml.current = xml;
      if (mine !== ticket.current) return;
      setWorkingXml(xml);
      const { processDefinitionValidate: result } = await request(ProcessValidate, {
        input: { bpmnXml: xml, decisionTables: tablesRef.current },
      });
      if (mine !== ticket.current || editorRef.current !== current) return;
      setProblems(result.problems);
      setValidationErrors(result.errors);
      setValidation({ state: 'done' });
      current.markProblems(result.problems);
    } catch (error) {
      if (mine === ticket.current) setValidation({ state: 'failed', message: errorText(error) });
    }
  };
  const validateSoon = () => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void validateNow(), VALIDATE_AFTER_MS);
  };

  // ------------------------------------------------------------------------------ the bpmn-js editor
  useEffect(() => {
    const instance = new BpmnEditor(canvas.current!, lang);
    editorRef.current = instance;
    setEditor(instance);
    instance.onChange(() => {
      setHistory({ undo: instance.canUndo(), redo: instance.canRedo() });
      validateSoon();
    });
    instance.onSelection((id) => setSelected(id));
    instance.onElementsChanged(() => setRevision((value) => value + 1));
    if (openXml.current) void openInEditor(instance, openXml.current);
    return () => {
      window.clearTimeout(timer.current);
      editorRef.current = null;
      instance.destroy();
    };
    // A new editor per language: bpmn-js's palette and menus read the language when they are made.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lang]);

  const openInEditor = async (instance: BpmnEditor, xml: string) => {
    try {
      setImportNotes(await instance.open(xml));
      openXml.current = xml;
      setSelected(null);
      setRevision((value) => value + 1);
      setHistory({ undo: false, redo: false });
      await validateNow();
    } catch (error) {
      setLoadError(format(words.importFailed, { message: errorText(error) }));
    }
  };

  // --------------------------------------------------------------------------- the version opened
  const reset = (loaded: Source) => {
    setSource(loaded);
    setWorkingXml(loaded.bpmnXml);
    tablesRef.current = loaded.decisionTables;
    setInitialTables(loaded.decisionTables);
    setTablesKey((value) => value + 1);
    setTablesEdited(false);
    setLoadError(null);
    if (editorRef.current) void openInEditor(editorRef.current, loaded.bpmnXml);
    else openXml.current = loaded.bpmnXml;
  };

  useEffect(() => {
    let cancelled = false;
    setSource(null);
    request(ProcessVersionSource, { id: versionId }).then(
      ({ processDefinition }) => {
        if (cancelled) return;
        if (processDefinition) reset(processDefinition);
        else setLoadError(format(words.importFailed, { message: versionId }));
      },
      (error: unknown) => !cancelled && setLoadError(errorText(error)),
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [versionId]);

  // ----------------------------------------------------------------------------------- the diff
  const diff = useMemo(
    () => (source && workingXml ? diffDiagrams(source.bpmnXml, workingXml) : null),
    [source, workingXml],
  );
  const dirty = diffSize(diff) > 0 || tablesEdited;
  useEffect(() => {
    onDirty(dirty);
    if (!dirty) return;
    // Leaving or reloading the page would lose the working copy: the browser asks first.
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  useEffect(() => {
    if (!editor) return;
    const marks =
      colourDiff && diff
        ? [
            ...diff.added.map((element) => ({ id: element.elementId, kind: 'added' as const })),
            ...diff.changed.map((element) => ({ id: element.elementId, kind: 'changed' as const })),
          ]
        : [];
    editor.markChanges(marks);
  }, [editor, diff, colourDiff]);

  const info: ElementInfo | null = useMemo(
    () => (editor && selected ? editor.info(selected) : null),
    [editor, selected, revision],
  );
  const elements = useMemo(() => (editor && source ? editor.elements() : []), [editor, source, revision]);

  // ----------------------------------------------------------------------------- toolbar actions
  const confirmDiscard = () => !dirty || window.confirm(words.confirmDiscard);

  const download = async () => {
    if (!editorRef.current || !source) return;
    const xml = await editorRef.current.save();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
    link.download = `${source.processId}-v${source.version}-draft.bpmn`;
    link.click();
    window.setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };

  const openFiles = async (files: FileList | null) => {
    if (!files?.length || !editorRef.current) return;
    const notes: string[] = [];
    const tables: string[] = [];
    let diagram: string | null = null;
    for (const file of Array.from(files)) {
      const text = await file.text();
      if (text.includes('http://www.omg.org/spec/BPMN/20100524/MODEL')) diagram = text;
      else if (/www\.omg\.org\/spec\/DMN\//.test(text)) tables.push(text);
      else notes.push(format(words.fileUnknown, { name: file.name }));
    }
    if ((diagram || tables.length) && !confirmDiscard()) return;
    setImportNotes(notes);
    if (tables.length) {
      tablesRef.current = tables;
      setInitialTables(tables);
      setTablesKey((value) => value + 1);
      setTablesEdited(true);
    }
    if (diagram) await openInEditor(editorRef.current, diagram);
    else if (tables.length) await validateNow();
  };

  const revert = () => {
    if (source && confirmDiscard()) reset(source);
  };

  const onTablesChange = (tables: string[]) => {
    tablesRef.current = tables;
    setTablesEdited(true);
    validateSoon();
  };

  // ---------------------------------------------------------------------------------------- deploy
  const errorCount = problems.filter((problem) => problem.severity === 'ERROR').length;
  /** A problem's element in a decision table rather than the diagram (a rule's cell …). */
  const inTable = (elementId: string | null): elementId is string =>
    elementId !== null && !editor?.has(elementId) && tablesRef.current.some((xml) => xml.includes(`id="${elementId}"`));
  const tableMarks = problems.flatMap((problem) =>
    inTable(problem.elementId) ? [{ elementId: problem.elementId, severity: problem.severity }] : [],
  );
  const warningCount = problems.length - errorCount;

  const deploy = async (event: Event) => {
    event.preventDefault();
    const current = editorRef.current;
    if (!current || !source) return;
    setDeploying(true);
    setDeployErrors([]);
    setDeployNotice(null);
    try {
      window.clearTimeout(timer.current);
      const xml = await current.save();
      const { processDefinitionDeploy: result } = await request(ProcessDeploy, {
        input: { bpmnXml: xml, decisionTables: tablesRef.current, note: note.trim() },
      });
      if (result.errors.length || !result.processDefinition) {
        setDeployErrors(result.errors);
        await validateNow();
        return;
      }
      const { id, version } = result.processDefinition;
      setDeployNotice(format(result.created ? words.deployed : words.unchanged, { version }));
      if (result.created) setNote('');
      onDeployed({ id, version, created: result.created });
    } catch (error) {
      setDeployErrors([{ code: 'ERROR', message: errorText(error) }]);
    } finally {
      setDeploying(false);
    }
  };

  // ------------------------------------------------------------------------------------------ view
  const status =
    validation.state === 'running'
      ? words.validating
      : validation.state === 'failed'
        ? format(words.validationFailed, { message: validation.message ?? '' })
        : validation.state === 'idle'
          ? ''
          : errorCount
            ? format(words.invalid, { n: errorCount })
            : warningCount
              ? format(words.validWithWarnings, { n: warningCount })
              : words.valid;
  const statusKind = validation.state === 'failed' || errorCount ? 'bad' : warningCount ? 'warn' : 'ok';

  return (
    <div class="stack process-workspace-wrap">
      <section class="card stack" aria-labelledby="process-editor-title">
        <div class="process-toolbar">
          <h2 id="process-editor-title">{words.editorTitle}</h2>
          {source && <span class="muted">{format(words.workingCopyOf, { version: source.version })}</span>}
          {dirty && <span class="badge badge--warn">{words.unsaved}</span>}
          <span class={`badge badge--${statusKind}`} role="status" aria-live="polite" data-validation={validation.state}>
            {status}
          </span>
        </div>
        <div class="process-toolbar">
          <button type="button" disabled={!history.undo} onClick={() => editor?.undo()}>
            {words.undo}
          </button>
          <button type="button" disabled={!history.redo} onClick={() => editor?.redo()}>
            {words.redo}
          </button>
          <button type="button" onClick={() => void download()} disabled={!source}>
            {words.download}
          </button>
          <label class="button process-file">
            {words.openFile}
            <input
              type="file"
              accept=".bpmn,.dmn,.xml"
              multiple
              onChange={(event) => {
                const input = event.target as HTMLInputElement;
                void openFiles(input.files).finally(() => (input.value = ''));
              }}
            />
          </label>
          <button type="button" onClick={revert} disabled={!source || !dirty}>
            {words.revert}
          </button>
          <label class="process-picker">
            <span>{words.pickElement}</span>
            <select
              value={selected ?? ''}
              onChange={(event) => {
                const id = (event.target as HTMLSelectElement).value;
                if (id) editor?.select(id);
              }}
            >
              <option value="">{words.pickElementNone}</option>
              {elements.map((element) => (
                <option key={element.id} value={element.id}>
                  {element.name ? `${element.name} (${element.id})` : element.id}
                </option>
              ))}
            </select>
          </label>
        </div>
        {loadError && (
          <p class="notice notice--error" role="alert">
            {loadError}
          </p>
        )}
        {importNotes.length > 0 && (
          <div class="notice notice--error" role="alert">
            <p>{words.importWarnings}</p>
            <ul>
              {importNotes.map((text, index) => (
                <li key={index} class="user-text">
                  {text}
                </li>
              ))}
            </ul>
          </div>
        )}
        <div class="process-workspace">
          <div class="process-canvas-wrap">
            {!source && !loadError && <Loading />}
            <div class="process-canvas" ref={canvas} role="application" aria-label={words.canvasLabel} tabIndex={0} />
          </div>
          {editor && <ElementPanel editor={editor} info={info} />}
        </div>
      </section>

      <div class="process-columns">
        <section class="card stack" aria-labelledby="process-problems-title">
          <h2 id="process-problems-title">
            {words.problemsTitle} <span class="muted">({problems.length})</span>
          </h2>
          <FieldErrors errors={validationErrors} />
          {problems.length > 0 && (
            <ul class="process-problems">
              {problems.map((problem, index) => {
                const known = problem.elementId !== null && Boolean(editor?.has(problem.elementId));
                const content = (
                  <>
                    <span class={`badge badge--${problem.severity === 'ERROR' ? 'bad' : 'warn'}`}>
                      {problem.severity === 'ERROR' ? words.severityERROR : words.severityWARNING}
                    </span>{' '}
                    <code>{problem.elementId ?? words.wholeDiagram}</code>
                    {known && problem.elementId && editor?.info(problem.elementId)?.name && (
                      <> · {editor.info(problem.elementId)!.name}</>
                    )}
                    <span class="process-problems__message user-text">{problem.message}</span>
                  </>
                );
                const inDecisionTable = !known && inTable(problem.elementId);
                return (
                  <li key={index} data-element-id={problem.elementId ?? ''} data-severity={problem.severity}>
                    {known || inDecisionTable ? (
                      <button
                        type="button"
                        class="process-link"
                        onClick={() =>
                          known ? editor?.select(problem.elementId!) : setTableFocus({ elementId: problem.elementId! })
                        }
                      >
                        {content}
                        {inDecisionTable && <span class="muted"> ({words.tablesLabel})</span>}
                      </button>
                    ) : (
                      content
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>

        <section class="card stack process-diff-section" aria-labelledby="process-diff-title">
          <h2 id="process-diff-title">{format(words.diffTitle, { version: source?.version ?? '…' })}</h2>
          <label class="checkbox">
            <input type="checkbox" checked={colourDiff} onChange={(event) => setColourDiff((event.target as HTMLInputElement).checked)} />
            {words.colourDiff}
          </label>
          {tablesEdited && <p class="notice">{words.tablesChanged}</p>}
          {workingXml && !diff && <p class="notice notice--error">{words.diffUnreadable}</p>}
          {diff && <DiffList diff={diff} onSelect={(id) => editor?.select(id)} />}
        </section>
      </div>

      {source && (
        <DecisionTables
          key={tablesKey}
          initial={initialTables}
          onChange={onTablesChange}
          marks={tableMarks}
          focus={tableFocus}
        />
      )}

      <section class="card stack" aria-labelledby="process-deploy-title">
        <h2 id="process-deploy-title">{words.deployTitle}</h2>
        <form class="stack" onSubmit={deploy}>
          <Field id="process-deploy-note" label={words.deployNote} hint={words.deployNoteHint} error={errorFor(deployErrors, 'note')}>
            <input
              id="process-deploy-note"
              value={note}
              onInput={(event) => setNote((event.target as HTMLInputElement).value)}
              {...describedBy('process-deploy-note', errorFor(deployErrors, 'note'), words.deployNoteHint)}
            />
          </Field>
          {errorCount > 0 && <p class="muted">{words.deployBlocked}</p>}
          <FieldErrors errors={generalErrors(deployErrors, ['note'])} />
          <div class="row">
            <button type="submit" class="button button--primary" disabled={deploying || !source || errorCount > 0}>
              {deploying ? words.deploying : words.deployButton}
            </button>
          </div>
        </form>
        {deployNotice && (
          <p class="notice notice--success" role="status">
            {deployNotice}
          </p>
        )}
      </section>
    </div>
  );
}
