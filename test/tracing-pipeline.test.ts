/**
 * Tracing on the server `npm start` builds (`startGateway` with `createTracing` from OTEL_*
 * variables), against an OTLP receiver and a recording upstream on loopback, in both protocols:
 * one SERVER span per request continuing the caller's trace, a CLIENT span per REST call whose id
 * is the one the upstream received in `traceparent`, log lines carrying the ids, no secrets.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/read-config.js';
import { createTracing, type Tracing } from '../src/observability/tracing.js';
import { startGateway } from '../src/server/serve.js';
import { clientHeaders } from './helpers/graphql-client.js';
import { captureLogs, type CapturedLogs } from './helpers/logs.js';
import { startOtlpReceiver, type OtlpReceiver } from './helpers/otlp-receiver.js';
import { startRecordingUpstream, type RecordingUpstream } from './helpers/recording-upstream.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';
const HOLD = 'mutation Hold { interactionHold(interactionId: "ixn-1", input: { ehubSessionId: "ehub-body-marker" }) { __typename } }';

interface Setup {
  readonly url: string;
  readonly tracing: Tracing;
  readonly collector: OtlpReceiver;
  readonly upstream: RecordingUpstream;
  readonly logs: CapturedLogs;
}

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function setup(env: (collector: OtlpReceiver) => Record<string, string>): Promise<Setup> {
  const collector = await startOtlpReceiver();
  stops.push(() => collector.close());
  const upstream = await startRecordingUpstream();
  stops.push(() => upstream.close());
  const tracing = createTracing(env(collector));
  stops.push(() => tracing.shutdown());
  const logs = captureLogs();
  const running = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1', ALVARIA_BASE_URL: upstream.url, ALVARIA_ORG_ID: 'acme' }), { logger: logs.logger,  tracing });
  stops.push(() => running.close());
  return { url: running.url, tracing, collector, upstream, logs };
}

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...clientHeaders, ...headers }, body });

describe.each(['http/protobuf', 'http/json'])('tracing over %s', (protocol) => {
  it('continues the caller’s trace: one SERVER span per request, a CLIENT span per REST call named in its traceparent, ids in the logs, no secrets', async () => {
    const { url, tracing, collector, upstream, logs } = await setup((collector) => ({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_EXPORTER_OTLP_PROTOCOL: protocol }));
    const traceparent = `00-${TRACE_ID}-${PARENT_ID}-01`;
    const ok = await post(url, JSON.stringify({ query: HOLD }), { traceparent, tracestate: 'vendor=abc', baggage: 'user=secret-baggage' });
    expect(ok.status).toBe(200);
    // Refused before anything runs: still one span, with the refusal's status.
    const refused = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/xml', traceparent }, body: '<q/>' });
    expect(refused.status).toBe(415);
    const query = await fetch(`${url}/graphql?query=${encodeURIComponent('query Version { engagementCenter { apiVersion } }')}`, { headers: { traceparent } });
    expect(query.status).toBe(200);
    await fetch(`${url}/health`, { headers: { traceparent } }); // not /graphql: no span
    await tracing.forceFlush();

    const servers = collector.spans().filter((span) => span.kind === 'SERVER');
    expect(servers).toHaveLength(3);
    for (const span of servers) expect(span).toMatchObject({ traceId: TRACE_ID, parentSpanId: PARENT_ID });
    const [mutation, refusal, get] = servers;
    expect(mutation).toMatchObject({
      name: 'POST /graphql',
      status: { code: 'UNSET' },
      attributes: { 'graphql.operation.type': 'mutation', 'graphql.operation.name': 'Hold', 'http.response.status_code': 200 },
    });
    expect(refusal?.attributes).toMatchObject({ 'http.response.status_code': 415 });
    expect(refusal?.attributes).not.toHaveProperty('graphql.operation.type');
    expect(get).toMatchObject({ name: 'GET /graphql', attributes: { 'graphql.operation.type': 'query', 'graphql.operation.name': 'Version' } });

    // The REST call: a CLIENT span below the SERVER span, the one the upstream's traceparent names.
    const clients = collector.spans().filter((span) => span.kind === 'CLIENT');
    expect(clients).toHaveLength(1);
    const [client] = clients;
    expect(client).toMatchObject({
      traceId: TRACE_ID,
      parentSpanId: mutation?.spanId,
      name: 'POST /via/v2/organizations/{orgId}/engagementCenter/interactions/{interactionId}/hold',
      attributes: {
        'http.request.method': 'POST',
        'url.template': '/via/v2/organizations/{orgId}/engagementCenter/interactions/{interactionId}/hold',
        'server.address': '127.0.0.1',
        'server.port': Number(new URL(upstream.url).port),
        'http.response.status_code': 202,
      },
    });
    const sent = upstream.requests[0]?.headers ?? {};
    expect(sent.traceparent).toBe(`00-${TRACE_ID}-${client?.spanId}-01`);
    expect(sent.tracestate).toBe('vendor=abc');
    expect(sent).not.toHaveProperty('baggage');

    // Nothing secret, nor the document of the GET, in what was exported.
    for (const secret of [clientHeaders.authorization, clientHeaders['x-api-key'], clientHeaders['via-client-sessionid'], 'secret-baggage', 'apiVersion', 'ehub-body-marker']) {
      expect(collector.exports.some((received) => received.body.includes(secret))).toBe(false);
    }

    // Every line of a traced request carries its ids: the SERVER span's, or one below it.
    const requestLines = logs.lines().filter((line) => line.msg === 'graphql request');
    expect(requestLines.map((line) => [line.status, line.trace_id, line.span_id])).toEqual(servers.map((span) => [span.attributes['http.response.status_code'], TRACE_ID, span.spanId]));
    // The mutation's line also tells its REST call.
    expect(requestLines.find((line) => line.operationType === 'mutation')).toMatchObject({ upstream: [{ endpoint: 'interactions/{interactionId}/hold', outcome: '202' }] });
  });
});

describe('the SERVER span', () => {
  it('exports nothing for flags 00, and with tracing off the pipeline answers as before with no span and no ids in the logs', async () => {
    const sampledOut = await setup((collector) => ({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url }));
    expect((await post(sampledOut.url, JSON.stringify({ query: HOLD }), { traceparent: `00-${TRACE_ID}-${PARENT_ID}-00` })).status).toBe(200);
    await sampledOut.tracing.forceFlush();
    expect(sampledOut.collector.exports).toEqual([]);

    const off = await setup(() => ({}));
    expect(off.tracing.enabled).toBe(false);
    const answer = await post(off.url, JSON.stringify({ query: HOLD }), { traceparent: `00-${TRACE_ID}-${PARENT_ID}-01` });
    expect(await answer.json()).toEqual({ data: { interactionHold: { __typename: 'InteractionCommandAccepted' } } });
    for (const setupLogs of [sampledOut.logs, off.logs]) {
      const line = setupLogs.lines().find((entry) => entry.msg === 'graphql request');
      expect(line).toBeDefined();
      expect(line).not.toHaveProperty('trace_id');
    }
    // Tracing off: the incoming traceparent is not copied, and no trace header is added.
    expect(off.upstream.requests[0]?.headers).not.toHaveProperty('traceparent');
    expect(off.upstream.requests[0]?.headers).not.toHaveProperty('tracestate');
  });
});
