/**
 * A deployment adds its own Yoga/envelop plugins with `startGateway(config, { plugins })` (the
 * server `npm start` runs; `createGateway({ config, plugins })` underneath). Three real plugins
 * from the registry, each compared with the same request to a gateway without it:
 * - `@envelop/generic-auth` refuses a request without the right user (and, with
 *   `SUBGRAPH_REQUIRES_SCOPES=true`, a mutation the user's scopes do not cover) before anything
 *   is sent upstream;
 * - graphql-armor's cost limit refuses an expensive operation before anything runs;
 * - Hive usage reporting (`@graphql-hive/yoga`) sends reports naming the operations to a receiver
 *   on loopback, without any credential of the client.
 * And the gateway's own rules still hold with them present (406 before anything runs, a GET
 * mutation refused, credentials forwarded unchanged). Real HTTP throughout, with the headers
 * Apollo Client sends.
 */
import { useGenericAuth } from '@envelop/generic-auth';
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { useHive } from '@graphql-hive/yoga';
import type { GraphQLError, ValidationContext } from 'graphql';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/read-config.js';
import type { GatewayPlugin } from '../src/plugins/index.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import { waitFor } from './helpers/event-hubs.js';
import { clientHeaders } from './helpers/graphql-client.js';
import { silentLogger } from './helpers/logs.js';
import { startRecordingUpstream, type RecordingUpstream } from './helpers/recording-upstream.js';

/** What Apollo Client sends with every operation (besides the credentials). */
const apolloHeaders = { 'content-type': 'application/json', accept: 'application/graphql-response+json,application/json;q=0.9' } as const;

const hold = (selection = '__typename') => `mutation Hold { interactionHold(interactionId: "4320", input: { ehubSessionId: "4875" }) { ${selection} } }`;
const connectAgent = 'mutation Connect { userConnect(userId: "agent-7", input: { station: "5551234", attach: false }) { __typename } }';
const fullHoldSelection =
  '__typename ... on InteractionCommandAccepted { status interaction { id } } ... on UpstreamError { message status details { scope reason message } } ... on Error { message }';
const accepted = { data: { interactionHold: { __typename: 'InteractionCommandAccepted' } } };

let upstream: RecordingUpstream;
const running: RunningGateway[] = [];
beforeAll(async () => {
  upstream = await startRecordingUpstream();
});
afterAll(async () => {
  await Promise.all(running.map((gateway) => gateway.close()));
  await upstream.close();
});
beforeEach(() => {
  upstream.requests.length = 0;
  upstream.reply({ status: 202 });
});

/** The gateway as `npm start` runs it, in front of the recording upstream, with a deployment's plugins. */
async function serve(plugins: GatewayPlugin[], env: Record<string, string> = {}): Promise<RunningGateway> {
  const gateway = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1', ALVARIA_BASE_URL: upstream.url, ALVARIA_ORG_ID: 'acme', ...env }), {
    logger: silentLogger(),
    plugins,
  });
  running.push(gateway);
  return gateway;
}

/** Closes a gateway before the suite ends (its plugins are disposed: Hive sends what is pending). */
async function stop(gateway: RunningGateway): Promise<void> {
  running.splice(running.indexOf(gateway), 1);
  await gateway.close();
}

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

async function post(gateway: RunningGateway, query: string, headers: Record<string, string> = clientHeaders, accept?: string): Promise<Answer> {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { ...apolloHeaders, ...(accept ? { accept } : {}), ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

describe('@envelop/generic-auth: only known users send commands', () => {
  interface User {
    readonly id: string;
    /** OAuth scopes, space-separated, as in a token's `scope` claim. */
    readonly scope: string;
  }
  /** The deployment's token check (here a table; in production, a JWT verification or token introspection). */
  const users = new Map<string, User>([
    [clientHeaders.authorization, { id: 'supervisor', scope: 'engagementcenterapi' }],
    ['Bearer agent-token', { id: 'agent', scope: 'engagementcenterapi.withoutconnect' }],
  ]);
  let resolved = 0;
  const auth = useGenericAuth<User, { request: Request }>({
    mode: 'protect-all',
    resolveUserFn: ({ request }) => {
      resolved += 1;
      return users.get(request.headers.get('authorization') ?? '') ?? null;
    },
  });

  let guarded: RunningGateway;
  let plain: RunningGateway;
  beforeAll(async () => {
    // SUBGRAPH_REQUIRES_SCOPES: the mutations carry the vendor's scopes, which the plugin checks against the user's.
    [guarded, plain] = await Promise.all([serve([auth], { SUBGRAPH_REQUIRES_SCOPES: 'true' }), serve([], { SUBGRAPH_REQUIRES_SCOPES: 'true' })]);
  });
  beforeEach(() => {
    resolved = 0;
  });

  it('refuses an unknown user with its own error, and nothing reaches the upstream; without it the command is sent', async () => {
    const stranger = { ...clientHeaders, authorization: 'Bearer somebody-else' };
    const refused = await post(guarded, hold(), stranger);
    expect(refused.status).toBe(401);
    expect(refused.body.data).toBeNull();
    expect(refused.body.errors).toEqual([expect.objectContaining({ message: 'Unauthorized field or type', path: ['interactionHold'], extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } })]);
    expect(upstream.requests).toHaveLength(0);
    expect(resolved).toBe(1);

    const passed = await post(plain, hold(), stranger);
    expect(passed).toEqual({ status: 200, body: accepted });
    expect(upstream.requests).toHaveLength(1);
  });

  it('refuses a request without Authorization with its error, where the gateway alone answers UnauthorizedError as data', async () => {
    const { authorization: _, ...anonymous } = clientHeaders;
    const refused = await post(guarded, hold('__typename ... on Error { message }'), anonymous);
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHORIZED_FIELD_OR_TYPE' });

    const ours = await post(plain, hold('__typename ... on Error { message }'), anonymous);
    expect(ours.status).toBe(200);
    expect(ours.body.data).toMatchObject({ interactionHold: { __typename: 'UnauthorizedError' } });
    expect(upstream.requests).toHaveLength(0);
  });

  it('lets a known user through: the command is sent, with the credentials forwarded unchanged and nothing added', async () => {
    expect(await post(guarded, hold())).toEqual({ status: 200, body: accepted });
    expect(upstream.requests).toHaveLength(1);
    const [sent] = upstream.requests;
    expect(sent?.url).toBe('/via/v2/organizations/acme/engagementCenter/interactions/4320/hold');
    expect(sent?.headers).toMatchObject(clientHeaders);
    // The same headers as the gateway alone sends.
    await post(plain, hold());
    expect(Object.keys(upstream.requests[1]?.headers ?? {}).sort()).toEqual(Object.keys(sent?.headers ?? {}).sort());
  });

  it("enforces the mutations' @requiresScopes on the user's scopes: an agent token may hold, not connect", async () => {
    const agent = { ...clientHeaders, authorization: 'Bearer agent-token' };
    expect(await post(guarded, hold(), agent)).toEqual({ status: 200, body: accepted });
    const refused = await post(guarded, connectAgent, agent);
    expect(refused.status).toBe(401);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: ['userConnect'], extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } })]);
    expect(upstream.requests.map((request) => request.url)).toEqual(['/via/v2/organizations/acme/engagementCenter/interactions/4320/hold']);

    // The supervisor's scope covers userConnect; and without the plugin the agent's connect is sent (the API decides).
    expect((await post(guarded, connectAgent)).body.data).toEqual({ userConnect: { __typename: 'UserCommandAccepted' } });
    expect((await post(plain, connectAgent, agent)).body.data).toEqual({ userConnect: { __typename: 'UserCommandAccepted' } });
    expect(upstream.requests).toHaveLength(3);
  });

  it("keeps the gateway's rules first: a 406 and a GET mutation are refused before the plugin is asked, nothing sent", async () => {
    const notAcceptable = await post(guarded, hold(), clientHeaders, 'text/xml');
    expect(notAcceptable.status).toBe(406);
    expect(notAcceptable.body.errors?.length).toBeGreaterThan(0);

    const viaGet = await fetch(`${guarded.url}/graphql?query=${encodeURIComponent(hold())}`, { headers: { accept: apolloHeaders.accept, ...clientHeaders } });
    expect(viaGet.status).toBe(405);
    await viaGet.body?.cancel();

    expect(resolved).toBe(0);
    expect(upstream.requests).toHaveLength(0);
    // The same operation, acceptably asked for, is the plugin's to judge.
    expect(await post(guarded, hold())).toEqual({ status: 200, body: accepted });
    expect(resolved).toBe(1);
  });
});

/** Reported as a validation error (coded, cached with the document), as the gateway's own graphql-armor rules are. */
const costLimit = (maxCost: number) =>
  costLimitPlugin({
    maxCost,
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
  });

describe("graphql-armor's cost limit: an expensive operation is refused before anything runs", () => {
  let limited: RunningGateway;
  let plain: RunningGateway;
  beforeAll(async () => {
    [limited, plain] = await Promise.all([serve([costLimit(20)]), serve([])]);
  });

  it('refuses the expensive one with a 400 and no data, nothing sent; without the limit it runs', async () => {
    const refused = await post(limited, hold(fullHoldSelection));
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/Query Cost limit of 20 exceeded, found \d/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })]);
    expect(upstream.requests).toHaveLength(0);

    const passed = await post(plain, hold(fullHoldSelection));
    expect(passed.status).toBe(200);
    expect(passed.body.data).toEqual({ interactionHold: { __typename: 'InteractionCommandAccepted', status: 202, interaction: { id: '4320' } } });
    expect(upstream.requests).toHaveLength(1);
  });

  it('runs a cheap one, and the command is sent', async () => {
    expect(await post(limited, hold())).toEqual({ status: 200, body: accepted });
    expect(upstream.requests).toHaveLength(1);
  });
});

/** A usage-reporting endpoint on loopback that records what it is sent. */
interface Receiver {
  readonly url: string;
  readonly received: Array<{ method: string; url: string; headers: IncomingHttpHeaders; body: string }>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const received: Receiver['received'] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The part of a Hive usage report (`x-usage-api-version: 2`) the test reads. */
interface UsageReport {
  size: number;
  map: Record<string, { operationName?: string; operation: string; fields: string[] }>;
  operations?: Array<{ operationMapKey: string; execution: { ok: boolean } }>;
}

const eventually = (check: () => boolean): Promise<void> => waitFor('the condition', check, 10_000);

/** Hive usage reporting where everything Hive could reach is the receiver: usage there; no schema reporting, token info or CDN. */
const hiveTo = (receiver: Receiver, agent: { maxSize: number; sendInterval: number }): GatewayPlugin =>
  useHive({
    enabled: true,
    token: 'hive-usage-token',
    selfHosting: { graphqlEndpoint: `${receiver.url}/graphql`, applicationUrl: receiver.url, usageEndpoint: `${receiver.url}/usage` },
    usage: true,
    reporting: false,
    printTokenInfo: false,
    agent: { ...agent, timeout: 5_000 },
  });

const reportsOf = (receiver: Receiver): UsageReport[] => receiver.received.map((request) => JSON.parse(request.body) as UsageReport);
const reportedNames = (receiver: Receiver): Array<string | undefined> => reportsOf(receiver).flatMap((report) => Object.values(report.map).map((entry) => entry.operationName));

describe('Hive usage reporting (@graphql-hive/yoga) to a receiver on loopback', () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
  });

  it('reports the operations by name and the fields they used, answers them as without it, and carries no credential of the client', async () => {
    // Each operation sent as it completes.
    const [reported, plain] = await Promise.all([serve([hiveTo(receiver, { maxSize: 1, sendInterval: 200 })]), serve([])]);
    const lookup = 'query Lookup { engagementCenter { apiVersion } }';
    const answers = [await post(reported, hold()), await post(reported, lookup)];
    await eventually(() => reportedNames(receiver).includes('Hold') && reportedNames(receiver).includes('Lookup'));

    // The plugin changes no answer: the same requests without it get the same.
    expect(answers).toEqual([await post(plain, hold()), await post(plain, lookup)]);
    expect(answers[0]).toEqual({ status: 200, body: accepted });

    const entries = reportsOf(receiver).flatMap((report) => Object.values(report.map));
    const holdEntry = entries.find((entry) => entry.operationName === 'Hold');
    expect(holdEntry?.fields).toEqual(expect.arrayContaining(['Mutation.interactionHold', 'Mutation.interactionHold.interactionId', 'Mutation.interactionHold.input', 'HoldInput.ehubSessionId']));
    expect(holdEntry?.operation).toMatch(/^mutation Hold\b/);
    expect(entries.find((entry) => entry.operationName === 'Lookup')?.fields).toEqual(expect.arrayContaining(['Query.engagementCenter', 'EngagementCenter.apiVersion']));
    expect(reportsOf(receiver).flatMap((report) => report.operations ?? []).every((operation) => operation.execution.ok)).toBe(true);

    for (const request of receiver.received) {
      expect(request).toMatchObject({ method: 'POST', url: '/usage' });
      // Hive's own token, not the client's.
      expect(request.headers.authorization).toBe('Bearer hive-usage-token');
      const sent = JSON.stringify(request.headers) + request.body;
      for (const value of Object.values(clientHeaders)) expect(sent).not.toContain(value.replace(/^Bearer /, ''));
      // Literals are hidden: no path id, no input value.
      expect(request.body).not.toMatch(/4320|4875/);
    }
    await Promise.all([stop(reported), stop(plain)]);
  });

  it("sends what is still pending when the gateway closes (Yoga disposes the plugin); a gateway without it reports nothing", async () => {
    // Nothing is sent before a minute or 100 operations: only the close can send it.
    const reported = await serve([hiveTo(receiver, { maxSize: 100, sendInterval: 60_000 })]);
    const plain = await serve([]);
    await post(reported, 'query Pending { engagementCenter { apiVersion } }');
    await post(plain, 'query Unreported { engagementCenter { apiVersion } }');
    expect(receiver.received).toHaveLength(0);

    await Promise.all([stop(reported), stop(plain)]);
    expect(reportedNames(receiver)).toEqual(['Pending']);
  });
});

describe('the three together', () => {
  const named = (name: string, selection?: string) => hold(selection).replace('mutation Hold', `mutation ${name}`);

  it.each([
    ['Hive listed last reports what ran', 'last', ['Allowed']],
    ['Hive listed first also reports what the user check refused', 'first', ['Allowed', 'Stranger']],
  ] as const)('each acts at its step, after the gateway\'s rules, in the order given: %s', async (_title, hivePlace, expected) => {
    const receiver = await startReceiver();
    let resolved = 0;
    const auth = useGenericAuth<{ id: string }, { request: Request }>({
      mode: 'protect-all',
      resolveUserFn: ({ request }) => {
        resolved += 1;
        return request.headers.get('authorization') === clientHeaders.authorization ? { id: 'supervisor' } : null;
      },
    });
    const limit = costLimit(20);
    // Reported when the gateway closes.
    const hive = hiveTo(receiver, { maxSize: 100, sendInterval: 60_000 });
    const gateway = await serve(hivePlace === 'first' ? [hive, auth, limit] : [auth, limit, hive]);
    try {
      // The cost limit is a validation rule: it refuses before any user is resolved, whatever the order.
      expect((await post(gateway, named('Costly', fullHoldSelection))).status).toBe(400);
      expect(resolved).toBe(0);
      expect((await post(gateway, named('Stranger'), { ...clientHeaders, authorization: 'Bearer somebody-else' })).status).toBe(401);
      expect(resolved).toBe(1);
      expect(await post(gateway, named('Allowed'))).toEqual({ status: 200, body: accepted });
      expect(upstream.requests).toHaveLength(1);
    } finally {
      await stop(gateway);
      await receiver.close();
    }
    expect(reportedNames(receiver).sort()).toEqual(expected);
  });
});
