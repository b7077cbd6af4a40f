/**
 * Requests refused before anything reads them: a Host header that names no host (the URL could
 * not be built from it), a declared body over the limit (413, unread), and a body of undeclared
 * length (411: every GraphQL client sends Content-Length, and Node then reads no more than that).
 */
import type { IncomingMessage } from 'node:http';

export interface Refusal {
  readonly status: 400 | 411 | 413;
  readonly code: string;
  readonly message: string;
}

export function refusalFor(request: IncomingMessage, maxBodyBytes: number): Refusal | null {
  const host = request.headers.host;
  if (host !== undefined && !URL.canParse(`http://${host}/`)) {
    return { status: 400, code: 'BAD_REQUEST', message: 'The Host header does not name a host.' };
  }
  const declared = request.headers['content-length'];
  if (declared === undefined) {
    return request.headers['transfer-encoding'] === undefined
      ? null
      : { status: 411, code: 'LENGTH_REQUIRED', message: 'Send the request body with a Content-Length header.' };
  }
  const length = Number(declared);
  return Number.isSafeInteger(length) && length <= maxBodyBytes
    ? null
    : { status: 413, code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than ${maxBodyBytes} bytes.` };
}
