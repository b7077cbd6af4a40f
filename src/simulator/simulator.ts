/**
 * A stand-in for the Engagement Center REST API and the Streaming API, played from the catalog:
 * every valid command is accepted (202); a bad one gets the status and `ErrorResponse` the page
 * lists (`commands.ts`). Commands that carry a streaming session it issued make it emit their
 * catalog events there (`streaming-sessions.ts`, `streaming-routes.ts`). In stateful mode it also
 * refuses commands that do not fit the agents' and interactions' state (`session-state.ts`).
 * Tests can record what arrived, inject faults (a status and body, a delay, a reset connection),
 * emit events, expire sessions, and suspend listening while every session survives.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { settingTable, SIMULATOR_ORGANIZATION } from '../config/table.js';
import { allowedStreamingMethods, API_DEFAULT_SESSION_SETTINGS, matchStreamingRoute, type SessionSettings, type WireEvent } from '../datasources/streaming-api.js';
import { answerCommand } from './commands.js';
import { readBody, sendError, sendJson } from './http-answers.js';
import { scheduleOffers } from './offers.js';
import { matchRoute } from './routes.js';
import { SessionState } from './session-state.js';
import { answerStreaming } from './streaming-routes.js';
import { StreamingSessions, type StreamingStatistics } from './streaming-sessions.js';

export type { StreamingStatistics } from './streaming-sessions.js';

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
  /** Only requests whose path ends with this segment (`hold`, `events`, `session`); any when absent. */
  readonly operation?: string;
  /** Only requests with this method (`DELETE` tells a session's delete from its create). */
  readonly method?: string;
  readonly status?: number;
  /** A string is sent as is; anything else as JSON. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Wait this long before answering (or resetting); alone, the simulated answer follows. */
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
  /** The longest hold of a retrieval while there is no event, in ms (`SIMULATOR_POLL_HOLD_MS`, default 25000). */
  readonly pollHoldMs?: number;
  /** Offer an interaction to every ready agent this often, in ms (`SIMULATOR_OFFER_EVERY_MS`, default 0: never). */
  readonly offerEveryMs?: number;
}

export interface Simulator {
  /** `http://host:port`, the value for `ALVARIA_BASE_URL`. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Presents an interaction, as `POST /_simulator/interactions` does; returns its id. */
  presentInteraction(organization?: string, interactionId?: string): string;
  injectFault(fault: Fault): void;
  clearFaults(): void;
  /** Creates a streaming session as `POST …/streaming/session` does (absent settings: the API's defaults); returns its id. */
  createSession(organization: string, settings?: Partial<SessionSettings>): string;
  /** Appends an event to an open session of that organization (throws when there is none); returns it as delivered. */
  emit(organization: string, sessionId: string, kind: string, payload?: unknown): WireEvent;
  /** Per session id (open and recently ended sessions), live statistics of its Streaming API traffic. */
  readonly streaming: ReadonlyMap<string, StreamingStatistics>;
  /** Drops a session as its inactivityDelay would; false when it is not open. */
  expireSession(sessionId: string): boolean;
  /** Stops listening (open connections are cut, held retrievals abandoned); every session and state survives. */
  suspend(): Promise<void>;
  /** Listens again on the same address and port. */
  resume(): Promise<void>;
  close(): Promise<void>;
}

/** The simulator's own route, outside the REST API: presents an interaction to be accepted. */
export const PRESENT_INTERACTION_PATH = '/_simulator/interactions';

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
  sendJson(response, 201, JSON.stringify({ organization, interactionId }));
}

/** Listens, or rejects with the server's error (a port taken, an address not ours). */
async function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  server.listen(port, host);
  await once(server, 'listening');
  return server.address() as AddressInfo;
}

function stopListening(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const requests: RecordedRequest[] = [];
  const recordLimit = options.recordLimit ?? 1000;
  const faults: Array<Fault & { remaining: number }> = [];
  const state = new SessionState(options.stateful === true);
  const sessions = new StreamingSessions({ pollHoldMs: options.pollHoldMs ?? settingTable.simulator.pollHoldMs.default });
  const stopOffers = scheduleOffers(options.offerEveryMs ?? settingTable.simulator.offerEveryMs.default, state, sessions);

  const takeFault = (request: IncomingMessage): Fault | undefined => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const index = faults.findIndex(
      (fault) => (!fault.operation || path.endsWith(`/${fault.operation}`)) && (!fault.method || fault.method.toUpperCase() === request.method),
    );
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

    const fault = takeFault(request);
    if (fault?.delayMs) await delay(fault.delayMs);
    if (fault?.reset) return void request.socket.destroy();
    if (fault?.status !== undefined) {
      const text = fault.body === undefined ? '' : typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body);
      response.writeHead(fault.status, { ...(typeof fault.body === 'object' ? { 'content-type': 'application/json' } : {}), ...fault.headers });
      return void response.end(text);
    }

    const { pathname } = new URL(request.url ?? '/', 'http://simulator');
    const streamingRoute = matchStreamingRoute(request.method ?? '', pathname);
    if (streamingRoute === 'method-not-allowed') {
      const allow = allowedStreamingMethods(pathname).join(', ');
      return sendError(response, 405, [{ scope: 'method', reason: 'methodNotAllowed', message: `Only ${allow} allowed` }], undefined, { allow });
    }
    if (streamingRoute) return answerStreaming(streamingRoute, request, response, body, sessions);
    answerCommand(matchRoute(pathname), request, response, body, state, sessions);
  };
  // A client that goes away mid-request is nothing to report.
  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => request.socket.destroy());
  });

  const address = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    requests,
    presentInteraction: (organization = SIMULATOR_ORGANIZATION, interactionId) => state.present(organization, interactionId),
    injectFault: (fault) => faults.push({ ...fault, remaining: fault.times ?? 1 }),
    clearFaults: () => void faults.splice(0),
    createSession: (organization, settings = {}) => sessions.create(organization, { ...API_DEFAULT_SESSION_SETTINGS, ...settings }).sessionId,
    emit: (organization, sessionId, kind, payload = {}) => {
      const event = sessions.append(organization, sessionId, kind, payload);
      if (!event) throw new Error(`No open streaming session ${sessionId} in organization ${organization}`);
      return event;
    },
    streaming: sessions.statisticsBySession,
    expireSession: (sessionId) => sessions.expire(sessionId),
    suspend: () => stopListening(server),
    resume: async () => {
      if (!server.listening) await listen(server, address.port, address.address);
    },
    close: async () => {
      stopOffers();
      sessions.close();
      await stopListening(server);
    },
  };
}
