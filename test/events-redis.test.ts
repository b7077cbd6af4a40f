/**
 * The replicas' side of agent events on a real Redis: Redis stopped and started again (empty)
 * under two replicas ends nothing, loses and duplicates nothing, and nothing is acknowledged
 * before it is stored (checked in Redis as each acknowledgement arrives); a replica killed with
 * SIGKILL (a process of its own: no lease given up) is replaced by another with subscribers, and
 * no event is lost; Redis keys name no session or credential; the lease's timings keep the
 * takeover within STREAMING_LEASE_MS.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventKeys } from '../src/events/redis-keys.js';
import { leaseTimings } from '../src/events/redis-lease.js';
import { sessionKey } from '../src/events/session-key.js';
import type { HubProcessConfig } from './helpers/hub-process.js';
import { credentials, metricValue, range, request, startHub, subscribed, waitFor, type TestHub } from './helpers/event-hubs.js';
import { RedisServer } from './helpers/redis-server.js';
import { startStreamingUpstream, type StreamingUpstream } from './helpers/streaming-upstream.js';

let redis: RedisServer;
let upstream: StreamingUpstream;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  [redis, upstream] = await Promise.all([RedisServer.start(), startStreamingUpstream()]);
}, 30_000);

afterEach(async () => {
  upstream.onAcknowledge(null);
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  if (!redis.isRunning) await redis.start();
});

afterAll(async () => {
  await Promise.all([redis?.stop(), upstream?.close()]);
});

const ORG = 'acme';
const LEASE_MS = 2_000;

function replica(keyPrefix: string): TestHub {
  const hub = startHub({ baseUrl: upstream.url, redisUrl: redis.url, keyPrefix, settings: { leaseMs: LEASE_MS } });
  cleanups.push(() => hub.close());
  return hub;
}

/** A plain client of the test's own, to look into Redis. */
function inspector(): Redis {
  const client = new Redis({ port: redis.port, host: '127.0.0.1', lazyConnect: false, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => 100 });
  client.on('error', () => {});
  cleanups.push(async () => client.disconnect());
  return client;
}

/** Waits until the inspector is connected (it retries every 100 ms, and sends nothing before). */
const connected = (client: Redis): Promise<void> => waitFor('the inspector connects', () => client.status === 'ready');

describe('Redis stopped and started again mid-stream', () => {
  it('ends no subscription, loses and duplicates nothing, and acknowledges only what Redis holds', async () => {
    const keyPrefix = `t${randomUUID().slice(0, 8)}:`;
    // As the gateway creates sessions: what is not acknowledged, the API delivers again.
    const session = upstream.createSession({ requireAcknowledgement: true });
    const [a, b] = [replica(keyPrefix), replica(keyPrefix)];
    const stream = eventKeys(keyPrefix).stream(sessionKey({ organization: ORG, sessionId: session, credentials: credentials('alice') }));
    const look = inspector();
    const storedWhenAcknowledged: Array<{ sequenceNumber: number; stored: boolean | 'redis unreachable' }> = [];
    // Held before it is answered: the acknowledging poller writes nothing until the check is done.
    upstream.onAcknowledge(async ({ sessionId, sequenceNumber }) => {
      if (sessionId !== session) return;
      try {
        if (!redis.isRunning) throw new Error('acknowledged while Redis is stopped');
        // Just after a restart the gateway may reconnect before the inspector.
        await connected(look);
        const entries = await look.xrange(stream, `${sequenceNumber + 1}-0`, `${sequenceNumber + 1}-0`);
        storedWhenAcknowledged.push({ sequenceNumber, stored: entries.length === 1 });
      } catch {
        storedWhenAcknowledged.push({ sequenceNumber, stored: 'redis unreachable' });
      }
    });
    const subscribers = [
      await subscribed(a.hub, request(ORG, session, 'alice')),
      await subscribed(b.hub, request(ORG, session, 'alice')),
      await subscribed(b.hub, request(ORG, session, 'alice', { kinds: new Set(['engagementCenter.Active']) })),
    ];
    upstream.emit(session, 'engagementCenter.Active', 5);
    await waitFor('5 events everywhere', () => subscribers.every((s) => s.events.length >= 5));
    await waitFor('5 acknowledged', () => storedWhenAcknowledged.some((ack) => ack.sequenceNumber === 5));

    await redis.stop();
    upstream.emit(session, 'engagementCenter.Active', 5);
    await waitFor('the poller retrieved 6..10', () => upstream.retrievals.some((r) => r.sessionId === session && r.answered?.delivered.includes(10)));
    const errorsWhenRetrieved = (await metricValue(a.metrics, 'redis_errors_total', { operation: 'events' })) + (await metricValue(b.metrics, 'redis_errors_total', { operation: 'events' }));
    await waitFor('storing them failed since', async () => (await metricValue(a.metrics, 'redis_errors_total', { operation: 'events' })) + (await metricValue(b.metrics, 'redis_errors_total', { operation: 'events' })) > errorsWhenRetrieved + 2);
    // An outage longer than the lease: what could not be stored is kept, and nothing more is retrieved meanwhile.
    const retrievedBeforeOutage = upstream.retrievals.length;
    await sleep(LEASE_MS + 500);
    expect(upstream.retrievals.length).toBe(retrievedBeforeOutage);
    expect(upstream.inFlight(session)).toBe(0);
    expect(storedWhenAcknowledged.filter((ack) => ack.sequenceNumber > 5)).toEqual([]);
    expect(subscribers.every((s) => s.outcome() === undefined)).toBe(true);

    await redis.start();
    upstream.emit(session, 'engagementCenter.Wrap', 2);
    upstream.emit(session, 'engagementCenter.Active', 3);
    await waitFor('15 events for the unfiltered subscribers', () => subscribers.slice(0, 2).every((s) => s.events.length >= 15), 30_000);
    await waitFor('13 for the filtered one', () => (subscribers[2]?.events.length ?? 0) >= 13);
    await sleep(300);
    expect(subscribers[0]?.ids()).toEqual(range(1, 15));
    expect(subscribers[1]?.ids()).toEqual(range(1, 15));
    expect(subscribers[2]?.ids()).toEqual([...range(1, 10), 13, 14, 15]);
    expect(subscribers.every((s) => s.outcome() === undefined)).toBe(true);
    await waitFor('15 acknowledged', () => storedWhenAcknowledged.some((ack) => ack.sequenceNumber === 15));
    expect(storedWhenAcknowledged.filter((ack) => ack.stored !== true)).toEqual([]);
    expect(upstream.maxInFlightOf(session)).toBe(1);
  }, 60_000);
});

describe('a holder that cannot renew its lease', () => {
  it('abandons its held retrieval before the lease can have expired, retrieves nothing until Redis is back, then polls again', async () => {
    const keyPrefix = `t${randomUUID().slice(0, 8)}:`;
    const session = upstream.createSession();
    const hub = replica(keyPrefix);
    const subscriber = await subscribed(hub.hub, request(ORG, session, 'alice'));
    await waitFor('a held retrieval', () => upstream.inFlight(session) === 1);
    await redis.stop();
    await waitFor('the held retrieval abandoned', () => upstream.inFlight(session) === 0);
    expect(upstream.retrievals.filter((r) => r.sessionId === session).at(-1)?.abandoned).toBe(true);
    const retrieved = upstream.retrievals.length;
    await sleep(LEASE_MS);
    expect(upstream.retrievals.length).toBe(retrieved);
    upstream.emit(session, 'engagementCenter.Active', 2);
    await redis.start();
    await waitFor('both events', () => subscriber.events.length >= 2, 30_000);
    expect(subscriber.ids()).toEqual([1, 2]);
    expect(subscriber.outcome()).toBeUndefined();
    expect(upstream.maxInFlightOf(session)).toBe(1);
  }, 60_000);
});

describe('a replica killed (SIGKILL) while it polls', () => {
  const helper = fileURLToPath(new URL('./helpers/hub-process.ts', import.meta.url));

  function startProcess(config: HubProcessConfig): { child: ChildProcess; lines: Array<Record<string, unknown>> } {
    const child = spawn(process.execPath, ['--import', 'tsx', helper, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: Array<Record<string, unknown>> = [];
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not ours
      }
    });
    child.stderr?.resume();
    cleanups.push(async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
    });
    return { child, lines };
  }

  it('is replaced by another replica with subscribers once its lease expires; no event is lost, no retrieval overlaps', async () => {
    const keyPrefix = `t${randomUUID().slice(0, 8)}:`;
    const session = upstream.createSession();
    const doomed = startProcess({ redisUrl: redis.url, baseUrl: upstream.url, keyPrefix, leaseMs: LEASE_MS, organization: ORG, sessionId: session, authorization: 'Bearer alice' });
    await waitFor('the doomed replica polls', () => doomed.lines.some((line) => line.msg === 'poller started') && upstream.inFlight(session) === 1, 30_000);
    const survivor = replica(keyPrefix);
    const subscriber = await subscribed(survivor.hub, { ...request(ORG, session, 'alice'), credentials: { authorization: 'Bearer alice', apiKey: null } });
    upstream.emit(session, 'engagementCenter.Active', 3);
    await waitFor('both have 3', () => subscriber.events.length >= 3 && doomed.lines.filter((line) => 'event' in line).length >= 3);
    expect(await metricValue(survivor.metrics, 'streaming_pollers_active')).toBe(0);

    const lease = eventKeys(keyPrefix).lease(sessionKey({ organization: ORG, sessionId: session, credentials: { authorization: 'Bearer alice', apiKey: null } }));
    const look = inspector();
    await connected(look);
    const remaining = await look.pttl(lease);
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(leaseTimings(LEASE_MS).ttlMs);

    const killedAt = Date.now();
    doomed.child.kill('SIGKILL');
    await once(doomed.child, 'exit');
    upstream.emit(session, 'engagementCenter.Wrap', 2);
    await waitFor('the survivor polls and delivers', () => subscriber.events.length >= 5, 30_000);
    console.info(`takeover after SIGKILL: ${Date.now() - killedAt} ms (STREAMING_LEASE_MS ${LEASE_MS})`);
    expect(subscriber.ids()).toEqual(range(1, 5));
    expect(subscriber.outcome()).toBeUndefined();
    expect(await metricValue(survivor.metrics, 'streaming_pollers_active')).toBe(1);
    expect(upstream.maxInFlightOf(session)).toBe(1);
    expect(upstream.conflicts).toBe(0);
  }, 60_000);
});

describe('Redis keys and leases', () => {
  it('name no session id or credential', async () => {
    const keyPrefix = `t${randomUUID().slice(0, 8)}:`;
    const session = upstream.createSession();
    const hub = replica(keyPrefix);
    const subscriber = await subscribed(hub.hub, request(ORG, session, 'secret-token'));
    upstream.emit(session, 'engagementCenter.Active', 1);
    await waitFor('the event', () => subscriber.events.length >= 1);
    const look = inspector();
    await connected(look);
    const keys = await look.keys(`${keyPrefix}*`);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    const values = await Promise.all(keys.map(async (key) => ((await look.type(key)) === 'string' ? await look.get(key) : JSON.stringify(await look.xrange(key, '-', '+')))));
    for (const text of [...keys, ...values]) {
      expect(text).not.toContain(session);
      expect(text).not.toContain('secret-token');
      expect(text).not.toContain('key-1');
    }
  });

  it.each([1_000, 2_000, 10_000, 60_000, 600_000])('with STREAMING_LEASE_MS %i, a crashed holder is replaced within it, and a holder hears of a takeover before the taker polls', (leaseMs) => {
    const timings = leaseTimings(leaseMs);
    // The key expires at most ttl after the holder's last renewal; a contender tries every attempt; after an emptied Redis it waits grace.
    expect(timings.ttlMs + timings.attemptEveryMs + timings.graceMs).toBeLessThanOrEqual(leaseMs);
    expect(timings.renewEveryMs).toBeLessThan(timings.ttlMs);
    expect(timings.graceMs).toBeGreaterThanOrEqual(timings.renewEveryMs + timings.attemptEveryMs);
  });
});
