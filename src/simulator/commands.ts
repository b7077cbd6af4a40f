/**
 * A REST command's answer, following the page's status list, and what it sets off: the state
 * change (`session-state.ts`) and, after the 202, its catalog events on the streaming session it
 * carried in `via-client-sessionid` when the simulator issued that session in that organization.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SESSION_HEADER } from '../datasources/streaming-api.js';
import { commandEvents } from './command-events.js';
import { hasBearerToken, header, sendError, sendUnauthorized } from './http-answers.js';
import type { RouteMatch } from './routes.js';
import type { SessionState } from './session-state.js';
import type { StreamingSessions } from './streaming-sessions.js';
import { checkBody } from './validate-body.js';

export function answerCommand(
  route: RouteMatch | null,
  request: IncomingMessage,
  response: ServerResponse,
  body: string,
  state: SessionState,
  sessions: StreamingSessions,
): void {
  if (!route) return sendError(response, 404, [{ scope: 'path', reason: 'notFound', message: 'No such endpoint' }]);
  if (request.method !== 'POST') {
    return sendError(response, 405, [{ scope: 'method', reason: 'methodNotAllowed', message: 'Only POST is allowed' }], undefined, { allow: 'POST' });
  }
  if (!hasBearerToken(request)) return sendUnauthorized(response);
  const missingHeader = ['x-api-key', SESSION_HEADER].find(
    (name) => header(request, name) === '' && !(name === SESSION_HEADER && route.endpoint.sessionIdHeader),
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
  const { endpoint, organization, pathId } = route;
  const problem = checkBody(endpoint, json);
  if (problem) {
    return sendError(response, 400, [{ scope: problem.field, reason: problem.reason, message: problem.message }], `Invalid ${endpoint.schema}ParmsSchema: ${problem.message}`);
  }
  const command = json as Record<string, unknown>;
  const carried = header(request, SESSION_HEADER);
  const sessionId = carried !== '' && sessions.has(organization, carried) ? carried : null;
  const outcome = state.apply(endpoint, organization, pathId, command, sessionId);
  if ('status' in outcome) {
    return sendError(response, outcome.status, [{ scope: endpoint.operation, reason: outcome.reason, message: outcome.message }], outcome.message);
  }
  response.writeHead(202).end();
  if (sessionId === null) return;
  for (const event of commandEvents(endpoint, pathId, command, outcome)) sessions.append(organization, sessionId, event.kind, event.payload);
}
