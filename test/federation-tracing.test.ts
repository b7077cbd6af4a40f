/**
 * One trace from a real federation gateway to the REST API: Hive Gateway's runtime with Hive's own
 * OpenTelemetry plugin (`@graphql-hive/plugin-opentelemetry`, set up as the README shows) in front
 * of our subgraph, served by `startGateway` with `createTracing` from OTEL_* variables in front of
 * a recording upstream. Both export over OTLP/HTTP to one loopback receiver (the router in JSON,
 * ours in protobuf, the production default).
 *
 * The router sends `traceparent` to each subgraph because its plugin injects the W3C trace context
 * of its `http.fetch` span into every subgraph request (`propagateContext`, on by default, through
 * the global propagator `openTelemetrySetup` registers). The runtime's `propagateHeaders` is for
 * the client's credentials only; it is not how the trace travels: without the plugin the router
 * has no span to name, and a forwarded client `traceparent` would make our span the client's child.
 */
import { readFileSync } from 'node:fs';
import { createGatewayRuntime, createLoggerFromLogging } from '@graphql-hive/gateway-runtime';
import { useOpenTelemetry } from '@graphql-hive/plugin-opentelemetry';
import { hive } from '@graphql-hive/plugin-opentelemetry/api';
import { disable as disableOpenTelemetry, openTelemetrySetup } from '@graphql-hive/plugin-opentelemetry/setup';
import { ProxyTracerProvider, trace, type TracerProvider } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/read-config.js';
import { createTracing, type Tracing } from '../src/observability/tracing.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import { crmTypeDefs, startCrmSubgraph, type CrmSubgraph } from './federation/crm-subgraph.js';
import { clientHeaders } from './helpers/graphql-client.js';
import { silentLogger } from './helpers/logs.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './helpers/otlp-receiver.js';
import { startRecordingUpstream, type RecordingUpstream } from './helpers/recording-upstream.js';

const OURS = 'engagement-center-gateway';
const ROUTER = 'router';
const HOLD_TEMPLATE = 'POST /via/v2/organizations/{orgId}/engagementCenter/interactions/{interactionId}/hold';
const HOLD = `mutation Hold {
  interactionHold(interactionId: "ixn-77", input: { ehubSessionId: "ehub-body-marker" }) {
    __typename
    ... on InteractionCommandAccepted { status interaction { id customer { name } } }
  }
}`;
const FORWARDED = ['authorization', 'x-api-key', 'via-client-sessionid'];

interface Flushable extends TracerProvider {
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

let receiver: OtlpReceiver;
let upstream: RecordingUpstream;
let tracing: Tracing;
let gateway: RunningGateway;
let crm: CrmSubgraph;
let router: ReturnType<typeof createGatewayRuntime>;
let routerProvider: Flushable;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  upstream = await startRecordingUpstream();
  tracing = createTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
  gateway = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1', ALVARIA_BASE_URL: upstream.url, ALVARIA_ORG_ID: 'acme' }), { logger: silentLogger(),  tracing });
  crm = await startCrmSubgraph();

  // The router's tracing, as the README's telemetry.ts: a global tracer provider, context manager
  // and W3C propagators, exporting over OTLP/HTTP.
  openTelemetrySetup({
    log: createLoggerFromLogging(false),
    contextManager: new AsyncLocalStorageContextManager(),
    resource: { serviceName: ROUTER },
    traces: { exporter: new OTLPTraceExporter({ url: `${receiver.url}/v1/traces` }) },
  });
  const registered = trace.getTracerProvider();
  const provider = registered instanceof ProxyTracerProvider ? registered.getDelegate() : registered;
  if (!('forceFlush' in provider && 'shutdown' in provider)) throw new Error('openTelemetrySetup registered no SDK tracer provider');
  routerProvider = provider as Flushable;

  const { supergraphSdl, errors } = composeServices([
    { name: 'engagement-center', typeDefs: parse(readFileSync(new URL('../subgraph.graphql', import.meta.url), 'utf8')), url: `${gateway.url}/graphql` },
    { name: 'crm', typeDefs: parse(crmTypeDefs), url: crm.url },
  ]);
  if (!supergraphSdl) throw new Error(`composition failed: ${JSON.stringify(errors)}`);
  router = createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: false,
    maskedErrors: false,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => Object.fromEntries(FORWARDED.map((name) => [name, request.headers.get(name)])),
    },
    plugins: (context) => [useOpenTelemetry({ ...context, traces: true })],
  });
});

afterAll(async () => {
  await router?.[Symbol.asyncDispose]();
  await routerProvider?.shutdown();
  disableOpenTelemetry();
  hive.disable();
  await gateway?.close();
  await crm?.close();
  await tracing?.shutdown();
  await upstream?.close();
  await receiver?.close();
});

async function viaRouter(headers: Record<string, string> = {}) {
  const response = await router.fetch('http://router.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...clientHeaders, ...headers },
    body: JSON.stringify({ query: HOLD }),
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({
    data: {
      interactionHold: {
        __typename: 'InteractionCommandAccepted',
        status: 202,
        interaction: { id: 'ixn-77', customer: { name: 'Customer of ixn-77' } },
      },
    },
  });
}

/** Every span of both exporters is at the receiver once these resolve (it answers after decoding). */
async function flushBoth() {
  await routerProvider.forceFlush();
  await tracing.forceFlush();
}

const serviceOf = (span: ReceivedSpan) => span.resource['service.name'];

/** The span and its ancestors up to the root, each parent found in the same trace. */
function ancestry(span: ReceivedSpan, spans: readonly ReceivedSpan[]): ReceivedSpan[] {
  const chain = [span];
  for (let current = span; current.parentSpanId !== ''; ) {
    const parent = spans.find((candidate) => candidate.traceId === current.traceId && candidate.spanId === current.parentSpanId);
    if (!parent) return chain; // the caller's span, outside this process
    chain.push(parent);
    current = parent;
  }
  return chain;
}

/** The REST call the router's request caused, and the trace its `traceparent` names. */
function traceOfRestCall(before: number) {
  expect(upstream.requests.length).toBe(before + 1);
  const sent = upstream.requests[before]!;
  expect(sent.url).toBe('/via/v2/organizations/acme/engagementCenter/interactions/ixn-77/hold');
  const [, traceId, spanId] = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(String(sent.headers.traceparent)) ?? [];
  expect(traceId).toBeDefined();
  const spans = receiver.spans().filter((span) => span.traceId === traceId);
  const client = spans.find((span) => span.spanId === spanId);
  expect(client).toBeDefined();
  return { spans, client: client!, chain: ancestry(client!, spans) };
}

describe('through a federation gateway with its own tracing (Hive Gateway + @graphql-hive/plugin-opentelemetry)', () => {
  it('makes one trace: the router’s spans → our SERVER span (a child of the router’s subgraph fetch) → our CLIENT span, named by the REST call’s traceparent', async () => {
    const before = upstream.requests.length;
    await viaRouter();
    await flushBoth();

    const { spans, client, chain } = traceOfRestCall(before);
    // From the REST call up to the router's root: every parent in the same trace.
    expect(chain.map((span) => [serviceOf(span), span.kind, span.name])).toEqual([
      [OURS, 'CLIENT', HOLD_TEMPLATE],
      [OURS, 'SERVER', 'POST /graphql'],
      [ROUTER, 'CLIENT', 'http.fetch'],
      [ROUTER, 'CLIENT', 'subgraph.execute (engagement-center)'],
      [ROUTER, 'INTERNAL', 'graphql.execute'],
      [ROUTER, 'INTERNAL', 'graphql.operation Hold'],
      [ROUTER, 'SERVER', 'POST /graphql'],
    ]);
    const [, server, fetch, subgraph, , , root] = chain;
    // The router started the trace (the client sent no traceparent).
    expect(root?.parentSpanId).toBe('');
    expect(root?.attributes).toMatchObject({ 'http.url': 'http://router.test/graphql' });
    // Our SERVER span's parent is the router's fetch of our subgraph, not its fetch of the other.
    expect(server?.parentSpanId).toBe(fetch?.spanId);
    expect(fetch?.attributes).toMatchObject({ 'http.url': `${gateway.url}/graphql`, 'http.status_code': 200 });
    expect(subgraph?.attributes).toMatchObject({ 'hive.gateway.upstream.subgraph.name': 'engagement-center' });
    expect(server?.attributes).toMatchObject({ 'graphql.operation.type': 'mutation', 'graphql.operation.name': 'Hold', 'http.response.status_code': 200 });
    expect(client).toMatchObject({
      parentSpanId: server?.spanId,
      attributes: { 'http.response.status_code': 202, 'server.port': Number(new URL(upstream.url).port) },
    });

    // The same trace holds the router's fetch of the CRM subgraph, and exactly our two spans.
    expect(spans.filter((span) => serviceOf(span) === ROUTER).map((span) => span.name)).toContain('subgraph.execute (crm)');
    expect(spans.filter((span) => serviceOf(span) === OURS).map((span) => span.kind).sort()).toEqual(['CLIENT', 'SERVER']);

    // Both sent OTLP/HTTP to the receiver: the router in JSON, our gateway in protobuf.
    const exportsOf = (service: string) => receiver.exports.filter((received) => received.spans.some((span) => span.traceId === client.traceId && serviceOf(span) === service));
    const routerExports = exportsOf(ROUTER);
    const ourExports = exportsOf(OURS);
    expect(routerExports.length).toBeGreaterThan(0);
    expect(ourExports.length).toBeGreaterThan(0);
    for (const received of routerExports) expect([received.path, received.contentType]).toEqual(['/v1/traces', 'application/json']);
    for (const received of ourExports) expect([received.path, received.contentType]).toEqual(['/v1/traces', 'application/x-protobuf']);
    // Hive's plugin records the document (`graphql.document`: the ehubSessionId ehub-body-marker is in it); our
    // spans hold neither it nor a credential the router forwarded.
    expect(routerExports.some((received) => received.body.includes('ehub-body-marker'))).toBe(true);
    for (const secret of ['ehub-body-marker', clientHeaders.authorization, clientHeaders['x-api-key'], clientHeaders['via-client-sessionid']]) {
      expect(ourExports.some((received) => received.body.includes(secret))).toBe(false);
    }
  });

  it('continues the client’s trace through the router: our SERVER span is still the child of the router’s fetch, not of the client’s span', async () => {
    const clientTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const clientSpanId = '00f067aa0ba902b7';
    const before = upstream.requests.length;
    await viaRouter({ traceparent: `00-${clientTraceId}-${clientSpanId}-01` });
    await flushBoth();

    const { client, chain } = traceOfRestCall(before);
    expect(client.traceId).toBe(clientTraceId);
    expect(chain.map((span) => [serviceOf(span), span.name])).toEqual([
      [OURS, HOLD_TEMPLATE],
      [OURS, 'POST /graphql'],
      [ROUTER, 'http.fetch'],
      [ROUTER, 'subgraph.execute (engagement-center)'],
      [ROUTER, 'graphql.execute'],
      [ROUTER, 'graphql.operation Hold'],
      [ROUTER, 'POST /graphql'],
    ]);
    expect(chain.at(-1)?.parentSpanId).toBe(clientSpanId);
    expect(chain[1]?.parentSpanId).not.toBe(clientSpanId);
  });
});
