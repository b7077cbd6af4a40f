/**
 * Agent events through a real federation gateway: Hive Gateway's runtime, served over HTTP, in
 * front of our subgraph (with its own simulator) and the CRM sample subgraph. Hive Gateway serves
 * its clients' subscriptions over SSE and subscribes to our subgraph with a GET and
 * `Accept: text/event-stream` (its default for subscriptions); it forwards the client's
 * `authorization`, `x-api-key`, `via-client-sessionid` and `x-alvaria-org-id` as configured. A
 * client that subscribes through it receives, in order, the events of the commands it runs through
 * it, resumes with `after`, and sees the subscription end with its code when the session is deleted.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices } from '@theguild/federation-composition';
import { Kind, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import { crmTypeDefs, startCrmSubgraph, type CrmSubgraph } from './federation/crm-subgraph.js';
import { silentLogger } from './helpers/logs.js';
import { subscribeSse, type SseSubscription } from './helpers/sse-subscription.js';
import { waitUntil as waitFor } from './helpers/subscriptions.js';

const forwardedHeaders = ['authorization', 'x-api-key', 'via-client-sessionid', 'x-alvaria-org-id'];
/** Not the gateway's default organization: the subscription finds the session only if the header reaches our subgraph. */
const credentials = { authorization: 'Bearer federated-token', 'x-api-key': 'federated-key', 'x-alvaria-org-id': 'tenant-9' };
const eventsQuery = 'subscription Events($after: ID) { agentEvents(after: $after) { id sequenceNumber kind category payload } }';

let gateway: RunningGateway;
let crm: CrmSubgraph;
let router: ReturnType<typeof createGatewayRuntime>;
let routerServer: Server;
let routerUrl: string;
const subscriptions: SseSubscription[] = [];
/** The requests Hive Gateway sent to our subgraph (to see how it subscribes). */
const toOurSubgraph: Array<{ method: string; accept: string | null; operation: string }> = [];

beforeAll(async () => {
  gateway = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1' }), { logger: silentLogger() });
  crm = await startCrmSubgraph();
  const { supergraphSdl, errors } = composeServices([
    { name: 'engagement-center', typeDefs: parse(readFileSync(new URL('../subgraph.graphql', import.meta.url), 'utf8')), url: `${gateway.url}/graphql` },
    { name: 'crm', typeDefs: parse(crmTypeDefs), url: crm.url },
  ]);
  if (!supergraphSdl) throw new Error(`composition failed: ${JSON.stringify(errors)}`);
  router = createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: false,
    maskedErrors: false, // a failing test should say why
    // The router forwards no header by default; subscriptions need the same ones as commands.
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => Object.fromEntries(forwardedHeaders.map((name) => [name, request.headers.get(name)])),
    },
    plugins: () => [
      {
        onFetch({ url, options, executionRequest }) {
          if (!url.startsWith(gateway.url)) return;
          const operation = executionRequest?.document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
          toOurSubgraph.push({ method: options.method ?? 'GET', accept: new Headers(options.headers as HeadersInit).get('accept'), operation: operation?.operation ?? '' });
        },
      },
    ],
  });
  routerServer = createServer(router);
  await new Promise<void>((resolve) => routerServer.listen(0, '127.0.0.1', resolve));
  routerUrl = `http://127.0.0.1:${(routerServer.address() as AddressInfo).port}/graphql`;
}, 60_000);

afterAll(async () => {
  await Promise.all(subscriptions.map((subscription) => subscription.close()));
  await new Promise<void>((resolve) => {
    routerServer?.close(() => resolve());
    routerServer?.closeAllConnections();
  });
  await router?.[Symbol.asyncDispose]();
  await crm?.close();
  await gateway?.close();
});

async function viaRouter(query: string, headers: Record<string, string>): Promise<{ data?: Record<string, { __typename: string; id?: string }>; errors?: unknown[] }> {
  const response = await fetch(routerUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: Record<string, { __typename: string }>; errors?: unknown[] };
}

/** Runs one command through the router and expects it accepted. */
async function command(mutation: string, headers: Record<string, string>): Promise<void> {
  const result = await viaRouter(`mutation { ${mutation} { __typename } }`, headers);
  expect(result.errors).toBeUndefined();
  expect(Object.values(result.data ?? {})[0]?.__typename).toBe('UserCommandAccepted');
}

function subscribe(headers: Record<string, string>, after?: string): SseSubscription {
  const subscription = subscribeSse({ url: routerUrl, query: eventsQuery, variables: after === undefined ? {} : { after }, headers });
  subscriptions.push(subscription);
  return subscription;
}

interface ReceivedEvent {
  readonly id: string;
  readonly sequenceNumber: number;
  readonly kind: string;
  readonly category: string;
  readonly payload: Record<string, unknown>;
}

const eventsOf = (subscription: SseSubscription): ReceivedEvent[] =>
  subscription.results.flatMap((result) => (result.payload.data?.agentEvents ? [result.payload.data.agentEvents as ReceivedEvent] : []));


describe('agentEvents through Hive Gateway', () => {
  it('a client receives, in order, the events of the commands it runs through the router; resumes with after; sees the ending code', async () => {
    const created = await viaRouter('mutation { streamingSessionCreate { __typename ... on StreamingSession { id } } }', credentials);
    expect(created.data?.streamingSessionCreate?.__typename).toBe('StreamingSession');
    const session = created.data?.streamingSessionCreate?.id ?? '';
    // Created in the organization the client named: the router forwarded x-alvaria-org-id.
    expect(gateway.simulator?.streaming.get(session)?.organization).toBe('tenant-9');
    const headers = { ...credentials, 'via-client-sessionid': session };

    // Without `after`, the events from the moment the subscription is established on our
    // subgraph: keep-alives through the router until one arrives tells that it is.
    const live = subscribe(headers);
    for (let attempt = 0; eventsOf(live).length === 0; attempt += 1) {
      if (attempt >= 20 || live.end()) throw new Error(`no event through the router: ${JSON.stringify({ end: live.end(), results: live.results })}`);
      await command('userKeepAlive(userId: "agent-7", input: { ehubSessionId: "4875" })', headers);
      await waitFor('a keep-alive', () => eventsOf(live).length > 0, 3_000).catch(() => undefined);
    }
    const warmedUp = eventsOf(live).length;
    // Hive Gateway subscribed to our subgraph over SSE: a GET asking for text/event-stream.
    expect(toOurSubgraph.filter((sent) => sent.operation === 'subscription')).toEqual([{ method: 'GET', accept: expect.stringContaining('text/event-stream'), operation: 'subscription' }]);

    const requestTimestamp = '2026-01-02T03:04:05.678Z';
    await command('userReady(userId: "agent-7", input: { ehubSessionId: "4875" })', headers);
    await command('userNotReady(userId: "agent-7", input: { ehubSessionId: "4875", notReadyType: NOT_READY, reasonId: "lunch" })', headers);
    await command('userAgentStatistics(userId: "agent-7", input: { ehubSessionId: "4875" })', headers);
    await command(`userKeepAlive(userId: "agent-7", input: { ehubSessionId: "4875", requestTimestamp: "${requestTimestamp}" })`, headers);
    await waitFor('the four events', () => eventsOf(live).length >= warmedUp + 4);

    const events = eventsOf(live);
    const first = events[0]!.sequenceNumber;
    expect(events.map((event) => event.sequenceNumber)).toEqual(events.map((_, index) => first + index));
    expect(events.every((event) => event.id === String(event.sequenceNumber))).toBe(true);
    const ours = events.slice(warmedUp);
    expect(ours.map((event) => event.kind)).toEqual(['simulator.AgentStateChanged', 'simulator.AgentStateChanged', 'engagementCenter.AgentStatistics', 'engagementCenter.KeepAlive']);
    expect(ours.map((event) => event.category)).toEqual(['simulator', 'simulator', 'engagementCenter', 'engagementCenter']);
    expect(ours[3]?.payload).toMatchObject({ requestTimestamp });

    // Resuming through the router: the retained events after the given id, then the live ones.
    const resumed = subscribe(headers, ours[0]!.id);
    await waitFor('the three retained events', () => eventsOf(resumed).length >= 3);
    expect(eventsOf(resumed).map((event) => event.sequenceNumber)).toEqual(ours.slice(1).map((event) => event.sequenceNumber));
    await command('userReady(userId: "agent-7", input: { ehubSessionId: "4875" })', headers);
    await waitFor('the next event on both', () => eventsOf(live).length === events.length + 1 && eventsOf(resumed).length === 4);
    expect(eventsOf(resumed).at(-1)).toEqual(eventsOf(live).at(-1));

    // Deleting the session through the router ends both subscriptions with its code.
    const deleted = await viaRouter('mutation { streamingSessionDelete { __typename } }', headers);
    expect(deleted.data?.streamingSessionDelete?.__typename).toBe('StreamingSessionDeleted');
    for (const subscription of [live, resumed]) {
      expect(await subscription.ended).toEqual({ kind: 'complete' });
      expect(subscription.results.at(-1)?.payload.errors?.[0]?.extensions?.code).toBe('STREAMING_SESSION_GONE');
    }
    // Nothing came twice, and one retrieval at a time.
    expect(eventsOf(live).length).toBe(events.length + 1);
    expect(gateway.simulator?.streaming.get(session)?.maxRetrievalsInFlight).toBe(1);
  }, 120_000);
});
