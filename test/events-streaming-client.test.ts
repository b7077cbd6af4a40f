/**
 * The Streaming API on the wire (`StreamingClient`), against loopback servers: creating and
 * deleting a session follow the command rules (exact request, rate limits and the circuit first,
 * at most once, typed errors with the truth about what was sent); a retrieval is bounded by
 * STREAMING_POLL_TIMEOUT_MS (not ALVARIA_TIMEOUT_MS, nor the pool's own header timeout), is
 * abandoned at once when its caller aborts, and an empty answer is a success for the circuit; each
 * attempt is a CLIENT span (in a new trace for a poll) whose traceparent the call carries. The
 * headers of a GraphQL request become a caller by the same rules as a command's.
 */
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { UpstreamCall } from '../src/datasources/command-call.js';
import { streamingCallerOf } from '../src/datasources/streaming-caller.js';
import { StreamingClient, type StreamingClientOptions } from '../src/datasources/streaming-client.js';
import {
  NotFoundError,
  RateLimitedError,
  ServiceUnavailableError,
  UnauthorizedError,
  UnexpectedStatusError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
  ValidationError,
} from '../src/errors.js';
import { createTracing } from '../src/observability/tracing.js';
import { CircuitBreakers } from '../src/protection/circuit-breaker.js';
import { CommandGuard } from '../src/protection/command-guard.js';
import { MemoryRateLimits } from '../src/protection/rate-limits.js';
import { silentLogger } from './helpers/logs.js';
import { startOtlpReceiver } from './helpers/otlp-receiver.js';
import { startRecordingUpstream, type RecordingUpstream } from './helpers/recording-upstream.js';
import { startStreamingUpstream } from './helpers/streaming-upstream.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ALICE = { authorization: 'Bearer alice', apiKey: 'key-1' };
const SETTINGS = { inactivityDelay: 120, requireAcknowledgement: true };

async function recording(): Promise<RecordingUpstream> {
  const upstream = await startRecordingUpstream();
  cleanups.push(() => upstream.close());
  return upstream;
}

function client(baseUrl: string, options: Partial<StreamingClientOptions> = {}): StreamingClient {
  const agent = new Agent({ connect: { timeout: 2_000 } });
  cleanups.push(() => agent.close());
  return new StreamingClient({ baseUrl, dispatcher: agent, timeoutMs: 2_000, pollTimeoutMs: 10_000, ...options });
}

function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  await once(server, 'close');
  return port;
}

describe('creating and deleting a session: commands', () => {
  it('creates with exactly the request of the reading (below a base URL holding {orgId}) and reads the session', async () => {
    const upstream = await recording();
    upstream.reply({ status: 201, body: JSON.stringify({ sessionId: 'sess-1', creationTime: '2026-01-02T03:04:05Z', inactivityDelay: 120 }) });
    const calls: UpstreamCall[] = [];
    const created = await client(`${upstream.url}/tenants/{orgId}`, { onCall: (call) => calls.push(call) }).createSession('acme', ALICE, SETTINGS);
    expect(created).toEqual({ sessionId: 'sess-1', creationTime: '2026-01-02T03:04:05Z', inactivityDelay: 120 });
    const [sent] = upstream.requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe('/tenants/acme/via/v3/organizations/acme/streaming/session');
    expect(JSON.parse(sent?.body ?? '')).toEqual({ inactivityDelay: 120, requireAcknowledgement: true });
    expect(sent?.headers).toMatchObject({ authorization: 'Bearer alice', 'x-api-key': 'key-1', 'content-type': 'application/json' });
    expect(sent?.headers['via-client-sessionid']).toBeUndefined();
    expect(calls).toMatchObject([{ endpoint: 'streaming/createSession', organization: 'acme', outcome: 201, attempts: 1 }]);
  });

  it.each([
    ['401 with an ErrorResponse', { status: 401, body: JSON.stringify({ message: 'Token expired', errors: [] }) }, UnauthorizedError, { status: 401, message: 'Token expired' }],
    ['503 with Retry-After', { status: 503, headers: { 'retry-after': '7' } }, ServiceUnavailableError, { status: 503, retryAfterSeconds: 7 }],
    ['200 without a session id', { status: 200, body: '{}' }, UnexpectedStatusError, { status: 200 }],
    ['202, not a create answer of the reading', { status: 202, body: '{"sessionId":"x"}' }, UnexpectedStatusError, { status: 202 }],
  ])('answers %s as a typed error', async (_name, reply, errorClass, fields) => {
    const upstream = await recording();
    upstream.reply(reply);
    const failure = client(upstream.url).createSession('acme', ALICE, SETTINGS);
    await expect(failure).rejects.toBeInstanceOf(errorClass);
    await expect(failure).rejects.toMatchObject(fields);
  });

  it('is sent at most once: a connection dropped after the request is UpstreamTimeoutError (it may exist), one request', async () => {
    const upstream = await recording();
    upstream.reply({ status: 201, reset: true });
    await expect(client(upstream.url).createSession('acme', ALICE, SETTINGS)).rejects.toBeInstanceOf(UpstreamTimeoutError);
    await sleep(300);
    expect(upstream.requests).toHaveLength(1);
  });

  it('answers UpstreamTimeoutError past ALVARIA_TIMEOUT_MS, and UpstreamUnavailableError (nothing sent) when nothing listens', async () => {
    const upstream = await recording();
    const release = deferred();
    upstream.reply({ status: 201, body: '{"sessionId":"late"}', until: release.promise });
    await expect(client(upstream.url, { timeoutMs: 300 }).createSession('acme', ALICE, SETTINGS)).rejects.toThrow(/may or may not have been carried out/);
    release.resolve();
    const refused = client(`http://127.0.0.1:${await closedPort()}`).createSession('acme', ALICE, SETTINGS);
    await expect(refused).rejects.toBeInstanceOf(UpstreamUnavailableError);
    await expect(refused).rejects.toThrow(/Nothing was sent/);
  });

  it('refuses an organization that is not a DNS label, nothing sent', async () => {
    const upstream = await recording();
    await expect(client(upstream.url).createSession('ac/me', ALICE, SETTINGS)).rejects.toBeInstanceOf(ValidationError);
    expect(upstream.requests).toHaveLength(0);
  });

  it('is judged by the rate limits, then the circuit, before anything is sent', async () => {
    const upstream = await recording();
    upstream.reply({ status: 201, body: '{"sessionId":"s"}' });
    const breakers = new CircuitBreakers({ failures: 1, openMs: 60_000, logger: silentLogger() });
    const guard = new CommandGuard(new MemoryRateLimits({ perCredential: 1, perOrganization: 0, windowMs: 60_000 }), breakers);
    const streaming = client(upstream.url, { guard, breakers });
    await streaming.createSession('acme', ALICE, SETTINGS);
    await expect(streaming.createSession('acme', ALICE, SETTINGS)).rejects.toBeInstanceOf(RateLimitedError);
    expect(upstream.requests).toHaveLength(1);

    upstream.reply({ status: 503 });
    await expect(streaming.deleteSession('acme', { authorization: 'Bearer bob', apiKey: null }, 'sess-1')).rejects.toBeInstanceOf(ServiceUnavailableError);
    const refused = streaming.deleteSession('acme', { authorization: 'Bearer carol', apiKey: null }, 'sess-1');
    await expect(refused).rejects.toBeInstanceOf(UpstreamUnavailableError);
    await expect(refused).rejects.toMatchObject({ retryAfterSeconds: 60 });
    expect(upstream.requests).toHaveLength(2);
  });

  it('deletes the session named in via-client-sessionid; an unknown one is NotFoundError', async () => {
    const upstream = await startStreamingUpstream();
    cleanups.push(() => upstream.close());
    const session = upstream.createSession();
    const streaming = client(upstream.url);
    expect(await streaming.deleteSession('acme', ALICE, session)).toEqual({ status: 204 });
    const sent = upstream.requests.at(-1);
    expect(sent).toMatchObject({ method: 'DELETE', url: '/via/v3/organizations/acme/streaming/session' });
    expect(sent?.headers).toMatchObject({ authorization: 'Bearer alice', 'x-api-key': 'key-1', 'via-client-sessionid': session });
    await expect(streaming.deleteSession('acme', ALICE, session)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('retrieving events', () => {
  it('is bounded by STREAMING_POLL_TIMEOUT_MS: held longer than ALVARIA_TIMEOUT_MS and the pool header timeout, it is still answered', async () => {
    const upstream = await recording();
    const release = deferred();
    upstream.reply({ status: 200, body: '{"events":[]}', until: release.promise });
    const agent = new Agent({ headersTimeout: 300, bodyTimeout: 300 });
    cleanups.push(() => agent.close());
    const streaming = new StreamingClient({ baseUrl: upstream.url, dispatcher: agent, timeoutMs: 300, pollTimeoutMs: 10_000 });
    const answer = streaming.retrieveEvents('acme', ALICE, 'sess-1', 50);
    await upstream.received(1);
    await sleep(800);
    release.resolve();
    expect(await answer).toMatchObject({ status: 200, text: '{"events":[]}' });
    expect(upstream.requests[0]?.url).toBe('/via/v3/organizations/acme/streaming/events?maxEvents=50');
  });

  it('past STREAMING_POLL_TIMEOUT_MS it is UpstreamTimeoutError', async () => {
    const upstream = await recording();
    const never = deferred();
    upstream.reply({ status: 200, body: '{"events":[]}', until: never.promise });
    await expect(client(upstream.url, { pollTimeoutMs: 400 }).retrieveEvents('acme', ALICE, 'sess-1', 50)).rejects.toBeInstanceOf(UpstreamTimeoutError);
    never.resolve();
  });

  it('is abandoned at once when its caller aborts: it rejects with the reason and the API sees the request closed', async () => {
    const upstream = await startStreamingUpstream();
    cleanups.push(() => upstream.close());
    const session = upstream.createSession();
    const controller = new AbortController();
    const answer = client(upstream.url).retrieveEvents('acme', ALICE, session, 50, controller.signal);
    const settled = answer.then(
      () => 'answered',
      (error: unknown) => error,
    );
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (upstream.inFlight(session) === 1) {
          clearInterval(check);
          resolve();
        }
      }, 10);
    });
    const reason = new Error('the last subscriber left');
    controller.abort(reason);
    expect(await settled).toBe(reason);
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (upstream.inFlight(session) === 0) {
          clearInterval(check);
          resolve();
        }
      }, 10);
    });
    expect(upstream.retrievals.at(-1)?.abandoned).toBe(true);
  });

  it('goes through the circuit: an empty answer is a success (it resets the count), 503s open it, then retrievals are refused unsent', async () => {
    const upstream = await recording();
    const replies = [{ status: 503 }, { status: 200, body: '{"events":[]}' }, { status: 503 }, { status: 503 }];
    upstream.reply(() => replies.shift() ?? { status: 200, body: '{"events":[]}' });
    const breakers = new CircuitBreakers({ failures: 2, openMs: 60_000, logger: silentLogger() });
    const streaming = client(upstream.url, { breakers });
    const statuses: number[] = [];
    for (let index = 0; index < 3; index += 1) statuses.push((await streaming.retrieveEvents('acme', ALICE, 'sess-1', 50)).status);
    expect(statuses).toEqual([503, 200, 503]);
    expect(breakers.state(new URL(upstream.url).origin)).toBe('closed');
    expect((await streaming.retrieveEvents('acme', ALICE, 'sess-1', 50)).status).toBe(503);
    expect(breakers.state(new URL(upstream.url).origin)).toBe('open');
    await expect(streaming.retrieveEvents('acme', ALICE, 'sess-1', 50)).rejects.toMatchObject({ name: 'UpstreamUnavailableError', retryAfterSeconds: 60 });
    expect(upstream.requests).toHaveLength(4);
  });
});

describe('traces', () => {
  it('a poll is a CLIENT span in a new trace, GET {url.template}, named in its traceparent; a create is below the request span; no secret exported', async () => {
    const collector = await startOtlpReceiver();
    cleanups.push(() => collector.close());
    const tracing = createTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url });
    cleanups.push(() => tracing.shutdown());
    const upstream = await startStreamingUpstream();
    cleanups.push(() => upstream.close());
    const session = upstream.createSession();
    upstream.emit(session, 'engagementCenter.Active', 1);
    const streaming = client(upstream.url, { tracing });
    await streaming.retrieveEvents('acme', ALICE, session, 50);
    const requestSpan = tracing.startRequestSpan(new Headers());
    await requestSpan.run(() => streaming.createSession('acme', ALICE, SETTINGS));
    requestSpan.end(200);
    await tracing.forceFlush();

    const spans = collector.spans();
    const poll = spans.find((span) => span.name === 'GET /via/v3/organizations/{orgId}/streaming/events');
    const create = spans.find((span) => span.name === 'POST /via/v3/organizations/{orgId}/streaming/session');
    const server = spans.find((span) => span.kind === 'SERVER');
    expect(poll).toMatchObject({ kind: 'CLIENT', parentSpanId: '' });
    const port = Number(new URL(upstream.url).port);
    expect(poll?.attributes).toEqual({
      'http.request.method': 'GET',
      'url.template': '/via/v3/organizations/{orgId}/streaming/events',
      'url.full': `http://127.0.0.1:${port}/via/v3/organizations/acme/streaming/events`,
      'server.address': '127.0.0.1',
      'server.port': port,
      'http.response.status_code': 200,
    });
    expect(upstream.retrievals[0]?.headers.traceparent).toBe(`00-${poll?.traceId}-${poll?.spanId}-01`);
    expect(create).toMatchObject({ kind: 'CLIENT', traceId: server?.traceId, parentSpanId: server?.spanId });
    expect(create?.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.response.status_code': 201 });
    const exported = JSON.stringify(spans);
    for (const secret of ['Bearer alice', 'key-1', session]) expect(exported).not.toContain(secret);
  });
});

describe('the caller of a subscription or a session mutation', () => {
  const headers = (values: Record<string, string>) => new Headers(values);
  const options = { defaultApiKey: 'default-key', sessionIdRequired: true };

  it('reads Authorization, x-api-key (or ALVARIA_API_KEY) and via-client-sessionid by the command rules', () => {
    expect(streamingCallerOf(headers({ authorization: 'Bearer a', 'x-api-key': 'k', 'via-client-sessionid': 's' }), options)).toEqual({
      credentials: { authorization: 'Bearer a', apiKey: 'k' },
      sessionId: 's',
    });
    expect(streamingCallerOf(headers({ authorization: 'Bearer a', 'via-client-sessionid': 's' }), options).credentials.apiKey).toBe('default-key');
    expect(streamingCallerOf(headers({ authorization: 'Bearer a' }), { defaultApiKey: null, sessionIdRequired: false })).toEqual({
      credentials: { authorization: 'Bearer a', apiKey: null },
      sessionId: null,
    });
  });

  it('refuses a missing Authorization (UnauthorizedError), a missing session id where required and a non-printable value (ValidationError)', () => {
    expect(() => streamingCallerOf(headers({ 'via-client-sessionid': 's' }), options)).toThrow(UnauthorizedError);
    expect(() => streamingCallerOf(headers({ authorization: 'Bearer a' }), options)).toThrow(ValidationError);
    expect(() => streamingCallerOf({ get: (name) => (name.toLowerCase() === 'authorization' ? 'Bearer\ta' : 's') }, options)).toThrow(ValidationError);
  });
});
