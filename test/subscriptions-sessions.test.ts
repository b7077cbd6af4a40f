/**
 * The streaming session mutations through the gateway as `npm start` runs it (`startGateway` with
 * its own simulator) over real HTTP: what `streamingSessionCreate` and `streamingSessionDelete`
 * send to the Streaming API (read from the simulator's record of requests), the defaults (120 s,
 * acknowledgement on), the headers forwarded and not forwarded, and the typed errors, with
 * nothing sent where the gateway refuses.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import type { RecordedRequest } from '../src/simulator/simulator.js';
import { silentLogger } from './helpers/logs.js';
import { credentials } from './helpers/subscriptions.js';

let running: RunningGateway;
beforeAll(async () => {
  running = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1' }), { logger: silentLogger() });
});
afterAll(async () => {
  await running?.close();
});

const simulator = () => {
  if (!running.simulator) throw new Error('no simulator');
  return running.simulator;
};
beforeEach(() => {
  simulator().requests.length = 0;
  simulator().clearFaults();
});

const SESSION_PATH = '/via/v3/organizations/demo/streaming/session';
const sessionRequests = (): RecordedRequest[] => simulator().requests.filter((request) => request.url === SESSION_PATH);

const errors = `... on Error { message }
  ... on UpstreamError { status }
  ... on ServiceUnavailableError { retryAfterSeconds }
  ... on ValidationError { field }`;
const CREATE = `mutation Create($input: StreamingSessionInput) {
  streamingSessionCreate(input: $input) { __typename ... on StreamingSession { id creationTime inactivityDelay } ${errors} }
}`;
const DELETE = `mutation Delete { streamingSessionDelete { __typename ... on StreamingSessionDeleted { id } ${errors} } }`;

type Outcome = Record<string, unknown> & { __typename: string };

async function send(query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<Outcome> {
  const response = await fetch(`${running.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { data: Record<string, Outcome> };
  const [result] = Object.values(body.data);
  if (!result) throw new Error(`no result: ${JSON.stringify(body)}`);
  return result;
}

describe('streamingSessionCreate', () => {
  it('creates a session with the defaults (120 s, acknowledgement required), forwarding the credentials and no session id', async () => {
    const created = await send(CREATE, {}, { ...credentials, 'via-client-sessionid': 'a-session-of-the-client' });
    expect(created).toEqual({ __typename: 'StreamingSession', id: expect.stringMatching(/^[0-9a-f-]{36}$/), creationTime: expect.any(String), inactivityDelay: 120 });
    expect(Date.parse(String(created.creationTime))).not.toBeNaN();
    const [sent, ...more] = sessionRequests();
    expect(more).toEqual([]);
    expect(sent?.method).toBe('POST');
    expect(JSON.parse(sent?.body ?? '')).toEqual({ inactivityDelay: 120, requireAcknowledgement: true });
    expect(sent?.headers).toMatchObject({ authorization: credentials.authorization, 'x-api-key': credentials['x-api-key'] });
    expect(sent?.headers).not.toHaveProperty('via-client-sessionid');
    expect(simulator().streaming.get(String(created.id))?.state).toBe('open');
  });

  it('sends the settings given', async () => {
    const created = await send(CREATE, { input: { inactivityDelay: 30, requireAcknowledgement: false } }, credentials);
    expect(created).toMatchObject({ __typename: 'StreamingSession', inactivityDelay: 30 });
    expect(JSON.parse(sessionRequests()[0]?.body ?? '')).toEqual({ inactivityDelay: 30, requireAcknowledgement: false });
  });

  it.each([0, -5, 86_401])('an inactivityDelay of %i is a ValidationError on input.inactivityDelay, nothing sent', async (inactivityDelay) => {
    const refused = await send(CREATE, { input: { inactivityDelay } }, credentials);
    expect(refused).toEqual({ __typename: 'ValidationError', field: 'input.inactivityDelay', message: expect.stringMatching(/inactivityDelay/) });
    expect(sessionRequests()).toEqual([]);
  });

  it.each([
    ['absent', {}],
    ['empty', { authorization: '' }],
  ])('an %s Authorization is an UnauthorizedError (401), nothing sent', async (_, authorization) => {
    const refused = await send(CREATE, {}, { 'x-api-key': credentials['x-api-key'], ...authorization });
    expect(refused).toEqual({ __typename: 'UnauthorizedError', status: 401, message: expect.any(String) });
    expect(sessionRequests()).toEqual([]);
  });

  it("an API answer of 503 is a typed ServiceUnavailableError with its Retry-After, sent once", async () => {
    simulator().injectFault({ operation: 'session', method: 'POST', status: 503, headers: { 'retry-after': '7' }, body: { message: 'Try later' } });
    const failed = await send(CREATE, {}, credentials);
    expect(failed).toEqual({ __typename: 'ServiceUnavailableError', status: 503, retryAfterSeconds: 7, message: 'Try later' });
    expect(sessionRequests()).toHaveLength(1);
  });
});

describe('streamingSessionDelete', () => {
  it('deletes the session named in via-client-sessionid', async () => {
    const sessionId = simulator().createSession('demo');
    const deleted = await send(DELETE, {}, { ...credentials, 'via-client-sessionid': sessionId });
    expect(deleted).toEqual({ __typename: 'StreamingSessionDeleted', id: sessionId });
    const [sent, ...more] = sessionRequests();
    expect(more).toEqual([]);
    expect(sent?.method).toBe('DELETE');
    expect(sent?.headers).toMatchObject({ authorization: credentials.authorization, 'x-api-key': credentials['x-api-key'], 'via-client-sessionid': sessionId });
    expect(simulator().streaming.get(sessionId)?.state).toBe('deleted');
  });

  it.each([
    ['absent', {}],
    ['empty', { 'via-client-sessionid': '' }],
  ])('an %s via-client-sessionid is a ValidationError, nothing sent', async (_, sessionHeader) => {
    const refused = await send(DELETE, {}, { ...credentials, ...sessionHeader });
    expect(refused).toEqual({ __typename: 'ValidationError', field: 'via-client-sessionid', message: expect.any(String) });
    expect(sessionRequests()).toEqual([]);
  });

  it('without Authorization is an UnauthorizedError, nothing sent', async () => {
    const refused = await send(DELETE, {}, { 'via-client-sessionid': simulator().createSession('demo') });
    expect(refused).toMatchObject({ __typename: 'UnauthorizedError', status: 401 });
    expect(sessionRequests()).toEqual([]);
  });

  it('a session the API does not know is its typed error', async () => {
    const refused = await send(DELETE, {}, { ...credentials, 'via-client-sessionid': 'no-such-session' });
    expect(refused.__typename).toMatch(/^(NotFoundError|BadRequestError)$/);
    expect(refused.status).toBeOneOf([400, 404]);
    expect(sessionRequests()).toHaveLength(1);
  });
});
