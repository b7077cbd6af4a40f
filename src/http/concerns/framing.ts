/**
 * Requests refused before their body is read: a Host header that names no host, a declared body
 * over the limit (413, unread), and a body of undeclared length (411: every GraphQL client sends
 * Content-Length, and Node then reads no more than that).
 */
import type { IncomingMessage } from 'node:http';
import { refusal as jsonRefusal, type Answer, type Concern } from '../exchange.js';

// The body is left unread: this connection cannot carry another request.
const refusal = (status: number, code: string, message: string): Answer => jsonRefusal(status, code, message, { connection: 'close' });

/** A Host header that names no host: refused on every path (RFC 9112 §3.2). */
export const hostRefusal = (request: IncomingMessage): Answer | undefined => {
  const host = request.headers.host;
  return host !== undefined && !URL.canParse(`http://${host}/`) ? refusal(400, 'BAD_REQUEST', 'The Host header does not name a host.') : undefined;
};

export const framingConcern = (maxBodyBytes: number): Concern => ({
  name: 'body-limit',
  onRequest({ request }) {
    const badHost = hostRefusal(request);
    if (badHost) return badHost;
    const declared = request.headers['content-length'];
    if (declared === undefined) {
      return request.headers['transfer-encoding'] === undefined ? undefined : refusal(411, 'LENGTH_REQUIRED', 'Send the request body with a Content-Length header.');
    }
    const length = Number(declared);
    return Number.isSafeInteger(length) && length <= maxBodyBytes
      ? undefined
      : refusal(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBodyBytes} bytes.`);
  },
});
