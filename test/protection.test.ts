/**
 * Protecting the API, through gateways as `npm start` runs them: the circuit breaker against the
 * simulator's fault injection, rate limits in memory, and state shared by two gateway processes
 * through a real Redis server (limits, persisted queries, Redis down and back).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import { startSimulator, type Simulator } from '../src/simulator/simulator.js';
import { clientHeaders } from './helpers/graphql-client.js';
import { silentLogger } from './helpers/logs.js';
import { RedisServer } from './helpers/redis-server.js';
import { startRecordingUpstream, type RecordingUpstream } from './helpers/recording-upstream.js';

const holdQuery = `mutation { interactionHold(interactionId: "4320", input: { ehubSessionId: "4875" }) {
  __typename ... on Error { message } ... on UpstreamUnavailableError { retryAfterSeconds } ... on RateLimitedError { retryAfterSeconds } } }`;

interface HoldResult {
  readonly __typename: string;
  readonly message?: string;
  readonly retryAfterSeconds?: number | null;
}

async function hold(url: string, authorization: string = clientHeaders.authorization): Promise<HoldResult> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...clientHeaders, authorization },
    body: JSON.stringify({ query: holdQuery }),
  });
  const body = (await response.json()) as { data?: { interactionHold?: HoldResult } };
  const result = body.data?.interactionHold;
  if (!result) throw new Error(`no result: ${JSON.stringify(body)}`);
  return result;
}

/** Polls `check` until it holds; the bound is the contract's, not a performance target. */
async function eventually(check: () => Promise<boolean>, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the circuit breaker, against the simulator', () => {
  let simulator: Simulator;
  let running: RunningGateway;
  beforeAll(async () => {
    simulator = await startSimulator();
    running = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1', ALVARIA_BASE_URL: simulator.url, ALVARIA_ORG_ID: 'demo', ALVARIA_CIRCUIT_FAILURES: '3', ALVARIA_CIRCUIT_OPEN_MS: '1000' }), { logger: silentLogger() });
  });
  afterAll(async () => {
    await running.close();
    await simulator.close();
  });
  afterEach(() => simulator.clearFaults());

  const failing = (times: number) => simulator.injectFault({ operation: 'hold', status: 503, times });

  it('4xx answers never open it', async () => {
    simulator.injectFault({ operation: 'hold', status: 422, times: 5 });
    for (let index = 0; index < 5; index += 1) expect((await hold(running.url)).__typename).toBe('UnprocessableEntityError');
    expect((await hold(running.url)).__typename).toBe('InteractionCommandAccepted');
  });

  it('opens after N failures, refuses at once with nothing sent, lets one probe through, closes on its success', async () => {
    failing(3);
    for (let index = 0; index < 3; index += 1) expect((await hold(running.url)).__typename).toBe('ServiceUnavailableError');
    const sent = simulator.requests.length;
    const refused = await hold(running.url);
    expect(refused).toMatchObject({ __typename: 'UpstreamUnavailableError', retryAfterSeconds: 1 });
    expect(refused.message).toMatch(/not sent/);
    expect(simulator.requests.length).toBe(sent);

    // After the open period the next command is the probe; it succeeds, and the circuit closes.
    await eventually(async () => (await hold(running.url)).__typename === 'InteractionCommandAccepted', 5_000);
    expect(simulator.requests.length).toBe(sent + 1);
    expect((await hold(running.url)).__typename).toBe('InteractionCommandAccepted');
  });

  it('reopens when the probe fails', async () => {
    failing(4);
    for (let index = 0; index < 3; index += 1) await hold(running.url);
    expect((await hold(running.url)).__typename).toBe('UpstreamUnavailableError');
    await eventually(async () => (await hold(running.url)).__typename === 'ServiceUnavailableError', 5_000); // the probe, failing
    const sent = simulator.requests.length;
    expect((await hold(running.url)).__typename).toBe('UpstreamUnavailableError');
    expect(simulator.requests.length).toBe(sent);
  });
});

describe('rate limits in memory', () => {
  let upstream: RecordingUpstream;
  let running: RunningGateway;
  beforeAll(async () => {
    upstream = await startRecordingUpstream();
    running = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1', ALVARIA_BASE_URL: upstream.url, ALVARIA_ORG_ID: 'acme', RATE_LIMIT_PER_CREDENTIAL: '3', RATE_LIMIT_WINDOW_MS: '1500' }), { logger: silentLogger() });
  });
  afterAll(async () => {
    await running.close();
    await upstream.close();
  });

  it('lets N commands pass, refuses the next with retryAfterSeconds >= 1 and nothing sent; another credential is not affected; the window passes', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => hold(running.url)));
    expect(results.filter((result) => result.__typename === 'InteractionCommandAccepted')).toHaveLength(3);
    const refused = results.filter((result) => result.__typename === 'RateLimitedError');
    expect(refused).toHaveLength(2);
    for (const result of refused) expect(result.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(upstream.requests).toHaveLength(3);

    expect((await hold(running.url, 'Bearer another-agent')).__typename).toBe('InteractionCommandAccepted');
    await eventually(async () => (await hold(running.url)).__typename === 'InteractionCommandAccepted', 5_000);
  });
});

describe('two gateway processes sharing one Redis', () => {
  let redis: RedisServer;
  let upstream: RecordingUpstream;
  const gateways: Array<{ child: ChildProcess; url: string }> = [];

  async function startEntry(env: Record<string, string>) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', ALVARIA_BASE_URL: upstream.url, ALVARIA_ORG_ID: 'acme', SHUTDOWN_DELAY_MS: '0', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    while (!/listening on (http:\/\/[\d.:]+)/.test(stdout)) await once(child.stdout, 'data');
    const gateway = { child, url: /listening on (http:\/\/[\d.:]+)/.exec(stdout)?.[1] ?? '' };
    gateways.push(gateway);
    return gateway;
  }

  beforeAll(async () => {
    redis = await RedisServer.start();
    upstream = await startRecordingUpstream();
  });
  afterAll(async () => {
    for (const { child } of gateways) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    await upstream.close();
    await redis.stop();
  });

  it('enforce one limit between them, share persisted queries, fail open while Redis is down and recover', async () => {
    // A generous wait for Redis: on a busy machine a slow reply would let a command pass unjudged (fail open).
    const env = { REDIS_URL: redis.url, REDIS_TIMEOUT_MS: '900', RATE_LIMIT_PER_CREDENTIAL: '4', RATE_LIMIT_WINDOW_MS: '60000' };
    const [first, second] = [await startEntry(env), await startEntry(env)];
    if (!first || !second) throw new Error('two gateways');
    // Redis connects in the background; once a command is judged by it, both see the same budget.
    await eventually(async () => (await hold(first.url, 'Bearer warm-up')).__typename === 'InteractionCommandAccepted', 5_000);
    upstream.requests.length = 0;

    const results = await Promise.all(Array.from({ length: 10 }, (_, index) => hold(index % 2 === 0 ? first.url : second.url)));
    expect(results.filter((result) => result.__typename === 'InteractionCommandAccepted')).toHaveLength(4);
    expect(results.filter((result) => result.__typename === 'RateLimitedError')).toHaveLength(6);
    expect(upstream.requests).toHaveLength(4);

    const query = '{ engagementCenter { apiVersion } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } };
    const ask = (url: string, body: unknown) =>
      fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((response) => response.json());
    expect(await ask(first.url, { query, extensions })).toEqual({ data: { engagementCenter: { apiVersion: '2.0.0' } } });
    expect(await ask(second.url, { extensions })).toEqual({ data: { engagementCenter: { apiVersion: '2.0.0' } } });

    await redis.stop();
    for (let index = 0; index < 6; index += 1) {
      const started = Date.now();
      expect((await hold(index % 2 === 0 ? first.url : second.url)).__typename).toBe('InteractionCommandAccepted');
      expect(Date.now() - started).toBeLessThan(1_000);
    }

    await redis.start();
    const limitedAgain = async () => (await hold(first.url)).__typename === 'RateLimitedError';
    await eventually(limitedAgain, 5_000);
  });
});
