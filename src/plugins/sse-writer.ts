/**
 * GraphQL over SSE in graphql-sse's "distinct connections" mode, as Yoga writes it (`next` events,
 * then `complete`; a comment first and every 12 s, so proxies keep the connection), plus an `id:`
 * line on every agent event, which a client's `Last-Event-ID` resumes from. Ours: Yoga's SSE
 * writer has no way to give an event its id. A slow reader holds the next event back in the
 * subscription, where `SUBSCRIBER_BUFFER_EVENTS` bounds it.
 */
import { resultJson, type ResultProcessor } from './result-json.js';
import { streamWriter, type StreamFormat } from './stream-writer.js';

const PING_MS = 12_000;

/** `ids()` gives the id of the event each result comes from, in order (none for a result that is no event). */
export function sseWriter(ids: () => string | undefined = () => undefined): ResultProcessor {
  const format: StreamFormat = {
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'content-encoding': 'none' },
    opening: ':\n\n',
    item: (result) => {
      const id = ids();
      return `event: next\n${id === undefined ? '' : `id: ${id}\n`}data: ${resultJson(result)}\n\n`;
    },
    closing: 'event: complete\ndata:\n\n',
    keepAlive: { chunk: ':\n\n', everyMs: PING_MS },
  };
  return streamWriter(() => format);
}
