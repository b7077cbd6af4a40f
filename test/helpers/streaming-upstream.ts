/**
 * A real HTTP server on loopback that plays the Streaming API as `src/datasources/streaming-api.ts`
 * reads it (create, retrieve, acknowledge, delete), for the event engine's wire tests: it holds a
 * retrieval while it has nothing to deliver, answers 409 to a second retrieval of a session while
 * one is in flight (and counts the most ever in flight), delivers unacknowledged events again when
 * the session requires acknowledgement, and records every request. Tests make events appear
 * (`emit`), script answers (`script`: a status, a dropped connection, or an answer held until a
 * promise settles) and watch acknowledgements as they come.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createdSessionBody,
  matchStreamingRoute,
  maxEventsOf,
  parseAcknowledgement,
  parseSessionSettings,
  retrievedEventsBody,
  SESSION_HEADER,
  type WireEvent,
} from '../../src/datasources/streaming-api.js';

/** How long a retrieval is held while there is nothing to deliver. */
const HOLD_MS = 25_000;

export interface FakeSession {
  readonly id: string;
  readonly organization: string;
  readonly requireAcknowledgement: boolean;
  /** Waiting for delivery (and, with acknowledgement, until acknowledged). */
  readonly queue: WireEvent[];
  nextSequence: number;
  /** Retrievals open now. */
  inFlight: number;
  /** Answers to the next retrievals instead of the usual. */
  readonly script: ScriptedReply[];
  /** A held retrieval waiting for events. */
  wake: (() => void) | null;
}

export type ScriptedReply =
  | { readonly status: number; readonly headers?: Record<string, string>; readonly body?: string }
  | { readonly reset: true }
  /** The usual answer (or `then`), given only once `until` settles. */
  | { readonly until: Promise<unknown>; readonly then?: ScriptedReply };

export interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly operation: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface RetrievalRecord {
  readonly sessionId: string;
  readonly headers: IncomingHttpHeaders;
  readonly maxEvents: number;
  /** Set once answered: the status and the sequence numbers delivered. */
  answered?: { readonly status: number; readonly delivered: readonly number[] };
  /** The client gave it up before the answer. */
  abandoned?: boolean;
}

export interface Acknowledgement {
  readonly sessionId: string;
  readonly sequenceNumber: number;
  readonly authorization: string | undefined;
}

export interface StreamingUpstream {
  readonly url: string;
  readonly requests: Recorded[];
  readonly retrievals: RetrievalRecord[];
  readonly acknowledgements: Acknowledgement[];
  /** Second retrievals of a session refused with 409. */
  readonly conflicts: number;
  /** Retrievals of `sessionId` open now. */
  inFlight(sessionId: string): number;
  /** The most retrievals of `sessionId` ever in flight at once. */
  maxInFlightOf(sessionId: string): number;
  /** A session, as if created through the API. */
  createSession(options?: { readonly requireAcknowledgement?: boolean; readonly organization?: string; readonly id?: string }): string;
  /** Events of `kind` appear in the session; their sequence numbers. */
  emit(sessionId: string, kind: string, count?: number, payload?: (sequenceNumber: number) => unknown): number[];
  /** The API forgets the session (retrievals answer 404). */
  forget(sessionId: string): void;
  script(sessionId: string, ...replies: ScriptedReply[]): void;
  /** Called as each acknowledgement arrives, before it is applied and answered. */
  onAcknowledge(hook: ((acknowledgement: Acknowledgement) => Promise<void> | void) | null): void;
  close(): Promise<void>;
}

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
};

const errorBody = (message: string) => ({ message, errors: [] });

/** `port`: listen there (0, the default: any free port). */
export async function startStreamingUpstream(port = 0): Promise<StreamingUpstream> {
  const sessions = new Map<string, FakeSession>();
  const requests: Recorded[] = [];
  const retrievals: RetrievalRecord[] = [];
  const acknowledgements: Acknowledgement[] = [];
  let conflicts = 0;
  // Kept after a session is forgotten.
  const maxBySession = new Map<string, number>();
  let acknowledgeHook: ((acknowledgement: Acknowledgement) => Promise<void> | void) | null = null;

  const deliverable = (session: FakeSession, maxEvents: number): WireEvent[] => {
    const events = session.queue.slice(0, maxEvents);
    if (!session.requireAcknowledgement) session.queue.splice(0, events.length);
    return events;
  };

  async function retrieve(request: IncomingMessage, response: ServerResponse, maxEvents: number) {
    const sessionId = request.headers[SESSION_HEADER];
    const session = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
    if (!session || typeof sessionId !== 'string') return json(response, 404, errorBody('Unknown streaming session'));
    const record: RetrievalRecord = { sessionId, headers: request.headers, maxEvents };
    retrievals.push(record);
    session.inFlight += 1;
    maxBySession.set(sessionId, Math.max(maxBySession.get(sessionId) ?? 0, session.inFlight));
    let open = true;
    response.on('close', () => {
      if (!open) return;
      open = false;
      session.inFlight -= 1;
      if (!response.writableFinished) record.abandoned = true;
    });
    const answer = (status: number, body: unknown, headers?: Record<string, string>, delivered: readonly number[] = []) => {
      if (response.destroyed || response.writableEnded) return;
      record.answered = { status, delivered };
      json(response, status, body, headers);
    };
    if (session.inFlight > 1) {
      conflicts += 1;
      return answer(409, errorBody('The session is being polled already'));
    }
    let reply = session.script.shift();
    while (reply && 'until' in reply) {
      await reply.until.catch(() => undefined);
      reply = reply.then;
    }
    if (!open) return;
    if (reply && 'reset' in reply) {
      request.socket.destroy();
      return;
    }
    if (reply) return answer(reply.status, reply.body ?? errorBody(`Scripted ${reply.status}`), reply.headers);
    if (!sessions.has(sessionId)) return answer(404, errorBody('Unknown streaming session'));
    if (session.queue.length === 0) {
      const held = session;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          if (held.wake === done) held.wake = null;
          response.off('close', done);
          resolve();
        };
        const timer = setTimeout(done, HOLD_MS);
        held.wake = done;
        response.once('close', done);
      });
    }
    if (!open) return;
    if (!sessions.has(sessionId)) return answer(404, errorBody('Unknown streaming session'));
    const events = deliverable(session, maxEvents);
    answer(200, retrievedEventsBody(events), undefined, events.map((event) => event.sequenceNumber));
  }

  async function acknowledge(request: IncomingMessage, response: ServerResponse, body: string) {
    const sessionId = request.headers[SESSION_HEADER];
    const session = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
    const sequenceNumber = parseAcknowledgement(body);
    if (!session || typeof sessionId !== 'string') return json(response, 404, errorBody('Unknown streaming session'));
    if (sequenceNumber === null) return json(response, 400, errorBody('sequenceNumber is required'));
    const acknowledgement = { sessionId, sequenceNumber, authorization: request.headers.authorization };
    await acknowledgeHook?.(acknowledgement);
    acknowledgements.push(acknowledgement);
    const keep = session.queue.filter((event) => event.sequenceNumber > sequenceNumber);
    session.queue.splice(0, session.queue.length, ...keep);
    response.writeHead(204).end();
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(request.url ?? '/', 'http://fake');
      const route = matchStreamingRoute(request.method ?? 'GET', url.pathname);
      requests.push({ method: request.method ?? '', url: request.url ?? '', operation: route && route !== 'method-not-allowed' ? route.operation : '?', headers: request.headers, body });
      if (route === null) return json(response, 404, errorBody('No such route'));
      if (route === 'method-not-allowed') return json(response, 405, errorBody('Method not allowed'));
      switch (route.operation) {
        case 'createSession': {
          const settings = parseSessionSettings(body);
          if ('problem' in settings) return json(response, 400, errorBody(settings.problem));
          const id = upstream.createSession({ requireAcknowledgement: settings.requireAcknowledgement, organization: route.organization });
          return json(response, 201, createdSessionBody({ sessionId: id, creationTime: new Date().toISOString(), inactivityDelay: settings.inactivityDelay }));
        }
        case 'deleteSession': {
          const sessionId = request.headers[SESSION_HEADER];
          if (typeof sessionId !== 'string' || !sessions.has(sessionId)) return json(response, 404, errorBody('Unknown streaming session'));
          upstream.forget(sessionId);
          response.writeHead(204).end();
          return;
        }
        case 'retrieveEvents': {
          const maxEvents = maxEventsOf(url.searchParams);
          if (maxEvents === null) return json(response, 400, errorBody('maxEvents must be 1 to 100'));
          void retrieve(request, response, maxEvents);
          return;
        }
        case 'acknowledge':
          void acknowledge(request, response, body);
          return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;

  const upstream: StreamingUpstream = {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    retrievals,
    acknowledgements,
    get conflicts() {
      return conflicts;
    },
    inFlight: (sessionId) => sessions.get(sessionId)?.inFlight ?? 0,
    maxInFlightOf: (sessionId) => maxBySession.get(sessionId) ?? 0,
    createSession: (options = {}) => {
      const id = options.id ?? randomUUID();
      sessions.set(id, {
        id,
        organization: options.organization ?? 'acme',
        requireAcknowledgement: options.requireAcknowledgement ?? true,
        queue: [],
        nextSequence: 1,
        inFlight: 0,
        script: [],
        wake: null,
      });
      return id;
    },
    emit: (sessionId, kind, count = 1, payload = (sequenceNumber) => ({ n: sequenceNumber })) => {
      const session = sessions.get(sessionId);
      if (!session) throw new Error('no such session');
      const emitted: number[] = [];
      for (let index = 0; index < count; index += 1) {
        const sequenceNumber = session.nextSequence;
        session.nextSequence += 1;
        session.queue.push({ sequenceNumber, kind, creationTime: new Date().toISOString(), payload: payload(sequenceNumber) });
        emitted.push(sequenceNumber);
      }
      session.wake?.();
      return emitted;
    },
    forget: (sessionId) => {
      const session = sessions.get(sessionId);
      sessions.delete(sessionId);
      session?.wake?.();
    },
    script: (sessionId, ...replies) => {
      const session = sessions.get(sessionId);
      if (!session) throw new Error('no such session');
      session.script.push(...replies);
    },
    onAcknowledge: (hook) => {
      acknowledgeHook = hook;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of sessions.values()) session.wake?.();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return upstream;
}
