/**
 * What an HTTP request that subscribes tells its writer, and the other way round: the ids of the
 * events as the resolver hands them out (for SSE `id:` lines), the client's `Last-Event-ID`, and
 * how much the response still holds. One per request, created when its context is built.
 */
import type { ServerResponse } from 'node:http';
import type { EventTransport } from '../resolvers/context.js';

export interface EventStream extends EventTransport {
  /** The id of the event the next result comes from. */
  nextId(): string | undefined;
}

const streams = new WeakMap<Request, EventStream>();

export function eventStreamOf(request: Request, response: ServerResponse | undefined): EventStream {
  let stream = streams.get(request);
  if (stream) return stream;
  const ids: string[] = [];
  stream = {
    lastEventId: request.headers.get('last-event-id'),
    onEvent: (id) => void ids.push(id),
    nextId: () => ids.shift(),
    // An event written but not yet drained to the socket (the writer waits for the drain before the next).
    buffered: () => (response?.writableNeedDrain ? 1 : 0),
  };
  streams.set(request, stream);
  return stream;
}

/** The request's stream, when its context made one (a subscription over HTTP). */
export const existingEventStream = (request: Request): EventStream | undefined => streams.get(request);
