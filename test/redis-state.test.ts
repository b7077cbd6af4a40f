/**
 * Shared state on a real Redis (Debian's redis-server on a loopback port): two limiter instances
 * on two clients stand in for two gateways; Redis stopped, paused and restarted under them.
 */
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GatewayMetrics } from '../src/observability/metrics.js';
import { RedisRateLimits, type RateLimitDecision, type RateLimitSubject } from '../src/protection/rate-limits.js';
import { RedisPersistedQueries } from '../src/state/persisted-queries.js';
import { connectRedis, type RedisStateOptions, type SharedRedis } from '../src/state/redis.js';
import { captureLogs } from './helpers/logs.js';
import { redisUrl } from '../src/config/url-parsers.js';
import { RedisServer } from './helpers/redis-server.js';

let server: RedisServer;
let outage: RedisServer; // the one stopped and paused
const opened: SharedRedis[] = [];

beforeAll(async () => {
  [server, outage] = await Promise.all([RedisServer.start(), RedisServer.start()]);
}, 30_000);

afterEach(async () => {
  await Promise.all(opened.splice(0).map((redis) => redis.close()));
  if (!outage.isRunning) await outage.start();
  outage.resume();
});

afterAll(async () => {
  await Promise.all([server?.stop(), outage?.stop()]);
});

const redisAddress = (url: string) => redisUrl.parse(url, 'REDIS_URL');

/** One gateway's client. Waits until it is connected. */
async function gateway({ url, ...options }: Partial<RedisStateOptions> & { url: string }) {
  const logs = captureLogs();
  const metrics = new GatewayMetrics();
  const redis = connectRedis({ logger: logs.logger, metrics, ...options, address: redisAddress(url) });
  opened.push(redis);
  const deadline = Date.now() + 5000;
  while (redis.client.status !== 'ready') {
    if (Date.now() > deadline) throw new Error(`Redis client not ready: ${redis.client.status}`);
    await sleep(10);
  }
  return { redis, logs, metrics };
}

const prefix = () => `test:${randomUUID()}:`;
const acme = (authorization: string): RateLimitSubject => ({ organization: 'acme', authorization });
const allowed = (decisions: RateLimitDecision[]) => decisions.filter((d) => d.allowed).length;
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

const counter = async (metrics: GatewayMetrics, name: string, labels: Record<string, string>) => {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  return metric?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value ?? 0;
};

/** Calls `step` every `everyMs` until it returns a value, at most `withinMs`; the value and the time it took. */
async function poll<T>(step: () => Promise<T | undefined>, withinMs: number, everyMs = 50): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  for (;;) {
    const value = await step();
    if (value !== undefined) return { value, ms: Date.now() - started };
    if (Date.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await sleep(everyMs);
  }
}

// Where exact counts are asserted, a generous command timeout: on a loaded test machine a reply
// later than the default 50 ms would let a command through unjudged (fail open, by design).
const patient = { commandTimeoutMs: 2000 };

describe('rate limits shared through Redis', () => {
  it('two gateways on one Redis let exactly N commands of a credential through between them; another credential is unaffected; the window passes', async () => {
    const [one, two] = await Promise.all([gateway({ url: server.url, ...patient }), gateway({ url: server.url, ...patient })]);
    const keyPrefix = prefix();
    const options = { perCredential: 5, perOrganization: 0, windowMs: 1500, keyPrefix };
    const first = new RedisRateLimits({ ...options, redis: one.redis, metrics: one.metrics });
    const second = new RedisRateLimits({ ...options, redis: two.redis, metrics: two.metrics });
    const startedAt = Date.now();
    const burst = await Promise.all(Array.from({ length: 14 }, (_, i) => (i % 2 === 0 ? first : second).consume(acme('Bearer shared'))));
    expect(burst.some((d) => d.allowed && d.unjudged)).toBe(false);
    expect(allowed(burst)).toBe(5);
    for (const decision of burst) {
      if (!decision.allowed) {
        expect(decision.limit).toBe('credential');
        expect(decision.retryAfterSeconds).toBeGreaterThanOrEqual(1);
        expect(decision.retryAfterSeconds).toBeLessThanOrEqual(2);
      }
    }
    const other = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? second : first).consume(acme('Bearer other'))));
    expect(allowed(other)).toBe(5);
    expect((await first.consume({ organization: 'elsewhere', authorization: 'Bearer shared' })).allowed).toBe(true);
    expect((await counter(one.metrics, 'commands_refused_total', { reason: 'rate_limit' })) + (await counter(two.metrics, 'commands_refused_total', { reason: 'rate_limit' }))).toBe(12);
    // The window passes: the credential passes again, not before its first command is 1.5 s old.
    const again = await poll(async () => ((await second.consume(acme('Bearer shared'))).allowed ? true : undefined), 4000);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1500 - 5);
    expect(again.value).toBe(true);
  });

  it('shares the organization limit, and a command refused by it uses none of the credential’s budget', async () => {
    const [one, two] = await Promise.all([gateway({ url: server.url, ...patient }), gateway({ url: server.url, ...patient })]);
    const keyPrefix = prefix();
    const options = { perCredential: 2, perOrganization: 2, windowMs: 600, keyPrefix };
    const first = new RedisRateLimits({ ...options, redis: one.redis });
    const second = new RedisRateLimits({ ...options, redis: two.redis });
    expect(allowed(await Promise.all([first.consume(acme('A')), first.consume(acme('A'))]))).toBe(2);
    for (let i = 0; i < 3; i += 1) expect(await second.consume(acme('B'))).toMatchObject({ allowed: false, limit: 'organization' });
    await sleep(800); // A's commands have left the window; had B's refusals counted, B's would not have
    expect((await second.consume(acme('B'))).allowed).toBe(true);
    expect((await first.consume(acme('B'))).allowed).toBe(true);
    expect(await second.consume(acme('B'))).toMatchObject({ allowed: false });
  });

  it('with only the organization limit on, counts every credential of it together', async () => {
    const [one, two] = await Promise.all([gateway({ url: server.url, ...patient }), gateway({ url: server.url, ...patient })]);
    const options = { perCredential: 0, perOrganization: 3, windowMs: 5000, keyPrefix: prefix() };
    const first = new RedisRateLimits({ ...options, redis: one.redis });
    const second = new RedisRateLimits({ ...options, redis: two.redis });
    const decisions = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? first : second).consume(acme(`token ${i}`))));
    expect(allowed(decisions)).toBe(3);
    expect(decisions.filter((d) => !d.allowed).every((d) => !d.allowed && d.limit === 'organization')).toBe(true);
    expect((await first.consume({ organization: 'other', authorization: 'token 0' })).allowed).toBe(true);
  });

  it('keeps a credential only as a hash', async () => {
    const { redis } = await gateway({ url: server.url, ...patient });
    const keyPrefix = prefix();
    const limits = new RedisRateLimits({ perCredential: 3, perOrganization: 3, windowMs: 5000, keyPrefix, redis });
    const secret = 'Bearer eyJhbGciOiJSUzI1NiJ9.very-secret-token';
    expect((await limits.consume(acme(secret))).allowed).toBe(true);
    const keys = await redis.client.keys(`${keyPrefix}*`);
    expect(keys.sort()).toEqual([limits.keys(acme(secret)).credential, limits.keys(acme(secret)).organization].sort());
    for (const key of keys) {
      expect(key).not.toContain('secret');
      const members = await redis.client.zrange(key, '0', '-1');
      expect(members).toHaveLength(1);
      expect(members.join()).not.toContain('secret');
      const ttl = await redis.client.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(5000);
    }
  });
});

describe('persisted queries shared through Redis', () => {
  it('a query set through one gateway is got through the other', async () => {
    const [one, two] = await Promise.all([gateway({ url: server.url, ...patient }), gateway({ url: server.url, ...patient })]);
    const keyPrefix = prefix();
    const first = new RedisPersistedQueries({ maxEntries: 100, keyPrefix, redis: one.redis });
    const second = new RedisPersistedQueries({ maxEntries: 100, keyPrefix, redis: two.redis });
    const query = 'mutation Hold($id: ID!) { interactionHold(interactionId: $id, input: {}) { __typename } }';
    expect(await second.get(sha(query))).toBeNull();
    await first.set(sha(query), query);
    expect(await second.get(sha(query))).toBe(query);
    expect(await two.redis.client.ttl(second.documentKey(sha(query)))).toBeGreaterThan(0);
    // A document under a hash that is not its own is not stored (nor handed out).
    await first.set(sha('{ other }'), query);
    expect(await second.get(sha('{ other }'))).toBeNull();
    expect(await one.redis.client.exists(first.documentKey(sha('{ other }')))).toBe(0);
  });

  it('is bounded across gateways: the least recently used documents go', async () => {
    const { redis } = await gateway({ url: server.url, ...patient });
    const keyPrefix = prefix();
    const store = () => new RedisPersistedQueries({ maxEntries: 3, keyPrefix, redis }); // each with an empty local copy
    const docs = ['{ a }', '{ b }', '{ c }', '{ d }'];
    const writer = store();
    for (const doc of docs.slice(0, 3)) await writer.set(sha(doc), doc);
    expect(await store().get(sha('{ a }'))).toBe('{ a }'); // a used: b is now the least recently used
    await writer.set(sha('{ d }'), '{ d }');
    const reader = store();
    expect(await reader.get(sha('{ b }'))).toBeNull();
    for (const doc of ['{ a }', '{ c }', '{ d }']) expect(await reader.get(sha(doc))).toBe(doc);
    expect(await redis.client.keys(`${keyPrefix}{apq}:q:*`)).toHaveLength(3);
    expect(await redis.client.zcard(`${keyPrefix}{apq}:lru`)).toBe(3);
  });
});

describe('when Redis fails', () => {
  it('stopped: commands flow unlimited, each answered within 1 s, one warning; restarted: limits apply again within 5 s', async () => {
    // Stopped, Redis closes its connections: commands fail at once whatever the command timeout.
    const { redis, logs, metrics } = await gateway({ url: outage.url, ...patient });
    const keyPrefix = prefix();
    const limits = new RedisRateLimits({ perCredential: 2, perOrganization: 0, windowMs: 60_000, keyPrefix, redis });
    const queries = new RedisPersistedQueries({ maxEntries: 10, keyPrefix, redis });
    expect(allowed([await limits.consume(acme('t')), await limits.consume(acme('t'))])).toBe(2);
    expect(await limits.consume(acme('t'))).toMatchObject({ allowed: false });

    await outage.stop();
    for (let i = 0; i < 20; i += 1) {
      const started = performance.now();
      const decision = await limits.consume(acme('t'));
      expect(performance.now() - started).toBeLessThan(1000);
      expect(decision).toEqual({ allowed: true, unjudged: true });
    }
    let started = performance.now();
    await queries.set(sha('{ x }'), '{ x }'); // kept locally
    expect(await queries.get(sha('{ x }'))).toBe('{ x }');
    expect(await queries.get(sha('{ y }'))).toBeNull();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await counter(metrics, 'redis_errors_total', { operation: 'rate_limit' })).toBe(20);
    expect(await counter(metrics, 'redis_errors_total', { operation: 'persisted_query' })).toBe(2);
    const warnings = logs.lines().filter((line) => line.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ redis: `127.0.0.1:${outage.port}/0` });

    await outage.start(); // empty: no data was saved
    started = performance.now();
    const back = await poll(async () => {
      const decision = await limits.consume(acme('t'));
      return decision.allowed ? undefined : decision;
    }, 5000, 100);
    expect(back.value).toMatchObject({ allowed: false, limit: 'credential' });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(logs.lines().filter((line) => line.level === 30 && String(line.msg).startsWith('Redis answers again'))).toHaveLength(1);
  });

  it('not answering (paused): each command waits at most the command timeout, then limits apply again within 5 s of it answering', async () => {
    const { redis, metrics } = await gateway({ url: outage.url, commandTimeoutMs: 100 });
    const keyPrefix = prefix();
    const limits = new RedisRateLimits({ perCredential: 1, perOrganization: 0, windowMs: 60_000, keyPrefix, redis });
    const queries = new RedisPersistedQueries({ maxEntries: 10, keyPrefix, redis });
    expect((await limits.consume(acme('p'))).allowed).toBe(true);

    outage.pause();
    for (let i = 0; i < 10; i += 1) {
      const started = performance.now();
      expect(await limits.consume(acme('p'))).toEqual({ allowed: true, unjudged: true });
      expect(performance.now() - started).toBeLessThan(1000);
    }
    const started = performance.now();
    expect(await queries.get(sha('{ z }'))).toBeNull();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await counter(metrics, 'redis_errors_total', { operation: 'rate_limit' })).toBe(10);

    outage.resume();
    const back = await poll(async () => {
      const decision = await limits.consume(acme('p'));
      return decision.allowed ? undefined : decision;
    }, 5000);
    expect(back.value).toMatchObject({ allowed: false, limit: 'credential' });
  });

  it('absent at start: the gateway serves unlimited, and uses Redis once it comes up', async () => {
    await outage.stop();
    const logs = captureLogs();
    const redis = connectRedis({ address: redisAddress(outage.url), logger: logs.logger, ...patient });
    opened.push(redis);
    const limits = new RedisRateLimits({ perCredential: 1, perOrganization: 0, windowMs: 60_000, keyPrefix: prefix(), redis });
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      expect(await limits.consume(acme('s'))).toEqual({ allowed: true, unjudged: true });
      expect(performance.now() - started).toBeLessThan(1000);
    }
    await outage.start();
    const back = await poll(async () => {
      const decision = await limits.consume(acme('s'));
      return decision.allowed ? undefined : decision;
    }, 5000);
    expect(back.value).toMatchObject({ allowed: false });
    expect(logs.lines().filter((line) => line.level === 40)).toHaveLength(1);
  });
});
