/**
 * Agent events delivered as the contract promises, through the real engine against a loopback
 * Streaming API: in one process, and as two replicas sharing a real Redis. Every subscriber gets
 * every event of its session exactly once, in order, whatever the subscribers and replicas, with
 * one retrieval of the session in flight at a time; subscriptions without `after` start at their
 * establishment, with `after` they resume; `kinds` filter; credentials never share a poller; the
 * poller stops when the last subscriber leaves and another replica takes over while it has some.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StreamingSettings } from '../src/config/read-config.js';
import { credentials, heldAfter, metricValue, range, request, startHub, subscribed, waitFor, type TestHub } from './helpers/event-hubs.js';
import { RedisServer } from './helpers/redis-server.js';
import { startStreamingUpstream, type StreamingUpstream } from './helpers/streaming-upstream.js';

let redis: RedisServer;
let upstream: StreamingUpstream;
const hubs: TestHub[] = [];

beforeAll(async () => {
  [redis, upstream] = await Promise.all([RedisServer.start(), startStreamingUpstream()]);
}, 30_000);

afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
});

afterAll(async () => {
  await Promise.all([redis?.stop(), upstream?.close()]);
});

const ORG = 'acme';

type Deployment = 'one process' | 'two replicas on Redis';

/** One hub, or two sharing one Redis (under a prefix of their own). */
function replicas(deployment: Deployment, settings: Partial<StreamingSettings> = {}): [TestHub, TestHub] {
  const shared = { baseUrl: upstream.url, settings: { leaseMs: 2_000, ...settings } };
  if (deployment === 'one process') {
    const hub = startHub(shared);
    hubs.push(hub);
    return [hub, hub];
  }
  const keyPrefix = `t${randomUUID().slice(0, 8)}:`;
  const first = startHub({ ...shared, redisUrl: redis.url, keyPrefix });
  const second = startHub({ ...shared, redisUrl: redis.url, keyPrefix });
  hubs.push(first, second);
  return [first, second];
}

const sum = async (pair: readonly TestHub[], name: string, labels: Record<string, string> = {}) => {
  const distinct = [...new Set(pair)];
  const values = await Promise.all(distinct.map((hub) => metricValue(hub.metrics, name, labels)));
  return values.reduce((total, value) => total + value, 0);
};

describe.each<Deployment>(['one process', 'two replicas on Redis'])('%s', (deployment) => {
  it('delivers every event exactly once and in order to three subscribers, with one retrieval of the session in flight at a time, and acknowledges what it stored', async () => {
    const session = upstream.createSession();
    const [a, b] = replicas(deployment);
    const subscribers = [
      await subscribed(a.hub, request(ORG, session, 'alice')),
      await subscribed(b.hub, request(ORG, session, 'alice')),
      await subscribed(a.hub, request(ORG, session, 'alice')),
    ];
    upstream.emit(session, 'engagementCenter.Active', 5);
    await waitFor('the first 5 events everywhere', () => subscribers.every((s) => s.events.length >= 5));
    upstream.emit(session, 'engagementCenter.AgentStatistics', 60); // more than one retrieval's maxEvents (50)
    upstream.emit(session, 'engagementCenter.Wrap', 1);
    await waitFor('66 events everywhere', () => subscribers.every((s) => s.events.length >= 66));
    await sleep(200); // anything more would be a duplicate

    for (const subscriber of subscribers) expect(subscriber.ids()).toEqual(range(1, 66));
    expect(upstream.maxInFlightOf(session)).toBe(1);
    const mine = upstream.retrievals.filter((retrieval) => retrieval.sessionId === session);
    expect(mine.every((retrieval) => retrieval.maxEvents === 50)).toBe(true);
    expect(mine.filter((retrieval) => retrieval.answered?.status === 409)).toEqual([]);
    expect(await sum([a, b], 'streaming_events_total')).toBe(66);
    await waitFor('the last event acknowledged', () => upstream.acknowledgements.some((ack) => ack.sessionId === session && ack.sequenceNumber === 66));
    expect(await sum([a, b], 'subscriptions_active')).toBe(3);
    expect(await sum([a, b], 'streaming_pollers_active')).toBe(1);
  });

  it('gives the AgentEvent shape: id as decimal text, kind and category, occurredAt from creationTime, receivedAt, payload unchanged', async () => {
    const session = upstream.createSession();
    const [a] = replicas(deployment);
    const subscriber = await subscribed(a.hub, request(ORG, session, 'alice'));
    const before = Date.now();
    upstream.emit(session, 'engagementCenter.InteractionClear', 1, () => ({ interactionId: 'ixn-1', nested: { list: [1, 'two', null] } }));
    upstream.emit(session, 'simulator.AgentStateChanged', 1, () => ({ state: 'ready' }));
    await waitFor('two events', () => subscriber.events.length >= 2);
    const [first, second] = subscriber.events;
    expect(first).toMatchObject({ id: '1', sequenceNumber: 1, kind: 'engagementCenter.InteractionClear', category: 'engagementCenter', payload: { interactionId: 'ixn-1', nested: { list: [1, 'two', null] } } });
    expect(second).toMatchObject({ id: '2', sequenceNumber: 2, kind: 'simulator.AgentStateChanged', category: 'simulator', payload: { state: 'ready' } });
    expect(Date.parse(first?.occurredAt ?? '')).not.toBeNaN();
    expect(Date.parse(first?.receivedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
  });

  it('without after, delivers only what is stored after the subscription is established', async () => {
    const session = upstream.createSession();
    const [a, b] = replicas(deployment);
    const early = await subscribed(a.hub, request(ORG, session, 'alice'));
    upstream.emit(session, 'engagementCenter.Active', 3);
    await waitFor('the early subscriber has 3', () => early.events.length >= 3);
    const late = await subscribed(b.hub, request(ORG, session, 'alice'));
    upstream.emit(session, 'engagementCenter.Active', 2);
    await waitFor('both have the last two', () => early.events.length >= 5 && late.events.length >= 2);
    await sleep(200);
    expect(early.ids()).toEqual(range(1, 5));
    expect(late.ids()).toEqual([4, 5]);
  });

  it('resumes with after: the retained events after it, then the live ones, none twice; older than what is retained, what is retained', async () => {
    const session = upstream.createSession();
    const [a, b] = replicas(deployment, { retainEvents: 8 });
    const first = await subscribed(a.hub, request(ORG, session, 'alice'));
    upstream.emit(session, 'engagementCenter.Active', 10);
    await waitFor('10 events', () => first.events.length >= 10);

    const resumed = await subscribed(b.hub, request(ORG, session, 'alice', { after: 6 }));
    const tooOld = await subscribed(b.hub, request(ORG, session, 'alice', { after: 0 }));
    const ahead = await subscribed(a.hub, request(ORG, session, 'alice', { after: 10 }));
    upstream.emit(session, 'engagementCenter.Active', 2);
    await waitFor('12 events for all', () => [first, resumed, tooOld, ahead].every((s) => s.events.at(-1)?.sequenceNumber === 12));
    await sleep(200);
    expect(resumed.ids()).toEqual(range(7, 12));
    expect(tooOld.ids()).toEqual(range(3, 12)); // 8 retained: 3..10
    expect(ahead.ids()).toEqual([11, 12]);
  });

  it('resumes with what is kept for STREAMING_RETAIN_MS: older events are left out of the replay', async () => {
    const session = upstream.createSession();
    const [a, b] = replicas(deployment, { retainMs: 3_000 });
    const first = await subscribed(a.hub, request(ORG, session, 'alice'));
    upstream.emit(session, 'engagementCenter.Active', 3);
    await waitFor('3 events', () => first.events.length >= 3);
    await sleep(3_100); // the first three are older than the retention from now on
    upstream.emit(session, 'engagementCenter.Active', 2);
    await waitFor('5 events', () => first.events.length >= 5);
    const resumed = await subscribed(b.hub, request(ORG, session, 'alice', { after: 0 }));
    await waitFor('the replay', () => resumed.events.length >= 2);
    await sleep(200);
    expect(resumed.ids()).toEqual([4, 5]);
  });

  it('filters by kinds without losing its place', async () => {
    const session = upstream.createSession();
    const [a, b] = replicas(deployment);
    const all = await subscribed(a.hub, request(ORG, session, 'alice'));
    const actives = await subscribed(b.hub, request(ORG, session, 'alice', { kinds: new Set(['engagementCenter.Active', 'engagementCenter.Wrap']) }));
    upstream.emit(session, 'engagementCenter.Active', 2);
    upstream.emit(session, 'engagementCenter.KeepAlive', 3);
    upstream.emit(session, 'engagementCenter.Wrap', 1);
    upstream.emit(session, 'simulator.InteractionHeld', 1);
    upstream.emit(session, 'engagementCenter.Active', 1);
    await waitFor('all 8, and the last Active', () => all.events.length >= 8 && actives.events.at(-1)?.sequenceNumber === 8);
    await sleep(200);
    expect(actives.ids()).toEqual([1, 2, 6, 8]);
    expect(actives.events.map((event) => event.kind)).toEqual(['engagementCenter.Active', 'engagementCenter.Active', 'engagementCenter.Wrap', 'engagementCenter.Active']);
  });

  it('never shares a poller or an event between credentials: each subscriber gets what its own credential retrieved', async () => {
    const session = upstream.createSession({ requireAcknowledgement: false });
    const [a, b] = replicas(deployment);
    const alice = await subscribed(a.hub, request(ORG, session, 'alice'));
    const bob = await subscribed(b.hub, request(ORG, session, 'bob'));
    await waitFor('two pollers', async () => (await sum([a, b], 'streaming_pollers_active')) === 2);
    for (let round = 0; round < 5; round += 1) {
      upstream.emit(session, 'engagementCenter.Active', 2);
      await sleep(30);
    }
    await waitFor('all 10 events delivered between them', () => alice.events.length + bob.events.length >= 10);
    await sleep(200);
    const retrievedBy = (token: string) =>
      upstream.retrievals.filter((r) => r.sessionId === session && r.headers.authorization === `Bearer ${token}`).flatMap((r) => r.answered?.delivered ?? []);
    expect(alice.ids()).toEqual(retrievedBy('alice'));
    expect(bob.ids()).toEqual(retrievedBy('bob'));
    expect([...alice.ids(), ...bob.ids()].sort((x, y) => x - y)).toEqual(range(1, 10));
  });

  it('sends the three headers of the reading (the x-api-key of the subscriber that started the poller) and acknowledges with them', async () => {
    const session = upstream.createSession();
    const [a] = replicas(deployment);
    const subscriber = await subscribed(a.hub, { ...request(ORG, session, 'alice'), credentials: credentials('alice', 'key-of-the-first') });
    await subscribed(a.hub, { ...request(ORG, session, 'alice'), credentials: credentials('alice', 'key-of-the-second') });
    upstream.emit(session, 'engagementCenter.Active', 1);
    await waitFor('the event', () => subscriber.events.length >= 1);
    await waitFor('its acknowledgement', () => upstream.requests.some((r) => r.operation === 'acknowledge' && r.headers['via-client-sessionid'] === session));
    const mine = upstream.requests.filter((r) => r.headers['via-client-sessionid'] === session);
    for (const sent of mine) {
      expect(sent.headers).toMatchObject({ authorization: 'Bearer alice', 'x-api-key': 'key-of-the-first', 'via-client-sessionid': session });
      const extra = Object.keys(sent.headers).filter((name) => !['authorization', 'x-api-key', 'via-client-sessionid', 'host', 'connection', 'content-type', 'content-length'].includes(name));
      expect(extra).toEqual([]);
    }
    expect(mine.find((r) => r.operation === 'retrieveEvents')?.url).toBe(`/via/v3/organizations/${ORG}/streaming/events?maxEvents=50`);
    const acknowledgement = mine.find((r) => r.operation === 'acknowledge');
    expect(acknowledgement?.url).toBe(`/via/v3/organizations/${ORG}/streaming/acknowledge`);
    expect(JSON.parse(acknowledgement?.body ?? '')).toEqual({ sequenceNumber: 1 });
  });

  it('stops polling (the held retrieval abandoned) when the last subscriber leaves, and only then', async () => {
    const session = upstream.createSession();
    const [a, b] = replicas(deployment);
    const first = await subscribed(a.hub, request(ORG, session, 'alice'));
    const second = await subscribed(b.hub, request(ORG, session, 'alice'));
    await waitFor('a held retrieval', () => upstream.inFlight(session) === 1);

    await first.subscription.return();
    // The other subscriber still has a poller (another replica takes over where needed).
    await waitFor('a held retrieval for the remaining subscriber', async () => upstream.inFlight(session) === 1 && (await sum([a, b], 'streaming_pollers_active')) === 1);
    upstream.emit(session, 'engagementCenter.Active', 1);
    await waitFor('the remaining subscriber gets the event', () => second.events.length >= 1);
    await heldAfter(upstream, session, 1);

    const controller = new AbortController();
    const third = await subscribed(b.hub, request(ORG, session, 'alice', { signal: controller.signal }));
    await second.subscription.return();
    controller.abort();
    await third.ended;
    await waitFor('no retrieval in flight', () => upstream.inFlight(session) === 0);
    expect(upstream.retrievals.filter((r) => r.sessionId === session).at(-1)?.abandoned).toBe(true);
    const retrieved = upstream.retrievals.length;
    await sleep(500);
    expect(upstream.retrievals.length).toBe(retrieved);
    expect(await sum([a, b], 'streaming_pollers_active')).toBe(0);
    expect(await sum([a, b], 'subscriptions_active')).toBe(0);
    expect(await sum([a, b], 'subscriptions_ended_total', { reason: 'client' })).toBe(3);
    expect(upstream.maxInFlightOf(session)).toBe(1);
  });
});
