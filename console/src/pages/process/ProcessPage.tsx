// The analyst's page (admins too): the deployed versions of the report process, the diagram editor on a
// working copy of one of them, and migration of running reports. The editor (bpmn-js, and dmn-js for
// decision tables) is a separate chunk loaded only when it is shown, and not by default on a phone.
import type { ComponentType } from 'preact';
import { Fragment } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { request } from '../../api/client';
import { Loading, LoadError } from '../../components/loading';
import type { ProcessVersionDiffQuery, ProcessVersionsQuery } from '../../gql/graphql';
import { format, useLang } from '../../i18n';
import { commonMessages } from '../../messages';
import { DiffList } from './DiffList';
import { messages } from './messages';
import { Migration } from './Migration';
import { ProcessVersionDiff, ProcessVersions } from './queries';
import type { Deployed } from './Workspace';
import type { PageProps } from '../../page';
import './process.css';

type Version = ProcessVersionsQuery['processDefinitions']['edges'][number]['node'];
type WorkspaceProps = { versionId: string; onDeployed: (result: Deployed) => void; onDirty: (dirty: boolean) => void };

const PAGE_SIZE = 50;
const MAIN_PROCESS = 'report_lifecycle';
const WIDE_ENOUGH = '(min-width: 900px)';

function useWideScreen(): boolean {
  const [wide, setWide] = useState(() => window.matchMedia(WIDE_ENOUGH).matches);
  useEffect(() => {
    const query = window.matchMedia(WIDE_ENOUGH);
    const update = () => setWide(query.matches);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return wide;
}

/** The server's diff from the version before to this one. */
function VersionChanges({ fromId, toId }: { fromId: string; toId: string }) {
  const [diff, setDiff] = useState<ProcessVersionDiffQuery['processDefinitionDiff'] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    request(ProcessVersionDiff, { fromId, toId }).then((data) => setDiff(data.processDefinitionDiff), setError);
  }, [fromId, toId]);
  if (error) return <LoadError error={error} />;
  if (!diff) return <Loading />;
  return <DiffList diff={diff} />;
}

export default function ProcessPage(_props: PageProps) {
  const { t, formatDateTime } = useLang();
  const words = t(messages);
  const common = t(commonMessages);
  const wide = useWideScreen();
  const [versions, setVersions] = useState<Version[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<string | null>(null);
  const [forceEditor, setForceEditor] = useState(false);
  const [Workspace, setWorkspace] = useState<ComponentType<WorkspaceProps> | null>(null);
  const [workspaceError, setWorkspaceError] = useState<unknown>(null);
  const dirty = useRef(false);

  const load = useCallback(async (after: string | null) => {
    setLoading(true);
    try {
      const { processDefinitions } = await request(ProcessVersions, { first: PAGE_SIZE, after });
      const page = processDefinitions.edges.map((edge) => edge.node);
      setVersions((before) => (after ? [...before, ...page] : page));
      setHasMore(processDefinitions.pageInfo.hasNextPage);
      setCursor(processDefinitions.pageInfo.endCursor ?? null);
      setError(null);
      return page;
    } catch (failure) {
      setError(failure);
      return [];
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(null).then((page) => {
      const newest = page.find((version) => version.processId === MAIN_PROCESS) ?? page[0];
      if (newest) setOpenId((current) => current ?? newest.id);
    });
  }, [load]);

  // Once shown, the editor stays: a window made narrower (or a page screenshot resizing it) must not
  // throw away the working copy.
  useEffect(() => {
    if (wide) setForceEditor(true);
  }, [wide]);
  const showEditor = wide || forceEditor;
  useEffect(() => {
    if (!showEditor || Workspace) return;
    import('./Workspace').then(
      (module) => setWorkspace(() => module.default),
      (failure: unknown) => setWorkspaceError(failure),
    );
  }, [showEditor, Workspace]);

  const onDeployed = useCallback(
    async (result: Deployed) => {
      await load(null);
      if (result.created) setOpenId(result.id);
    },
    [load],
  );
  const onDirty = useCallback((value: boolean) => {
    dirty.current = value;
  }, []);

  const open = (id: string) => {
    if (id === openId) return;
    if (dirty.current && !window.confirm(words.confirmDiscard)) return;
    setOpenId(id);
    document.getElementById('process-editor')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  /** The version before this one of the same process, for its "changes" button. */
  const previous = (version: Version) =>
    versions.find((other) => other.processId === version.processId && other.version < version.version);
  const newestId = versions[0]?.id;
  const manyProcesses = new Set(versions.map((version) => version.processId)).size > 1;

  return (
    <section class="process-page stack">
      <h1>{words.title}</h1>
      <p class="lead">{words.intro}</p>

      <section class="card stack" aria-labelledby="process-versions-title">
        <h2 id="process-versions-title">{words.versionsTitle}</h2>
        {error ? <LoadError error={error} /> : null}
        {!versions.length && loading && <Loading />}
        {!versions.length && !loading && !error && <p class="muted">{words.noVersions}</p>}
        {versions.length > 0 && (
          <table class="responsive process-versions">
            <thead>
              <tr>
                <th scope="col">{words.colVersion}</th>
                {manyProcesses && <th scope="col">{words.colProcess}</th>}
                <th scope="col">{words.colNote}</th>
                <th scope="col">{words.colDeployedAt}</th>
                <th scope="col">{words.colDeployedBy}</th>
                <th scope="col">{words.colReports}</th>
                <th scope="col">{words.colActions}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((version) => {
                const before = previous(version);
                return (
                  <Fragment key={version.id}>
                    <tr data-version={version.version}>
                      <td data-label={words.colVersion}>
                        <strong>v{version.version}</strong>{' '}
                        {version.id === newestId && <span class="badge badge--ok">{words.newest}</span>}{' '}
                        {version.id === openId && showEditor && <span class="badge">{words.inEditor}</span>}
                      </td>
                      {manyProcesses && (
                        <td data-label={words.colProcess}>
                          <code>{version.processId}</code>
                        </td>
                      )}
                      <td data-label={words.colNote} class="user-text">
                        {version.note || common.none}
                      </td>
                      <td data-label={words.colDeployedAt}>{formatDateTime(version.deployedAt)}</td>
                      <td data-label={words.colDeployedBy}>{version.deployedBy?.name ?? words.deployedByCli}</td>
                      <td data-label={words.colReports}>{version.reportCount}</td>
                      <td data-label={words.colActions}>
                        <div class="row">
                          {before && (
                            <button
                              type="button"
                              class="button--quiet"
                              aria-expanded={expanded === version.id}
                              onClick={() => setExpanded(expanded === version.id ? null : version.id)}
                            >
                              {expanded === version.id ? words.hideChanges : format(words.showChanges, { from: before.version })}
                            </button>
                          )}
                          {showEditor && version.id !== openId && (
                            <button type="button" class="button--quiet" onClick={() => open(version.id)}>
                              {words.openInEditor}
                            </button>
                          )}
                        </div>
                      </td>
                    </tr>
                    {expanded === version.id && before && (
                      <tr class="process-versions__changes">
                        <td colSpan={manyProcesses ? 7 : 6}>
                          <VersionChanges fromId={before.id} toId={version.id} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        )}
        {hasMore && (
          <button type="button" disabled={loading} onClick={() => void load(cursor)}>
            {words.loadMore}
          </button>
        )}
      </section>

      <div id="process-editor">
        {!showEditor && (
          <div class="notice">
            <p>{words.narrowScreen}</p>
            <button type="button" onClick={() => setForceEditor(true)}>
              {words.openAnyway}
            </button>
          </div>
        )}
        {showEditor && workspaceError ? <LoadError error={workspaceError} /> : null}
        {showEditor && !Workspace && !workspaceError && openId && <Loading />}
        {showEditor && Workspace && openId && <Workspace versionId={openId} onDeployed={onDeployed} onDirty={onDirty} />}
      </div>

      {versions.length > 0 && <Migration versions={versions} onMigrated={() => void load(null)} />}
    </section>
  );
}
