/**
 * Requests that Node's HTTP parser refuses before the gateway sees them (a DEL or another control
 * character in a header, oversized headers, a request that never completes): answered with a
 * GraphQL-shaped JSON error instead of Node's bare 400, and nothing is sent upstream.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

const statusByCode: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // An answer to an earlier request on this connection may still be under way (pipelining):
  // writing ours now would take its place, so the connection is closed instead, as Node does.
  const answering = (socket as Duplex & { _httpMessage?: unknown })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || answering) {
    socket.destroy();
    return;
  }
  const status = statusByCode[error.code ?? ''] ?? 400;
  const body = JSON.stringify({
    errors: [
      {
        message:
          status === 400
            ? 'The HTTP request is malformed (for example a header value with a control character). Nothing was sent.'
            : `${STATUS_CODES[status]}. Nothing was sent.`,
        extensions: { code: 'BAD_REQUEST', http: { status } },
      },
    ],
  });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
