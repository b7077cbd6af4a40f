/**
 * The tracing building blocks against a real OTLP/HTTP receiver on loopback, in both encodings:
 * span shapes and parentage, W3C propagation, sampling, the OTEL_* settings the SDK reads, no
 * secret in any export, flush on shutdown, and the no-op when tracing is off. Every export is
 * awaited (flush or shutdown), never waited for.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { endpoints } from '../src/catalog/index.js';
import {
  createTracing,
  errorTypeOf,
  restUrlTemplate,
  TracingConfigError,
  type HeaderReader,
  type Tracing,
  tracingSettings,
} from '../src/observability/tracing.js';
import { captureLogs } from './helpers/logs.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './helpers/otlp-receiver.js';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const PARENT_ID = 'b7ad6b7169203331';
const sampled = `00-${TRACE_ID}-${PARENT_ID}-01`;
const notSampled = `00-${TRACE_ID}-${PARENT_ID}-00`;
const HOLD_TEMPLATE = '/via/v2/organizations/{orgId}/engagementCenter/interactions/{interactionId}/hold';
const holdUrl = (base = 'https://acme.via.aspect-cloud.net') => `${base}/via/v2/organizations/acme/engagementCenter/interactions/ixn-42/hold`;

const headersOf = (values: Record<string, string>): HeaderReader => new Headers(values);

// Everything a test starts is stopped after it, whatever its outcome.
const started: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((item) => item.close()));
});

async function receiver(): Promise<OtlpReceiver> {
  const received = await startOtlpReceiver();
  started.push(received);
  return received;
}

function tracingWith(env: Record<string, string>): Tracing {
  const tracing = createTracing(env);
  started.push({ close: () => tracing.shutdown() });
  return tracing;
}

const byKind = (spans: ReceivedSpan[], kind: ReceivedSpan['kind']) => spans.filter((span) => span.kind === kind);

describe.each([
  ['http/protobuf', 'application/x-protobuf'],
  ['http/json', 'application/json'],
])('exporting over OTLP %s', (protocol, contentType) => {
  let collector: OtlpReceiver;
  let tracing: Tracing;
  const start = async (extra: Record<string, string> = {}) => {
    collector = await receiver();
    tracing = tracingWith({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_EXPORTER_OTLP_PROTOCOL: protocol, ...extra });
  };

  it('continues the incoming trace: a SERVER span child of the incoming span, a CLIENT span below it named by traceparent', async () => {
    await start();
    expect(tracing.enabled).toBe(true);
    const request = tracing.startRequestSpan(headersOf({ traceparent: sampled, tracestate: 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7' }));
    request.setOperation('mutation', 'Hold');
    const call = tracing.clientSpan(request, { template: HOLD_TEMPLATE, url: holdUrl() });
    const sent = call.headers();
    call.end({ status: 202 });
    request.end(200);
    await tracing.forceFlush();

    expect(collector.exports).toHaveLength(1);
    expect(collector.exports[0]?.path).toBe('/v1/traces');
    expect(collector.exports[0]?.contentType).toContain(contentType);
    const spans = collector.spans();
    expect(spans).toHaveLength(2);
    const [server] = byKind(spans, 'SERVER');
    const [client] = byKind(spans, 'CLIENT');
    expect(server).toMatchObject({
      traceId: TRACE_ID,
      parentSpanId: PARENT_ID,
      name: 'POST /graphql',
      status: { code: 'UNSET' },
      attributes: {
        'graphql.operation.type': 'mutation',
        'graphql.operation.name': 'Hold',
        'http.request.method': 'POST',
        'http.response.status_code': 200,
      },
      resource: { 'service.name': 'engagement-center-gateway' },
    });
    expect(request.traceIds()).toEqual({ trace_id: TRACE_ID, span_id: server?.spanId });
    expect(client).toMatchObject({
      traceId: TRACE_ID,
      parentSpanId: server?.spanId,
      name: `POST ${HOLD_TEMPLATE}`,
      status: { code: 'UNSET' },
    });
    expect(client?.attributes).toEqual({
      'http.request.method': 'POST',
      'url.template': HOLD_TEMPLATE,
      'url.full': holdUrl(),
      'server.address': 'acme.via.aspect-cloud.net',
      'server.port': 443,
      'http.response.status_code': 202,
    });
    // The REST call names the CLIENT span, and passes the trace state on.
    expect(sent).toEqual({ traceparent: `00-${TRACE_ID}-${client?.spanId}-01`, tracestate: 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7' });
    expect(client?.traceState).toBe('congo=t61rcWkgMzE,rojo=00f067aa0ba902b7');
  });

  it('starts a new trace without a traceparent (or with a malformed one), and sends no tracestate then', async () => {
    await start();
    const incoming: Array<Record<string, string>> = [{}, { traceparent: 'garbage' }, { traceparent: `00-${'0'.repeat(32)}-${PARENT_ID}-01` }];
    for (const headers of incoming) {
      const request = tracing.startRequestSpan(headersOf(headers));
      request.setOperation('query', null);
      const call = tracing.clientSpan(request, { template: HOLD_TEMPLATE, url: holdUrl('http://127.0.0.1:8080') });
      expect(Object.keys(call.headers())).toEqual(['traceparent']);
      call.end({ status: 202 });
      request.end(200);
    }
    await tracing.forceFlush();
    const servers = byKind(collector.spans(), 'SERVER');
    expect(servers).toHaveLength(3);
    for (const server of servers) {
      expect(server.parentSpanId).toBe('');
      expect(server.traceId).not.toBe(TRACE_ID);
      expect(server.attributes['graphql.operation.type']).toBe('query');
      expect(server.attributes).not.toHaveProperty('graphql.operation.name');
    }
    expect(new Set(servers.map((server) => server.traceId)).size).toBe(3);
    const client = byKind(collector.spans(), 'CLIENT')[0];
    expect(client?.attributes).toMatchObject({ 'server.address': '127.0.0.1', 'server.port': 8080, 'url.full': holdUrl('http://127.0.0.1:8080') });
  });

  it('exports nothing of a request whose incoming flags are 00, yet passes the decision on', async () => {
    await start();
    const request = tracing.startRequestSpan(headersOf({ traceparent: notSampled, tracestate: 'congo=t61rcWkgMzE' }));
    request.setOperation('mutation', 'Hold');
    const call = tracing.clientSpan(request, { template: HOLD_TEMPLATE, url: holdUrl() });
    const sent = call.headers();
    call.end({ status: 202 });
    request.end(200);
    await tracing.forceFlush();
    await tracing.shutdown();
    expect(collector.exports).toEqual([]);
    expect(request.recording).toBe(false);
    expect(request.traceIds()).toBeUndefined();
    expect(sent.traceparent).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-00$`));
    expect(sent.traceparent).not.toBe(notSampled);
    expect(sent.tracestate).toBe('congo=t61rcWkgMzE');
  });

  it('marks failures: a non-2xx answer, a call without an answer, a failed request', async () => {
    await start();
    const request = tracing.startRequestSpan(headersOf({ traceparent: sampled }));
    const answered = tracing.clientSpan(request, { template: HOLD_TEMPLATE, url: holdUrl() });
    answered.end({ status: 503 });
    const refused = tracing.clientSpan(request, { template: HOLD_TEMPLATE, url: holdUrl() });
    refused.end({ errorType: 'ECONNREFUSED' });
    refused.end({ status: 202 }); // a second end changes nothing
    request.end(500);
    const masked = tracing.startRequestSpan(headersOf({}));
    masked.recordError('INTERNAL_SERVER_ERROR');
    masked.end(200);
    await tracing.forceFlush();

    const [first, second] = byKind(collector.spans(), 'CLIENT');
    expect(first).toMatchObject({ status: { code: 'ERROR' }, attributes: { 'http.response.status_code': 503, 'error.type': '503' } });
    expect(second).toMatchObject({ status: { code: 'ERROR' }, attributes: { 'error.type': 'ECONNREFUSED' } });
    expect(second?.attributes).not.toHaveProperty('http.response.status_code');
    const servers = byKind(collector.spans(), 'SERVER');
    expect(servers.find((span) => span.traceId === TRACE_ID)).toMatchObject({
      status: { code: 'ERROR' },
      attributes: { 'http.response.status_code': 500, 'error.type': '500' },
    });
    expect(servers.find((span) => span.traceId !== TRACE_ID)).toMatchObject({
      status: { code: 'ERROR', message: '' },
      attributes: { 'http.response.status_code': 200, 'error.type': 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('puts no credential, header value, query string, body or URL user info in any span', async () => {
    await start();
    const secrets = ['Bearer tok-SECRET-1', 'key-SECRET-2', 'session-SECRET-3', 'VARIABLE-SECRET-4', 'URL-SECRET-5', 'baggage-SECRET-6'];
    const request = tracing.startRequestSpan(
      headersOf({
        traceparent: sampled,
        authorization: secrets[0]!,
        'x-api-key': secrets[1]!,
        'via-client-sessionid': secrets[2]!,
        baggage: `user=${secrets[5]}`,
      }),
      { method: 'GET', target: `/graphql?query=%7B__typename%7D&variables=%7B%22v%22%3A%22${secrets[3]}%22%7D` },
    );
    request.setOperation('query', 'Q');
    const call = tracing.clientSpan(request, { template: HOLD_TEMPLATE, url: holdUrl(`https://agent:${secrets[4]}@acme.example`) + '?debug=1#x' });
    expect(Object.keys(call.headers())).toEqual(['traceparent']); // no baggage forwarded
    call.end({ status: 401 });
    request.end(200);
    await tracing.forceFlush();

    const spans = collector.spans();
    expect(spans).toHaveLength(2);
    const decoded = JSON.stringify(spans);
    for (const received of collector.exports) {
      for (const secret of secrets) {
        expect(received.body.includes(secret), secret).toBe(false);
        expect(decoded.includes(secret), secret).toBe(false);
      }
      expect(received.body.includes('debug=1')).toBe(false);
    }
    expect(byKind(spans, 'SERVER')[0]?.attributes).toMatchObject({ 'url.path': '/graphql', 'http.request.method': 'GET' });
    expect(byKind(spans, 'CLIENT')[0]?.attributes['url.full']).toBe(holdUrl('https://acme.example'));
  });

  it('exports what is left on shutdown, without a flush', async () => {
    await start();
    const request = tracing.startRequestSpan(headersOf({ traceparent: sampled }));
    tracing.clientSpan(request, { template: HOLD_TEMPLATE, url: holdUrl() }).end({ status: 202 });
    request.end(200);
    expect(collector.exports).toEqual([]); // the batch timer (5 s by default) has not fired
    await tracing.shutdown();
    expect(collector.spans().map((span) => span.kind).sort()).toEqual(['CLIENT', 'SERVER']);
    // Once stopped, spans are dropped, not exported.
    tracing.startRequestSpan(headersOf({})).end(200);
    await tracing.forceFlush().catch(() => undefined);
    expect(collector.spans()).toHaveLength(2);
  });
});

describe('settings the OpenTelemetry specification defines', () => {
  const oneRequest = (tracing: Tracing, traceparent = sampled) => {
    const request = tracing.startRequestSpan(headersOf({ traceparent }));
    tracing.clientSpan(request, { template: HOLD_TEMPLATE, url: holdUrl() }).end({ status: 202 });
    request.end(200);
  };

  it('uses OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given, and appends /v1/traces to OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    const collector = await receiver();
    const asGiven = tracingWith({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${collector.url}/custom/traces`, OTEL_EXPORTER_OTLP_ENDPOINT: `${collector.url}/ignored` });
    oneRequest(asGiven);
    await asGiven.forceFlush();
    const withPrefix = tracingWith({ OTEL_EXPORTER_OTLP_ENDPOINT: `${collector.url}/otlp` });
    oneRequest(withPrefix);
    await withPrefix.forceFlush();
    expect(collector.exports.map((received) => received.path)).toEqual(['/custom/traces', '/otlp/v1/traces']);
  });

  it('sends OTEL_EXPORTER_OTLP_HEADERS to the collector, and OTEL_EXPORTER_OTLP_TRACES_PROTOCOL wins over OTEL_EXPORTER_OTLP_PROTOCOL', async () => {
    const collector = await receiver();
    const tracing = tracingWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-token=abc123,x-tenant=acme',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
    });
    oneRequest(tracing);
    await tracing.forceFlush();
    expect(collector.exports[0]?.headers).toMatchObject({ 'x-collector-token': 'abc123', 'x-tenant': 'acme' });
    expect(collector.exports[0]?.contentType).toContain('application/json');
  });

  it('names the service engagement-center-gateway unless OTEL_SERVICE_NAME says otherwise, and adds OTEL_RESOURCE_ATTRIBUTES', async () => {
    const collector = await receiver();
    const byDefault = createTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url }, { serviceVersion: '0.1.0' });
    started.push({ close: () => byDefault.shutdown() });
    oneRequest(byDefault);
    await byDefault.forceFlush();
    const named = tracingWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_SERVICE_NAME: 'ec-gateway-eu',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=staging,service.namespace=contact-center',
    });
    oneRequest(named);
    await named.forceFlush();
    const [first, second] = collector.exports.map((received) => received.spans[0]?.resource);
    expect(first).toMatchObject({ 'service.name': 'engagement-center-gateway', 'service.version': '0.1.0' });
    expect(second).toMatchObject({ 'service.name': 'ec-gateway-eu', 'deployment.environment.name': 'staging', 'service.namespace': 'contact-center' });
    // Each instance (each WORKERS process) is told apart.
    expect(first?.['service.instance.id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(first?.['service.instance.id']).not.toBe(second?.['service.instance.id']);
  });

  it('follows OTEL_TRACES_SAMPLER: always_off exports nothing, always_on exports even an unsampled parent', async () => {
    const collector = await receiver();
    const off = tracingWith({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_TRACES_SAMPLER: 'always_off' });
    oneRequest(off, sampled);
    await off.forceFlush();
    expect(collector.exports).toEqual([]);
    const on = tracingWith({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_TRACES_SAMPLER: 'always_on' });
    oneRequest(on, notSampled);
    await on.forceFlush();
    expect(collector.spans()).toHaveLength(2);
    const ratio = tracingWith({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' });
    oneRequest(ratio, sampled);
    await ratio.forceFlush();
    expect(collector.spans()).toHaveLength(2);
  });

  it('follows the OTEL_BSP_* variables: batch size, and the schedule delay', async () => {
    const collector = await receiver();
    const oneBatch = tracingWith({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url });
    oneRequest(oneBatch);
    oneRequest(oneBatch);
    await oneBatch.forceFlush();
    expect(collector.exports.map((received) => received.spans.length)).toEqual([4]);

    const small = tracingWith({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '1' });
    oneRequest(small);
    oneRequest(small);
    await small.forceFlush();
    expect(collector.exports.slice(1).map((received) => received.spans.length)).toEqual([1, 1, 1, 1]);

    // A short delay exports on its own; the receiver reports the export when it arrives.
    const soon = tracingWith({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_SCHEDULE_DELAY: '20' });
    const arrived = collector.nextExport(5_000);
    oneRequest(soon);
    expect((await arrived).spans).toHaveLength(2);
  });

  it('refuses what it cannot export with, naming the variable', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' };
    expect(() => createTracing({ ...endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(/^OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" is not supported/);
    expect(() => createTracing({ ...endpoint, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/xml' })).toThrow(TracingConfigError);
    expect(() => createTracing({ ...endpoint, OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow(/^OTEL_TRACES_EXPORTER: /);
    expect(() => createTracing({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'collector:4318' })).toThrow(/^OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: /);
    expect(() => createTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' })).toThrow(/^OTEL_EXPORTER_OTLP_ENDPOINT: /);
  });

  it('reads an env object without leaving its values in process.env', async () => {
    const collector = await receiver();
    const before = Object.entries(process.env).filter(([name]) => name.startsWith('OTEL_'));
    tracingWith({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: 'scoped' });
    expect(Object.entries(process.env).filter(([name]) => name.startsWith('OTEL_'))).toEqual(before);
  });
});

describe('several instances in one process', () => {
  it('export to their own collectors and register nothing globally', async () => {
    const [first, second] = [await receiver(), await receiver()];
    const a = tracingWith({ OTEL_EXPORTER_OTLP_ENDPOINT: first.url });
    const b = tracingWith({ OTEL_EXPORTER_OTLP_ENDPOINT: second.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' });
    a.startRequestSpan(headersOf({})).end(200);
    b.startRequestSpan(headersOf({})).end(200);
    b.startRequestSpan(headersOf({})).end(200);
    await Promise.all([a.forceFlush(), b.forceFlush()]);
    expect(first.spans()).toHaveLength(1);
    expect(second.spans()).toHaveLength(2);
    // The API's global tracer is still the no-op one: nothing was registered.
    expect(trace.getTracer('probe').startSpan('probe').isRecording()).toBe(false);
  });
});

describe('tracing off', () => {
  it.each([
    ['no endpoint', {}],
    ['OTEL_SDK_DISABLED=true', { OTEL_SDK_DISABLED: 'true' }],
    ['OTEL_TRACES_EXPORTER=none', { OTEL_TRACES_EXPORTER: 'none' }],
    ['blank endpoints', { OTEL_EXPORTER_OTLP_ENDPOINT: ' ', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: '' }],
  ])('with %s: no exporter, no span, no header, an incoming traceparent never copied', async (_case, settings) => {
    const collector = await receiver();
    const env: Record<string, string> = Object.keys(settings).length === 0 || 'OTEL_EXPORTER_OTLP_ENDPOINT' in settings
      ? settings
      : { ...settings, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url }; // a collector is named, yet unused
    const tracing = createTracing(env);
    expect(tracing.enabled).toBe(false);
    // One shared no-op: nothing is created, per instance or per call.
    expect(createTracing(env)).toBe(tracing);
    const request = tracing.startRequestSpan(headersOf({ traceparent: sampled, tracestate: 'congo=t61rcWkgMzE' }));
    expect(tracing.startRequestSpan(headersOf({}))).toBe(request);
    request.setOperation('mutation', 'Hold');
    const call = tracing.clientSpan(request, { template: HOLD_TEMPLATE, url: holdUrl() });
    expect(call.headers()).toEqual({});
    expect(tracing.clientSpan(request, { template: HOLD_TEMPLATE, url: holdUrl() }).headers()).toBe(call.headers());
    call.end({ status: 202 });
    request.end(200);
    expect(request.traceIds()).toBeUndefined();
    expect(request.run(() => tracing.current())).toBe(request);
    await tracing.forceFlush();
    await tracing.shutdown();
    expect(collector.exports).toEqual([]);
  });
});

describe('log lines', () => {
  it('carry trace_id and span_id inside a sampled request, across awaits, and nowhere else', async () => {
    const collector = await receiver();
    const tracing = tracingWith({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url });
    const logs = captureLogs();
    const request = tracing.startRequestSpan(headersOf({ traceparent: sampled }));
    const unsampled = tracing.startRequestSpan(headersOf({ traceparent: notSampled }));
    logs.logger.info({ requestId: 'before' }, 'outside');
    await request.run(async () => {
      expect(tracing.current()).toBe(request);
      logs.logger.info({ requestId: 'r-1' }, 'inside');
      await nextTurn();
      logs.logger.info({ requestId: 'r-1', headers: { authorization: 'Bearer tok-SECRET' } }, 'after an await');
    });
    await unsampled.run(async () => {
      await nextTurn();
      logs.logger.info({ requestId: 'r-2' }, 'unsampled');
    });
    logs.logger.info({ requestId: 'after' }, 'outside again');
    expect(tracing.current().recording).toBe(false);
    request.end(200);
    unsampled.end(200);
    await tracing.forceFlush();

    const server = byKind(collector.spans(), 'SERVER')[0];
    const lines = Object.fromEntries(logs.lines().map((line) => [line.msg as string, line]));
    for (const msg of ['inside', 'after an await']) {
      expect(lines[msg]).toMatchObject({ requestId: 'r-1', trace_id: TRACE_ID, span_id: server?.spanId });
    }
    for (const msg of ['outside', 'unsampled', 'outside again']) {
      expect(lines[msg]).toBeDefined();
      expect(lines[msg]).not.toHaveProperty('trace_id');
      expect(lines[msg]).not.toHaveProperty('span_id');
    }
    // Redaction still applies to lines that carry the ids.
    expect(logs.text()).not.toContain('tok-SECRET');
  });
});

describe('helpers for the REST call', () => {
  it('restUrlTemplate is the contract’s url.template', () => {
    const hold = endpoints.find((endpoint) => endpoint.resource === 'interactions' && endpoint.operation === 'hold');
    const connect = endpoints.find((endpoint) => endpoint.resource === 'users' && endpoint.operation === 'connect');
    expect(hold && restUrlTemplate(hold)).toBe(HOLD_TEMPLATE);
    expect(connect && restUrlTemplate(connect)).toBe('/via/v2/organizations/{orgId}/engagementCenter/users/{userId}/connect');
  });

  it('reads the incoming traceparent from Fetch headers, as Yoga hands them over', async () => {
    const collector = await receiver();
    const tracing = tracingWith({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url });
    expect(tracing.startRequestSpan(new Headers({ traceparent: sampled })).traceIds()?.trace_id).toBe(TRACE_ID);
  });

  it('errorTypeOf gives a code or a class name, never a message', () => {
    expect(errorTypeOf(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443 token=abc'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
    expect(errorTypeOf(new TypeError('Bearer abc'))).toBe('TypeError');
    expect(errorTypeOf('Bearer abc')).toBe('_OTHER');
    expect(errorTypeOf({ code: 'has spaces and Bearer abc', name: 'x y' })).toBe('_OTHER');
  });
});

describe('OTEL_* values the SDK would silently replace', () => {
  it.each([
    ['OTEL_TRACES_SAMPLER', 'bogus'],
    ['OTEL_SDK_DISABLED', 'maybe'],
    ['OTEL_BSP_SCHEDULE_DELAY', 'abc'],
    ['OTEL_TRACES_SAMPLER_ARG', '1.5'],
  ])('%s=%s stops the start with one line naming it', (name, value) => {
    expect(() => tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', [name]: value })).toThrow(new RegExp(`^${name}: .*"${value}"`));
  });
});
