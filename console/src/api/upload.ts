// Files travel by the GraphQL multipart request specification (the one Apollo and urql speak): the
// operation in `operations`, where each file goes in `map`, then the files. Sent with XMLHttpRequest,
// because fetch cannot report how far an upload has got, and a photo on a slow connection takes a while.
//
// A multipart POST is a "simple" request a foreign page could send with the visitor's cookies, so every
// upload carries a header no form can set, which makes a browser ask first (a CORS preflight) before
// sending it from elsewhere: the CSRF echo of a cookie session, and `Apollo-Require-Preflight` for a
// reporter without any session.
import type { TypedDocumentString } from '../gql/graphql';
import { ApiError, apiHeaders, apiLanguage, GRAPHQL_PATH, operationName, result, type GraphQLBody } from './client';

/** How far an upload has got: bytes sent of all (`total` 0 while unknown). */
export type UploadProgress = { loaded: number; total: number };

export type Upload<R> = { done: Promise<R>; abort: () => void };

/**
 * Send `document` with `files` put at their variable paths (e.g. `{ 'variables.input.file': file }`).
 * `done` resolves with the data or rejects with an ApiError (code `ABORTED` after `abort()`, `HTTP` with
 * the status when the server answered without GraphQL, e.g. 413 for a body past its limit).
 */
export function uploadFiles<R, V>(
  document: TypedDocumentString<R, V>,
  variables: V,
  files: Record<string, File>,
  onProgress: (progress: UploadProgress) => void,
): Upload<R> {
  const query = document.toString();
  const form = new FormData();
  const paths = Object.keys(files);
  form.append('operations', JSON.stringify({ query, variables, operationName: operationName(query) }));
  form.append('map', JSON.stringify(Object.fromEntries(paths.map((path, index) => [String(index), [path]]))));
  paths.forEach((path, index) => form.append(String(index), files[path], files[path].name));

  const xhr = new XMLHttpRequest();
  const done = new Promise<R>((resolve, reject) => {
    xhr.open('POST', GRAPHQL_PATH);
    for (const [name, value] of Object.entries(apiHeaders())) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('Apollo-Require-Preflight', 'true');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : 0 });
    xhr.onload = () => {
      let body: GraphQLBody<unknown> | null = null;
      try {
        body = JSON.parse(xhr.responseText) as GraphQLBody<unknown>;
      } catch {
        body = null;
      }
      try {
        resolve(result<R>({ status: xhr.status, body }));
      } catch (failure) {
        reject(failure);
      }
    };
    xhr.onerror = () =>
      reject(new ApiError(apiLanguage() === 'en' ? 'The server cannot be reached.' : 'Server tidak dapat dihubungi.', 'NETWORK'));
    xhr.onabort = () => reject(new ApiError('aborted', 'ABORTED'));
    // The body's boundary is the browser's to choose: no Content-Type set here.
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
