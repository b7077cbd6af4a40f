/**
 * A failed command tells the truth about its outcome: never written when its time ran out
 * (waiting for a pooled connection, for the connect retry, or still connecting) is
 * UpstreamUnavailableError; written, or maybe written, is UpstreamTimeoutError. This holds for the
 * gateway's own pool and for any dispatcher passed in, which also keep the one connect retry.
 * Upstream answers and connects are held until the state under test is reached: no timing races.
 */
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { connect as connectTcp, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Agent, buildConnector, Dispatcher, MockAgent, ProxyAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createUpstreamAgent } from '../src/datasources/upstream-agent.js';
import { HoldDocument } from './generated/graphql.js';
import { execute, testGateway, type TestGateway } from './helpers/graphql-client.js';
import { captureLogs, upstreamCallsIn, type CapturedLogs } from './helpers/logs.js';
import { startRecordingUpstream, type RecordingUpstream } from './helpers/recording-upstream.js';

const NEVER_SENT = /timed out before it could be sent.*not carried out/;
const OUTCOME_UNKNOWN = /may or may not have been carried out/;

const hold = async (via: TestGateway) => {
  const result = await execute(via, HoldDocument, { id: '4320', input: { ehubSessionId: '4875' } });
  expect(result.errors).toBeUndefined();
  return result.data?.interactionHold;
};

/** What the gateway logged of its one REST call. */
const upstreamCall = (logs: CapturedLogs) => upstreamCallsIn(logs)[0];

function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/**
 * A first command, answered at once, leaves a keep-alive connection: the next command is written
 * on it in the same turn of the event loop, before its time can possibly run out.
 */
async function warm(via: TestGateway, upstream: RecordingUpstream) {
  expect(await hold(via)).toMatchObject({ __typename: 'InteractionCommandAccepted' });
  upstream.requests.length = 0;
}

/** Everything a test opened, closed after it whatever happened (gateways first: they use the rest). */
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
const closing = <T extends { close(): unknown }>(thing: T): T => {
  cleanups.push(() => thing.close());
  return thing;
};

async function recordingUpstream(): Promise<RecordingUpstream> {
  return closing(await startRecordingUpstream());
}

const gateway = (baseUrl: string, options: Parameters<typeof testGateway>[1]) => closing(testGateway(baseUrl, options));

/** Our own pool with nothing but its size in the way: timeouts far beyond the test's. */
const pool = (connections: number) =>
  closing(createUpstreamAgent({ connections, connectTimeoutMs: 60_000, headersTimeoutMs: 60_000, bodyTimeoutMs: 60_000 }));

const refused = () => Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:443'), { code: 'ECONNREFUSED' });

describe('a command never written when its time is up is an UpstreamUnavailableError', () => {
  it('while it waits for a pooled connection (ALVARIA_MAX_CONNECTIONS=1, a slow upstream)', async () => {
    const upstream = await recordingUpstream();
    const answer = deferred();
    upstream.reply({ status: 202, until: answer.promise });
    const dispatcher = pool(1);
    // Two gateways on one pool: the first command holds the only connection for as long as the test wants.
    const patient = gateway(upstream.url, { dispatcher, env: { ALVARIA_TIMEOUT_MS: '60000' } });
    const logs = captureLogs();
    const hasty = gateway(upstream.url, { dispatcher, env: { ALVARIA_TIMEOUT_MS: '200' }, logger: logs.logger });
    cleanups.push(answer.resolve); // so that everything can close even if the test fails

    const first = hold(patient);
    await upstream.received(1);
    expect(await hold(hasty)).toEqual({ __typename: 'UpstreamUnavailableError', message: expect.stringMatching(NEVER_SENT) });
    expect(upstreamCall(logs)).toMatchObject({ outcome: 'unavailable', attempts: 1 });

    answer.resolve();
    expect(await first).toMatchObject({ __typename: 'InteractionCommandAccepted' });
    // The connection is free again, and the abandoned command is still not written: the pool
    // serves in order, so a later command arrives after it would have.
    expect(await hold(patient)).toMatchObject({ __typename: 'InteractionCommandAccepted' });
    expect(upstream.requests).toHaveLength(2);
  });

  it('while the TLS handshake never completes (the gateway’s own pool)', async () => {
    // A TCP listener that accepts and never answers: connecting stays under way.
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    cleanups.push(() => new Promise((resolve) => silent.close(resolve)));
    const logs = captureLogs();
    const stalled = gateway(`https://127.0.0.1:${port}`, { env: { ALVARIA_TIMEOUT_MS: '200', ALVARIA_CONNECT_TIMEOUT_MS: '60000' }, logger: logs.logger });
    // Before the gateway closes: dropping the half-open connections ends the pool's queued request.
    cleanups.push(() => sockets.forEach((socket) => socket.destroy()));

    expect(await hold(stalled)).toEqual({ __typename: 'UpstreamUnavailableError', message: expect.stringMatching(NEVER_SENT) });
    expect(upstreamCall(logs)).toMatchObject({ outcome: 'unavailable', attempts: 1 });
  });

  it('while an injected dispatcher is still connecting, and it is not written once connected', async () => {
    const upstream = await recordingUpstream();
    const connecting = deferred();
    const connectAllowed = deferred();
    const connect = buildConnector({});
    const dispatcher = closing(
      new Agent({
        connections: 1,
        connect: (options, callback) => {
          connecting.resolve();
          void connectAllowed.promise.then(() => connect(options, callback));
        },
      }),
    );
    const hasty = gateway(upstream.url, { dispatcher, env: { ALVARIA_TIMEOUT_MS: '200' } });
    const patient = gateway(upstream.url, { dispatcher, env: { ALVARIA_TIMEOUT_MS: '60000' } });
    cleanups.push(connectAllowed.resolve); // so that everything can close even if the test fails

    const result = hold(hasty);
    await connecting.promise;
    expect(await result).toEqual({ __typename: 'UpstreamUnavailableError', message: expect.stringMatching(NEVER_SENT) });

    connectAllowed.resolve();
    expect(await hold(patient)).toMatchObject({ __typename: 'InteractionCommandAccepted' });
    expect(upstream.requests).toHaveLength(1);
  });

  it('while it waits for the connect retry', async () => {
    const mock = closing(new MockAgent());
    mock.disableNetConnect();
    const api = mock.get('http://upstream.test');
    api.intercept({ path: (path) => path.endsWith('/hold'), method: 'POST' }).replyWithError(refused());
    api.intercept({ path: (path) => path.endsWith('/hold'), method: 'POST' }).reply(202, '');
    const logs = captureLogs();
    // The refusal comes at once; the pause before the retry (at least 50 ms) outlasts the call's 20 ms.
    const hasty = gateway('http://upstream.test', { dispatcher: mock, env: { ALVARIA_TIMEOUT_MS: '20' }, logger: logs.logger });

    expect(await hold(hasty)).toEqual({ __typename: 'UpstreamUnavailableError', message: expect.stringMatching(NEVER_SENT) });
    expect(upstreamCall(logs)).toMatchObject({ outcome: 'unavailable', attempts: 1 });
    expect(mock.pendingInterceptors()).toHaveLength(1); // the retry was never sent
  });
});

describe('a command written and left unanswered is an UpstreamTimeoutError', () => {
  it('through the gateway’s own pool', async () => {
    const upstream = await recordingUpstream();
    const logs = captureLogs();
    const hasty = gateway(upstream.url, { env: { ALVARIA_TIMEOUT_MS: '200' }, logger: logs.logger });
    await warm(hasty, upstream);
    const answer = deferred();
    upstream.reply({ status: 202, until: answer.promise });
    cleanups.push(answer.resolve);

    expect(await hold(hasty)).toEqual({ __typename: 'UpstreamTimeoutError', message: expect.stringMatching(OUTCOME_UNKNOWN) });
    expect(upstream.requests).toHaveLength(1);
    expect(upstreamCallsIn(logs).at(-1)).toMatchObject({ outcome: 'timeout', attempts: 1 });
  });

  it('through an injected MockAgent', async () => {
    const mock = closing(new MockAgent());
    mock.disableNetConnect();
    mock.get('http://upstream.test').intercept({ path: (path) => path.endsWith('/hold'), method: 'POST' }).reply(202, '').delay(60_000);
    const hasty = gateway('http://upstream.test', { dispatcher: mock, env: { ALVARIA_TIMEOUT_MS: '200' } });

    expect(await hold(hasty)).toEqual({ __typename: 'UpstreamTimeoutError', message: expect.stringMatching(OUTCOME_UNKNOWN) });
  });
});

describe('an injected dispatcher keeps the one connect retry', () => {
  const withMock = (...replies: Array<'refused' | 202>) => {
    const mock = closing(new MockAgent());
    mock.disableNetConnect();
    const api = mock.get('http://upstream.test');
    for (const reply of replies) {
      const interceptor = api.intercept({ path: (path) => path.endsWith('/hold'), method: 'POST' });
      if (reply === 'refused') interceptor.replyWithError(refused());
      else interceptor.reply(reply, '');
    }
    const logs = captureLogs();
    return { mock, logs, via: gateway('http://upstream.test', { dispatcher: mock, logger: logs.logger }) };
  };

  it('a MockAgent refusing once, then accepting: the command is carried out on the retry', async () => {
    const { mock, logs, via } = withMock('refused', 202);
    expect(await hold(via)).toMatchObject({ __typename: 'InteractionCommandAccepted', status: 202 });
    expect(upstreamCall(logs)).toMatchObject({ outcome: '202', attempts: 2 });
    mock.assertNoPendingInterceptors();
  });

  it('a MockAgent refusing twice: UpstreamUnavailableError, refused, not carried out, and no third try', async () => {
    const { mock, logs, via } = withMock('refused', 'refused', 202);
    expect(await hold(via)).toEqual({ __typename: 'UpstreamUnavailableError', message: expect.stringMatching(/refused.*not carried out/) });
    expect(upstreamCall(logs)).toMatchObject({ outcome: 'unavailable', attempts: 2 });
    expect(mock.pendingInterceptors()).toHaveLength(1);
  });

  it('a hand-written dispatcher: refused, then reset once the request started, is an UpstreamTimeoutError, not retried again', async () => {
    const dispatcher = new ScriptedDispatcher(['refuse', 'reset after start', 'accept']);
    const logs = captureLogs();
    const via = gateway('http://upstream.test', { dispatcher, logger: logs.logger });
    expect(await hold(via)).toEqual({ __typename: 'UpstreamTimeoutError', message: expect.stringMatching(OUTCOME_UNKNOWN) });
    expect(upstreamCall(logs)).toMatchObject({ outcome: 'timeout', attempts: 2 });
    expect(dispatcher.remaining).toEqual(['accept']);
  });

  it('a hand-written dispatcher of the legacy handler interface: refused once, then accepted on the retry', async () => {
    const dispatcher = new LegacyDispatcher(['refuse', 'accept', 'accept']);
    const logs = captureLogs();
    const via = gateway('http://upstream.test', { dispatcher, logger: logs.logger });
    expect(await hold(via)).toMatchObject({ __typename: 'InteractionCommandAccepted', status: 202 });
    expect(upstreamCall(logs)).toMatchObject({ outcome: '202', attempts: 2 });
    expect(dispatcher.remaining).toEqual(['accept']);
  });
});

describe('through an injected ProxyAgent', () => {
  type Tunnel = 'open' | 'refuse' | 'hold';

  /** An HTTP CONNECT proxy on loopback that opens, refuses (502) or never answers each tunnel. */
  async function proxy(tunnel: Tunnel) {
    const sockets = new Set<Duplex>();
    const tunnels: string[] = [];
    const server = createHttpServer();
    server.on('connect', (request: IncomingMessage, client: Duplex, head: Buffer) => {
      tunnels.push(request.url ?? '');
      sockets.add(client);
      client.on('error', () => {});
      if (tunnel === 'refuse') client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      if (tunnel !== 'open') return;
      const [host, port] = (request.url ?? '').split(':');
      const target = connectTcp(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        target.write(head);
        target.pipe(client);
        client.pipe(target);
      });
      sockets.add(target);
      target.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const dispatcher = closing(new ProxyAgent(`http://127.0.0.1:${port}`));
    // Run before the dispatcher closes: a tunnel still waiting must end for it to close.
    const dropTunnels = () => sockets.forEach((socket) => socket.destroy());
    return { dispatcher, tunnels, dropTunnels };
  }

  it('a proxy refusing the tunnel: UpstreamUnavailableError after the one retry, the API never reached', async () => {
    const upstream = await recordingUpstream();
    const { dispatcher, tunnels } = await proxy('refuse');
    const logs = captureLogs();
    const via = gateway(upstream.url, { dispatcher, logger: logs.logger });

    expect(await hold(via)).toEqual({ __typename: 'UpstreamUnavailableError', message: expect.stringMatching(/not carried out/) });
    expect(upstreamCall(logs)).toMatchObject({ outcome: 'unavailable', attempts: 2 });
    expect(tunnels).toHaveLength(2);
    expect(upstream.requests).toHaveLength(0);
  });

  it('a proxy that never answers the tunnel: UpstreamUnavailableError when the time is up', async () => {
    const upstream = await recordingUpstream();
    const { dispatcher, tunnels, dropTunnels } = await proxy('hold');
    const via = gateway(upstream.url, { dispatcher, env: { ALVARIA_TIMEOUT_MS: '200' } });
    cleanups.push(dropTunnels);

    expect(await hold(via)).toEqual({ __typename: 'UpstreamUnavailableError', message: expect.stringMatching(NEVER_SENT) });
    expect(tunnels.length).toBeLessThanOrEqual(1);
    expect(upstream.requests).toHaveLength(0);
  });

  it('a tunnel to an API that holds its answer: UpstreamTimeoutError', async () => {
    const upstream = await recordingUpstream();
    const { dispatcher, dropTunnels } = await proxy('open');
    const via = gateway(upstream.url, { dispatcher, env: { ALVARIA_TIMEOUT_MS: '200' } });
    cleanups.push(dropTunnels);
    await warm(via, upstream);
    const answer = deferred();
    upstream.reply({ status: 202, until: answer.promise });
    cleanups.push(answer.resolve);

    const result = hold(via);
    await upstream.received(1);
    expect(await result).toEqual({ __typename: 'UpstreamTimeoutError', message: expect.stringMatching(OUTCOME_UNKNOWN) });
    expect(upstream.requests).toHaveLength(1);
  });
});

describe('a command whose 2xx answer has arrived', () => {
  it('is accepted even when its body is still arriving as the time runs out', async () => {
    const dispatcher = new ScriptedDispatcher(['accept, body never ends']);
    const via = gateway('http://upstream.test', { dispatcher, env: { ALVARIA_TIMEOUT_MS: '20' } });
    expect(await hold(via)).toMatchObject({ __typename: 'InteractionCommandAccepted', status: 202 });
  });
});

/** The handler interface's controller, as a dispatcher of its own has to provide it. */
class Controller implements Dispatcher.DispatchController {
  aborted = false;
  paused = false;
  reason: Error | null = null;
  abort(reason: Error): void {
    this.aborted = true;
    this.reason = reason;
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
}

type Step = 'refuse' | 'reset after start' | 'accept' | 'accept, body never ends';

/**
 * A dispatcher with no undici pool behind it, speaking undici 7's handler interface directly:
 * each request fails or succeeds as the script says.
 */
class ScriptedDispatcher extends Dispatcher {
  constructor(readonly remaining: Step[]) {
    super();
  }

  override dispatch(_options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const step = this.remaining.shift();
    const controller = new Controller();
    queueMicrotask(() => {
      if (step === 'refuse') return handler.onResponseError?.(controller, refused());
      handler.onRequestStart?.(controller, {});
      if (controller.aborted) return handler.onResponseError?.(controller, controller.reason ?? new Error('aborted'));
      if (step === 'reset after start') return handler.onResponseError?.(controller, Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      handler.onResponseStart?.(controller, 202, {}, 'Accepted');
      if (step === 'accept, body never ends') return handler.onResponseData?.(controller, Buffer.from('{"par'));
      handler.onResponseEnd?.(controller, {});
    });
    return true;
  }

  override async close(): Promise<void> {}
}

/** The same, speaking the handler interface of undici 6 (`onConnect`, `onHeaders`, …), which undici 7 still honours. */
class LegacyDispatcher extends Dispatcher {
  constructor(readonly remaining: Array<'refuse' | 'accept'>) {
    super();
  }

  override dispatch(_options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const step = this.remaining.shift();
    queueMicrotask(() => {
      if (step === 'refuse') return handler.onError?.(refused());
      let aborted: Error | null = null;
      handler.onConnect?.((reason) => {
        aborted = reason ?? new Error('aborted');
      });
      if (aborted) return handler.onError?.(aborted);
      handler.onHeaders?.(202, [], () => {}, 'Accepted');
      handler.onComplete?.([]);
    });
    return true;
  }

  override async close(): Promise<void> {}
}
