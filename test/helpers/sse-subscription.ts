/**
 * A GraphQL-over-SSE client for tests ("distinct connections" mode, as graphql-sse names it): one
 * GET per subscription with `Accept: text/event-stream`, optionally resuming with `Last-Event-ID`,
 * its `next` results kept in order with their SSE ids, and how the stream ended (`complete`, the
 * connection lost, or closed by the test). The SSE framing is read by `eventsource-parser`; what
 * is ours is only the GraphQL side, which no small library offers with `Last-Event-ID` and the
 * raw `id:` lines a test must see.
 */
import { createParser } from 'eventsource-parser';

export interface SseResult {
  /** The `id:` line of the event, when it had one. */
  readonly id: string | undefined;
  readonly payload: { readonly data?: Record<string, unknown> | null; readonly errors?: ReadonlyArray<{ readonly message: string; readonly extensions?: Record<string, unknown> }> };
}

export type SseEnd =
  /** The server sent `complete`. */
  | { readonly kind: 'complete' }
  /** The connection failed or was cut (a server killed, a network fault) before `complete`. */
  | { readonly kind: 'lost'; readonly error: unknown }
  /** The answer was no event stream. */
  | { readonly kind: 'refused'; readonly status: number; readonly body: string }
  /** `close()` was called. */
  | { readonly kind: 'closed' };

export interface SseSubscription {
  /** Every `next` result so far, in the order received. */
  readonly results: SseResult[];
  /** Settles when the stream ends, however. */
  readonly ended: Promise<SseEnd>;
  /** How it ended, once it has. */
  end(): SseEnd | undefined;
  /** Ends it from the client side (the server sees the connection close). */
  close(): Promise<void>;
}

export interface SseRequest {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  readonly url: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly headers?: Record<string, string>;
  /** Sent as `Last-Event-ID` (what an EventSource does when it reconnects). */
  readonly lastEventId?: string;
}

export function subscribeSse(request: SseRequest): SseSubscription {
  const results: SseResult[] = [];
  const abort = new AbortController();
  let ending: SseEnd | undefined;
  const url = new URL(request.url);
  url.searchParams.set('query', request.query);
  if (request.variables) url.searchParams.set('variables', JSON.stringify(request.variables));

  const ended = (async (): Promise<SseEnd> => {
    try {
      const response = await fetch(url, {
        headers: { accept: 'text/event-stream', ...request.headers, ...(request.lastEventId === undefined ? {} : { 'last-event-id': request.lastEventId }) },
        signal: abort.signal,
      });
      if (!response.ok || !response.headers.get('content-type')?.startsWith('text/event-stream') || !response.body) {
        return { kind: 'refused', status: response.status, body: await response.text() };
      }
      let completed = false;
      const parser = createParser({
        onEvent: (event) => {
          if (event.event === 'complete') completed = true;
          else if (event.event === 'next' || event.event === undefined) results.push({ id: event.id, payload: JSON.parse(event.data) as SseResult['payload'] });
        },
      });
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      while (!completed) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
      if (completed) await reader.cancel();
      return completed ? { kind: 'complete' } : { kind: 'lost', error: new Error('The stream ended without complete') };
    } catch (error) {
      return abort.signal.aborted ? { kind: 'closed' } : { kind: 'lost', error };
    } finally {
    }
  })().then((end) => (ending = end));

  return {
    results,
    ended,
    end: () => ending,
    close: async () => {
      abort.abort();
      await ended;
    },
  };
}
