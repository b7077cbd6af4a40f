/**
 * Every answer carries `x-request-id`: the client's own when it is sane, else a new UUID. The same
 * id is in every log line about the request. Ours: Yoga has no request-id plugin.
 */
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { nodeServerContext } from './request-context.js';

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

export const useRequestId = (): Plugin => ({
  onResponse({ request, response, serverContext }) {
    const id = requestIdOf(request);
    // Over node:http the header goes on the node response, which writes it with the answer's own:
    // setting it on the Fetch response would copy its headers into a map and cost whatwg-node its
    // one-call `writeHead`.
    const { res } = nodeServerContext(serverContext);
    if (res && !res.headersSent) res.setHeader('x-request-id', id);
    else response.headers.set('x-request-id', id);
  },
});
