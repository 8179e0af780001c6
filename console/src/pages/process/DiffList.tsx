// The element-level difference between two versions (the server's or the working copy's), as a list.
import { useLang } from '../../i18n';
import type { DiagramDiff, ElementDiff } from './element-diff';
import { messages } from './messages';

type Props = {
  diff: DiagramDiff;
  /** Select the element in the editor (working-copy diff only). */
  onSelect?: (elementId: string) => void;
};

function ElementName({ element, onSelect }: { element: ElementDiff; onSelect?: (id: string) => void }) {
  const label = (
    <>
      <code>{element.elementId}</code> <span class="muted">{element.elementType}</span>
      {element.name && <> · {element.name}</>}
    </>
  );
  if (!onSelect) return <span>{label}</span>;
  return (
    <button type="button" class="process-link" onClick={() => onSelect(element.elementId)}>
      {label}
    </button>
  );
}

export function DiffList({ diff, onSelect }: Props) {
  const { t } = useLang();
  const words = t(messages);
  const show = (value: string | null) => (value === null || value === '' ? words.empty : value);
  if (!diff.added.length && !diff.removed.length && !diff.changed.length) {
    return <p class="muted">{words.noDiff}</p>;
  }
  return (
    <div class="process-diff">
      {diff.added.length > 0 && (
        <section>
          <h4>
            <span class="badge badge--ok">{words.added}</span> {diff.added.length}
          </h4>
          <ul>
            {diff.added.map((element) => (
              <li key={element.elementId}>
                <ElementName element={element} onSelect={onSelect} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.removed.length > 0 && (
        <section>
          <h4>
            <span class="badge badge--bad">{words.removed}</span> {diff.removed.length}
          </h4>
          <ul>
            {diff.removed.map((element) => (
              <li key={element.elementId}>
                <ElementName element={element} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.changed.length > 0 && (
        <section>
          <h4>
            <span class="badge badge--warn">{words.changed}</span> {diff.changed.length}
          </h4>
          <ul>
            {diff.changed.map((element) => (
              <li key={element.elementId}>
                <ElementName element={element} onSelect={onSelect} />
                <ul class="process-diff__changes">
                  {element.changes.map((change) => (
                    <li key={change.what}>
                      <code>{change.what}</code>: <del class="user-text">{show(change.before)}</del> →{' '}
                      <ins class="user-text">{show(change.after)}</ins>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
