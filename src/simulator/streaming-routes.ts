/**
 * The Streaming API's HTTP side in the simulator: what a request carries and the answers, in the
 * wire format of `datasources/streaming-api.ts` (the one place of our reading); the sessions'
 * behaviour is `streaming-sessions.ts`. A session belongs to its organization whatever token polls
 * it: another organization, an unknown, expired or deleted session is a 404 `ErrorResponse`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createdSessionBody,
  maxEventsOf,
  parseAcknowledgement,
  parseSessionSettings,
  retrievedEventsBody,
  SESSION_HEADER,
  type StreamingRoute,
} from '../datasources/streaming-api.js';
import { hasBearerToken, header, sendError, sendJson, sendUnauthorized } from './http-answers.js';
import type { StreamingSessions } from './streaming-sessions.js';

const sessionGone = (response: ServerResponse): void => {
  const message = 'No such streaming session in this organization: it is unknown, expired or deleted.';
  sendError(response, 404, [{ scope: SESSION_HEADER, reason: 'sessionNotFound', message }], message);
};

const invalid = (response: ServerResponse, scope: string, reason: string, message: string): void =>
  sendError(response, 400, [{ scope, reason, message }], message);

/** Aborts when the client goes away before its answer is written (a held retrieval abandoned), or went already (during a fault's delay). */
function abandonment(request: IncomingMessage, response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  if (response.destroyed || request.socket.destroyed) controller.abort();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}

async function answerRetrieval(
  request: IncomingMessage,
  response: ServerResponse,
  sessions: StreamingSessions,
  organization: string,
  sessionId: string,
): Promise<void> {
  const maxEvents = maxEventsOf(new URL(request.url ?? '/', 'http://simulator').searchParams);
  if (maxEvents === null) return invalid(response, 'maxEvents', 'range', 'maxEvents must be a whole number from 1 to 100');
  const result = await sessions.retrieve(organization, sessionId, maxEvents, abandonment(request, response));
  switch (result.outcome) {
    case 'events':
      return sendJson(response, 200, retrievedEventsBody(result.events));
    case 'conflict': {
      const message = 'Another retrieval of this streaming session is in progress: a session must never be polled concurrently.';
      return sendError(response, 409, [{ scope: SESSION_HEADER, reason: 'concurrentRetrieval', message }], message);
    }
    case 'gone':
      return sessionGone(response);
    case 'abandoned':
      return;
  }
}

export async function answerStreaming(
  route: StreamingRoute,
  request: IncomingMessage,
  response: ServerResponse,
  body: string,
  sessions: StreamingSessions,
): Promise<void> {
  if (!hasBearerToken(request)) return sendUnauthorized(response);
  const { organization } = route;
  if (route.operation === 'createSession') {
    const settings = parseSessionSettings(body);
    if ('problem' in settings) return invalid(response, 'body', 'invalid', settings.problem);
    return sendJson(response, 201, createdSessionBody(sessions.create(organization, settings)));
  }

  const sessionId = header(request, SESSION_HEADER);
  if (sessionId === '') return invalid(response, SESSION_HEADER, 'required', `The ${SESSION_HEADER} header is required`);
  if (route.operation === 'retrieveEvents') return answerRetrieval(request, response, sessions, organization, sessionId);
  if (route.operation === 'acknowledge') {
    const sequenceNumber = parseAcknowledgement(body);
    if (sequenceNumber === null) return invalid(response, 'sequenceNumber', 'type', 'The body must be {"sequenceNumber": <a whole number>}');
    if (!sessions.acknowledge(organization, sessionId, sequenceNumber)) return sessionGone(response);
  } else if (!sessions.delete(organization, sessionId)) {
    return sessionGone(response);
  }
  response.writeHead(204).end();
}
