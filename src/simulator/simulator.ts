/**
 * A stand-in for the Engagement Center REST API, played from the catalog: every valid command is
 * accepted (202); a bad one gets the status and `ErrorResponse` the page lists. In stateful mode it
 * also tracks agent sessions and presented interactions (`session-state.ts`). Tests can record
 * what arrived and inject faults (a status and body, a delay, a reset connection).
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkBody } from './validate-body.js';
import { matchRoute } from './routes.js';
import { SessionState } from './session-state.js';
import { SIMULATOR_ORGANIZATION } from '../config/table.js';

export interface RecordedRequest {
  readonly method: string;
  /** The raw request target, as sent. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  /** The client's port: requests on one connection share it. */
  readonly remotePort: number | undefined;
}

/** What the next matching request gets instead of the simulated answer. */
export interface Fault {
  /** Only requests whose path ends with this operation (`hold`); any when absent. */
  readonly operation?: string;
  readonly status?: number;
  /** A string is sent as is; anything else as JSON. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Wait this long before answering (or resetting). */
  readonly delayMs?: number;
  /** Destroy the connection instead of answering. */
  readonly reset?: boolean;
  /** How many requests it applies to, default 1. */
  readonly times?: number;
}

export interface SimulatorOptions {
  /** Track agent sessions and presented interactions, refusing commands that do not fit (404/422). */
  readonly stateful?: boolean;
  readonly port?: number;
  readonly host?: string;
  /** How many requests `requests` keeps (the most recent), default 1000. */
  readonly recordLimit?: number;
}

export interface Simulator {
  /** `http://host:port`, the value for `ALVARIA_BASE_URL`. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Presents an interaction, as `POST /_simulator/interactions` does; returns its id. */
  presentInteraction(organization?: string, interactionId?: string): string;
  injectFault(fault: Fault): void;
  clearFaults(): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
/** The simulator's own route, outside the REST API: presents an interaction to be accepted. */
export const PRESENT_INTERACTION_PATH = '/_simulator/interactions';

interface ErrorEntry {
  readonly scope: string;
  readonly reason: string;
  readonly message: string;
}

function sendError(response: ServerResponse, status: number, errors: ErrorEntry[] = [], message?: string): void {
  const body = JSON.stringify({ code: status, message: message ?? STATUS_CODES[status] ?? `HTTP ${status}`, errors });
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function header(request: IncomingMessage, name: string): string {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** The simulated answer, following the page's status list. */
function answer(request: IncomingMessage, response: ServerResponse, body: string, state: SessionState | null): void {
  const route = matchRoute(new URL(request.url ?? '/', 'http://simulator').pathname);
  if (!route) return sendError(response, 404, [{ scope: 'path', reason: 'notFound', message: 'No such endpoint' }]);
  if (request.method !== 'POST') {
    response.setHeader('allow', 'POST');
    return sendError(response, 405, [{ scope: 'method', reason: 'methodNotAllowed', message: 'Only POST is allowed' }]);
  }
  if (!/^Bearer \S/.test(header(request, 'authorization'))) {
    response.writeHead(401).end();
    return;
  }
  const missingHeader = ['x-api-key', 'via-client-sessionid'].find(
    (name) => header(request, name) === '' && !(name === 'via-client-sessionid' && route.endpoint.sessionIdHeader),
  );
  if (missingHeader) {
    return sendError(response, 400, [{ scope: missingHeader, reason: 'required', message: `The ${missingHeader} header is required` }]);
  }
  if (!header(request, 'content-type').toLowerCase().startsWith('application/json')) {
    return sendError(response, 400, [{ scope: 'content-type', reason: 'type', message: 'The body must be application/json' }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return sendError(response, 400, [{ scope: 'body', reason: 'json', message: 'The body is not valid JSON' }]);
  }
  const problem = checkBody(route.endpoint, json);
  if (problem) {
    return sendError(response, 400, [{ scope: problem.field, reason: problem.reason, message: problem.message }], `Invalid ${route.endpoint.schema}ParmsSchema: ${problem.message}`);
  }
  const refusal = state?.apply(route.endpoint, route.organization, route.pathId, json as Record<string, unknown>);
  if (refusal) return sendError(response, refusal.status, [{ scope: route.endpoint.operation, reason: refusal.reason, message: refusal.message }], refusal.message);
  response.writeHead(202).end();
}

/** `POST /_simulator/interactions` `{ "organization"?: "demo", "interactionId"?: "…" }`: presents an interaction. */
function presentInteraction(response: ServerResponse, body: string, state: SessionState): void {
  let request: { organization?: unknown; interactionId?: unknown };
  try {
    request = JSON.parse(body || '{}') as typeof request;
  } catch {
    return sendError(response, 400, [{ scope: 'body', reason: 'json', message: 'The body is not valid JSON' }]);
  }
  const organization = typeof request.organization === 'string' ? request.organization : SIMULATOR_ORGANIZATION;
  const interactionId = state.present(organization, typeof request.interactionId === 'string' ? request.interactionId : undefined);
  const text = JSON.stringify({ organization, interactionId });
  response.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const requests: RecordedRequest[] = [];
  const recordLimit = options.recordLimit ?? 1000;
  const faults: Array<Fault & { remaining: number }> = [];
  const state = new SessionState();

  const takeFault = (url: string): Fault | undefined => {
    const path = url.split('?')[0] ?? '';
    const index = faults.findIndex((fault) => !fault.operation || path.endsWith(`/${fault.operation}`));
    const fault = faults[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) faults.splice(index, 1);
    return fault;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readBody(request);
    if (body === null) return sendError(response, 413);
    if (request.method === 'POST' && request.url === PRESENT_INTERACTION_PATH) return presentInteraction(response, body, state);
    requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: { ...request.headers },
      body,
      remotePort: request.socket.remotePort,
    });
    if (requests.length > recordLimit) requests.shift();

    const fault = takeFault(request.url ?? '');
    if (fault?.delayMs) await delay(fault.delayMs);
    if (fault?.reset) return void request.socket.destroy();
    if (fault?.status !== undefined) {
      const text = fault.body === undefined ? '' : typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body);
      response.writeHead(fault.status, { ...(typeof fault.body === 'object' ? { 'content-type': 'application/json' } : {}), ...fault.headers });
      return void response.end(text);
    }
    answer(request, response, body, options.stateful ? state : null);
  };
  // A client that goes away mid-request is nothing to report.
  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => request.socket.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    requests,
    presentInteraction: (organization = SIMULATOR_ORGANIZATION, interactionId) => state.present(organization, interactionId),
    injectFault: (fault) => faults.push({ ...fault, remaining: fault.times ?? 1 }),
    clearFaults: () => void faults.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
