/** Rate limits in memory, on a fake clock; the persisted-query LRU; the rare warning. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GatewayMetrics } from '../src/observability/metrics.js';
import { createRateLimits, MemoryRateLimits, rateLimitedMessage, type RateLimitDecision, type RateLimitOptions } from '../src/protection/rate-limits.js';
import { createPersistedQueryStore, MemoryPersistedQueries } from '../src/state/persisted-queries.js';
import { RareWarning } from '../src/state/redis.js';
import { captureLogs } from './helpers/logs.js';

const acme = (authorization: string) => ({ organization: 'acme', authorization });

function setup(options: Partial<RateLimitOptions>) {
  let now = 5_000_000;
  const metrics = new GatewayMetrics();
  const limits = new MemoryRateLimits({ perCredential: 0, perOrganization: 0, windowMs: 1000, metrics, ...options }, () => now);
  return {
    limits,
    metrics,
    take: (subject: { organization: string; authorization: string }) => limits.consumeNow(subject),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const allowedCount = (decisions: RateLimitDecision[]) => decisions.filter((d) => d.allowed).length;

describe('rate limits in memory', () => {
  it('lets N commands of a credential through, refuses the next with retryAfterSeconds >= 1, and another credential is unaffected', () => {
    const { take } = setup({ perCredential: 3 });
    const burst = Array.from({ length: 8 }, () => take(acme('Bearer one')));
    expect(allowedCount(burst)).toBe(3);
    expect(burst.slice(0, 3).every((d) => d.allowed)).toBe(true);
    const refused = burst[3];
    expect(refused).toMatchObject({ allowed: false, limit: 'credential' });
    if (refused && !refused.allowed) expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(allowedCount(Array.from({ length: 5 }, () => take(acme('Bearer two'))))).toBe(3);
    // The same credential in another organization is another budget.
    expect(take({ organization: 'other', authorization: 'Bearer one' }).allowed).toBe(true);
    // Compared exactly: a different case is a different credential.
    expect(take(acme('bearer one')).allowed).toBe(true);
    expect(rateLimitedMessage('credential', 2)).toMatch(/credential.*not sent.*2 s/);
  });

  it('slides: passes again only when the oldest command has left the window, not at a clock edge', () => {
    const { take, advance } = setup({ perCredential: 2, windowMs: 1000 });
    advance(900); // not aligned to any second
    expect(take(acme('t')).allowed).toBe(true);
    advance(50);
    expect(take(acme('t')).allowed).toBe(true);
    advance(100); // a window aligned to the clock would have restarted here
    expect(take(acme('t'))).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    advance(849); // 999 ms after the first
    expect(take(acme('t')).allowed).toBe(false);
    advance(1); // the first has left the window: one slot, not two
    expect(take(acme('t')).allowed).toBe(true);
    expect(take(acme('t')).allowed).toBe(false);
    advance(50); // the second has left too
    expect(take(acme('t')).allowed).toBe(true);
  });

  it('at most N pass in any span of the window, whatever the pattern', () => {
    const { take, advance } = setup({ perCredential: 5, windowMs: 1000 });
    const passed: number[] = [];
    let t = 0;
    for (let i = 0; i < 400; i += 1) {
      const step = [1, 7, 33, 120, 250][i % 5] as number;
      advance(step);
      t += step;
      if (take(acme('x')).allowed) passed.push(t);
    }
    for (let i = 0; i + 5 < passed.length; i += 1) expect((passed[i + 5] as number) - (passed[i] as number)).toBeGreaterThanOrEqual(1000);
    expect(passed.length).toBeGreaterThan(20);
  });

  it('says how long until the next command may pass, rounded up to whole seconds', () => {
    const { take, advance } = setup({ perOrganization: 1, windowMs: 5000 });
    take(acme('a'));
    advance(1200);
    expect(take(acme('b'))).toEqual({ allowed: false, retryAfterSeconds: 4, limit: 'organization' });
    advance(2799); // 1001 ms left
    expect(take(acme('b'))).toEqual({ allowed: false, retryAfterSeconds: 2, limit: 'organization' });
    advance(1000); // 1 ms left
    expect(take(acme('b'))).toEqual({ allowed: false, retryAfterSeconds: 1, limit: 'organization' });
  });

  it('limits an organization across its credentials, and a refused command uses none of either budget', async () => {
    const { take, advance, metrics } = setup({ perCredential: 2, perOrganization: 2, windowMs: 1000 });
    expect(take(acme('A')).allowed).toBe(true);
    expect(take(acme('A')).allowed).toBe(true); // the organization is full until t + 1000
    advance(500);
    for (let i = 0; i < 5; i += 1) expect(take(acme('B'))).toMatchObject({ allowed: false, limit: 'organization' });
    expect(take({ organization: 'other', authorization: 'B' }).allowed).toBe(true);
    advance(500); // A's two have left; had B's refusals counted, B would be full until t + 1500
    expect(take(acme('B')).allowed).toBe(true);
    expect(take(acme('B')).allowed).toBe(true);
    expect(take(acme('B'))).toMatchObject({ allowed: false });
    // Refused by its own limit, a credential leaves the organization's budget alone.
    const { take: take2, advance: advance2 } = setup({ perCredential: 1, perOrganization: 3, windowMs: 1000 });
    expect(take2(acme('C')).allowed).toBe(true);
    for (let i = 0; i < 5; i += 1) expect(take2(acme('C'))).toMatchObject({ allowed: false, limit: 'credential' });
    expect(take2(acme('D')).allowed).toBe(true);
    expect(take2(acme('E')).allowed).toBe(true);
    expect(take2(acme('F'))).toMatchObject({ allowed: false, limit: 'organization' });
    advance2(1000);
    expect(take2(acme('F')).allowed).toBe(true);
    const refused = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === 'commands_refused_total');
    expect(refused?.values.find((v) => v.labels.reason === 'rate_limit')?.value).toBe(6);
  });

  it('lets the window pass: the budget comes back', () => {
    const { take, advance } = setup({ perCredential: 3, windowMs: 2000 });
    expect(allowedCount(Array.from({ length: 5 }, () => take(acme('w'))))).toBe(3);
    advance(1999);
    expect(take(acme('w')).allowed).toBe(false);
    advance(1);
    expect(allowedCount(Array.from({ length: 5 }, () => take(acme('w'))))).toBe(3);
  });

  it('is off at 0 and forgets idle keys', async () => {
    const off = createRateLimits({ perCredential: 0, perOrganization: 0, windowMs: 1000 });
    expect(off.enabled).toBe(false);
    for (let i = 0; i < 100; i += 1) expect((await off.consume(acme('x'))).allowed).toBe(true);
    const { take, advance, limits } = setup({ perCredential: 1, perOrganization: 0, windowMs: 1000 });
    for (let i = 0; i < 50; i += 1) take(acme(`token ${i}`));
    expect(limits.size).toBe(50);
    advance(1000);
    take(acme('later'));
    expect(limits.size).toBe(1);
    expect(() => new MemoryRateLimits({ perCredential: -1, perOrganization: 0, windowMs: 1000 })).toThrow(RangeError);
    expect(() => new MemoryRateLimits({ perCredential: 1, perOrganization: 0, windowMs: 0 })).toThrow(RangeError);
  });
});

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('persisted queries in memory', () => {
  it('remembers a document under its hash, bounded, least recently used out', async () => {
    const store = new MemoryPersistedQueries({ maxEntries: 2 });
    const [a, b, c] = ['{ a }', '{ b }', '{ c }'];
    expect(await store.get(sha(a))).toBeNull();
    await store.set(sha(a), a);
    await store.set(sha(b), b);
    expect(await store.get(sha(a))).toBe(a); // a is now the most recently used
    await store.set(sha(c), c);
    expect(store.size).toBe(2);
    expect(await store.get(sha(b))).toBeNull();
    expect(await store.get(sha(a))).toBe(a);
    expect(await store.get(sha(c))).toBe(c);
  });

  it('refuses a hash that is not the document’s', async () => {
    const store = createPersistedQueryStore({ maxEntries: 10 });
    await store.set(sha('{ a }'), '{ b }');
    await store.set('not-a-hash', '{ b }');
    expect(await store.get(sha('{ a }'))).toBeNull();
    expect(await store.get('not-a-hash')).toBeNull();
  });
});

describe('shared-state helpers', () => {
  it('warns at most once per interval, counting what it did not log, and says once when things work again', () => {
    let now = 0;
    const logs = captureLogs();
    const warning = new RareWarning(logs.logger, 'Redis is not answering', { redis: 'x' }, 30_000, () => now);
    for (let i = 0; i < 10; i += 1) warning.failed({ error: 'boom' });
    now += 29_999;
    warning.failed({ error: 'boom' });
    expect(logs.lines().filter((l) => l.level === 40)).toHaveLength(1);
    now += 1;
    warning.failed({ error: 'boom' });
    const warnings = logs.lines().filter((l) => l.level === 40);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatchObject({ unloggedSinceLastWarning: 10, redis: 'x' });
    warning.recovered('back');
    warning.recovered('back');
    expect(logs.lines().filter((l) => l.level === 30 && l.msg === 'back')).toHaveLength(1);
  });

});
