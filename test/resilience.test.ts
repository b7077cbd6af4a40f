/**
 * Faults injected into the simulator, as the REST API or a proxy in front of it would produce
 * them: each ends in its typed error, nothing is retried that may have been carried out, the
 * server keeps serving, and no promise is left rejected unhandled.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../src/simulator/simulator.js';
import { HoldDocument } from './generated/graphql.js';
import { execute, testGateway, type TestGateway } from './helpers/graphql-client.js';
import { captureLogs, upstreamCallsIn } from './helpers/logs.js';
import { startRecordingUpstream } from './helpers/recording-upstream.js';

let simulator: Simulator;
let gateway: TestGateway;
let hasty: TestGateway;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  simulator = await startSimulator();
  // Time enough for a 2 MiB error body on a busy machine; the timeout has its own gateway below.
  gateway = testGateway(simulator.url, { env: { ALVARIA_TIMEOUT_MS: '10000' } });
  hasty = testGateway(simulator.url, { env: { ALVARIA_TIMEOUT_MS: '300' } });
});
afterAll(async () => {
  await gateway.close();
  await hasty.close();
  await simulator.close();
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});
beforeEach(() => {
  simulator.clearFaults();
  simulator.requests.length = 0;
});

const hold = async (via: TestGateway = gateway) => {
  const result = await execute(via, HoldDocument, { id: '4320', input: { ehubSessionId: '4875' } });
  expect(result.errors).toBeUndefined();
  return result.data?.interactionHold;
};

describe('faults from the API or a proxy', () => {
  it('a slow answer past the timeout', async () => {
    // A keep-alive connection first: the command is written at once, before its 300 ms can run out.
    expect(await hold(hasty)).toMatchObject({ __typename: 'InteractionCommandAccepted' });
    simulator.requests.length = 0;
    simulator.injectFault({ delayMs: 1_000, status: 202 });
    expect(await hold(hasty)).toMatchObject({ __typename: 'UpstreamTimeoutError' });
    expect(simulator.requests).toHaveLength(1);
    // and the gateway keeps serving
    expect(await hold()).toMatchObject({ __typename: 'InteractionCommandAccepted', status: 202 });
  });

  it.each([
    ['a connection reset', { reset: true }, { __typename: 'UpstreamTimeoutError' }],
    ['an HTML 502 from a proxy', { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad gateway at 10.1.2.3</html>' }, { __typename: 'UnexpectedStatusError', status: 502, message: 'Bad Gateway', details: [] }],
    ['a non-JSON error body', { status: 500, body: 'stack trace: at Foo.bar (/srv/app.js:1)' }, { __typename: 'InternalServerError', status: 500, message: 'Internal Server Error', details: [] }],
    ['an oversized error body (2 MiB)', { status: 400, body: { message: 'x'.repeat(2 * 1024 * 1024) } }, { __typename: 'BadRequestError', status: 400, message: 'Bad Request', details: [] }],
    ['200 instead of 202', { status: 200 }, { __typename: 'InteractionCommandAccepted', status: 200 }],
    ['204 instead of 202', { status: 204 }, { __typename: 'InteractionCommandAccepted', status: 204 }],
  ] as const)('%s', async (_label, fault, expected) => {
    simulator.injectFault(fault);
    const result = await hold();
    expect(result).toMatchObject(expected);
    expect(JSON.stringify(result)).not.toMatch(/10\.1\.2\.3|stack trace|\/srv\//);
    expect(simulator.requests).toHaveLength(1);
    // and the gateway keeps serving
    expect(await hold()).toMatchObject({ __typename: 'InteractionCommandAccepted', status: 202 });
  });

  it.each([
    [429, 'TooManyRequestsError'],
    [503, 'ServiceUnavailableError'],
  ] as const)('%i is answered with retryAfterSeconds and never retried', async (status, typename) => {
    simulator.injectFault({ status, headers: { 'retry-after': '7' }, body: { message: 'slow down' } });
    expect(await hold()).toMatchObject({ __typename: typename, retryAfterSeconds: 7, message: 'slow down' });
    expect(simulator.requests).toHaveLength(1);
  });
});

describe('an API that is down', () => {
  it('is an UpstreamUnavailableError after exactly one more connection attempt', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const logs = captureLogs();
    const down = testGateway(`http://127.0.0.1:${port}`, { logger: logs.logger });
    try {
      expect(await hold(down)).toMatchObject({ __typename: 'UpstreamUnavailableError' });
      expect(upstreamCallsIn(logs)[0]).toMatchObject({ outcome: 'unavailable', attempts: 2 });
    } finally {
      await down.close();
    }
  });
});

describe('a slow API', () => {
  it('uses at most ALVARIA_MAX_CONNECTIONS connections, and other requests are still answered meanwhile', async () => {
    const upstream = await startRecordingUpstream();
    const pooled = testGateway(upstream.url, { env: { ALVARIA_MAX_CONNECTIONS: '2', ALVARIA_TIMEOUT_MS: '10000' } });
    let release: () => void = () => {};
    const answers = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      // Every answer is held until the checks below are done: the slow commands cannot settle before.
      upstream.reply({ status: 202, until: answers });
      let settled = 0;
      const slow = Array.from({ length: 4 }, () => hold(pooled).finally(() => (settled += 1)));
      await upstream.received(2);
      const quick = await execute(pooled, '{ engagementCenter { apiVersion } }');
      expect(quick.data).toEqual({ engagementCenter: { apiVersion: '2.0.0' } });
      const health = await pooled.fetch('/health');
      expect(health.status).toBe(200);
      expect(settled).toBe(0);
      // Both connections are busy; the other two commands wait for one.
      expect(upstream.requests).toHaveLength(2);
      release();
      expect(await Promise.all(slow)).toEqual(Array.from({ length: 4 }, () => expect.objectContaining({ __typename: 'InteractionCommandAccepted' })));
      expect(upstream.requests).toHaveLength(4);
      const ports = new Set(upstream.requests.map((sent) => sent.remotePort));
      expect(ports.size).toBeLessThanOrEqual(2);
    } finally {
      release();
      await pooled.close();
      await upstream.close();
    }
  });
});
