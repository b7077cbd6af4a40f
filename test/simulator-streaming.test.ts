/**
 * The simulator's Streaming API as the contract reads it, over real HTTP with the gateway's own wire
 * module: sessions, held retrievals, one retrieval at a time, acknowledgement and redelivery,
 * expiry, the error answers, fault injection, and suspending while sessions survive.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSessionRequest, SESSION_HEADER } from '../src/datasources/streaming-api.js';
import { startSimulator, type Simulator } from '../src/simulator/simulator.js';
import { credentials, send, streamingClient } from './helpers/streaming-client.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const eventually = { timeout: 10_000, interval: 20 };

let simulator: Simulator;
let client: ReturnType<typeof streamingClient>;
beforeAll(async () => {
  // Held retrievals end only when an event comes (or the test ends): nothing here waits for the hold.
  simulator = await startSimulator({ pollHoldMs: 60_000 });
  client = streamingClient(simulator.url);
});
afterAll(async () => {
  await simulator.close();
});

const sessionPath = '/via/v3/organizations/demo/streaming/session';
const eventsPath = '/via/v3/organizations/demo/streaming/events';
const acknowledgePath = '/via/v3/organizations/demo/streaming/acknowledge';
const statisticsOf = (sessionId: string) => simulator.streaming.get(sessionId);
/** Resolves once the simulator holds a retrieval of the session. */
const held = (sessionId: string) => vi.waitFor(() => expect(statisticsOf(sessionId)?.retrievalsInFlight).toBe(1), eventually);

describe('creating a session', () => {
  it('answers 201 with a random UUID, its creation time and the inactivityDelay it was sent', async () => {
    const answer = await send(simulator.url, createSessionRequest('demo', credentials, { inactivityDelay: 7, requireAcknowledgement: true }));
    expect(answer.status).toBe(201);
    expect(answer.json).toEqual({ sessionId: expect.stringMatching(UUID), creationTime: expect.stringMatching(RFC_3339), inactivityDelay: 7 });
    const other = await client.create();
    expect(other.sessionId).toMatch(UUID);
    expect(other.sessionId).not.toBe(answer.json?.sessionId);
  });

  it("takes the API's defaults for an empty body", async () => {
    const answer = await send(simulator.url, { method: 'POST', path: sessionPath, headers: { authorization: 'Bearer token' } });
    expect(answer).toMatchObject({ status: 201, json: { inactivityDelay: 60 } });
  });

  it.each([
    ['a body that is not JSON', '{nope'],
    ['an inactivityDelay that is not whole seconds', '{"inactivityDelay":1.5}'],
    ['a requireAcknowledgement that is not a boolean', '{"requireAcknowledgement":"yes"}'],
  ])('refuses %s with a 400 ErrorResponse', async (_label, body) => {
    const answer = await send(simulator.url, { method: 'POST', path: sessionPath, headers: { authorization: 'Bearer token' }, body });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ code: 400, message: expect.any(String), errors: [{ scope: 'body', reason: 'invalid' }] });
  });

  it('is what simulator.createSession does', async () => {
    const sessionId = simulator.createSession('demo', { inactivityDelay: 30 });
    expect(sessionId).toMatch(UUID);
    expect(statisticsOf(sessionId)).toMatchObject({ organization: 'demo', state: 'open', eventsAppended: 0 });
    simulator.emit('demo', sessionId, 'simulator.Test');
    expect(await client.retrieve(sessionId)).toHaveLength(1);
  });
});

describe('every route', () => {
  it.each([
    ['POST', sessionPath],
    ['GET', eventsPath],
    ['POST', acknowledgePath],
    ['DELETE', sessionPath],
  ] as const)('%s %s answers 401 with no body without a Bearer token', async (method, path) => {
    for (const headers of [{}, { authorization: 'Basic abc' }] as Record<string, string>[]) {
      const answer = await send(simulator.url, { method, path, headers: { ...headers, [SESSION_HEADER]: simulator.createSession('demo') }, body: method === 'POST' ? '{"sequenceNumber":1}' : undefined });
      expect(answer).toMatchObject({ status: 401, text: '' });
    }
  });

  it.each([
    ['GET', eventsPath],
    ['POST', acknowledgePath],
    ['DELETE', sessionPath],
  ] as const)('%s %s answers 400 naming via-client-sessionid when it is missing', async (method, path) => {
    const answer = await send(simulator.url, { method, path, headers: { authorization: 'Bearer token' }, body: method === 'POST' ? '{"sequenceNumber":1}' : undefined });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ code: 400, errors: [{ scope: SESSION_HEADER, reason: 'required' }] });
  });

  it.each([
    ['PUT', sessionPath, 'POST, DELETE'],
    ['POST', eventsPath, 'GET'],
    ['DELETE', acknowledgePath, 'POST'],
  ] as const)('%s %s answers 405 with Allow: %s', async (method, path, allow) => {
    const answer = await send(simulator.url, { method: method as 'GET', path, headers: { authorization: 'Bearer token' } });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe(allow);
    expect(answer.json).toMatchObject({ code: 405, message: 'Method Not Allowed' });
  });

  it('answers 404 for a streaming path it does not know', async () => {
    const answer = await send(simulator.url, { method: 'GET', path: '/via/v3/organizations/demo/streaming/other', headers: { authorization: 'Bearer token' } });
    expect(answer).toMatchObject({ status: 404, json: { code: 404 } });
  });
});

describe('an unknown, foreign, deleted or expired session', () => {
  const gone = { status: 404, json: { code: 404, message: expect.stringMatching(/unknown, expired or deleted/), errors: [{ scope: SESSION_HEADER, reason: 'sessionNotFound' }] } };

  it('is a 404 ErrorResponse for a retrieval, an acknowledgement and a delete', async () => {
    for (const sessionId of ['never-issued', '00000000-0000-4000-8000-000000000000']) {
      expect(await client.retrieveAnswer(sessionId)).toMatchObject(gone);
      expect(await client.acknowledge(sessionId, 1)).toMatchObject(gone);
      expect(await client.delete(sessionId)).toMatchObject(gone);
    }
  });

  it('belongs to its organization whatever token polls it: another organization gets 404', async () => {
    const { sessionId } = await client.create();
    simulator.emit('demo', sessionId, 'simulator.Test', { n: 1 });
    const acme = streamingClient(simulator.url, 'acme', { authorization: 'Bearer another-token', apiKey: 'key' });
    expect(await acme.retrieveAnswer(sessionId)).toMatchObject(gone);
    expect(await acme.acknowledge(sessionId, 1)).toMatchObject(gone);
    expect(await acme.delete(sessionId)).toMatchObject(gone);
    expect(() => simulator.emit('acme', sessionId, 'simulator.Test')).toThrow(/No open streaming session/);
    // Untouched in its own organization, whoever asks.
    const otherToken = streamingClient(simulator.url, 'demo', { authorization: 'Bearer another-token', apiKey: null });
    expect((await otherToken.retrieve(sessionId)).map((event) => event.payload)).toEqual([{ n: 1 }]);
  });

  it('is gone once deleted (204), also for a retrieval held at that moment', async () => {
    const { sessionId } = await client.create();
    const retrieval = client.retrieveAnswer(sessionId);
    await held(sessionId);
    expect(await client.delete(sessionId)).toMatchObject({ status: 204, text: '' });
    expect(await retrieval).toMatchObject(gone);
    expect(await client.retrieveAnswer(sessionId)).toMatchObject(gone);
    expect(await client.delete(sessionId)).toMatchObject(gone);
    expect(statisticsOf(sessionId)).toMatchObject({ state: 'deleted', retrievalsInFlight: 0 });
  });

  it('is gone once expired by expireSession, also for a retrieval held at that moment', async () => {
    const { sessionId } = await client.create();
    const retrieval = client.retrieveAnswer(sessionId);
    await held(sessionId);
    expect(simulator.expireSession(sessionId)).toBe(true);
    expect(await retrieval).toMatchObject(gone);
    expect(statisticsOf(sessionId)?.state).toBe('expired');
    expect(simulator.expireSession(sessionId)).toBe(false);
    expect(() => simulator.emit('demo', sessionId, 'simulator.Test')).toThrow();
  });
});

describe('retrieving events', () => {
  it('holds a retrieval while there is nothing, and answers as soon as an event arrives', async () => {
    const { sessionId } = await client.create();
    let answered = false;
    const retrieval = client.retrieve(sessionId).finally(() => (answered = true));
    await held(sessionId);
    expect(answered).toBe(false);
    const emitted = simulator.emit('demo', sessionId, 'simulator.Test', { hello: 'world' });
    expect(await retrieval).toEqual([{ sequenceNumber: 1, kind: 'simulator.Test', creationTime: emitted.creationTime, payload: { hello: 'world' } }]);
    expect(emitted.creationTime).toMatch(RFC_3339);
  });

  it('answers an empty list when the hold ends with nothing', async () => {
    const quick = await startSimulator({ pollHoldMs: 50 });
    try {
      const sessionId = quick.createSession('demo');
      expect(await streamingClient(quick.url).retrieve(sessionId)).toEqual([]);
      expect(quick.streaming.get(sessionId)).toMatchObject({ retrievals: 1, retrievalsInFlight: 0 });
    } finally {
      await quick.close();
    }
  });

  it('gives at most maxEvents (1 without it), numbered from 1 and increasing; without acknowledgement, delivered events are gone', async () => {
    const { sessionId } = await client.create({ inactivityDelay: 60, requireAcknowledgement: false });
    for (const n of [1, 2, 3, 4]) simulator.emit('demo', sessionId, 'simulator.Test', { n });
    const withoutMax = await send(simulator.url, { method: 'GET', path: eventsPath, headers: { authorization: 'Bearer token', [SESSION_HEADER]: sessionId } });
    expect((withoutMax.json?.events as unknown[]).length).toBe(1);
    expect((await client.retrieve(sessionId, 2)).map((event) => event.sequenceNumber)).toEqual([2, 3]);
    expect((await client.retrieve(sessionId, 2)).map((event) => event.sequenceNumber)).toEqual([4]);
    expect(statisticsOf(sessionId)).toMatchObject({ eventsAppended: 4, retrievals: 3 });
  });

  it.each(['0', '101', 'ten', '-1', '1.5'])('refuses maxEvents=%s with 400', async (maxEvents) => {
    const sessionId = simulator.createSession('demo');
    const answer = await send(simulator.url, { method: 'GET', path: `${eventsPath}?maxEvents=${maxEvents}`, headers: { authorization: 'Bearer token', [SESSION_HEADER]: sessionId } });
    expect(answer).toMatchObject({ status: 400, json: { errors: [{ scope: 'maxEvents' }] } });
  });

  it('answers a concurrent retrieval of one session with 409, and counts it', async () => {
    const { sessionId } = await client.create();
    const first = client.retrieve(sessionId);
    await held(sessionId);
    const second = await client.retrieveAnswer(sessionId);
    expect(second.status).toBe(409);
    expect(second.json).toMatchObject({ code: 409, errors: [{ scope: SESSION_HEADER, reason: 'concurrentRetrieval' }] });
    simulator.emit('demo', sessionId, 'simulator.Test');
    expect(await first).toHaveLength(1);
    expect(statisticsOf(sessionId)).toMatchObject({ conflicts: 1, maxRetrievalsInFlight: 2, retrievalsInFlight: 0, retrievals: 1 });
    // One after the other is no conflict.
    simulator.emit('demo', sessionId, 'simulator.Test');
    expect(await client.retrieve(sessionId)).toHaveLength(1);
    expect(statisticsOf(sessionId)?.conflicts).toBe(1);
  });

  it('takes nothing for a retrieval whose client went away while it was held', async () => {
    const { sessionId } = await client.create({ inactivityDelay: 60, requireAcknowledgement: false });
    const abandon = new AbortController();
    const retrieval = client.retrieveAnswer(sessionId, 100, abandon.signal).catch((error: unknown) => error);
    await held(sessionId);
    abandon.abort();
    expect(await retrieval).toBeInstanceOf(Error);
    await vi.waitFor(() => expect(statisticsOf(sessionId)?.retrievalsInFlight).toBe(0), eventually);
    simulator.emit('demo', sessionId, 'simulator.Test');
    expect((await client.retrieve(sessionId)).map((event) => event.sequenceNumber)).toEqual([1]);
  });
});

describe('acknowledgement', () => {
  it('with requireAcknowledgement, delivers unacknowledged events again until acknowledged up to n', async () => {
    const { sessionId } = await client.create({ inactivityDelay: 60, requireAcknowledgement: true });
    for (const n of [1, 2, 3]) simulator.emit('demo', sessionId, 'simulator.Test', { n });
    const numbers = async (maxEvents: number) => (await client.retrieve(sessionId, maxEvents)).map((event) => event.sequenceNumber);
    expect(await numbers(2)).toEqual([1, 2]);
    expect(await numbers(2)).toEqual([1, 2]);
    expect(await client.acknowledge(sessionId, 1)).toMatchObject({ status: 204, text: '' });
    expect(await numbers(5)).toEqual([2, 3]);
    expect((await client.acknowledge(sessionId, 3)).status).toBe(204);
    simulator.emit('demo', sessionId, 'simulator.Test', { n: 4 });
    expect(await numbers(5)).toEqual([4]);
    expect(statisticsOf(sessionId)?.acknowledgedUpTo).toBe(3);
  });

  it('never acknowledges an event that was not delivered yet', async () => {
    const { sessionId } = await client.create({ inactivityDelay: 60, requireAcknowledgement: true });
    simulator.emit('demo', sessionId, 'simulator.Test');
    expect((await client.acknowledge(sessionId, 5)).status).toBe(204);
    expect((await client.retrieve(sessionId)).map((event) => event.sequenceNumber)).toEqual([1]);
    expect(statisticsOf(sessionId)?.acknowledgedUpTo).toBe(0);
  });

  it('is harmless without requireAcknowledgement', async () => {
    const { sessionId } = await client.create({ inactivityDelay: 60, requireAcknowledgement: false });
    simulator.emit('demo', sessionId, 'simulator.Test');
    expect(await client.retrieve(sessionId)).toHaveLength(1);
    expect((await client.acknowledge(sessionId, 1)).status).toBe(204);
    expect(statisticsOf(sessionId)?.acknowledgedUpTo).toBe(1);
  });

  it.each(['{}', '{"sequenceNumber":"3"}', '{"sequenceNumber":-1}', 'nope'])('refuses the body %s with 400', async (body) => {
    const sessionId = simulator.createSession('demo');
    const answer = await send(simulator.url, { method: 'POST', path: acknowledgePath, headers: { authorization: 'Bearer token', [SESSION_HEADER]: sessionId }, body });
    expect(answer).toMatchObject({ status: 400, json: { errors: [{ scope: 'sequenceNumber' }] } });
  });
});

describe('expiry', () => {
  it('drops a session not polled within its inactivityDelay', async () => {
    const { sessionId } = await client.create({ inactivityDelay: 1, requireAcknowledgement: false });
    await vi.waitFor(() => expect(statisticsOf(sessionId)?.state).toBe('expired'), eventually);
    expect((await client.retrieveAnswer(sessionId)).status).toBe(404);
  });

  it('counts a retrieval in progress as polling: a hold longer than the inactivityDelay keeps the session', async () => {
    const slow = await startSimulator({ pollHoldMs: 2_500 });
    try {
      const slowClient = streamingClient(slow.url);
      const { sessionId } = await slowClient.create({ inactivityDelay: 1, requireAcknowledgement: false });
      // Held 2.5 s with a 1 s inactivityDelay: an expiry during the hold would answer 404.
      expect(await slowClient.retrieve(sessionId)).toEqual([]);
      await vi.waitFor(() => expect(slow.streaming.get(sessionId)?.state).toBe('expired'), eventually);
    } finally {
      await slow.close();
    }
  });
});

describe('fault injection on the Streaming API', () => {
  it('answers a retrieval with the injected status, body and headers, then streams again', async () => {
    const { sessionId } = await client.create();
    simulator.injectFault({ operation: 'events', status: 503, body: { code: 503, message: 'maintenance', errors: [] }, headers: { 'retry-after': '2' } });
    const faulty = await client.retrieveAnswer(sessionId);
    expect(faulty).toMatchObject({ status: 503, json: { message: 'maintenance' } });
    expect(faulty.headers['retry-after']).toBe('2');
    simulator.emit('demo', sessionId, 'simulator.Test');
    expect(await client.retrieve(sessionId)).toHaveLength(1);
  });

  it('resets the connection of a retrieval', async () => {
    const { sessionId } = await client.create();
    simulator.injectFault({ operation: 'events', reset: true });
    await expect(client.retrieveAnswer(sessionId)).rejects.toThrow();
  });

  it('delays a retrieval, then answers it as simulated', async () => {
    const { sessionId } = await client.create();
    simulator.emit('demo', sessionId, 'simulator.Test');
    simulator.injectFault({ operation: 'events', delayMs: 50 });
    expect(await client.retrieve(sessionId)).toHaveLength(1);
  });

  it('takes nothing for a retrieval whose client went away during the delay', async () => {
    const { sessionId } = await client.create({ inactivityDelay: 60, requireAcknowledgement: false });
    simulator.injectFault({ operation: 'events', delayMs: 200 });
    const before = simulator.requests.length;
    const abandon = new AbortController();
    const retrieval = client.retrieveAnswer(sessionId, 100, abandon.signal).catch((error: unknown) => error);
    await vi.waitFor(() => expect(simulator.requests.length).toBeGreaterThan(before), eventually);
    abandon.abort();
    expect(await retrieval).toBeInstanceOf(Error);
    await vi.waitFor(() => expect(statisticsOf(sessionId)).toMatchObject({ maxRetrievalsInFlight: 1, retrievalsInFlight: 0, retrievals: 0 }), eventually);
    simulator.emit('demo', sessionId, 'simulator.Test');
    expect((await client.retrieve(sessionId)).map((event) => event.sequenceNumber)).toEqual([1]);
  });

  it("tells a session's delete from its create by method", async () => {
    simulator.injectFault({ operation: 'session', method: 'DELETE', status: 500, body: 'boom' });
    const { sessionId } = await client.create();
    expect(await client.delete(sessionId)).toMatchObject({ status: 500, text: 'boom' });
    expect((await client.delete(sessionId)).status).toBe(204);
  });
});

describe('suspend and resume', () => {
  it('refuses connections while suspended and keeps every session, its events and its numbering', async () => {
    const own = await startSimulator({ pollHoldMs: 60_000 });
    const ownClient = streamingClient(own.url);
    try {
      const { sessionId } = await ownClient.create();
      own.emit('demo', sessionId, 'simulator.Test');
      expect(await ownClient.retrieve(sessionId)).toHaveLength(1);
      const cut = ownClient.retrieveAnswer(sessionId).catch((error: unknown) => error);
      await vi.waitFor(() => expect(own.streaming.get(sessionId)?.retrievalsInFlight).toBe(1), eventually);

      await own.suspend();
      expect(await cut).toBeInstanceOf(Error);
      await expect(ownClient.retrieveAnswer(sessionId)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      own.emit('demo', sessionId, 'simulator.Test', { during: 'suspension' });

      await own.resume();
      // The retrieval cut by the suspension left the session free: no 409.
      expect(await ownClient.retrieve(sessionId)).toEqual([expect.objectContaining({ sequenceNumber: 2, payload: { during: 'suspension' } })]);
      expect(own.streaming.get(sessionId)).toMatchObject({ state: 'open', conflicts: 0 });
    } finally {
      await own.close();
    }
  });
});
