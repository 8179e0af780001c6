// dmn-js behind a small interface for the decision tables deployed with a diagram. Loaded only when the
// process page shows a decision table (dmn-js is larger than bpmn-js and most diagrams have none).
import DmnModeler, { type DmnView } from 'dmn-js/lib/Modeler';
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-js-boxed-expression.css';
import 'dmn-js/dist/assets/dmn-js-boxed-expression-controls.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';

export type { DmnView };

type Viewer = { get(name: 'eventBus'): { on(event: string, listener: () => void): void } };

export class DmnEditor {
  private readonly modeler: DmnModeler;
  private readonly changeListeners: (() => void)[] = [];
  private readonly viewListeners: ((views: DmnView[], active: DmnView | null) => void)[] = [];

  constructor(container: HTMLElement) {
    this.modeler = new DmnModeler({ container });
    // Each view (the DRD, each decision table) has its own viewer and command stack.
    this.modeler.on('viewer.created', (event: { viewer: Viewer }) => {
      event.viewer.get('eventBus').on('commandStack.changed', () => this.changeListeners.forEach((listener) => listener()));
    });
    this.modeler.on('views.changed', (event: { views: DmnView[]; activeView: DmnView | null }) =>
      this.viewListeners.forEach((listener) => listener(event.views, event.activeView)),
    );
  }

  /** Import a table and show its first decision table rather than the requirements diagram. */
  async open(xml: string): Promise<string[]> {
    const { warnings } = await this.modeler.importXML(xml);
    const table = this.modeler.getViews().find((view) => view.type === 'decisionTable');
    if (table) await this.modeler.open(table);
    return warnings.map((warning) => (warning as Error).message ?? String(warning));
  }

  async save(): Promise<string> {
    return (await this.modeler.saveXML({ format: true })).xml;
  }

  views(): DmnView[] {
    return this.modeler.getViews();
  }

  activeView(): DmnView | null {
    return this.modeler.getActiveView();
  }

  async show(view: DmnView): Promise<void> {
    await this.modeler.open(view);
  }

  onChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  onViews(listener: (views: DmnView[], active: DmnView | null) => void): void {
    this.viewListeners.push(listener);
  }

  destroy(): void {
    this.modeler.destroy();
  }
}

/** A new, empty FIRST-hit table for a business rule task's decision id (an NCName, checked by the caller). */
export function newDecisionTable(decisionId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" id="${decisionId}_definitions" name="${decisionId}" namespace="http://bpmn.io/schema/dmn">
  <decision id="${decisionId}" name="${decisionId}">
    <decisionTable id="${decisionId}_table" hitPolicy="FIRST">
      <input id="${decisionId}_input" label="category">
        <inputExpression id="${decisionId}_input_expression" typeRef="string">
          <text>category</text>
        </inputExpression>
      </input>
      <output id="${decisionId}_output" label="routed_agency" name="routed_agency" typeRef="string" />
    </decisionTable>
  </decision>
  <dmndi:DMNDI>
    <dmndi:DMNDiagram id="${decisionId}_diagram">
      <dmndi:DMNShape id="${decisionId}_di" dmnElementRef="${decisionId}">
        <dc:Bounds height="80" width="180" x="160" y="100" />
      </dmndi:DMNShape>
    </dmndi:DMNDiagram>
  </dmndi:DMNDI>
</definitions>
`;
}
