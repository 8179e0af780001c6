// dmn-js ships no type declarations; this is the part of its Modeler the process page uses.
declare module 'dmn-js/lib/Modeler' {
  export type DmnView = { id: string; name?: string; type: string; element: unknown };
  type Listener = (event: never) => void;
  export default class DmnModeler {
    constructor(options: { container?: HTMLElement; common?: Record<string, unknown>; [key: string]: unknown });
    importXML(xml: string): Promise<{ warnings: unknown[] }>;
    saveXML(options?: { format?: boolean }): Promise<{ xml: string }>;
    getViews(): DmnView[];
    getActiveView(): DmnView | null;
    open(view: DmnView): Promise<unknown>;
    on(event: string, listener: Listener): void;
    destroy(): void;
  }
}
