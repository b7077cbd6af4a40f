/**
 * The subscription transports and the HTTP rules for subscriptions, through the gateway as
 * `npm start` runs it (`startGateway`, its own simulator) over real HTTP and WebSocket: which
 * `Accept` gets which answer (406 and nothing run for a subscription asked for in JSON only; SSE
 * for none or `*\/*`; JSON for urql's and Hive Gateway's queries, a stream for their
 * subscriptions; Apollo's multipart Accept in all its spellings), SSE `id:` lines and resuming
 * with `Last-Event-ID` or `after`, the argument checks, and the `connection_init` rules over
 * WebSocket.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import { silentLogger } from './helpers/logs.js';
import { credentials, endedCount, subscribeHttp, subscribeWebSocket, untilActive, untilEnded, untilNotPolled, untilPolled, type OpenStream } from './helpers/subscriptions.js';

const ORG = 'demo';
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
const newSession = () => simulator().createSession(ORG);
const headersFor = (sessionId: string) => ({ ...credentials, 'via-client-sessionid': sessionId });
/** Every request that reached the simulator naming the session. */
const requestsFor = (sessionId: string) => simulator().requests.filter((request) => request.headers['via-client-sessionid'] === sessionId);

const open: OpenStream[] = [];
async function track<T extends OpenStream>(stream: Promise<T>): Promise<T> {
  const opened = await stream;
  open.push(opened);
  return opened;
}
// After each test, so that a stream a failed test left open does not fail the next ones too.
afterEach(async () => {
  await Promise.all(open.splice(0).map((stream) => stream.close()));
});

/** Emits `count` events of `kind` on the session; returns their sequence numbers. */
const emit = (sessionId: string, count: number, kind = 'engagementCenter.Active') =>
  Array.from({ length: count }, (_, index) => simulator().emit(ORG, sessionId, kind, { n: index }).sequenceNumber);

const idsOf = (stream: OpenStream) => stream.events().map((event) => event.id);

describe('Accept for a subscription', () => {
  it.each([
    ['POST', 'application/json'],
    ['POST', 'application/graphql-response+json'],
    ['GET', 'application/json'],
    ['GET', 'application/graphql-response+json, application/json;q=0.9'],
  ] as const)('%s with only %s is 406 with a JSON errors body, and nothing runs', async (method, accept) => {
    const sessionId = newSession();
    const endedBefore = await running.gateway.metrics.registry.getSingleMetricAsString('subscriptions_ended_total');
    const stream = await track(subscribeHttp(running.url, { method, accept, headers: headersFor(sessionId) }));
    expect(stream.status).toBe(406);
    expect(stream.contentType).toMatch(/^application\/(graphql-response\+)?json/);
    expect(stream.body).toMatchObject({ errors: [{ message: expect.any(String) }] });
    expect(JSON.stringify(stream.body)).not.toContain(sessionId);
    // Nothing ran: no subscription was counted, no retrieval of the session was sent.
    expect(await running.gateway.metrics.registry.getSingleMetricAsString('subscriptions_ended_total')).toBe(endedBefore);
    expect(requestsFor(sessionId)).toEqual([]);
  });

  it.each([
    ['no Accept', null],
    ['*/*', '*/*'],
    ['an empty Accept', ''],
  ])('%s gets SSE', async (_, accept) => {
    const sessionId = newSession();
    const stream = await track(subscribeHttp(running.url, { accept, headers: headersFor(sessionId) }));
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    await untilPolled(running, sessionId);
    const [sequence] = emit(sessionId, 1);
    const [event] = await stream.until(1);
    expect(event?.id).toBe(String(sequence));
    expect(stream.ids).toEqual([String(sequence)]);
    await stream.close();
  });

  const urqlAccept = 'application/graphql-response+json, application/graphql+json, application/json, text/event-stream, multipart/mixed';
  const hiveAccept = 'application/graphql-response+json, application/json, multipart/mixed';

  it.each([
    ["urql's", urqlAccept, /^text\/event-stream/],
    ["Hive Gateway's", hiveAccept, /^multipart\/mixed/],
  ])("%s Accept (JSON first, streaming types after) gets JSON for a query and a mutation, a stream for a subscription", async (_, accept, streamType) => {
    const query = await fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept },
      body: JSON.stringify({ query: '{ engagementCenter { apiVersion } }' }),
    });
    expect(query.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(await query.json()).toEqual({ data: { engagementCenter: { apiVersion: '2.0.0' } } });

    const mutation = await fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept, ...credentials },
      body: JSON.stringify({ query: 'mutation { streamingSessionCreate { __typename ... on StreamingSession { id } } }' }),
    });
    expect(mutation.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    const created = (await mutation.json()) as { data: { streamingSessionCreate: { __typename: string; id: string } } };
    expect(created.data.streamingSessionCreate.__typename).toBe('StreamingSession');

    const sessionId = created.data.streamingSessionCreate.id;
    const stream = await track(subscribeHttp(running.url, { accept, headers: headersFor(sessionId) }));
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(streamType);
    await untilPolled(running, sessionId);
    const sequences = emit(sessionId, 2);
    expect((await stream.until(2)).map((event) => event.sequenceNumber)).toEqual(sequences);
    await stream.close();
  });

  it.each([
    ['quoted boundary', 'multipart/mixed;boundary="graphql";subscriptionSpec=1.0,application/json'],
    ['unquoted boundary (Apollo Client 4)', 'multipart/mixed;boundary=graphql;subscriptionSpec=1.0,application/graphql-response+json,application/json;q=0.9'],
    ['no boundary', 'multipart/mixed;subscriptionSpec=1.0,application/json'],
    ['a quoted spec', 'multipart/mixed; subscriptionSpec="1.0", application/json'],
  ])("Apollo's multipart Accept with a %s streams the events inside payload", async (_, accept) => {
    const sessionId = newSession();
    const stream = await track(subscribeHttp(running.url, { accept, headers: headersFor(sessionId) }));
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^multipart\/mixed;\s*boundary="?graphql"?;\s*subscriptionSpec="?1\.0"?/i);
    await untilPolled(running, sessionId);
    const sequences = emit(sessionId, 3);
    expect((await stream.until(3)).map((event) => event.sequenceNumber)).toEqual(sequences);
    await stream.close();
  });
});

describe('SSE event ids and resuming', () => {
  it('carries an id: line on each next event, equal to its event id', async () => {
    const sessionId = newSession();
    const stream = await track(subscribeHttp(running.url, { method: 'GET', headers: headersFor(sessionId) }));
    await untilPolled(running, sessionId);
    emit(sessionId, 4);
    const events = await stream.until(4);
    expect(stream.ids).toEqual(events.map((event) => event.id));
    expect(events.map((event) => event.id)).toEqual(events.map((event) => String(event.sequenceNumber)));
    await stream.close();
  });

  /** Receives 1–3, leaves, lets 4–5 happen while away; returns the session. */
  async function leaveAfterThree(): Promise<string> {
    const sessionId = newSession();
    const first = await track(subscribeHttp(running.url, { headers: headersFor(sessionId) }));
    await untilPolled(running, sessionId);
    emit(sessionId, 3);
    await first.until(3);
    const left = await endedCount(running, 'client');
    await first.close();
    await untilEnded(running, 'client', left + 1);
    // Away means no retrieval left: one the API answered before it saw the gateway abandon it
    // would take these (this session does not require acknowledgement) and nobody would get them.
    await untilNotPolled(running, sessionId);
    emit(sessionId, 2);
    return sessionId;
  }

  it('a client reconnecting with Last-Event-ID receives what it missed, then the live events, none twice; Last-Event-ID wins over after', async () => {
    const sessionId = await leaveAfterThree();
    const again = await track(
      subscribeHttp(running.url, { method: 'GET', headers: { ...headersFor(sessionId), 'last-event-id': '2' }, variables: { after: '4' } }),
    );
    await again.until(3);
    emit(sessionId, 1);
    await again.until(4);
    expect(idsOf(again)).toEqual(['3', '4', '5', '6']);
    expect(again.ids).toEqual(['3', '4', '5', '6']);
    await again.close();
  });

  it('after alone resumes too', async () => {
    const sessionId = await leaveAfterThree();
    const again = await track(subscribeHttp(running.url, { headers: headersFor(sessionId), variables: { after: '1' } }));
    await again.until(4);
    emit(sessionId, 1);
    await again.until(5);
    expect(idsOf(again)).toEqual(['2', '3', '4', '5', '6']);
    await again.close();
  });

  it.each([
    ['an after that is not an event id', { after: 'abc' }, {}],
    ['a negative after', { after: '-1' }, {}],
    ['a Last-Event-ID that is not an event id', {}, { 'last-event-id': 'x1' }],
    ['kinds: []', { kinds: [] }, {}],
  ])('%s ends the subscription at once with BAD_USER_INPUT, nothing polled', async (_, variables, extraHeaders) => {
    const sessionId = newSession();
    const stream = await track(subscribeHttp(running.url, { headers: { ...headersFor(sessionId), ...extraHeaders }, variables }));
    expect(stream.status).toBe(200);
    expect(await stream.ended()).toEqual({ code: 'BAD_USER_INPUT', finish: 'complete' });
    expect(stream.events()).toEqual([]);
    expect(requestsFor(sessionId)).toEqual([]);
  });

  it('kinds filters the events', async () => {
    const sessionId = newSession();
    const stream = await track(subscribeHttp(running.url, { headers: headersFor(sessionId), variables: { kinds: ['engagementCenter.Wrap', 'simulator.Custom'] } }));
    await untilPolled(running, sessionId);
    emit(sessionId, 2, 'engagementCenter.Active');
    emit(sessionId, 1, 'engagementCenter.Wrap');
    emit(sessionId, 1, 'engagementCenter.Active');
    emit(sessionId, 1, 'simulator.Custom');
    const events = await stream.until(2);
    expect(events.map((event) => [event.sequenceNumber, event.kind, event.category])).toEqual([
      [3, 'engagementCenter.Wrap', 'engagementCenter'],
      [5, 'simulator.Custom', 'simulator'],
    ]);
    await stream.close();
  });
});

describe('over WebSocket', () => {
  it('matches the connection_init keys case-insensitively', async () => {
    const sessionId = newSession();
    const stream = await track(
      subscribeWebSocket(running.url, {
        connectionParams: { Authorization: credentials.authorization, 'X-API-Key': credentials['x-api-key'], 'Via-Client-SessionId': sessionId, 'X-Alvaria-Org-Id': ORG },
      }),
    );
    await untilPolled(running, sessionId);
    const sequences = emit(sessionId, 2);
    expect((await stream.until(2)).map((event) => event.sequenceNumber)).toEqual(sequences);
    // The poller sent the credentials given there.
    const retrieval = requestsFor(sessionId).find((request) => request.url.includes('/streaming/events'));
    expect(retrieval?.headers).toMatchObject({ authorization: credentials.authorization, 'x-api-key': credentials['x-api-key'] });
    await stream.close();
  });

  it.each([
    ['a number', { authorization: 42 }],
    ['an object', { 'via-client-sessionid': { id: 'x' } }],
    ['a boolean', { 'X-API-KEY': true }],
  ])('a connection_init value that is %s ends the subscription with BAD_USER_INPUT', async (_, wrong) => {
    const sessionId = newSession();
    const stream = await track(subscribeWebSocket(running.url, { connectionParams: { ...headersFor(sessionId), ...wrong } }));
    expect(await stream.ended()).toEqual({ code: 'BAD_USER_INPUT', finish: 'complete' });
    expect(requestsFor(sessionId)).toEqual([]);
  });

  it.each([
    ['completes the subscription', (stream: Awaited<ReturnType<typeof subscribeWebSocket>>) => stream.close()],
    ['closes the socket', (stream: Awaited<ReturnType<typeof subscribeWebSocket>>) => stream.client.dispose()],
  ])('a client that %s is counted out and its poller stopped at once, with no further event on the session', async (_, leave) => {
    const sessionId = newSession();
    const stream = await track(subscribeWebSocket(running.url, { connectionParams: headersFor(sessionId) }));
    await untilPolled(running, sessionId);
    await untilActive(running, 1);
    const endedBefore = await endedCount(running, 'client');
    await leave(stream);
    // No event arrives on the session: the subscription must not wait for one to end.
    await untilActive(running, 0);
    await untilEnded(running, 'client', endedBefore + 1);
    await untilNotPolled(running, sessionId);
  });

  it("does not read the upgrade request's headers: credentials only there end the subscription with UNAUTHENTICATED", async () => {
    const sessionId = newSession();
    const stream = await track(subscribeWebSocket(running.url, { upgradeHeaders: headersFor(sessionId), connectionParams: { 'via-client-sessionid': sessionId } }));
    expect(await stream.ended()).toEqual({ code: 'UNAUTHENTICATED', finish: 'complete' });
    expect(requestsFor(sessionId)).toEqual([]);
  });
});
