/**
 * Requests that Node's HTTP parser refuses before the gateway sees them (a DEL or another control
 * character in a header, oversized headers, a request that never completes): answered with a
 * GraphQL-shaped JSON error from the refusal table instead of Node's bare 400, and nothing is sent
 * upstream.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { refusalBody, refusals, type RefusalName } from '../refusals.js';

const refusalByCode: Readonly<Record<string, RefusalName>> = {
  HPE_HEADER_OVERFLOW: 'headersTooLarge',
  ERR_HTTP_REQUEST_TIMEOUT: 'requestTimeout',
};

export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // An answer to an earlier request on this connection may still be under way (pipelining):
  // writing ours now would take its place, so the connection is closed instead, as Node does.
  const answering = (socket as Duplex & { _httpMessage?: unknown })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || answering) {
    socket.destroy();
    return;
  }
  const name = refusalByCode[error.code ?? ''] ?? 'malformedRequest';
  const { status } = refusals[name];
  const body = refusalBody(name);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
