/**
 * How an `agentEvents` subscription ends, and how it does not, as a client of the gateway sees it
 * (`startGateway` with its own simulator, over real HTTP and WebSocket): refused at once without
 * `Authorization`; `STREAMING_SESSION_GONE` when the session is deleted or expires upstream;
 * `UNAUTHENTICATED`, `FORBIDDEN`, `UPSTREAM_ERROR` for a retrieval answered 401, 403, 418; no
 * ending for 5xx, 409, 429, a reset connection or the API away for a while, with the events of the
 * outage delivered after it; `TOO_MANY_SUBSCRIPTIONS` over the per-credential limit;
 * `SHUTTING_DOWN` on every transport when the gateway closes; `SUBSCRIBER_TOO_SLOW` for a client
 * that stops reading. Faults come from the simulator's fault injection, and every wait is for a
 * condition (an event, a metric, a log line), never for a time.
 */
import { connect, type Socket } from 'node:net';
import { createParser } from 'eventsource-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import type { Simulator } from '../src/simulator/simulator.js';
import { captureLogs, type CapturedLogs } from './helpers/logs.js';
import {
  AGENT_EVENTS,
  credentials,
  endedCount,
  sendOperation,
  subscribeHttp,
  subscribeWebSocket,
  untilActive,
  untilPolled,
  waitUntil,
  type OpenStream,
  type StreamResult,
} from './helpers/subscriptions.js';

const ORG = 'demo';
const APOLLO_ACCEPT = 'multipart/mixed;boundary="graphql";subscriptionSpec=1.0,application/json';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface TestGateway {
  readonly running: RunningGateway;
  readonly simulator: Simulator;
  readonly logs: CapturedLogs;
}

/** A gateway of its own for the test (faults apply to whichever retrieval comes next). */
async function gateway(env: Record<string, string> = {}): Promise<TestGateway> {
  const logs = captureLogs();
  const started = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1', ...env }), { logger: logs.logger });
  let closed: Promise<void> | undefined;
  const running: RunningGateway = { ...started, close: (delayMs) => (closed ??= started.close(delayMs)) };
  cleanups.push(() => running.close());
  if (!running.simulator) throw new Error('no simulator');
  return { running, simulator: running.simulator, logs };
}

async function tracked<T extends OpenStream>(stream: Promise<T>): Promise<T> {
  const opened = await stream;
  cleanups.push(() => opened.close());
  return opened;
}

const headersFor = (sessionId: string, authorization: string = credentials.authorization) => ({ ...credentials, authorization, 'via-client-sessionid': sessionId });

/** Whether the stream is still open (it has not finished). */
function openness(stream: OpenStream): () => boolean {
  let finished = false;
  void stream.finished.then(() => (finished = true));
  return () => !finished;
}

/** A session with an SSE subscriber whose poller holds a retrieval. */
async function subscribedSession(test: TestGateway, options: { accept?: string } = {}) {
  const sessionId = test.simulator.createSession(ORG);
  const stream = await tracked(subscribeHttp(test.running.url, { headers: headersFor(sessionId), ...options }));
  await untilPolled(test.running, sessionId);
  return { sessionId, stream };
}

const retrievalsOf = (simulator: Simulator, sessionId: string) =>
  simulator.requests.filter((request) => request.method === 'GET' && request.url.includes('/streaming/events') && request.headers['via-client-sessionid'] === sessionId).length;

describe('refused at once', () => {
  it.each([
    ['SSE', 'absent'],
    ['SSE', 'empty'],
    ['multipart', 'absent'],
    ['WebSocket', 'absent'],
  ] as const)('over %s, an %s Authorization ends the subscription with UNAUTHENTICATED, nothing sent', async (transport, authorization) => {
    const test = await gateway();
    const sessionId = test.simulator.createSession(ORG);
    const headers: Record<string, string> = { 'x-api-key': credentials['x-api-key'], 'via-client-sessionid': sessionId, ...(authorization === 'empty' ? { authorization: '' } : {}) };
    const stream = await tracked(
      transport === 'WebSocket'
        ? subscribeWebSocket(test.running.url, { connectionParams: headers })
        : subscribeHttp(test.running.url, { headers, ...(transport === 'multipart' ? { accept: APOLLO_ACCEPT } : {}) }),
    );
    expect(await stream.ended()).toEqual({ code: 'UNAUTHENTICATED', finish: 'complete' });
    expect(stream.results).toHaveLength(1);
    expect(stream.results[0]).toMatchObject({ errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(stream.results[0]?.data ?? null).toBeNull();
    expect(retrievalsOf(test.simulator, sessionId)).toBe(0);
  });

  it('no via-client-sessionid ends the subscription with BAD_USER_INPUT', async () => {
    const test = await gateway();
    const stream = await tracked(subscribeHttp(test.running.url, { headers: { ...credentials } }));
    expect(await stream.ended()).toEqual({ code: 'BAD_USER_INPUT', finish: 'complete' });
  });
});

describe('the session gone upstream', () => {
  it('streamingSessionDelete ends its subscriptions with STREAMING_SESSION_GONE, after the events before it', async () => {
    const test = await gateway();
    const { sessionId, stream } = await subscribedSession(test);
    test.simulator.emit(ORG, sessionId, 'engagementCenter.Active', { n: 1 });
    await stream.until(1);
    const deleted = await sendOperation(test.running.url, 'Delete', {}, headersFor(sessionId));
    expect(deleted.data?.streamingSessionDelete).toEqual({ __typename: 'StreamingSessionDeleted', id: sessionId });
    expect(await stream.ended()).toEqual({ code: 'STREAMING_SESSION_GONE', finish: 'complete' });
    expect(stream.events().map((event) => event.sequenceNumber)).toEqual([1]);
  });

  it('a session that expires upstream ends its subscriptions with STREAMING_SESSION_GONE', async () => {
    const test = await gateway();
    const { sessionId, stream } = await subscribedSession(test);
    const other = await tracked(subscribeWebSocket(test.running.url, { connectionParams: headersFor(sessionId) }));
    await untilActive(test.running, 2);
    expect(test.simulator.expireSession(sessionId)).toBe(true);
    expect(await stream.ended()).toEqual({ code: 'STREAMING_SESSION_GONE', finish: 'complete' });
    expect(await other.ended()).toEqual({ code: 'STREAMING_SESSION_GONE', finish: 'complete' });
  });
});

describe('a retrieval answered with a status that is not retried', () => {
  it.each([
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [418, 'UPSTREAM_ERROR'],
  ])('%i ends the subscription with %s, after the events stored before it', async (status, code) => {
    const test = await gateway();
    const { sessionId, stream } = await subscribedSession(test);
    test.simulator.injectFault({ operation: 'events', method: 'GET', status, body: { message: 'refused', secret: 'upstream-body-marker' } });
    // Answers the held retrieval; the next one gets the status.
    test.simulator.emit(ORG, sessionId, 'engagementCenter.Active', { n: 1 });
    expect(await stream.ended()).toEqual({ code, finish: 'complete' });
    expect(stream.events().map((event) => event.sequenceNumber)).toEqual([1]);
    expect(JSON.stringify(stream.results)).not.toContain('upstream-body-marker');
    expect(await endedCount(test.running, code.toLowerCase())).toBe(1);
  });
});

describe('faults that are retried: the subscription stays, no event is lost', () => {
  /**
   * Event 1 answers the held retrieval; the retrievals after it meet the fault (twice); event 2
   * is emitted once the first of them has reached the API, so it happens during the outage.
   */
  async function throughOutage(test: TestGateway, startOutage: () => Promise<void> | void, endOutage: () => Promise<void> | void = () => {}) {
    const { sessionId, stream } = await subscribedSession(test);
    const isOpen = openness(stream);
    await startOutage();
    test.simulator.emit(ORG, sessionId, 'engagementCenter.Active', { n: 1 });
    await stream.until(1);
    await waitUntil('a retrieval after the first event', () => retrievalsOf(test.simulator, sessionId) >= 2);
    test.simulator.emit(ORG, sessionId, 'engagementCenter.Active', { n: 2 });
    await endOutage();
    await stream.until(2);
    test.simulator.emit(ORG, sessionId, 'engagementCenter.Wrap', { n: 3 });
    const events = await stream.until(3);
    expect(events.map((event) => [event.sequenceNumber, event.payload])).toEqual([
      [1, { n: 1 }],
      [2, { n: 2 }],
      [3, { n: 3 }],
    ]);
    expect(stream.results.filter((result) => result.errors)).toEqual([]);
    expect(isOpen()).toBe(true);
    // The held retrieval, the two that met the fault, and those after them.
    expect(retrievalsOf(test.simulator, sessionId)).toBeGreaterThanOrEqual(4);
    expect(await endedCount(test.running, 'upstream_error')).toBe(0);
    return { sessionId, stream };
  }

  it.each([
    ['500', { status: 500 }],
    ['503 with Retry-After', { status: 503, headers: { 'retry-after': '1' } }],
    ['502 with an HTML body', { status: 502, body: '<html>bad gateway</html>' }],
    ['409 (a concurrent retrieval)', { status: 409, body: { message: 'conflict' } }],
    ['429 with Retry-After', { status: 429, headers: { 'retry-after': '1' }, body: { message: 'slow down' } }],
    ['a reset connection', { reset: true }],
  ])('%s', async (_, fault) => {
    const test = await gateway();
    await throughOutage(test, () => test.simulator.injectFault({ operation: 'events', method: 'GET', times: 2, ...fault }));
  });

  it('the API unreachable (connection refused) and back', async () => {
    const test = await gateway();
    const sessionId = test.simulator.createSession(ORG);
    const stream = await tracked(subscribeHttp(test.running.url, { headers: headersFor(sessionId) }));
    await untilPolled(test.running, sessionId);
    const isOpen = openness(stream);
    test.simulator.emit(ORG, sessionId, 'engagementCenter.Active', { n: 1 });
    await stream.until(1);
    await test.simulator.suspend();
    await waitUntil('the poller to meet the refused connection', () => /Polling the Streaming API failed/.test(test.logs.text()));
    // The simulator keeps its sessions while it does not listen: this event waits there.
    test.simulator.emit(ORG, sessionId, 'engagementCenter.Active', { n: 2 });
    await test.simulator.resume();
    const events = await stream.until(2);
    expect(events.map((event) => [event.sequenceNumber, event.payload])).toEqual([
      [1, { n: 1 }],
      [2, { n: 2 }],
    ]);
    expect(stream.results.filter((result) => result.errors)).toEqual([]);
    expect(isOpen()).toBe(true);
  });
});

describe('limits', () => {
  it('MAX_SUBSCRIPTIONS_PER_CREDENTIAL=1: a second subscription of the same credential ends with TOO_MANY_SUBSCRIPTIONS, another credential is served', async () => {
    const test = await gateway({ MAX_SUBSCRIPTIONS_PER_CREDENTIAL: '1' });
    const { sessionId, stream: first } = await subscribedSession(test);
    const second = await tracked(subscribeWebSocket(test.running.url, { connectionParams: headersFor(test.simulator.createSession(ORG)) }));
    expect(await second.ended()).toEqual({ code: 'TOO_MANY_SUBSCRIPTIONS', finish: 'complete' });
    const third = await tracked(subscribeHttp(test.running.url, { headers: headersFor(sessionId) }));
    expect(await third.ended()).toEqual({ code: 'TOO_MANY_SUBSCRIPTIONS', finish: 'complete' });

    const otherSession = test.simulator.createSession(ORG);
    const other = await tracked(subscribeHttp(test.running.url, { headers: headersFor(otherSession, 'Bearer another-token') }));
    await untilPolled(test.running, otherSession);
    test.simulator.emit(ORG, otherSession, 'engagementCenter.Active', {});
    test.simulator.emit(ORG, sessionId, 'engagementCenter.Active', {});
    expect((await other.until(1)).map((event) => event.sequenceNumber)).toEqual([1]);
    expect((await first.until(1)).map((event) => event.sequenceNumber)).toEqual([1]);
    expect(await endedCount(test.running, 'too_many_subscriptions')).toBe(2);
  });
});

describe('shutdown', () => {
  it('closing the gateway ends open subscriptions with SHUTTING_DOWN over SSE, multipart and WebSocket', async () => {
    const test = await gateway();
    const sessionId = test.simulator.createSession(ORG);
    const streams = {
      sse: await tracked(subscribeHttp(test.running.url, { headers: headersFor(sessionId) })),
      multipart: await tracked(subscribeHttp(test.running.url, { headers: headersFor(sessionId), accept: APOLLO_ACCEPT })),
      webSocket: await tracked(subscribeWebSocket(test.running.url, { connectionParams: headersFor(sessionId) })),
    };
    await untilActive(test.running, 3);
    test.simulator.emit(ORG, sessionId, 'engagementCenter.Active', {});
    await Promise.all(Object.values(streams).map((stream) => stream.until(1)));
    await test.running.close();
    for (const [transport, stream] of Object.entries(streams)) {
      expect(await stream.ended(), transport).toEqual({ code: 'SHUTTING_DOWN', finish: 'complete' });
      expect(stream.events(), transport).toHaveLength(1);
    }
  });
});

describe('a subscriber that stops reading', () => {
  /**
   * An SSE subscription over a raw socket that reads nothing until told to (an HTTP client would
   * read on into its own buffers). Once resumed it reads to the last chunk, then takes the chunked
   * body apart and reads it as SSE.
   */
  function rawSubscriber(url: string, sessionId: string): { socket: Socket; readAll(): Promise<{ results: StreamResult[]; completed: boolean }> } {
    const socket = connect(Number(new URL(url).port), '127.0.0.1');
    socket.pause();
    const query = new URLSearchParams({ query: AGENT_EVENTS });
    const headers = Object.entries(headersFor(sessionId))
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(`GET /graphql?${query.toString()} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n${headers}\r\n`);
    return {
      socket,
      async readAll() {
        const chunks: Buffer[] = [];
        for await (const chunk of socket) {
          chunks.push(chunk as Buffer);
          if (Buffer.concat(chunks.slice(-2)).toString('latin1').endsWith('\r\n0\r\n\r\n')) break;
        }
        socket.destroy();
        const raw = Buffer.concat(chunks);
        const bodyAt = raw.indexOf('\r\n\r\n') + 4;
        expect(raw.subarray(0, bodyAt).toString()).toMatch(/^HTTP\/1\.1 200 [^]*transfer-encoding: chunked/i);
        const results: StreamResult[] = [];
        let completed = false;
        const parser = createParser({
          onEvent(message) {
            if (message.event === 'next') results.push(JSON.parse(message.data) as StreamResult);
            if (message.event === 'complete') completed = true;
          },
        });
        const decoder = new TextDecoder();
        for (let at = bodyAt; ; ) {
          const lineEnd = raw.indexOf('\r\n', at);
          const size = Number.parseInt(raw.subarray(at, lineEnd).toString(), 16);
          if (!(size > 0)) break;
          parser.feed(decoder.decode(raw.subarray(lineEnd + 2, lineEnd + 2 + size), { stream: true }));
          at = lineEnd + 2 + size + 2;
        }
        return { results, completed };
      },
    };
  }

  it('is ended with SUBSCRIBER_TOO_SLOW after the events it was given, in order, while a reader beside it is served', async () => {
    const test = await gateway({ SUBSCRIBER_BUFFER_EVENTS: '5', STREAMING_MAX_EVENTS: '5' });
    const sessionId = test.simulator.createSession(ORG);
    const reader = await tracked(subscribeHttp(test.running.url, { headers: headersFor(sessionId) }));
    const slow = rawSubscriber(test.running.url, sessionId);
    cleanups.push(async () => slow.socket.destroy());
    await untilActive(test.running, 2);
    // Events in rounds smaller than the buffer (a reader keeps up), large enough to fill the socket buffers.
    const payload = { blob: 'x'.repeat(64 * 1024) };
    let emitted = 0;
    while ((await endedCount(test.running, 'subscriber_too_slow')) === 0) {
      if (emitted >= 2_000) throw new Error(`${emitted} events did not make the subscriber too slow`);
      for (let index = 0; index < 4; index += 1) test.simulator.emit(ORG, sessionId, 'engagementCenter.Active', payload);
      emitted += 4;
      await reader.until(emitted);
    }
    const { results, completed } = await slow.readAll();
    expect(completed).toBe(true);
    expect(results.at(-1)).toMatchObject({ errors: [{ message: expect.any(String), extensions: { code: 'SUBSCRIBER_TOO_SLOW' } }] });
    const sequence = results.slice(0, -1).map((result) => result.data?.agentEvents.sequenceNumber);
    expect(sequence.length).toBeLessThan(emitted);
    expect(sequence).toEqual(sequence.map((_, index) => index + 1));

    // The reader was not ended and has every event.
    test.simulator.emit(ORG, sessionId, 'engagementCenter.Wrap', {});
    const events = await reader.until(emitted + 1);
    expect(events.map((event) => event.sequenceNumber)).toEqual(Array.from({ length: emitted + 1 }, (_, index) => index + 1));
    expect(await endedCount(test.running, 'subscriber_too_slow')).toBe(1);
  }, 60_000);
});
