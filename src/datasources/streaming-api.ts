/**
 * PROVISIONAL: the Alvaria Cloud Streaming Client REST API as this project reads it.
 *
 * Public: long polling (create a session, retrieve events, optionally acknowledge them, delete the
 * session), the v3 paths, `maxEvents`, `inactivityDelay`, `requireAcknowledgement`, event kinds
 * named `<category>.<Name>`, and that one session must never be polled twice at once. Not public
 * in full: the bodies. Everything below that is our reading (request bodies, answer bodies, the
 * event envelope, which statuses mean "session gone") lives in this module alone, and both sides
 * use it: the gateway's streaming datasource sends these requests and parses these answers, and
 * the simulator parses these requests and writes these answers. Matching the vendor's exact wire
 * format later is a change to this file.
 */
import { isOrganizationId } from '../rules.js';

/** The contract's defaults for a session created through the gateway (the vendor's recommendation). */
export const DEFAULT_INACTIVITY_DELAY_SECONDS = 120;
export const DEFAULT_REQUIRE_ACKNOWLEDGEMENT = true;
/** Sequence numbers fit in 31 bits (GraphQL `Int`). */
export const MAX_SEQUENCE_NUMBER = 2 ** 31 - 1;

export type StreamingOperation = 'createSession' | 'retrieveEvents' | 'acknowledge' | 'deleteSession';

/** The credentials a streaming request carries: the caller's token and API key. */
export interface StreamingCredentials {
  readonly authorization: string;
  /** `x-api-key`; none is sent when null. */
  readonly apiKey: string | null;
}

/** One HTTP request of the Streaming API, ready to send below `{base}` (which may hold `{orgId}`). */
export interface StreamingRequest {
  readonly operation: StreamingOperation;
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** The path below the base URL, the organization percent-encoded. */
  readonly path: string;
  /** `url.template` for traces: `/via/v3/organizations/{orgId}/streaming/events`. */
  readonly template: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface SessionSettings {
  /** Seconds without a retrieval after which the API drops the session. */
  readonly inactivityDelay: number;
  /** Unacknowledged events are delivered again. */
  readonly requireAcknowledgement: boolean;
}

export interface CreatedSession {
  readonly sessionId: string;
  /** RFC 3339 text, or null when the answer gave none. */
  readonly creationTime: string | null;
  readonly inactivityDelay: number;
}

/** One event as the API delivers it. */
export interface WireEvent {
  /** Increasing per session; fits in 31 bits. */
  readonly sequenceNumber: number;
  /** `<category>.<Name>`, e.g. `engagementCenter.Active`. */
  readonly kind: string;
  /** RFC 3339 text, or null when the API gave none. */
  readonly creationTime: string | null;
  /** The API's payload, unchanged (an empty object when it gave none). */
  readonly payload: unknown;
}

export interface RetrievedEvents {
  readonly events: readonly WireEvent[];
  /** Entries left out because they were not events as read here (no sequence number or kind). */
  readonly malformed: number;
}

const templates = {
  session: '/via/v3/organizations/{orgId}/streaming/session',
  events: '/via/v3/organizations/{orgId}/streaming/events',
  acknowledge: '/via/v3/organizations/{orgId}/streaming/acknowledge',
} as const;

const pathOf = (template: string, organization: string): string => template.replace('{orgId}', encodeURIComponent(organization));

function credentialHeaders(credentials: StreamingCredentials, sessionId?: string): Record<string, string> {
  const headers: Record<string, string> = { authorization: credentials.authorization };
  if (credentials.apiKey !== null) headers['x-api-key'] = credentials.apiKey;
  if (sessionId !== undefined) headers['via-client-sessionid'] = sessionId;
  return headers;
}

const JSON_BODY = { 'content-type': 'application/json' } as const;

// ---------------------------------------------------------------------------------------------
// The client's side: requests and the reading of answers.

export function createSessionRequest(organization: string, credentials: StreamingCredentials, settings: SessionSettings): StreamingRequest {
  return {
    operation: 'createSession',
    method: 'POST',
    path: pathOf(templates.session, organization),
    template: templates.session,
    headers: { ...credentialHeaders(credentials), ...JSON_BODY },
    body: JSON.stringify({ inactivityDelay: settings.inactivityDelay, requireAcknowledgement: settings.requireAcknowledgement }),
  };
}

/** A retrieval: the API holds it (about 30 s) while there is nothing to deliver. */
export function retrieveEventsRequest(organization: string, credentials: StreamingCredentials, sessionId: string, maxEvents: number): StreamingRequest {
  return {
    operation: 'retrieveEvents',
    method: 'GET',
    path: `${pathOf(templates.events, organization)}?maxEvents=${maxEvents}`,
    template: templates.events,
    headers: credentialHeaders(credentials, sessionId),
  };
}

/** Acknowledges every event up to and including `sequenceNumber`. */
export function acknowledgeRequest(organization: string, credentials: StreamingCredentials, sessionId: string, sequenceNumber: number): StreamingRequest {
  return {
    operation: 'acknowledge',
    method: 'POST',
    path: pathOf(templates.acknowledge, organization),
    template: templates.acknowledge,
    headers: { ...credentialHeaders(credentials, sessionId), ...JSON_BODY },
    body: JSON.stringify({ sequenceNumber }),
  };
}

export function deleteSessionRequest(organization: string, credentials: StreamingCredentials, sessionId: string): StreamingRequest {
  return {
    operation: 'deleteSession',
    method: 'DELETE',
    path: pathOf(templates.session, organization),
    template: templates.session,
    headers: credentialHeaders(credentials, sessionId),
  };
}

/** Statuses of a successful answer, per operation. */
export const isSuccess = (operation: StreamingOperation, status: number): boolean =>
  operation === 'createSession' ? status === 200 || status === 201 : operation === 'retrieveEvents' ? status === 200 : status >= 200 && status < 300;

/** An answer that says the API no longer knows the session (unknown or expired). */
export const isSessionGone = (status: number): boolean => status === 400 || status === 404;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isSequenceNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_SEQUENCE_NUMBER;

/** The create answer, or null when it is not one as read here. */
export function parseCreatedSession(text: string, requested: SessionSettings): CreatedSession | null {
  const body = parseJson(text);
  if (!isObject(body) || typeof body.sessionId !== 'string' || body.sessionId === '') return null;
  const delay = body.inactivityDelay;
  return {
    sessionId: body.sessionId,
    creationTime: typeof body.creationTime === 'string' ? body.creationTime : null,
    inactivityDelay: typeof delay === 'number' && Number.isSafeInteger(delay) && delay > 0 ? delay : requested.inactivityDelay,
  };
}

/** A retrieval's answer; null when the body is not `{ "events": [...] }`. */
export function parseRetrievedEvents(text: string): RetrievedEvents | null {
  const body = parseJson(text);
  if (!isObject(body) || !Array.isArray(body.events)) return null;
  const events: WireEvent[] = [];
  let malformed = 0;
  for (const entry of body.events) {
    if (!isObject(entry) || !isSequenceNumber(entry.sequenceNumber) || typeof entry.kind !== 'string' || entry.kind === '') {
      malformed += 1;
      continue;
    }
    events.push({
      sequenceNumber: entry.sequenceNumber,
      kind: entry.kind,
      creationTime: typeof entry.creationTime === 'string' ? entry.creationTime : null,
      payload: entry.payload === undefined || entry.payload === null ? {} : entry.payload,
    });
  }
  return { events, malformed };
}

// ---------------------------------------------------------------------------------------------
// The server's side (the simulator): which request this is, what it carries, and the answers.

export interface StreamingRoute {
  readonly operation: StreamingOperation;
  readonly organization: string;
}

const ROUTE = /^\/via\/v3\/organizations\/([^/]+)\/streaming\/(session|events|acknowledge)$/;

/** Each resource's operation per method. */
const operationsByResource: Readonly<Record<string, Readonly<Record<string, StreamingOperation>>>> = {
  session: { POST: 'createSession', DELETE: 'deleteSession' },
  events: { GET: 'retrieveEvents' },
  acknowledge: { POST: 'acknowledge' },
};

/** The operation a request names, or null when it is no Streaming API route (or the wrong method). */
export function matchStreamingRoute(method: string, pathname: string): StreamingRoute | null | 'method-not-allowed' {
  const match = ROUTE.exec(pathname);
  if (!match?.[1] || !match[2]) return null;
  let organization: string;
  try {
    organization = decodeURIComponent(match[1]);
  } catch {
    return null;
  }
  if (!isOrganizationId(organization)) return null;
  const byMethod = operationsByResource[match[2]];
  const operation = byMethod && Object.hasOwn(byMethod, method) ? byMethod[method] : undefined;
  return operation ? { operation, organization } : 'method-not-allowed';
}

/** The methods a Streaming API path takes (for a 405's `Allow`), or an empty list for any other path. */
export const allowedStreamingMethods = (pathname: string): readonly string[] =>
  Object.keys(operationsByResource[ROUTE.exec(pathname)?.[2] ?? ''] ?? {});

/** `maxEvents` of a retrieval (1 when absent, as the API's default), or null when it is not a whole number from 1 to 100. */
export function maxEventsOf(search: URLSearchParams): number | null {
  const text = search.get('maxEvents');
  if (text === null) return 1;
  const value = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  return value >= 1 && value <= 100 ? value : null;
}

/** The API's own defaults for what a create request leaves out (the vendor documents 60 s; acknowledgement is opt-in). */
export const API_DEFAULT_SESSION_SETTINGS: SessionSettings = { inactivityDelay: 60, requireAcknowledgement: false };

/** A create request's settings (absent ones take `API_DEFAULT_SESSION_SETTINGS`), or a problem. */
export function parseSessionSettings(text: string): SessionSettings | { readonly problem: string } {
  const body = text.trim() === '' ? {} : parseJson(text);
  if (!isObject(body)) return { problem: 'The body must be a JSON object' };
  const delay = body.inactivityDelay ?? API_DEFAULT_SESSION_SETTINGS.inactivityDelay;
  const acknowledge = body.requireAcknowledgement ?? API_DEFAULT_SESSION_SETTINGS.requireAcknowledgement;
  if (typeof delay !== 'number' || !Number.isSafeInteger(delay) || delay < 1) return { problem: 'inactivityDelay must be a whole number of seconds' };
  if (typeof acknowledge !== 'boolean') return { problem: 'requireAcknowledgement must be a boolean' };
  return { inactivityDelay: delay, requireAcknowledgement: acknowledge };
}

/** An acknowledgement's sequence number, or null. */
export function parseAcknowledgement(text: string): number | null {
  const body = parseJson(text);
  return isObject(body) && isSequenceNumber(body.sequenceNumber) ? body.sequenceNumber : null;
}

export const createdSessionBody = (session: CreatedSession): string =>
  JSON.stringify({ sessionId: session.sessionId, creationTime: session.creationTime, inactivityDelay: session.inactivityDelay });

export const retrievedEventsBody = (events: readonly WireEvent[]): string =>
  JSON.stringify({
    events: events.map((event) => ({ sequenceNumber: event.sequenceNumber, kind: event.kind, creationTime: event.creationTime, payload: event.payload })),
  });

/** The header that names the session on every request but the create. */
export const SESSION_HEADER = 'via-client-sessionid';
