/**
 * The request body limit, enforced before anything reads the body: a declared length over the
 * limit is answered 413 at once; a body of undeclared length (chunked) is refused with 411, since
 * every GraphQL client sends Content-Length and Node then reads no more than it declares.
 */
import type { IncomingMessage } from 'node:http';

export function bodyRefusal(request: IncomingMessage, maxBodyBytes: number): { status: 411 | 413; message: string } | null {
  const declared = request.headers['content-length'];
  if (declared === undefined) {
    return request.headers['transfer-encoding'] === undefined
      ? null
      : { status: 411, message: 'Send the request body with a Content-Length header.' };
  }
  const length = Number(declared);
  return Number.isSafeInteger(length) && length <= maxBodyBytes
    ? null
    : { status: 413, message: `The request body is larger than ${maxBodyBytes} bytes.` };
}
