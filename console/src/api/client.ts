// The console's only way to the server: the public GraphQL API, over HTTP for queries and mutations
// and over graphql-transport-ws for subscriptions. The session is an HttpOnly cookie the API sets
// (`tokenCreate(input: {cookie: true})`), so no script here ever holds a token; each cookie-authenticated
// request proves it comes from this page with the readable CSRF cookie echoed in `X-CSRF-Token`.
import { createClient, type Client } from 'graphql-ws';
import type { TypedDocumentString } from '../gql/graphql';

export const GRAPHQL_PATH = '/graphql';
// Outside development the API names its cookies with the __Host- prefix (only this host may set them).
const CSRF_COOKIES = ['__Host-lapor_csrf', 'lapor_csrf'];
const CSRF_HEADER = 'X-CSRF-Token';

/** A failure outside the payload: not logged in, forbidden, a network error, a server bug. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Codes after which the console has no session any more and must log in again. */
const SESSION_ENDED_CODES = new Set(['TOKEN_INVALID', 'TOKEN_EXPIRED', 'UNAUTHENTICATED', 'CSRF_FAILED']);
const sessionEndedListeners = new Set<() => void>();

export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

let language = 'id';

/** The API answers its own labels (statuses, actions, errors) in this language. */
export function setApiLanguage(next: string): void {
  if (next === language) return;
  language = next;
  resetLiveConnection();
}

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

function csrfToken(): string | null {
  for (const name of CSRF_COOKIES) {
    const value = readCookie(name);
    if (value) return value;
  }
  return null;
}

/** A cookie session exists in this browser (an account's, or a report access code's). */
export function hasBrowserSession(): boolean {
  return csrfToken() !== null;
}

export function operationName(document: string): string | undefined {
  return /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/m.exec(document)?.[1];
}

type Variables<V> = V extends Record<string, never> ? [variables?: V] : [variables: V];

export async function request<R, V>(document: TypedDocumentString<R, V>, ...[variables]: Variables<V>): Promise<R> {
  const query = document.toString();
  const body = JSON.stringify({ query, variables: variables ?? {}, operationName: operationName(query) });
  let response = await post(body);
  // A stale session cookie (expired, revoked, ended elsewhere: 401) or one that lost its CSRF cookie
  // (403) is refused, and that answer clears the cookies: the request is then sent once more as
  // whoever it is without them (a login, the public pages), and the page learns the session ended.
  if (response.sentCookie && (response.status === 401 || response.status === 403) && csrfToken() === null) {
    sessionEndedListeners.forEach((listener) => listener());
    response = await post(body);
  }
  return result<R>(response);
}

type Sent = { status: number; sentCookie: boolean; body: GraphQLBody<unknown> | null };
export type GraphQLBody<R> = { data?: R | null; errors?: { message: string; extensions?: { code?: string } }[] };

/** What every request to the API carries: the answer's format, the language, and the CSRF proof of a cookie session. */
export function apiHeaders(): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: 'application/graphql-response+json, application/json',
    'Accept-Language': language,
  };
  const csrf = csrfToken();
  if (csrf) headers[CSRF_HEADER] = csrf;
  return headers;
}

/** The console's language for texts the API does not answer (a network failure). */
export function apiLanguage(): string {
  return language;
}

async function post(body: string): Promise<Sent> {
  const headers = { ...apiHeaders(), 'Content-Type': 'application/json' };
  const csrf = csrfToken();
  let response: Response;
  try {
    response = await fetch(GRAPHQL_PATH, { method: 'POST', credentials: 'same-origin', headers, body });
  } catch {
    throw new ApiError(language === 'en' ? 'The server cannot be reached.' : 'Server tidak dapat dihubungi.', 'NETWORK');
  }
  let parsed: GraphQLBody<unknown> | null = null;
  try {
    parsed = await response.json();
  } catch {
    parsed = null;
  }
  return { status: response.status, sentCookie: csrf !== null, body: parsed };
}

/** The data of an answer, or an ApiError for its first error (a 401 also ends the session here). */
export function result<R>({ status, body }: Pick<Sent, 'status' | 'body'>): R {
  if (body === null) throw new ApiError(`HTTP ${status}`, 'HTTP', status);
  const first = body.errors?.[0];
  if (first) {
    const code = first.extensions?.code ?? null;
    if (status === 401 || (code !== null && SESSION_ENDED_CODES.has(code))) {
      sessionEndedListeners.forEach((listener) => listener());
    }
    throw new ApiError(first.message, code, status);
  }
  if (body.data == null) throw new ApiError(`HTTP ${status}`, 'HTTP', status);
  return body.data as R;
}

let live: Client | null = null;

function liveClient(): Client {
  if (live) return live;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  live = createClient({
    url: `${scheme}://${location.host}${GRAPHQL_PATH}`,
    lazy: true,
    // The handshake carries the session cookie; the CSRF value proves the socket was opened by this page.
    connectionParams: () => ({ csrf: csrfToken(), language }),
    retryAttempts: 1_000_000,
    shouldRetry: () => true,
  });
  return live;
}

/** Close the live connection, e.g. after login or logout: the next subscription opens a new one as the new viewer. */
export function resetLiveConnection(): void {
  const old = live;
  live = null;
  void old?.dispose();
}

export function subscribe<R, V>(
  document: TypedDocumentString<R, V>,
  variables: V,
  onData: (data: R) => void,
  onError?: (error: ApiError) => void,
): () => void {
  const query = document.toString();
  const client = liveClient();
  const unsubscribe = client.subscribe<R>(
    { query, variables: variables as Record<string, unknown>, operationName: operationName(query) },
    {
      next: (result) => {
        if (result.errors?.length) {
          const first = result.errors[0];
          onError?.(new ApiError(first.message, (first.extensions?.code as string | undefined) ?? null));
        } else if (result.data) onData(result.data as R);
      },
      error: () => onError?.(new ApiError('live connection closed', 'LIVE')),
      complete: () => undefined,
    },
  );
  // A connection reset (a language switch, a login) disposes the old client and closes its socket; a
  // component letting go of its subscription afterwards must not send on that closing socket (the
  // browser reports it as an error), and has nothing left to end there.
  return () => {
    if (client === live) unsubscribe();
  };
}
