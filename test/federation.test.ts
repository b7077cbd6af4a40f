/**
 * The gateway as an Apollo Federation v2 subgraph with its default SDL (`subgraph.graphql`),
 * proven with real composition and a real federation gateway (Hive Gateway's runtime) in front of
 * it and a second subgraph. `apollo-gateway.test.ts` does the same with `@apollo/gateway`,
 * `hive-gateway-scopes.test.ts` with the scoped SDL.
 */
import { readFileSync } from 'node:fs';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices } from '@theguild/federation-composition';
import { Kind, parse } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import { crmTypeDefs, startCrmSubgraph, type CrmSubgraph } from './federation/crm-subgraph.js';
import { clientHeaders } from './helpers/graphql-client.js';
import { silentLogger } from './helpers/logs.js';

const committedSdl = readFileSync(new URL('../subgraph.graphql', import.meta.url), 'utf8');

function compose(ourUrl: string, crmUrl: string) {
  return composeServices([
    { name: 'engagement-center', typeDefs: parse(committedSdl), url: ourUrl },
    { name: 'crm', typeDefs: parse(crmTypeDefs), url: crmUrl },
  ]);
}

async function postGraphQL(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.body.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

let gateway: RunningGateway;
let crm: CrmSubgraph;
beforeAll(async () => {
  gateway = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1' }), { logger: silentLogger() });
  crm = await startCrmSubgraph();
});
afterAll(async () => {
  await gateway.close();
  await crm.close();
});

describe('the default subgraph SDL', () => {
  it('is what `_service { sdl }` serves, and links Federation v2', async () => {
    const { data } = await postGraphQL(`${gateway.url}/graphql`, '{ _service { sdl } }');
    expect((data?._service as { sdl: string }).sdl.trimEnd()).toBe(committedSdl.trimEnd());
    expect(committedSdl).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/);
    expect(committedSdl).toMatch(/type Interaction\s+@key\(fields: "id"\)/);
    expect(committedSdl).toMatch(/type Agent\s+@key\(fields: "id"\)/);
  });

  it('answers _entities for Interaction and Agent by id', async () => {
    const { data, errors } = await postGraphQL(
      `${gateway.url}/graphql`,
      'query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Interaction { id } ... on Agent { id } } }',
      { r: [{ __typename: 'Interaction', id: 'i-1' }, { __typename: 'Agent', id: 'agent-7' }] },
    );
    expect(errors).toBeUndefined();
    expect(data?._entities).toEqual([
      { __typename: 'Interaction', id: 'i-1' },
      { __typename: 'Agent', id: 'agent-7' },
    ]);
  });
});

describe('composition', () => {
  it('composes with a company subgraph that extends our entities and has its own Error, User and Organization', () => {
    const result = compose('http://127.0.0.1:1/graphql', 'http://127.0.0.1:2/graphql');
    expect(result.errors ?? []).toEqual([]);
    const fieldsOf = (name: string) =>
      parse(result.supergraphSdl ?? '').definitions.flatMap((definition) =>
        definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === name
          ? (definition.fields ?? []).map((field) => field.name.value)
          : [],
      );
    expect(fieldsOf('Interaction')).toEqual(expect.arrayContaining(['id', 'customer']));
    expect(fieldsOf('Agent')).toEqual(expect.arrayContaining(['id', 'user']));
  });
});

describe('through a federation gateway', () => {
  const forwardedHeaders = ['authorization', 'x-api-key', 'via-client-sessionid', 'x-alvaria-org-id'];
  let router: ReturnType<typeof createGatewayRuntime>;
  beforeAll(() => {
    const { supergraphSdl, errors } = compose(`${gateway.url}/graphql`, crm.url);
    if (!supergraphSdl) throw new Error(`composition failed: ${JSON.stringify(errors)}`);
    router = createGatewayRuntime({
      supergraph: supergraphSdl,
      logging: false,
      maskedErrors: false, // a failing test should say why
      // The router must forward the headers our subgraph needs; it forwards none by default.
      propagateHeaders: {
        fromClientToSubgraphs: ({ request: incoming }) =>
          Object.fromEntries(forwardedHeaders.map((name) => [name, incoming.headers.get(name)])),
      },
    });
  });
  afterAll(async () => {
    await router[Symbol.asyncDispose]();
  });

  const viaRouter = async (query: string, headers: Record<string, string>) => {
    const response = await router.fetch('http://router.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  };

  it('runs a mutation whose result needs both subgraphs, with the client headers reaching the REST call', async () => {
    const before = gateway.simulator?.requests.length ?? 0;
    const result = await viaRouter(
      `mutation {
        interactionHold(interactionId: "ixn-77", input: { ehubSessionId: "4875" }) {
          __typename
          ... on InteractionCommandAccepted { status interaction { id customer { name } } }
          ... on Error { message }
        }
      }`,
      { ...clientHeaders, 'x-alvaria-org-id': 'tenant-9' },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      interactionHold: {
        __typename: 'InteractionCommandAccepted',
        status: 202,
        interaction: { id: 'ixn-77', customer: { name: 'Customer of ixn-77' } },
      },
    });
    const sent = gateway.simulator?.requests.slice(before) ?? [];
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe('/via/v2/organizations/tenant-9/engagementCenter/interactions/ixn-77/hold');
    expect(sent[0]?.headers).toMatchObject(clientHeaders);
  });

  it('resolves Agent.user from the other subgraph, and typed errors pass through', async () => {
    const accepted = await viaRouter(
      'mutation { userReady(userId: "agent-7", input: { ehubSessionId: "4875" }) { ... on UserCommandAccepted { agent { id user { name } } } } }',
      clientHeaders,
    );
    expect(accepted.data).toEqual({ userReady: { agent: { id: 'agent-7', user: { name: 'User agent-7' } } } });

    const { authorization: _omitted, ...withoutToken } = clientHeaders;
    const refused = await viaRouter(
      'mutation { userReady(userId: "agent-7", input: { ehubSessionId: "4875" }) { __typename ... on UpstreamError { status } } }',
      withoutToken,
    );
    expect(refused.data).toEqual({ userReady: { __typename: 'UnauthorizedError', status: 401 } });
  });
});
