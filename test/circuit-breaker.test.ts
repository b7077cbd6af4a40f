/** The per-origin circuit breaker, on a fake clock: no sleeps. */
import { describe, expect, it } from 'vitest';
import { GatewayMetrics } from '../src/observability/metrics.js';
import { circuitOpenMessage, CircuitBreakers, isFailure, originOf, type Admission, type CallOutcome, type CircuitChange } from '../src/protection/circuit-breaker.js';
import { captureLogs } from './helpers/logs.js';

const A = 'https://acme.via.aspect-cloud.net';
const B = 'https://other.via.aspect-cloud.net';

function setup(options: { failures?: number; openMs?: number; probeTimeoutMs?: number; maxCircuits?: number } = {}) {
  let now = 1_000_000;
  const logs = captureLogs();
  const metrics = new GatewayMetrics();
  const changes: CircuitChange[] = [];
  const breakers = new CircuitBreakers({
    failures: options.failures ?? 3,
    openMs: options.openMs ?? 5000,
    logger: logs.logger,
    metrics,
    now: () => now,
    onStateChange: (change) => changes.push(change),
    ...(options.probeTimeoutMs === undefined ? {} : { probeTimeoutMs: options.probeTimeoutMs }),
    ...(options.maxCircuits === undefined ? {} : { maxCircuits: options.maxCircuits }),
  });
  /** Admits one command to `origin` and settles it at once with `outcome`. */
  const call = (outcome: CallOutcome, origin = A, retryAfterSeconds?: number): Admission => {
    const admission = breakers.admit(origin);
    if (admission.admitted) admission.settle(outcome, retryAfterSeconds);
    return admission;
  };
  return {
    breakers,
    logs,
    metrics,
    changes,
    call,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const refusedFor = (admission: Admission): number => {
  if (admission.admitted) throw new Error('expected a refusal');
  return admission.retryAfterSeconds;
};

const metricValue = async (metrics: GatewayMetrics, name: string, labels: Record<string, string> = {}): Promise<number> => {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  const value = metric?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return value?.value ?? 0;
};

describe('circuit breaker', () => {
  it('counts unavailable, timeout and 500/502/503/504 as failures, nothing else', () => {
    for (const outcome of ['unavailable', 'timeout', 500, 502, 503, 504] as const) expect(isFailure(outcome)).toBe(true);
    for (const outcome of [200, 202, 204, 400, 401, 404, 405, 410, 422, 429, 501, 505, 'error'] as const) expect(isFailure(outcome)).toBe(false);
    expect(originOf('https://acme.via.aspect-cloud.net/via/v2/organizations/acme/x')).toBe(A);
    expect(originOf('http://127.0.0.1:8080/prefix/via/v2')).toBe('http://127.0.0.1:8080');
    expect(circuitOpenMessage(4)).toMatch(/failing.*not sent.*4 s/);
  });

  it('opens after N failures in a row and refuses at once, with the seconds until the probe', async () => {
    const { call, advance, breakers, logs, metrics } = setup({ failures: 3, openMs: 5000 });
    expect(call('unavailable').admitted).toBe(true);
    expect(call(503).admitted).toBe(true);
    expect(breakers.state(A)).toBe('closed');
    expect(call('timeout').admitted).toBe(true); // the third failure opens it
    expect(breakers.state(A)).toBe('open');
    expect(breakers.openCircuits).toBe(1);
    expect(refusedFor(breakers.admit(A))).toBe(5);
    advance(1200);
    expect(refusedFor(breakers.admit(A))).toBe(4); // 3.8 s left, rounded up
    advance(3799);
    expect(refusedFor(breakers.admit(A))).toBe(1); // 1 ms left: still at least 1
    expect(await metricValue(metrics, 'commands_refused_total', { reason: 'circuit' })).toBe(3);
    expect(await metricValue(metrics, 'upstream_circuits_open')).toBe(1);
    const warnings = logs.lines().filter((line) => line.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ origin: A, failures: 3, openMs: 5000, outcome: 'timeout' });
  });

  it('keeps one circuit per origin', () => {
    const { call, breakers } = setup({ failures: 2 });
    call('unavailable', A);
    call('unavailable', A);
    expect(breakers.admit(A).admitted).toBe(false);
    expect(breakers.admit(B).admitted).toBe(true);
    expect(breakers.state(B)).toBe('closed');
  });

  it('lets one probe through after the open period, refusing the others meanwhile', () => {
    const { call, advance, breakers, changes } = setup({ failures: 2, openMs: 5000 });
    call(500);
    call(500);
    advance(5000);
    expect(breakers.state(A)).toBe('half-open');
    const probe = breakers.admit(A);
    expect(probe).toMatchObject({ admitted: true, probe: true });
    expect(refusedFor(breakers.admit(A))).toBe(1);
    expect(refusedFor(breakers.admit(A))).toBe(1);
    expect(changes.map((change) => change.to)).toEqual(['open', 'half-open']);
    if (probe.admitted) probe.settle(202);
    expect(breakers.state(A)).toBe('closed');
  });

  it('closes on a successful probe: commands flow and the count starts again from zero', async () => {
    const { call, advance, breakers, logs, metrics } = setup({ failures: 2, openMs: 1000 });
    call('unavailable');
    call('unavailable');
    advance(1000);
    expect(call(202)).toMatchObject({ admitted: true, probe: true });
    expect(breakers.state(A)).toBe('closed');
    expect(breakers.openCircuits).toBe(0);
    expect(await metricValue(metrics, 'upstream_circuits_open')).toBe(0);
    for (let i = 0; i < 5; i += 1) expect(call(202)).toMatchObject({ admitted: true, probe: false });
    call('unavailable'); // one failure after closing: still closed
    expect(breakers.state(A)).toBe('closed');
    call('unavailable');
    expect(breakers.state(A)).toBe('open');
    const closed = logs.lines().filter((line) => line.level === 30);
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ origin: A, openForMs: 1000 });
  });

  it('opens again for the open period when the probe fails', () => {
    const { call, advance, breakers, logs, changes } = setup({ failures: 2, openMs: 3000 });
    call('timeout');
    call('timeout');
    advance(3000);
    expect(call(504)).toMatchObject({ admitted: true, probe: true });
    expect(breakers.state(A)).toBe('open');
    expect(refusedFor(breakers.admit(A))).toBe(3);
    advance(2999);
    expect(breakers.admit(A).admitted).toBe(false);
    advance(1);
    expect(breakers.admit(A)).toMatchObject({ admitted: true, probe: true });
    expect(changes.map((change) => change.to)).toEqual(['open', 'half-open', 'open', 'half-open']);
    expect(logs.lines().filter((line) => line.level === 40)).toHaveLength(2);
  });

  it('never opens on 4xx answers (429 included), and any of them resets the count', () => {
    const { call, breakers } = setup({ failures: 3 });
    for (let i = 0; i < 50; i += 1) {
      for (const status of [400, 401, 404, 405, 410, 422, 429, 501]) expect(call(status).admitted).toBe(true);
    }
    expect(breakers.state(A)).toBe('closed');
    call('unavailable');
    call('unavailable');
    call(404);
    call('unavailable');
    call('unavailable');
    expect(breakers.state(A)).toBe('closed'); // never 3 in a row
    call('unavailable');
    expect(breakers.state(A)).toBe('open');
  });

  it('stays open for the Retry-After of the 503 that opened it when that is longer, at most 60 s', () => {
    const longer = setup({ failures: 2, openMs: 5000 });
    longer.call('unavailable');
    longer.call(503, A, 20);
    expect(refusedFor(longer.breakers.admit(A))).toBe(20);
    longer.advance(19_999);
    expect(refusedFor(longer.breakers.admit(A))).toBe(1);
    longer.advance(1);
    expect(longer.breakers.admit(A)).toMatchObject({ admitted: true, probe: true });

    const capped = setup({ failures: 1, openMs: 5000 });
    capped.call(503, A, 3600);
    expect(refusedFor(capped.breakers.admit(A))).toBe(60);
    capped.advance(60_000);
    expect(capped.breakers.admit(A)).toMatchObject({ admitted: true, probe: true });

    const shorter = setup({ failures: 1, openMs: 5000 });
    shorter.call(503, A, 2);
    expect(refusedFor(shorter.breakers.admit(A))).toBe(5);

    // Only a 503's Retry-After counts (a 500 carrying one does not lengthen anything).
    const other = setup({ failures: 1, openMs: 5000 });
    other.call(500, A, 30);
    expect(refusedFor(other.breakers.admit(A))).toBe(5);

    // A failed probe answered 503 with Retry-After sets the new open period likewise.
    const probe = setup({ failures: 1, openMs: 1000 });
    probe.call('unavailable');
    probe.advance(1000);
    probe.call(503, A, 10);
    expect(refusedFor(probe.breakers.admit(A))).toBe(10);
  });

  it('is off at 0: every command admitted whatever the failures', () => {
    const { call, breakers } = setup({ failures: 0 });
    for (let i = 0; i < 100; i += 1) expect(call('unavailable').admitted).toBe(true);
    expect(breakers.enabled).toBe(false);
    expect(breakers.state(A)).toBe('closed');
    expect(breakers.openCircuits).toBe(0);
  });

  it('ignores outcomes of commands admitted before the circuit changed state', () => {
    const { call, advance, breakers } = setup({ failures: 2, openMs: 1000 });
    const slow = [breakers.admit(A), breakers.admit(A), breakers.admit(A)];
    call('unavailable');
    call('unavailable'); // opens
    for (const admission of slow) if (admission.admitted) admission.settle(202); // late successes: no effect
    expect(breakers.state(A)).toBe('open');
    advance(1000);
    const probe = breakers.admit(A);
    expect(probe.admitted).toBe(true);
    if (probe.admitted) {
      probe.settle(202);
      probe.settle('unavailable'); // a second settle is ignored
    }
    expect(breakers.state(A)).toBe('closed');
    const before = breakers.admit(A); // admitted while closed …
    call('unavailable');
    call('unavailable'); // … opens again …
    advance(1000);
    call(202); // … and closes
    if (before.admitted) before.settle('timeout'); // from an earlier closed period: not counted
    call('unavailable');
    expect(breakers.state(A)).toBe('closed'); // one failure since closing, not two
    call('unavailable');
    expect(breakers.state(A)).toBe('open');
  });

  it('a probe that ends in a fault of ours lets the next command probe; a lost probe is replaced after probeTimeoutMs', () => {
    const { call, advance, breakers } = setup({ failures: 1, openMs: 1000, probeTimeoutMs: 30_000 });
    call('unavailable');
    advance(1000);
    const faulty = breakers.admit(A);
    expect(faulty).toMatchObject({ admitted: true, probe: true });
    if (faulty.admitted) faulty.settle('error');
    const lost = breakers.admit(A);
    expect(lost).toMatchObject({ admitted: true, probe: true });
    expect(breakers.admit(A).admitted).toBe(false);
    advance(29_999);
    expect(breakers.admit(A).admitted).toBe(false);
    advance(1);
    const replacement = breakers.admit(A);
    expect(replacement).toMatchObject({ admitted: true, probe: true });
    if (lost.admitted) lost.settle(202); // the lost probe's answer no longer counts
    expect(breakers.state(A)).toBe('half-open');
    if (replacement.admitted) replacement.settle('timeout');
    expect(breakers.state(A)).toBe('open');
  });

  it('remembers a bounded number of circuits, forgetting the least recently used closed one, never an open one', () => {
    const { call, breakers } = setup({ failures: 2, maxCircuits: 2 });
    const [x, y, z] = ['https://x.example', 'https://y.example', 'https://z.example'];
    call('unavailable', x);
    call('unavailable', x); // x open
    call('unavailable', y); // y: one failure
    call('unavailable', z); // z: one failure; y (closed) is forgotten, x (open) is kept
    expect(breakers.state(x)).toBe('open');
    call('unavailable', y); // counted from zero again
    expect(breakers.state(y)).toBe('closed');
  });

  it('counts transitions for metrics', async () => {
    const { call, advance, metrics } = setup({ failures: 1, openMs: 1000 });
    call('unavailable');
    advance(1000);
    call(202);
    expect(await metricValue(metrics, 'upstream_circuit_transitions_total', { state: 'open' })).toBe(1);
    expect(await metricValue(metrics, 'upstream_circuit_transitions_total', { state: 'half_open' })).toBe(1);
    expect(await metricValue(metrics, 'upstream_circuit_transitions_total', { state: 'closed' })).toBe(1);
  });
});
