/**
 * GraphQL over SSE in graphql-sse's "distinct connections" mode, as Yoga writes it (`next` events,
 * then `complete`; a comment first and every 12 s, so proxies keep the connection), plus an `id:`
 * line on every agent event, which a client's `Last-Event-ID` resumes from. Ours: Yoga's SSE
 * writer has no way to give an event its id. The stream is pulled, so a slow reader holds the next
 * event back in the subscription, where `SUBSCRIBER_BUFFER_EVENTS` bounds it.
 */
import { resultIterator, resultJson, type ResultProcessor } from './result-json.js';

const PING_MS = 12_000;

/** `ids()` gives the id of the event each result comes from, in order (none for a result that is no event). */
export function sseWriter(ids: () => string | undefined = () => undefined, pingMs = PING_MS): ResultProcessor {
  return (result, fetchAPI) => {
    const encoder = new fetchAPI.TextEncoder();
    const iterator = resultIterator(result);
    let ping: NodeJS.Timeout | undefined;
    const stream = new fetchAPI.ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(':\n\n'));
        ping = setInterval(() => {
          if ((controller.desiredSize ?? 0) > 0) controller.enqueue(encoder.encode(':\n\n'));
        }, pingMs);
      },
      async pull(controller) {
        try {
          const { done, value } = await iterator.next();
          if (done) {
            clearInterval(ping);
            controller.enqueue(encoder.encode('event: complete\ndata:\n\n'));
            controller.close();
            return;
          }
          const id = ids();
          controller.enqueue(encoder.encode(`event: next\n${id === undefined ? '' : `id: ${id}\n`}data: ${resultJson(value)}\n\n`));
        } catch (error) {
          clearInterval(ping);
          controller.error(error);
        }
      },
      async cancel() {
        clearInterval(ping);
        await iterator.return?.();
      },
    });
    return new fetchAPI.Response(stream, {
      status: 200,
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'content-encoding': 'none' },
    });
  };
}
