// The diff of the working copy against a deployed version, computed in the browser.
//
// `processDefinitionDiff` compares two *deployed* versions, and validate answers no diff, so the page
// compares the working copy itself: the same rules as the server's lapor_gql/workflow/diff.py (semantic
// elements by id, layout ignored, the same `what` names), so both diffs read alike.
import type { ProcessElementDiffFieldsFragment } from '../../gql/graphql';

export type ElementDiff = ProcessElementDiffFieldsFragment;
export type DiagramDiff = { added: ElementDiff[]; removed: ElementDiff[]; changed: ElementDiff[] };

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const SPIFF = 'http://spiffworkflow.org/bpmn/schema/1.0/core';
const XMLNS = 'http://www.w3.org/2000/xmlns/';

/** Parts of an element that belong to it rather than being elements of their own. */
const FOLDED = new Set([
  'timerEventDefinition',
  'messageEventDefinition',
  'signalEventDefinition',
  'errorEventDefinition',
  'escalationEventDefinition',
  'terminateEventDefinition',
  'conditionalEventDefinition',
  'linkEventDefinition',
  'timeDuration',
  'timeDate',
  'timeCycle',
  'conditionExpression',
  'script',
  'extensionElements',
]);

type Semantic = { kind: string; name: string | null; facets: Map<string, string> };

function children(node: Element, namespace: string, localName?: string): Element[] {
  return Array.from(node.children).filter(
    (child) => child.namespaceURI === namespace && (localName === undefined || child.localName === localName),
  );
}

function text(node: Element): string {
  return (node.textContent ?? '').trim();
}

function facetsOf(node: Element): Map<string, string> {
  const facets = new Map<string, string>();
  for (const attribute of Array.from(node.attributes)) {
    if (attribute.namespaceURI === XMLNS || attribute.name === 'xmlns') continue;
    if (attribute.localName !== 'id' && attribute.localName !== 'name') facets.set(`attribute:${attribute.localName}`, attribute.value);
  }
  for (const extensions of children(node, BPMN, 'extensionElements')) {
    for (const properties of children(extensions, SPIFF, 'properties')) {
      for (const property of children(properties, SPIFF, 'property')) {
        facets.set(`property:${property.getAttribute('name')}`, property.getAttribute('value') ?? '');
      }
    }
    for (const extension of children(extensions, SPIFF)) {
      if (extension.localName === 'properties') continue;
      facets.set(`extension:${extension.localName}`, text(extension) || new XMLSerializer().serializeToString(extension));
    }
  }
  for (const definition of children(node, BPMN)) {
    if (!definition.localName.includes('EventDefinition')) continue;
    facets.set(
      `event:${definition.localName}`,
      definition.getAttribute('messageRef') ?? definition.getAttribute('signalRef') ?? '',
    );
    for (const timer of children(definition, BPMN)) {
      if (['timeDuration', 'timeDate', 'timeCycle'].includes(timer.localName)) facets.set(`timer:${timer.localName}`, text(timer));
    }
  }
  for (const condition of children(node, BPMN, 'conditionExpression')) facets.set('condition', text(condition));
  for (const script of children(node, BPMN, 'script')) facets.set('script', text(script));
  if (node.localName === 'lane') {
    const refs = children(node, BPMN, 'flowNodeRef').map(text).sort();
    facets.set('flowNodeRefs', refs.join(' '));
  }
  return facets;
}

/** id → type, name and facets of every semantic element; null when the XML does not parse. */
export function semanticElements(xml: string): Map<string, Semantic> | null {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  if (document.getElementsByTagName('parsererror').length) return null;
  const root = document.documentElement;
  const candidates: Element[] = [];
  for (const child of children(root, BPMN)) {
    if (child.localName === 'process') {
      candidates.push(child);
      for (const inner of Array.from(child.getElementsByTagNameNS(BPMN, '*'))) {
        if (inner.hasAttribute('id')) candidates.push(inner);
      }
    } else if (['message', 'signal', 'error'].includes(child.localName)) {
      candidates.push(child);
    }
  }
  const found = new Map<string, Semantic>();
  for (const node of candidates) {
    if (FOLDED.has(node.localName)) continue;
    const id = node.getAttribute('id');
    if (id) found.set(id, { kind: node.localName, name: node.getAttribute('name'), facets: facetsOf(node) });
  }
  return found;
}

function byId(a: ElementDiff, b: ElementDiff): number {
  return a.elementId < b.elementId ? -1 : a.elementId > b.elementId ? 1 : 0;
}

/** Which semantic elements were added, removed or changed from `before` to `after`, by element id. */
export function diffDiagrams(before: string, after: string): DiagramDiff | null {
  const old = semanticElements(before);
  const next = semanticElements(after);
  if (!old || !next) return null;
  const entry = (id: string, element: Semantic): ElementDiff => ({
    elementId: id,
    elementType: element.kind,
    name: element.name,
    changes: [],
  });
  const added = [...next].filter(([id]) => !old.has(id)).map(([id, element]) => entry(id, element));
  const removed = [...old].filter(([id]) => !next.has(id)).map(([id, element]) => entry(id, element));
  const changed: ElementDiff[] = [];
  for (const [id, before] of old) {
    const after = next.get(id);
    if (!after) continue;
    const changes: ElementDiff['changes'] = [];
    if (before.kind !== after.kind) changes.push({ what: 'type', before: before.kind, after: after.kind });
    if ((before.name ?? '') !== (after.name ?? '')) changes.push({ what: 'name', before: before.name, after: after.name });
    const keys = [...new Set([...before.facets.keys(), ...after.facets.keys()])].sort();
    for (const key of keys) {
      const was = before.facets.get(key) ?? null;
      const now = after.facets.get(key) ?? null;
      if (was !== now) changes.push({ what: key, before: was, after: now });
    }
    if (changes.length) changed.push({ elementId: id, elementType: after.kind, name: after.name, changes });
  }
  return { added: added.sort(byId), removed: removed.sort(byId), changed: changed.sort(byId) };
}

export function diffSize(diff: DiagramDiff | null): number {
  return diff ? diff.added.length + diff.removed.length + diff.changed.length : 0;
}
