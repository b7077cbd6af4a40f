/**
 * Every answer carries `x-request-id`: the client's own when it is sane, else a new UUID. The same
 * id is in every log line about the request. Ours: Yoga has no request-id plugin.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Plugin } from 'graphql-yoga';

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const ids = new WeakMap<Request, string>();

export const requestIdFrom = (value: string | null | undefined): string => (value && SANE_REQUEST_ID.test(value) ? value : randomUUID());

/** The request's id, given on first use. */
export function requestIdOf(request: Request): string {
  let id = ids.get(request);
  if (id === undefined) {
    id = requestIdFrom(request.headers.get('x-request-id'));
    ids.set(request, id);
  }
  return id;
}

/** The node:http response behind a Yoga request, when served over node:http and not yet begun. */
function unsentNodeResponse(serverContext: unknown): ServerResponse | undefined {
  const res = (serverContext as { res?: ServerResponse } | undefined)?.res;
  return res && !res.headersSent ? res : undefined;
}

export const useRequestId = (): Plugin => ({
  onResponse({ request, response, serverContext }) {
    const id = requestIdOf(request);
    // Over node:http the header goes on the node response, which writes it with the answer's own:
    // setting it on the Fetch response would copy its headers into a map and cost whatwg-node its
    // one-call `writeHead`.
    const res = unsentNodeResponse(serverContext);
    if (res) res.setHeader('x-request-id', id);
    else response.headers.set('x-request-id', id);
  },
});
