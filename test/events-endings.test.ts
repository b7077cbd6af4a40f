/**
 * How subscriptions end, and how they do not: a retrieval answered 400/404, 401, 403 or another
 * status not retried ends every subscription of the session, on every replica, after the events
 * stored before it; faults (5xx, 409, 429, a dropped connection, no connection, a timeout, the
 * circuit open) are retried and end nothing; a subscriber that does not keep up ends alone; the
 * limits refuse new subscriptions; closing the hub ends the rest. Answers are held or scripted in a
 * loopback Streaming API, never raced against the clock.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StreamingSettings } from '../src/config/read-config.js';
import type { UpstreamCall } from '../src/datasources/command-call.js';
import { SubscriptionEnded } from '../src/events/event-hub.js';
import { CircuitBreakers, type CircuitChange } from '../src/protection/circuit-breaker.js';
import { collect, endingOf, heldAfter, metricValue, range, request, startHub, subscribed, waitFor, type TestHub, type TestHubOptions } from './helpers/event-hubs.js';
import { silentLogger } from './helpers/logs.js';
import { RedisServer } from './helpers/redis-server.js';
import { startStreamingUpstream, type StreamingUpstream } from './helpers/streaming-upstream.js';

let redis: RedisServer;
let upstream: StreamingUpstream;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  [redis, upstream] = await Promise.all([RedisServer.start(), startStreamingUpstream()]);
}, 30_000);

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

afterAll(async () => {
  await Promise.all([redis?.stop(), upstream?.close()]);
});

const ORG = 'acme';

function hub(options: Partial<TestHubOptions> = {}): TestHub {
  const started = startHub({ baseUrl: upstream.url, ...options, settings: { leaseMs: 2_000, ...options.settings } });
  cleanups.push(() => started.close());
  return started;
}

type Deployment = 'one process' | 'two replicas on Redis';

function replicas(deployment: Deployment, settings: Partial<StreamingSettings> = {}): [TestHub, TestHub] {
  if (deployment === 'one process') {
    const only = hub({ settings });
    return [only, only];
  }
  const keyPrefix = `t${randomUUID().slice(0, 8)}:`;
  return [hub({ settings, redisUrl: redis.url, keyPrefix }), hub({ settings, redisUrl: redis.url, keyPrefix })];
}

/** Every log line of these hubs, as text: it must hold no secret. */
const logText = (hubs: readonly TestHub[]) => [...new Set(hubs)].map((each) => each.logs.text()).join('\n');

describe.each<Deployment>(['one process', 'two replicas on Redis'])('endings, %s', (deployment) => {
  it.each([
    [404, 'STREAMING_SESSION_GONE'],
    [400, 'STREAMING_SESSION_GONE'],
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [418, 'UPSTREAM_ERROR'],
    [301, 'UPSTREAM_ERROR'],
  ])('a retrieval answered %i ends every subscription of the session with %s, after the events stored before it', async (status, code) => {
    const session = upstream.createSession();
    const [a, b] = replicas(deployment);
    const subscribers = [await subscribed(a.hub, request(ORG, session, 'alice')), await subscribed(b.hub, request(ORG, session, 'alice'))];
    const otherSession = upstream.createSession();
    const bystander = await subscribed(b.hub, request(ORG, otherSession, 'alice'));
    upstream.emit(session, 'engagementCenter.Active', 2, () => ({ secret: 'payload-marker' }));
    await waitFor('two events everywhere', () => subscribers.every((s) => s.events.length >= 2));
    await heldAfter(upstream, session, 2);
    upstream.script(session, { status });
    upstream.emit(session, 'engagementCenter.Wrap', 1); // answers the held retrieval; the next gets the status
    await Promise.all(subscribers.map((s) => s.ended));

    for (const subscriber of subscribers) {
      expect(subscriber.ids()).toEqual([1, 2, 3]);
      expect(endingOf(subscriber)).toBe(code);
      expect((subscriber.outcome() as SubscriptionEnded).message).not.toBe('');
    }
    expect(bystander.outcome()).toBeUndefined();
    const reason = code.toLowerCase();
    const ended = (await metricValue(a.metrics, 'subscriptions_ended_total', { reason })) + (a === b ? 0 : await metricValue(b.metrics, 'subscriptions_ended_total', { reason }));
    expect(ended).toBe(2);
    await waitFor('the poller of the ended session stopped', () => upstream.inFlight(session) === 0);
    const logs = logText([a, b]);
    expect(logs).toContain(`"reason":"${reason}"`);
    for (const secret of [session, otherSession, 'Bearer', 'key-1', 'payload-marker']) expect(logs).not.toContain(secret);
  });

  it('a session the API forgot ends its subscriptions with STREAMING_SESSION_GONE; a new subscription to it ends the same way', async () => {
    const session = upstream.createSession();
    const [a, b] = replicas(deployment);
    const first = await subscribed(a.hub, request(ORG, session, 'alice'));
    upstream.forget(session);
    await first.ended;
    expect(endingOf(first)).toBe('STREAMING_SESSION_GONE');
    const again = await subscribed(b.hub, request(ORG, session, 'alice'));
    await again.ended;
    expect(endingOf(again)).toBe('STREAMING_SESSION_GONE');
  });

  it('retries 500, 409, 429 (after its Retry-After), a dropped connection and 503 without ending anything, and delivers what comes after', async () => {
    const session = upstream.createSession();
    const [a, b] = replicas(deployment);
    const subscribers = [await subscribed(a.hub, request(ORG, session, 'alice')), await subscribed(b.hub, request(ORG, session, 'alice'))];
    upstream.emit(session, 'engagementCenter.Active', 1);
    await waitFor('the first event', () => subscribers.every((s) => s.events.length >= 1));
    await heldAfter(upstream, session, 1);
    const before = upstream.retrievals.length; // the held one included
    upstream.script(session, { status: 500 }, { status: 409 }, { status: 429, headers: { 'retry-after': '1' } }, { reset: true }, { status: 503 });
    upstream.emit(session, 'engagementCenter.Active', 1); // ends the held retrieval: the scripted faults follow
    await waitFor('the five faults retried, and a retrieval held again', () => upstream.retrievals.length >= before + 6 && upstream.inFlight(session) === 1, 30_000);
    upstream.emit(session, 'engagementCenter.Wrap', 2);
    await waitFor('all four events everywhere', () => subscribers.every((s) => s.events.length >= 4), 30_000);
    for (const subscriber of subscribers) {
      expect(subscriber.ids()).toEqual(range(1, 4));
      expect(subscriber.outcome()).toBeUndefined();
    }
    const warnings = [...new Set([a, b])].flatMap((each) => each.logs.lines()).filter((line) => line.msg === 'Polling the Streaming API failed; it is retried (subscriptions stay open)');
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(warnings.length).toBeLessThanOrEqual(2); // once in a while, not once per fault
    expect(logText([a, b])).not.toContain(session);
  }, 40_000);
});

describe('retried faults that get no answer', () => {
  it('a retrieval longer than STREAMING_POLL_TIMEOUT_MS is abandoned and retried; nothing ends', async () => {
    const calls: UpstreamCall[] = [];
    const only = hub({ client: { pollTimeoutMs: 1_000, onCall: (call) => calls.push(call) } });
    const session = upstream.createSession();
    const subscriber = await subscribed(only.hub, request(ORG, session, 'alice'));
    await waitFor('two retrievals timed out', () => calls.filter((call) => call.endpoint === 'streaming/retrieveEvents' && call.outcome === 'timeout').length >= 2);
    upstream.emit(session, 'engagementCenter.Active', 2);
    await waitFor('the events', () => subscriber.events.length >= 2);
    expect(subscriber.ids()).toEqual([1, 2]);
    expect(subscriber.outcome()).toBeUndefined();
    // The API sees each abandoned retrieval's connection close when it gets there, not before the gateway moves on.
    await waitFor('the API saw two retrievals abandoned', () => upstream.retrievals.filter((r) => r.sessionId === session && r.abandoned).length >= 2);
  });

  it('no connection (refused) is retried until the API is there; nothing ends', async () => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as { port: number }).port;
    probe.close();
    await once(probe, 'close');
    const calls: UpstreamCall[] = [];
    const only = hub({ baseUrl: `http://127.0.0.1:${port}`, client: { onCall: (call) => calls.push(call) } });
    const session = randomUUID();
    const subscriber = await subscribed(only.hub, request(ORG, session, 'alice'));
    await waitFor('two refused retrievals', () => calls.filter((call) => call.outcome === 'unavailable').length >= 2);
    const late = await startStreamingUpstream(port);
    cleanups.push(() => late.close());
    late.createSession({ id: session });
    late.emit(session, 'engagementCenter.Active', 3);
    await waitFor('the events', () => subscriber.events.length >= 3, 20_000);
    expect(subscriber.ids()).toEqual([1, 2, 3]);
    expect(subscriber.outcome()).toBeUndefined();
  });

  it('the circuit of the origin applies: open, no retrieval is sent; then a probe closes it and delivery goes on', async () => {
    const changes: CircuitChange[] = [];
    // Retrievals sent so far, counted at each change of state (the probe is sent after it turns half-open).
    const sentAt: number[] = [];
    const breakers = new CircuitBreakers({
      failures: 2,
      openMs: 1_000,
      logger: silentLogger(),
      onStateChange: (change) => {
        changes.push(change);
        sentAt.push(upstream.retrievals.length);
      },
    });
    const only = hub({ client: { breakers } });
    const session = upstream.createSession();
    const subscriber = await subscribed(only.hub, request(ORG, session, 'alice'));
    await waitFor('a held retrieval', () => upstream.inFlight(session) === 1);
    upstream.script(session, { status: 502 }, { status: 503 });
    upstream.emit(session, 'engagementCenter.Active', 1);
    await waitFor('the probe closed the circuit', () => changes.some((change) => change.to === 'closed'));
    upstream.emit(session, 'engagementCenter.Active', 1);
    await waitFor('both events', () => subscriber.events.length >= 2);
    expect(sentAt[1]).toBe(sentAt[0]); // nothing sent while open
    expect(changes.map((change) => change.to)).toEqual(['open', 'half-open', 'closed']);
    expect(subscriber.ids()).toEqual([1, 2]);
    expect(subscriber.outcome()).toBeUndefined();
  });
});

describe('slow subscribers', () => {
  it('one with more than SUBSCRIBER_BUFFER_EVENTS waiting is ended with SUBSCRIBER_TOO_SLOW, alone; what its transport holds counts; its replay does not', async () => {
    const only = hub({ settings: { subscriberBufferEvents: 5 } });
    const session = upstream.createSession();
    const reader = await subscribed(only.hub, request(ORG, session, 'alice'));
    const idle = only.hub.subscribe(request(ORG, session, 'alice'));
    const buffering = only.hub.subscribe(request(ORG, session, 'alice', { buffered: () => 4 }));
    await Promise.all([idle.established, buffering.established]);
    upstream.emit(session, 'engagementCenter.Active', 2);
    await waitFor('the reader has 2', () => reader.events.length >= 2);
    expect(idle.queued).toBe(2);
    await expect(buffering.next()).rejects.toMatchObject({ code: 'SUBSCRIBER_TOO_SLOW' }); // 2 queued + 4 buffered > 5
    upstream.emit(session, 'engagementCenter.Active', 4);
    await waitFor('the reader has 6', () => reader.events.length >= 6);
    await expect(idle.next()).rejects.toMatchObject({ code: 'SUBSCRIBER_TOO_SLOW' });
    expect(await idle.next()).toEqual({ value: undefined, done: true });

    // The replay of `after` is not counted against the buffer.
    const resumed = only.hub.subscribe(request(ORG, session, 'alice', { after: 0 }));
    await resumed.established;
    expect(resumed.queued).toBe(0);
    const replayed = collect(resumed);
    upstream.emit(session, 'engagementCenter.Active', 1);
    await waitFor('the reader and the resumed have 7', () => reader.events.length >= 7 && replayed.events.length >= 7);
    expect(replayed.ids()).toEqual(range(1, 7));
    expect(reader.outcome()).toBeUndefined();
    expect(replayed.outcome()).toBeUndefined();
    expect(await metricValue(only.metrics, 'subscriptions_ended_total', { reason: 'subscriber_too_slow' })).toBe(2);
  });
});

describe('limits', () => {
  it('MAX_SUBSCRIPTIONS_PER_CREDENTIAL and MAX_SUBSCRIPTIONS end a new subscription at once with TOO_MANY_SUBSCRIPTIONS', async () => {
    const only = hub({ settings: { maxSubscriptionsPerCredential: 2, maxSubscriptions: 4 } });
    const session = upstream.createSession();
    const first = only.hub.subscribe(request(ORG, session, 'alice'));
    only.hub.subscribe(request(ORG, session, 'alice'));
    await expect(only.hub.subscribe(request(ORG, session, 'alice')).next()).rejects.toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS' });
    only.hub.subscribe(request('other-org', session, 'alice')); // another organization: another credential, as for the rate limits
    only.hub.subscribe(request(ORG, session, 'bob'));
    expect(only.hub.size).toBe(4);
    await expect(only.hub.subscribe(request(ORG, session, 'carol')).next()).rejects.toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS' });
    await first.return();
    const again = only.hub.subscribe(request(ORG, session, 'alice'));
    await again.established;
    expect(only.hub.size).toBe(4);
    expect(await metricValue(only.metrics, 'subscriptions_ended_total', { reason: 'too_many_subscriptions' })).toBe(2);
    expect(await metricValue(only.metrics, 'subscriptions_active')).toBe(4);
  });
});

describe('closing the hub', () => {
  it.each<Deployment>(['one process', 'two replicas on Redis'])('ends its subscriptions with SHUTTING_DOWN and stops polling; the other replica polls on (%s)', async (deployment) => {
    const session = upstream.createSession();
    const [a, b] = replicas(deployment);
    const closing = await subscribed(a.hub, request(ORG, session, 'alice'));
    await waitFor('a held retrieval', () => upstream.inFlight(session) === 1);
    const other = a === b ? null : await subscribed(b.hub, request(ORG, session, 'alice'));
    await a.close();
    expect(endingOf(closing)).toBe('SHUTTING_DOWN');
    await expect(a.hub.subscribe(request(ORG, session, 'alice')).next()).rejects.toMatchObject({ code: 'SHUTTING_DOWN' });
    expect(await metricValue(a.metrics, 'streaming_pollers_active')).toBe(0);
    if (other) {
      upstream.emit(session, 'engagementCenter.Active', 1);
      await waitFor('the other replica delivers', () => other.events.length >= 1);
      expect(other.outcome()).toBeUndefined();
    } else {
      await waitFor('no retrieval in flight', () => upstream.inFlight(session) === 0);
      await sleep(300);
      expect(upstream.inFlight(session)).toBe(0);
    }
  });
});
