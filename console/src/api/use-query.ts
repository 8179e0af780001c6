// Load a query when its variables or the console's language change (the API answers its labels in that
// language); `reload` after a mutation. Written once for every page.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { TypedDocumentString } from '../gql/graphql';
import { useLang } from '../i18n';
import { request } from './client';

export type QueryState<R> = { data: R | null; error: unknown; loading: boolean; reload: () => Promise<void> };

export function useQuery<R, V>(document: TypedDocumentString<R, V>, variables: V, options: { skip?: boolean } = {}): QueryState<R> {
  const [data, setData] = useState<R | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(!options.skip);
  const { lang } = useLang();
  const key = `${lang} ${JSON.stringify(variables)}`;
  const latest = useRef(0);

  const reload = useCallback(async () => {
    if (options.skip) return;
    const ticket = ++latest.current;
    setLoading(true);
    try {
      const result = await request(document, ...([variables] as never));
      if (ticket === latest.current) {
        setData(result);
        setError(null);
      }
    } catch (failure) {
      if (ticket === latest.current) setError(failure);
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [document, key, options.skip]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, error, loading, reload };
}
