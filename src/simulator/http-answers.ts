/** The simulator's small HTTP helpers: reading a request, and answers in the page's `ErrorResponse` shape. */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 1024 * 1024;

/** One entry of an `ErrorResponse`'s `errors`. */
export interface ErrorEntry {
  readonly scope: string;
  readonly reason: string;
  readonly message: string;
}

export function sendJson(response: ServerResponse, status: number, text: string, headers: Readonly<Record<string, string>> = {}): void {
  response.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** `{ code, message, errors }`, as the page's `ErrorResponse`. */
export function sendError(
  response: ServerResponse,
  status: number,
  errors: readonly ErrorEntry[] = [],
  message?: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  sendJson(response, status, JSON.stringify({ code: status, message: message ?? STATUS_CODES[status] ?? `HTTP ${status}`, errors }), headers);
}

/** The page's 401: no body. */
export function sendUnauthorized(response: ServerResponse): void {
  response.writeHead(401).end();
}

/** The body as text, or null when it is larger than the simulator takes (1 MiB). */
export async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A header's (first) value, empty when absent. */
export function header(request: IncomingMessage, name: string): string {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

export const hasBearerToken = (request: IncomingMessage): boolean => /^Bearer \S/.test(header(request, 'authorization'));
