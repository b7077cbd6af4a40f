/**
 * `SUBGRAPH_REQUIRES_SCOPES=true`: the gateway, started as `npm start` runs it, serves the scoped
 * SDL (`subgraph-requires-scopes.graphql`); composed with the sample CRM subgraph it is served by
 * Hive Gateway, which accepts the security feature and, with its generic-auth plugin, enforces
 * the scopes before any REST call is made.
 */
import { readFileSync } from 'node:fs';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import { crmTypeDefs, startCrmSubgraph, type CrmSubgraph } from './federation/crm-subgraph.js';
import { clientHeaders } from './helpers/graphql-client.js';
import { silentLogger } from './helpers/logs.js';

const committed = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
const scopedSdl = committed('subgraph-requires-scopes.graphql');

/**
 * The scopes each test token grants, standing in for the verified `scope` claim a JWT plugin
 * would give the router (the simulator accepts any bearer token).
 */
const scopesByToken: Record<string, string> = {
  'Bearer agent-token': 'engagementcenterapi.withoutconnect',
  'Bearer full-token': 'engagementcenterapi',
};

const forwardedHeaders = ['authorization', 'x-api-key', 'via-client-sessionid', 'x-alvaria-org-id'];

function hiveRouter(ourSdl: string, ourUrl: string, crmUrl: string, options: { enforceScopes: boolean }) {
  const { supergraphSdl, errors } = composeServices([
    { name: 'engagement-center', typeDefs: parse(ourSdl), url: ourUrl },
    { name: 'crm', typeDefs: parse(crmTypeDefs), url: crmUrl },
  ]);
  if (!supergraphSdl) throw new Error(`composition failed: ${JSON.stringify(errors)}`);
  return createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: false,
    maskedErrors: false, // a failing test should say why
    propagateHeaders: {
      fromClientToSubgraphs: ({ request: incoming, subgraphName }) =>
        subgraphName === 'engagement-center' ? Object.fromEntries(forwardedHeaders.map((name) => [name, incoming.headers.get(name)])) : {},
    },
    ...(options.enforceScopes
      ? {
          genericAuth: {
            mode: 'protect-granular' as const,
            resolveUserFn: ({ request: incoming }) => {
              const scope = scopesByToken[incoming.headers.get('authorization') ?? ''];
              return scope === undefined ? null : { scope };
            },
          },
        }
      : {}),
  });
}

type Router = ReturnType<typeof hiveRouter>;

async function viaRouter(router: Router, query: string, headers: Record<string, string>) {
  const response = await router.fetch('http://router.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, ...((await response.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> }) };
}

const HOLD = `mutation {
  interactionHold(interactionId: "ixn-77", input: { ehubSessionId: "4875" }) {
    __typename
    ... on InteractionCommandAccepted { status interaction { id customer { name } } }
    ... on Error { message }
  }
}`;
const CONNECT = 'mutation { userConnect(userId: "agent-7", input: { attach: true }) { __typename ... on Error { message } } }';

let gateway: RunningGateway;
let crm: CrmSubgraph;
beforeAll(async () => {
  gateway = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1', SUBGRAPH_REQUIRES_SCOPES: 'true' }), { logger: silentLogger() });
  crm = await startCrmSubgraph();
});
afterAll(async () => {
  await gateway.close();
  await crm.close();
});

/** The REST calls `run` causes, as the simulator received them. */
async function restCallsDuring(run: () => Promise<unknown>) {
  const before = gateway.simulator?.requests.length ?? 0;
  await run();
  return gateway.simulator?.requests.slice(before) ?? [];
}

it('serves the scoped SDL as `_service { sdl }`', async () => {
  const response = await request(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const { data } = (await response.body.json()) as { data: { _service: { sdl: string } } };
  expect(data._service.sdl.trimEnd()).toBe(scopedSdl.trimEnd());
  expect(data._service.sdl).toContain('@requiresScopes(scopes: [["engagementcenterapi"]])');
});

describe('through Hive Gateway with the scoped supergraph', () => {
  let router: Router;
  beforeAll(() => {
    router = hiveRouter(scopedSdl, `${gateway.url}/graphql`, crm.url, { enforceScopes: false });
  });
  afterAll(async () => {
    await router[Symbol.asyncDispose]();
  });

  it('runs a mutation whose result needs both subgraphs, with the client headers reaching the REST call', async () => {
    let result: Awaited<ReturnType<typeof viaRouter>> | undefined;
    const sent = await restCallsDuring(async () => {
      result = await viaRouter(router, HOLD, { ...clientHeaders, 'x-alvaria-org-id': 'tenant-9' });
    });
    expect(result?.errors).toBeUndefined();
    expect(result?.data).toEqual({
      interactionHold: { __typename: 'InteractionCommandAccepted', status: 202, interaction: { id: 'ixn-77', customer: { name: 'Customer of ixn-77' } } },
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe('/via/v2/organizations/tenant-9/engagementCenter/interactions/ixn-77/hold');
    expect(sent[0]?.headers).toMatchObject(clientHeaders);
  });
});

describe('through Hive Gateway enforcing the scopes (generic-auth)', () => {
  let router: Router;
  beforeAll(() => {
    router = hiveRouter(scopedSdl, `${gateway.url}/graphql`, crm.url, { enforceScopes: true });
  });
  afterAll(async () => {
    await router[Symbol.asyncDispose]();
  });

  it('lets a token with engagementcenterapi.withoutconnect hold an interaction', async () => {
    let result: Awaited<ReturnType<typeof viaRouter>> | undefined;
    const sent = await restCallsDuring(async () => {
      result = await viaRouter(router, HOLD, { ...clientHeaders, authorization: 'Bearer agent-token' });
    });
    expect(result?.data?.interactionHold).toMatchObject({ __typename: 'InteractionCommandAccepted', status: 202 });
    expect(sent.map((call) => call.headers.authorization)).toEqual(['Bearer agent-token']);
  });

  it('refuses userConnect to that token in the router, so the API never sees the call', async () => {
    let result: Awaited<ReturnType<typeof viaRouter>> | undefined;
    const sent = await restCallsDuring(async () => {
      result = await viaRouter(router, CONNECT, { ...clientHeaders, authorization: 'Bearer agent-token' });
    });
    expect(result?.data ?? null).toBeNull();
    expect(result?.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([['UNAUTHORIZED_FIELD_OR_TYPE', 'Unauthorized field or type']]);
    expect(sent).toEqual([]);
  });

  it('lets a token with engagementcenterapi connect', async () => {
    let result: Awaited<ReturnType<typeof viaRouter>> | undefined;
    const sent = await restCallsDuring(async () => {
      result = await viaRouter(router, CONNECT, { ...clientHeaders, authorization: 'Bearer full-token' });
    });
    expect(result?.data).toEqual({ userConnect: { __typename: 'UserCommandAccepted' } });
    expect(sent.map((call) => call.url)).toEqual([expect.stringMatching(/\/users\/agent-7\/connect$/)]);
  });

  it('has nothing to enforce with the default SDL: the same router lets that token connect', async () => {
    const unscoped = hiveRouter(committed('subgraph.graphql'), `${gateway.url}/graphql`, crm.url, { enforceScopes: true });
    try {
      const result = await viaRouter(unscoped, CONNECT, { ...clientHeaders, authorization: 'Bearer agent-token' });
      expect(result.data).toEqual({ userConnect: { __typename: 'UserCommandAccepted' } });
    } finally {
      await unscoped[Symbol.asyncDispose]();
    }
  });
});
