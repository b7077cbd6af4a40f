/**
 * A Streaming API client for simulator tests: real undici calls built and read with the client side
 * of `src/datasources/streaming-api.ts`, so the simulator is checked against the same wire reading
 * the gateway uses; plus the REST commands that make it emit events.
 */
import { request } from 'undici';
import {
  acknowledgeRequest,
  createSessionRequest,
  deleteSessionRequest,
  parseCreatedSession,
  parseRetrievedEvents,
  retrieveEventsRequest,
  type CreatedSession,
  type SessionSettings,
  type StreamingCredentials,
  type StreamingRequest,
  type WireEvent,
} from '../../src/datasources/streaming-api.js';

export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  /** The body as JSON when it says so, else null. */
  readonly json: Record<string, unknown> | null;
}

export const credentials: StreamingCredentials = { authorization: 'Bearer token', apiKey: 'key' };

/** What `send` needs of a request; a `StreamingRequest` is one. */
export type Sent = Pick<StreamingRequest, 'path' | 'headers' | 'body'> & { readonly method: 'GET' | 'POST' | 'DELETE' | 'PUT' };

export async function send(baseUrl: string, sent: Sent, signal?: AbortSignal): Promise<Answer> {
  const response = await request(`${baseUrl}${sent.path}`, { method: sent.method, headers: sent.headers, body: sent.body, signal });
  const text = await response.body.text();
  const json = String(response.headers['content-type']).startsWith('application/json') ? (JSON.parse(text) as Record<string, unknown>) : null;
  return { status: response.statusCode, headers: response.headers, text, json };
}

export function streamingClient(baseUrl: string, organization = 'demo', sentCredentials: StreamingCredentials = credentials) {
  return {
    async create(settings: SessionSettings = { inactivityDelay: 60, requireAcknowledgement: false }): Promise<CreatedSession> {
      const answer = await send(baseUrl, createSessionRequest(organization, sentCredentials, settings));
      const created = parseCreatedSession(answer.text, settings);
      if (answer.status !== 201 || !created) throw new Error(`create answered ${answer.status} ${answer.text}`);
      return created;
    },
    retrieveAnswer: (sessionId: string, maxEvents = 100, signal?: AbortSignal) =>
      send(baseUrl, retrieveEventsRequest(organization, sentCredentials, sessionId, maxEvents), signal),
    /** The events of a 200 retrieval; throws on any other answer. */
    async retrieve(sessionId: string, maxEvents = 100, signal?: AbortSignal): Promise<readonly WireEvent[]> {
      const answer = await send(baseUrl, retrieveEventsRequest(organization, sentCredentials, sessionId, maxEvents), signal);
      const parsed = parseRetrievedEvents(answer.text);
      if (answer.status !== 200 || !parsed || parsed.malformed > 0) throw new Error(`retrieval answered ${answer.status} ${answer.text}`);
      return parsed.events;
    },
    acknowledge: (sessionId: string, sequenceNumber: number) => send(baseUrl, acknowledgeRequest(organization, sentCredentials, sessionId, sequenceNumber)),
    delete: (sessionId: string) => send(baseUrl, deleteSessionRequest(organization, sentCredentials, sessionId)),
  };
}

/** A REST command as a client of the Engagement Center API sends it, carrying `sessionId` in `via-client-sessionid`. */
export async function command(
  baseUrl: string,
  target: { resource: 'users' | 'interactions'; id: string; operation: string; organization?: string },
  body: Record<string, unknown>,
  sessionId: string,
): Promise<Answer> {
  const path = `/via/v2/organizations/${target.organization ?? 'demo'}/engagementCenter/${target.resource}/${encodeURIComponent(target.id)}/${target.operation}`;
  return send(baseUrl, {
    method: 'POST',
    path,
    headers: { authorization: 'Bearer token', 'x-api-key': 'key', 'via-client-sessionid': sessionId, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
