/**
 * Multipart answers (`multipart/mixed`), one part per result. Ours: Yoga's multipart writer is not
 * exported and speaks only the incremental-delivery shape, while Apollo Client's subscription
 * protocol (`subscriptionSpec=1.0`) wants each result inside `payload`, and a heartbeat part (`{}`)
 * while nothing happens so that proxies keep the connection open. The stream is pulled, so a slow
 * reader holds the next result back instead of filling memory. The first delimiter goes out at
 * once (the headers with it: the client then knows it is subscribed) and each part is followed by
 * the next delimiter, as Yoga and Apollo Server write it: multipart readers (Apollo Client's, meros)
 * hand a part over only when they see the delimiter after it.
 */
import { isAsyncIterable } from 'graphql-yoga';
import { resultIterator, resultJson, type ResultProcessor } from './result-json.js';

const BOUNDARY = 'graphql';
const HEARTBEAT_MS = 5_000;

export interface MultipartOptions {
  /** Apollo's subscription protocol: `{"payload": result}` parts and heartbeats. */
  readonly apollo: boolean;
  readonly heartbeatMs?: number;
}

export function multipartWriter({ apollo, heartbeatMs = HEARTBEAT_MS }: MultipartOptions): ResultProcessor {
  return (result, fetchAPI) => {
    const encoder = new fetchAPI.TextEncoder();
    const part = (json: string) => encoder.encode(`\r\nContent-Type: application/json; charset=utf-8\r\n\r\n${json}\r\n--${BOUNDARY}`);
    const iterator = resultIterator(result);
    let heartbeat: NodeJS.Timeout | undefined;
    const stream = new fetchAPI.ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(`\r\n--${BOUNDARY}`));
        if (apollo && isAsyncIterable(result)) {
          heartbeat = setInterval(() => {
            if ((controller.desiredSize ?? 0) > 0) controller.enqueue(part('{}'));
          }, heartbeatMs);
        }
      },
      async pull(controller) {
        try {
          const { done, value } = await iterator.next();
          if (done) {
            clearInterval(heartbeat);
            controller.enqueue(encoder.encode('--\r\n'));
            controller.close();
            return;
          }
          controller.enqueue(part(apollo ? `{"payload":${resultJson(value)}}` : resultJson(value)));
        } catch (error) {
          clearInterval(heartbeat);
          controller.error(error);
        }
      },
      async cancel() {
        clearInterval(heartbeat);
        await iterator.return?.();
      },
    });
    const type = `multipart/mixed;boundary="${BOUNDARY}"${apollo ? ';subscriptionSpec=1.0' : ''}`;
    return new fetchAPI.Response(stream, { status: 200, headers: { 'content-type': type, 'cache-control': 'no-cache' } });
  };
}
