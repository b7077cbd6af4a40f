/**
 * Multipart answers (`multipart/mixed`), one part per result. Ours: Yoga's multipart writer is not
 * exported and speaks only the incremental-delivery shape, while Apollo Client's subscription
 * protocol (`subscriptionSpec=1.0`) wants each result inside `payload`, and a heartbeat part (`{}`)
 * while nothing happens so that proxies keep the connection open. The first delimiter goes out at
 * once (the headers with it: the client then knows it is subscribed) and each part is followed by
 * the next delimiter, as Yoga and Apollo Server write it: multipart readers (Apollo Client's, meros)
 * hand a part over only when they see the delimiter after it.
 */
import { isAsyncIterable } from 'graphql-yoga';
import { resultJson, type ResultProcessor } from './result-json.js';
import { streamWriter, type StreamFormat } from './stream-writer.js';

const BOUNDARY = 'graphql';
const HEARTBEAT_MS = 5_000;

const part = (json: string): string => `\r\nContent-Type: application/json; charset=utf-8\r\n\r\n${json}\r\n--${BOUNDARY}`;

/** `apollo`: Apollo's subscription protocol, `{"payload": result}` parts and heartbeats. */
export function multipartWriter({ apollo }: { readonly apollo: boolean }): ResultProcessor {
  const format = (heartbeats: boolean): StreamFormat => ({
    headers: { 'content-type': `multipart/mixed;boundary="${BOUNDARY}"${apollo ? ';subscriptionSpec=1.0' : ''}`, 'cache-control': 'no-cache' },
    opening: `\r\n--${BOUNDARY}`,
    item: (result) => part(apollo ? `{"payload":${resultJson(result)}}` : resultJson(result)),
    closing: '--\r\n',
    keepAlive: heartbeats ? { chunk: part('{}'), everyMs: HEARTBEAT_MS } : null,
  });
  const single = format(false);
  const streamed = format(apollo);
  return streamWriter((result) => (isAsyncIterable(result) ? streamed : single));
}
