// bpmn-js behind a small interface: import and save the diagram, hear about changes and the selection,
// mark validation problems on their elements, and edit the properties our diagrams use (name, timer,
// condition, script, decision id and the `spiffworkflow:properties` of the analyst guide) as commands,
// so undo and redo cover them like any drawing change.
//
// Only the process page's lazily loaded modules import this file, so officers never download bpmn-js.
import Modeler from 'bpmn-js/lib/Modeler';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import type { Lang } from '../../i18n';
import { translateModule } from './bpmn-translate';
import { spiffworkflowModdle } from './spiff-moddle';

/** A moddle object (a BPMN element's business object or one of its parts). */
type ModdleObject = {
  $type: string;
  $instanceOf(type: string): boolean;
  get(name: string): unknown;
  [key: string]: unknown;
};

/** A shape or connection on the canvas. */
type Shape = {
  id: string;
  type: string;
  businessObject: ModdleObject;
  labelTarget?: Shape;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
};
type Box = { x: number; y: number; width: number; height: number };

type Services = {
  modeling: {
    updateProperties(element: Shape, properties: Record<string, unknown>): void;
    updateModdleProperties(element: Shape, moddleElement: ModdleObject, properties: Record<string, unknown>): void;
    updateLabel(element: Shape, text: string | null): void;
  };
  moddle: {
    create(type: string, attributes?: Record<string, unknown>): ModdleObject;
    ids: { assigned(id: string): unknown };
  };
  elementRegistry: { get(id: string): Shape | undefined; getAll(): Shape[] };
  selection: { select(element: Shape | Shape[] | null): void; get(): Shape[] };
  canvas: {
    addMarker(element: Shape | string, marker: string): void;
    removeMarker(element: Shape | string, marker: string): void;
    scrollToElement(element: Shape, padding?: number): void;
    viewbox(box?: Box): Box;
    zoom(level?: 'fit-viewport' | number, center?: 'auto'): number;
    focus?: () => void;
  };
  overlays: {
    add(element: Shape | string, type: string, overlay: { position: Record<string, number>; html: HTMLElement }): string;
    remove(filter: { type: string }): void;
  };
  commandStack: { canUndo(): boolean; canRedo(): boolean; undo(): void; redo(): void };
  eventBus: { on(event: string, callback: (event: never) => void): void };
};

export type TimerKind = 'timeDate' | 'timeDuration' | 'timeCycle';
export const TIMER_KINDS: TimerKind[] = ['timeDate', 'timeDuration', 'timeCycle'];

export type ExtensionProperty = { name: string; value: string };

/** What the side panel shows and edits of the selected element. */
export type ElementInfo = {
  id: string;
  /** BPMN type without its prefix: `UserTask`, `BoundaryEvent` … */
  type: string;
  name: string;
  /** The timer of a timer event: its kind and expression text. */
  timer: { kind: TimerKind | null; expression: string } | null;
  /** A sequence flow's condition ('' when it has none); null for other elements. */
  condition: string | null;
  isDefaultFlow: boolean;
  /** A script task's script; null for other elements. */
  script: string | null;
  /** A business rule task's `spiffworkflow:calledDecisionId`; null for other elements. */
  calledDecisionId: string | null;
  /** The `spiffworkflow:properties` of a task, event or gateway; null where they cannot take effect. */
  properties: ExtensionProperty[] | null;
  /** The message a message event waits for. */
  message: string | null;
  /** The task a boundary event is attached to. */
  attachedTo: string | null;
  cancelActivity: boolean | null;
};

export type ProblemMark = { elementId: string | null; severity: 'ERROR' | 'WARNING' };
export const PROBLEM_MARKER = { ERROR: 'lapor-problem--error', WARNING: 'lapor-problem--warning' } as const;
const PROBLEM_OVERLAY = 'lapor-problem';
const SPIFF = 'spiffworkflow';
const READABLE_ZOOM = 0.8;

function bare(type: string): string {
  return type.replace(/^bpmn:/, '');
}

function expressionText(expression: unknown): string {
  const body = (expression as ModdleObject | undefined)?.body;
  return typeof body === 'string' ? body : '';
}

export class BpmnEditor {
  private readonly modeler: Modeler;
  private marked: { id: string; marker: string }[] = [];

  constructor(container: HTMLElement, lang: Lang) {
    this.modeler = new Modeler({
      container,
      moddleExtensions: { spiffworkflow: spiffworkflowModdle },
      additionalModules: [translateModule(lang)],
    });
  }

  private service<K extends keyof Services>(name: K): Services[K] {
    return this.modeler.get<Services[K]>(name);
  }

  /** Import a diagram; the warnings name what bpmn-js could not read (and would drop on save). */
  async open(xml: string): Promise<string[]> {
    this.marked = [];
    const { warnings } = await this.modeler.importXML(xml);
    this.service('canvas').zoom('fit-viewport', 'auto');
    return warnings.map((warning) => (warning as unknown as Error).message ?? String(warning));
  }

  async save(): Promise<string> {
    const { xml } = await this.modeler.saveXML({ format: true });
    if (!xml) throw new Error('bpmn-js saved nothing');
    return xml;
  }

  destroy(): void {
    this.modeler.destroy();
  }

  /** Every change of the diagram: drawing, editing, undo and redo. */
  onChange(listener: () => void): void {
    this.service('eventBus').on('commandStack.changed', listener);
  }

  onSelection(listener: (id: string | null) => void): void {
    this.service('eventBus').on('selection.changed', (event: { newSelection: Shape[] }) => {
      const [first] = event.newSelection;
      listener(event.newSelection.length === 1 && first ? (first.labelTarget ?? first).id : null);
    });
  }

  onElementsChanged(listener: (ids: string[]) => void): void {
    this.service('eventBus').on('elements.changed', (event: { elements: Shape[] }) =>
      listener(event.elements.map((element) => element.id)),
    );
  }

  undo(): void {
    this.service('commandStack').undo();
  }

  redo(): void {
    this.service('commandStack').redo();
  }

  canUndo(): boolean {
    return this.service('commandStack').canUndo();
  }

  canRedo(): boolean {
    return this.service('commandStack').canRedo();
  }

  has(id: string): boolean {
    return Boolean(this.service('elementRegistry').get(id));
  }

  /** Select an element and bring it into view, readable (from the problem list, the diff, the picker). */
  select(id: string): boolean {
    const element = this.service('elementRegistry').get(id);
    if (!element) return false;
    const canvas = this.service('canvas');
    // The whole diagram fits the canvas at a zoom where labels are hard to read: going to one element
    // zooms in to its natural size first.
    if (canvas.zoom() < READABLE_ZOOM) canvas.zoom(1);
    this.service('selection').select(element);
    if (element.width !== undefined && element.x !== undefined && element.y !== undefined && element.height !== undefined) {
      // A shape goes to the middle of the canvas, where the eye looks.
      const box = canvas.viewbox();
      canvas.viewbox({
        x: element.x + element.width / 2 - box.width / 2,
        y: element.y + element.height / 2 - box.height / 2,
        width: box.width,
        height: box.height,
      });
    } else {
      canvas.scrollToElement(element, 160);
    }
    return true;
  }

  /** Tasks, events, gateways, flows and lanes with their names, for a keyboard-friendly element picker. */
  elements(): { id: string; name: string; type: string }[] {
    return this.service('elementRegistry')
      .getAll()
      .filter((element) => !element.labelTarget && element.type !== 'label' && !element.type.startsWith('bpmndi'))
      .filter((element) => {
        const bo = element.businessObject;
        return (
          bo.$instanceOf('bpmn:FlowElement') || bo.$instanceOf('bpmn:Lane') || bo.$instanceOf('bpmn:Participant')
        );
      })
      .map((element) => ({
        id: element.id,
        name: String(element.businessObject.name ?? ''),
        type: bare(element.businessObject.$type),
      }))
      .sort((a, b) => (a.name || a.id).localeCompare(b.name || b.id));
  }

  /** Mark each problem on its element (a class on its SVG group and a badge); earlier marks go. */
  markProblems(problems: ProblemMark[]): void {
    const canvas = this.service('canvas');
    const overlays = this.service('overlays');
    const registry = this.service('elementRegistry');
    for (const { id, marker } of this.marked) if (registry.get(id)) canvas.removeMarker(id, marker);
    overlays.remove({ type: PROBLEM_OVERLAY });
    this.marked = [];
    const worst = new Map<string, 'ERROR' | 'WARNING'>();
    const counts = new Map<string, number>();
    for (const problem of problems) {
      if (!problem.elementId || !registry.get(problem.elementId)) continue;
      counts.set(problem.elementId, (counts.get(problem.elementId) ?? 0) + 1);
      if (worst.get(problem.elementId) !== 'ERROR') worst.set(problem.elementId, problem.severity);
    }
    for (const [id, severity] of worst) {
      const marker = PROBLEM_MARKER[severity];
      canvas.addMarker(id, marker);
      this.marked.push({ id, marker });
      const badge = document.createElement('span');
      badge.className = `lapor-problem-badge lapor-problem-badge--${severity.toLowerCase()}`;
      badge.textContent = severity === 'ERROR' ? `!${counts.get(id)}` : `?${counts.get(id)}`;
      badge.setAttribute('aria-hidden', 'true');
      overlays.add(id, PROBLEM_OVERLAY, { position: { top: -10, right: 10 }, html: badge });
    }
  }

  /** Colour the elements of the diff against the deployed version. */
  markChanges(marks: { id: string; kind: 'added' | 'changed' }[]): void {
    const canvas = this.service('canvas');
    const registry = this.service('elementRegistry');
    for (const element of registry.getAll()) {
      canvas.removeMarker(element, 'lapor-diff--added');
      canvas.removeMarker(element, 'lapor-diff--changed');
    }
    for (const { id, kind } of marks) if (registry.get(id)) canvas.addMarker(id, `lapor-diff--${kind}`);
  }

  // ------------------------------------------------------------------------------ reading an element

  info(id: string): ElementInfo | null {
    const element = this.service('elementRegistry').get(id);
    if (!element) return null;
    const bo = element.businessObject;
    const definitions = (bo.eventDefinitions as ModdleObject[] | undefined) ?? [];
    const timerDefinition = definitions.find((definition) => definition.$instanceOf('bpmn:TimerEventDefinition'));
    const messageDefinition = definitions.find((definition) => definition.$instanceOf('bpmn:MessageEventDefinition'));
    let timer: ElementInfo['timer'] = null;
    if (timerDefinition) {
      const kind = TIMER_KINDS.find((candidate) => timerDefinition[candidate]) ?? null;
      timer = { kind, expression: kind ? expressionText(timerDefinition[kind]) : '' };
    }
    const isFlow = bo.$instanceOf('bpmn:SequenceFlow');
    const source = isFlow ? (bo.sourceRef as ModdleObject | undefined) : undefined;
    const isFlowNode = bo.$instanceOf('bpmn:FlowNode');
    const message = messageDefinition?.messageRef as ModdleObject | undefined;
    return {
      id: bo.id as string,
      type: bare(bo.$type),
      name: String(bo.name ?? ''),
      timer,
      condition: isFlow ? expressionText(bo.conditionExpression) : null,
      isDefaultFlow: Boolean(source && source.default === bo),
      script: bo.$instanceOf('bpmn:ScriptTask') ? String(bo.script ?? '') : null,
      calledDecisionId: bo.$instanceOf('bpmn:BusinessRuleTask') ? (this.calledDecision(bo)?.value as string) ?? '' : null,
      properties: isFlowNode ? this.propertiesOf(bo) : null,
      message: message ? String(message.name ?? message.id) : null,
      attachedTo: (bo.attachedToRef as ModdleObject | undefined)?.id as string | null ?? null,
      cancelActivity: bo.$instanceOf('bpmn:BoundaryEvent') ? bo.cancelActivity !== false : null,
    };
  }

  private extensionValues(bo: ModdleObject): ModdleObject[] {
    return ((bo.extensionElements as ModdleObject | undefined)?.values as ModdleObject[] | undefined) ?? [];
  }

  private propertiesElement(bo: ModdleObject): ModdleObject | undefined {
    return this.extensionValues(bo).find((value) => value.$type === `${SPIFF}:Properties`);
  }

  private calledDecision(bo: ModdleObject): ModdleObject | undefined {
    return this.extensionValues(bo).find((value) => value.$type === `${SPIFF}:CalledDecisionId`);
  }

  private propertiesOf(bo: ModdleObject): ExtensionProperty[] {
    const list = (this.propertiesElement(bo)?.properties as ModdleObject[] | undefined) ?? [];
    return list.map((property) => ({ name: String(property.name ?? ''), value: String(property.value ?? '') }));
  }

  // ------------------------------------------------------------------------------ editing an element

  private element(id: string): Shape {
    const element = this.service('elementRegistry').get(id);
    if (!element) throw new Error(`no element ${id}`);
    return element;
  }

  private formalExpression(body: string): ModdleObject {
    return this.service('moddle').create('bpmn:FormalExpression', { body });
  }

  setName(id: string, name: string): void {
    this.service('modeling').updateLabel(this.element(id), name.trim() ? name : null);
  }

  /** A new id for the element, or the reason it cannot have it. */
  setId(id: string, next: string): 'taken' | 'invalid' | null {
    if (next === id) return null;
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(next)) return 'invalid';
    if (this.service('elementRegistry').get(next) || this.service('moddle').ids.assigned(next)) return 'taken';
    this.service('modeling').updateProperties(this.element(id), { id: next });
    return null;
  }

  setTimer(id: string, kind: TimerKind, expression: string): void {
    const element = this.element(id);
    const definitions = (element.businessObject.eventDefinitions as ModdleObject[] | undefined) ?? [];
    const timer = definitions.find((definition) => definition.$instanceOf('bpmn:TimerEventDefinition'));
    if (!timer) return;
    const values: Record<string, unknown> = { timeDate: undefined, timeDuration: undefined, timeCycle: undefined };
    values[kind] = this.formalExpression(expression);
    this.service('modeling').updateModdleProperties(element, timer, values);
  }

  setCondition(id: string, condition: string): void {
    this.service('modeling').updateProperties(this.element(id), {
      conditionExpression: condition.trim() ? this.formalExpression(condition) : undefined,
    });
  }

  setScript(id: string, script: string): void {
    const element = this.element(id);
    const bo = element.businessObject;
    this.service('modeling').updateProperties(element, {
      script,
      // SpiffWorkflow runs Python; say so where the diagram does not yet.
      scriptFormat: bo.scriptFormat ?? 'python',
    });
  }

  setCalledDecisionId(id: string, decisionId: string): void {
    const element = this.element(id);
    const existing = this.calledDecision(element.businessObject);
    if (existing) {
      if (decisionId.trim()) this.service('modeling').updateModdleProperties(element, existing, { value: decisionId.trim() });
      else this.replaceExtension(element, existing, null);
      return;
    }
    if (!decisionId.trim()) return;
    this.replaceExtension(element, null, this.service('moddle').create(`${SPIFF}:CalledDecisionId`, { value: decisionId.trim() }));
  }

  /** Replace the element's `spiffworkflow:properties` with this list (empty: remove them). */
  setProperties(id: string, properties: ExtensionProperty[]): void {
    const element = this.element(id);
    const moddle = this.service('moddle');
    const kept = properties.filter((property) => property.name.trim());
    const fresh = kept.map((property) =>
      moddle.create(`${SPIFF}:Property`, { name: property.name.trim(), value: property.value }),
    );
    const existing = this.propertiesElement(element.businessObject);
    if (existing && fresh.length) {
      this.service('modeling').updateModdleProperties(element, existing, { properties: fresh });
    } else if (existing) {
      this.replaceExtension(element, existing, null);
    } else if (fresh.length) {
      this.replaceExtension(element, null, moddle.create(`${SPIFF}:Properties`, { properties: fresh }));
    }
  }

  /** Swap one extension element for another (either may be null), creating or dropping the container. */
  private replaceExtension(element: Shape, old: ModdleObject | null, next: ModdleObject | null): void {
    const modeling = this.service('modeling');
    const bo = element.businessObject;
    const container = bo.extensionElements as ModdleObject | undefined;
    const values = this.extensionValues(bo).filter((value) => value !== old);
    if (next) values.push(next);
    if (!container) {
      if (!values.length) return;
      const created = this.service('moddle').create('bpmn:ExtensionElements', { values });
      modeling.updateProperties(element, { extensionElements: created });
    } else if (!values.length) {
      modeling.updateProperties(element, { extensionElements: undefined });
    } else {
      modeling.updateModdleProperties(element, container, { values });
    }
  }
}
