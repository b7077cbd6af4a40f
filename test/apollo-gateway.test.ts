/**
 * The default subgraph SDL (`subgraph.graphql`, no `@requiresScopes`) composed with a second
 * subgraph by `@apollo/composition` and served by Apollo's own router for Node, `@apollo/gateway`,
 * behind `@apollo/server` on a loopback port, in front of this gateway as `npm start` runs it and
 * the sample CRM subgraph. The scoped SDL is refused by the same router, which is why
 * `SUBGRAPH_REQUIRES_SCOPES` is off by default.
 */
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { parse } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import { crmTypeDefs, startCrmSubgraph, type CrmSubgraph } from './federation/crm-subgraph.js';
import { clientHeaders } from './helpers/graphql-client.js';
import { silentLogger } from './helpers/logs.js';

const committed = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');

function supergraphOf(ourSdl: string, ourUrl: string, crmUrl: string): string {
  const { supergraphSdl, errors } = composeServices([
    { name: 'engagement-center', typeDefs: parse(ourSdl), url: ourUrl },
    { name: 'crm', typeDefs: parse(crmTypeDefs), url: crmUrl },
  ]);
  if (!supergraphSdl) throw new Error(`composition failed: ${(errors ?? []).map((error) => error.message).join('; ')}`);
  return supergraphSdl;
}

/** What the Apollo server hands the gateway for each request: the client's headers. */
interface RouterContext {
  readonly clientHeaders: IncomingHttpHeaders;
}

/** The router forwards no client header by default: these go to our subgraph, and to it only. */
const forwardedHeaders = ['authorization', 'x-api-key', 'via-client-sessionid', 'x-alvaria-org-id'];

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

function apolloRouter(supergraphSdl: string): ApolloServer<RouterContext> {
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: quiet,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<RouterContext>({
        url,
        willSendRequest: ({ request: subgraphRequest, context }) => {
          if (name !== 'engagement-center' || !('clientHeaders' in context)) return;
          for (const header of forwardedHeaders) {
            const value = context.clientHeaders[header];
            if (typeof value === 'string') subgraphRequest.http?.headers.set(header, value);
          }
        },
      }),
  });
  return new ApolloServer<RouterContext>({ gateway, logger: quiet });
}

const listenOnLoopback = (server: ApolloServer<RouterContext>) =>
  startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 }, context: async ({ req }) => ({ clientHeaders: req.headers }) });

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

describe('@apollo/gateway with the default subgraph SDL', () => {
  let supergraphSdl: string;
  let router: ApolloServer<RouterContext>;
  let routerUrl: string;
  beforeAll(async () => {
    supergraphSdl = supergraphOf(committed('subgraph.graphql'), `${gateway.url}/graphql`, crm.url);
    router = apolloRouter(supergraphSdl);
    ({ url: routerUrl } = await listenOnLoopback(router));
  });
  afterAll(async () => {
    await router.stop();
  });

  const viaRouter = async (query: string, headers: Record<string, string>) => {
    const response = await request(routerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
    return { status: response.statusCode, ...((await response.body.json()) as { data?: Record<string, unknown>; errors?: unknown[] }) };
  };

  it('composes a supergraph that links no security feature', () => {
    expect(supergraphSdl).not.toContain('requiresScopes');
    expect(supergraphSdl).not.toMatch(/for: SECURITY/);
  });

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
    expect(result.status).toBe(200);
    expect(result.data).toEqual({
      interactionHold: {
        __typename: 'InteractionCommandAccepted',
        status: 202,
        interaction: { id: 'ixn-77', customer: { name: 'Customer of ixn-77' } },
      },
    });
    const sent = gateway.simulator?.requests.slice(before) ?? [];
    expect(sent).toHaveLength(1);
    expect(sent[0]?.method).toBe('POST');
    expect(sent[0]?.url).toBe('/via/v2/organizations/tenant-9/engagementCenter/interactions/ixn-77/hold');
    expect(sent[0]?.headers).toMatchObject(clientHeaders);
    expect(JSON.parse(sent[0]?.body ?? '{}')).toEqual({ ehubSessionId: '4875' });
  });

  it('resolves Agent.user from the other subgraph, and the typed error of a missing token passes through', async () => {
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

describe('@apollo/gateway with the scoped subgraph SDL', () => {
  it('refuses the supergraph: @requiresScopes is a security feature it does not support', async () => {
    const supergraphSdl = supergraphOf(committed('subgraph-requires-scopes.graphql'), `${gateway.url}/graphql`, crm.url);
    expect(supergraphSdl).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/requiresScopes\/v0\.1", for: SECURITY\)/);
    const router = apolloRouter(supergraphSdl);
    await expect(listenOnLoopback(router)).rejects.toThrow('feature https://specs.apollo.dev/requiresScopes/v0.1 is for: SECURITY but is unsupported');
  });
});
