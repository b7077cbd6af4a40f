/**
 * Real frontend clients against the gateway as `npm start` builds it (`startGateway` over HTTP),
 * with a stateful simulator behind it: Apollo Client 4 with `InMemoryCache({ possibleTypes })` and
 * urql with graphcache (`cacheExchange({ schema })`), configured from the committed
 * `possible-types.json` and `urql-introspection.json`, run an agent's session and read every field
 * of the typed results — the typed errors' `message`, `status`, `details` and `field` included —
 * through their normalized caches (graphcache also with the possibleTypes map alone). Without the
 * map, Apollo's cache drops what `... on Error` selects on a `ValidationError`, and graphcache's
 * guess drops it from a mutation result.
 */
import { readFileSync } from 'node:fs';
import { ApolloClient, HttpLink, InMemoryCache, type TypedDocumentNode } from '@apollo/client';
import { Kind, OperationTypeNode } from 'graphql';
import { cacheExchange, type CacheExchangeOpts } from '@urql/exchange-graphcache';
import { Client, fetchExchange } from '@urql/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AcceptDocument,
  ConnectDocument,
  DisconnectDocument,
  HoldDocument,
  ReadyDocument,
} from '../examples/generated/graphql.js';
import { readConfig } from '../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import { startSimulator, type Simulator } from '../src/simulator/simulator.js';
import { OrganizationOrErrorDocument } from './generated/graphql.js';
import { clientHeaders } from './helpers/graphql-client.js';

const committedJson = (path: string): unknown => JSON.parse(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8'));
const { possibleTypes } = committedJson('possible-types.json') as { possibleTypes: Record<string, string[]> };
const urqlSchema = committedJson('urql-introspection.json') as NonNullable<CacheExchangeOpts['schema']>;

let simulator: Simulator;
let running: RunningGateway;
beforeAll(async () => {
  // What `npm run simulator -- --stateful` and `ALVARIA_BASE_URL=<its URL> npm start` run.
  simulator = await startSimulator({ stateful: true });
  running = await startGateway(
    readConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ALVARIA_BASE_URL: simulator.url, ALVARIA_ORG_ID: 'demo' }),
  );
});
afterAll(async () => {
  await running?.close();
  await simulator?.close();
});

const endpoint = () => `${running.url}/graphql`;
const ehubSessionId = '4875';

/** One way to send an operation and read its result back through a client's cache. */
interface CachedClient {
  mutate<TData, TVariables extends Record<string, unknown>>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<TData>;
  query<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    headers?: Record<string, string>,
  ): Promise<TData>;
}

/** The same selection as a query, to read a mutation's result from the `ROOT_MUTATION` object. */
function asQuery<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>): TypedDocumentNode<TData, TVariables> {
  return {
    ...document,
    definitions: document.definitions.map((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION ? { ...definition, operation: OperationTypeNode.QUERY } : definition,
    ),
  };
}

/**
 * Apollo returns a mutation's result as the network sent it, and writes it to the cache under
 * `ROOT_MUTATION` (until the mutation is done): `update` reads it back from there with the same
 * selection, as a component reading the cache would see it, and it is compared with what the
 * network sent. A query's result is always read from the cache after it was written.
 */
function apollo(cache: InMemoryCache, compareWithNetwork = true): CachedClient {
  const client = new ApolloClient({ cache, link: new HttpLink({ uri: endpoint(), headers: { ...clientHeaders } }) });
  return {
    async mutate(mutation, variables) {
      let cached: unknown = null;
      const result = await client.mutate({
        mutation,
        variables,
        update: (cache) => void (cached = cache.readQuery({ query: asQuery(mutation), variables, id: 'ROOT_MUTATION' })),
      });
      expect(result.error).toBeUndefined();
      expect(cached).not.toBeNull();
      if (compareWithNetwork) expect(cached).toEqual(result.data);
      return cached as NonNullable<typeof result.data>;
    },
    async query(query, variables, headers = {}) {
      const result = await client.query({ query, variables, fetchPolicy: 'network-only', context: { headers } });
      expect(result.error).toBeUndefined();
      return result.data as NonNullable<typeof result.data>;
    },
  };
}

/** graphcache reads every result, a mutation's too, through its selection and the schema (or the map). */
function urql(options: CacheExchangeOpts): CachedClient {
  const client = new Client({
    url: endpoint(),
    exchanges: [cacheExchange(options), fetchExchange],
    fetchOptions: { headers: { ...clientHeaders } },
  });
  return {
    async mutate(mutation, variables) {
      const result = await client.mutation(mutation, variables).toPromise();
      expect(result.error).toBeUndefined();
      return result.data as NonNullable<typeof result.data>;
    },
    async query(query, variables, headers = {}) {
      const result = await client
        .query(query, variables, { requestPolicy: 'network-only', fetchOptions: { headers: { ...clientHeaders, ...headers } } })
        .toPromise();
      expect(result.error).toBeUndefined();
      return result.data as NonNullable<typeof result.data>;
    },
  };
}

/** graphcache warns about every type without an `id`; these are values, not entities. */
const keysOfValues = Object.fromEntries(
  [...(possibleTypes.Error ?? []), 'UserCommandAccepted', 'InteractionCommandAccepted', 'ErrorDetail', 'EngagementCenter', 'EngagementCenterOrganization'].map(
    (typename) => [typename, () => null],
  ),
);

const clients: Array<[string, string, () => CachedClient]> = [
  ['Apollo Client 4, InMemoryCache({ possibleTypes })', 'apollo', () => apollo(new InMemoryCache({ possibleTypes }))],
  ['urql graphcache, cacheExchange({ schema })', 'urql-schema', () => urql({ schema: urqlSchema, keys: keysOfValues })],
  // Without the schema graphcache writes every fragment's fields it finds, and warns (in
  // development) of each one missing; it reads by the map.
  ['urql graphcache, cacheExchange({ possibleTypes })', 'urql-possible-types', () => urql({ possibleTypes, keys: keysOfValues, logger: () => {} })],
];

// Apollo adds `__typename` to every selection and returns it; urql returns only the ones selected.
// `toMatchObject` allows those, and still needs every field listed here.
describe.each(clients)('%s', (_name, tag, makeClient) => {
  it('runs an agent session and reads every field of each typed result, the errors included', async () => {
    const client = makeClient();
    const userId = `agent-${tag}`;
    const interactionId = simulator.presentInteraction('demo', `ixn-${tag}`);
    const userAccepted = { __typename: 'UserCommandAccepted', status: 202, agent: { id: userId } };
    const interactionAccepted = { __typename: 'InteractionCommandAccepted', status: 202, interaction: { id: interactionId } };

    const connect = { attach: false, initialState: 'IDLE', station: '9785551212', emailAddress: 'agent@example.com' } as const;
    expect((await client.mutate(ConnectDocument, { userId, input: connect })).userConnect).toMatchObject(userAccepted);
    expect((await client.mutate(ReadyDocument, { userId, input: { ehubSessionId } })).userReady).toMatchObject(userAccepted);
    expect((await client.mutate(AcceptDocument, { interactionId, input: { ehubSessionId } })).interactionAccept).toMatchObject(interactionAccepted);
    expect((await client.mutate(HoldDocument, { interactionId, input: { ehubSessionId } })).interactionHold).toMatchObject(interactionAccepted);

    // The API's refusal (the stateful simulator: an interaction on hold cannot be held again).
    const refusal = `Cannot hold interaction ${interactionId}: it is held; hold needs it active.`;
    expect((await client.mutate(HoldDocument, { interactionId, input: { ehubSessionId } })).interactionHold).toMatchObject({
      __typename: 'UnprocessableEntityError',
      message: refusal,
      status: 422,
      details: [{ scope: 'hold', reason: 'invalidState', message: refusal }],
    });
    // The API's 404: an interaction never presented.
    expect((await client.mutate(AcceptDocument, { interactionId: 'ixn-never-presented', input: { ehubSessionId } })).interactionAccept).toMatchObject({
      __typename: 'NotFoundError',
      message: 'Interaction ixn-never-presented was never presented to an agent (or is already disposed).',
      status: 404,
      details: [{ scope: 'accept', reason: 'interactionIdNotFound', message: 'Interaction ixn-never-presented was never presented to an agent (or is already disposed).' }],
    });

    // The gateway's own refusal: a path id that breaks the rule, nothing sent.
    const sent = simulator.requests.length;
    expect((await client.mutate(HoldDocument, { interactionId: 'not/a/path/id', input: { ehubSessionId } })).interactionHold).toMatchObject({
      __typename: 'ValidationError',
      message: expect.stringMatching(/\S/),
      field: 'interactionId',
    });
    expect(simulator.requests.length).toBe(sent);

    expect((await client.mutate(DisconnectDocument, { userId, input: { ehubSessionId, reasonId: '1' } })).userDisconnect).toMatchObject(userAccepted);
    // Disconnected: the API no longer knows the agent.
    expect((await client.mutate(ReadyDocument, { userId, input: { ehubSessionId } })).userReady).toMatchObject({
      __typename: 'NotFoundError',
      message: `User ${userId} is not connected: send userConnect first.`,
      status: 404,
    });
  });

  it('reads a union member through `... on Error` in a query', async () => {
    const client = makeClient();
    expect((await client.query(OrganizationOrErrorDocument, {})).engagementCenter).toMatchObject({
      apiVersion: '2.0.0',
      organization: { __typename: 'EngagementCenterOrganization', id: 'demo' },
    });
    const refused = await client.query(OrganizationOrErrorDocument, {}, { 'x-alvaria-org-id': 'not_a_dns_label' });
    expect(refused.engagementCenter.organization).toEqual({ __typename: 'ValidationError', message: expect.stringMatching(/\S/), field: 'x-alvaria-org-id' });
  });
});

describe('without possibleTypes', () => {
  it("Apollo's InMemoryCache drops what `... on Error` selects on a ValidationError", async () => {
    // Apollo warns (in development) that it cannot match the fragments; that is the point here.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const client = apollo(new InMemoryCache(), false);
      // The whole `...CommandFailure` (on Error) is lost, the `ValidationError` fields within it too.
      const hold = (await client.mutate(HoldDocument, { interactionId: 'not/a/path/id', input: { ehubSessionId } })).interactionHold;
      expect(hold).toEqual({ __typename: 'ValidationError' });
      const refused = await client.query(OrganizationOrErrorDocument, {}, { 'x-alvaria-org-id': 'not_a_dns_label' });
      expect(refused.engagementCenter.organization).toEqual({ __typename: 'ValidationError', field: 'x-alvaria-org-id' });
    } finally {
      warn.mockRestore();
    }
  });

  it('urql graphcache drops them from a mutation result, matching `... on Error` only by heuristics', async () => {
    const warnings: string[] = [];
    const client = urql({ keys: keysOfValues, logger: (_severity, message) => void warnings.push(message) });
    const hold = (await client.mutate(HoldDocument, { interactionId: 'not/a/path/id', input: { ehubSessionId } })).interactionHold;
    expect(hold).toEqual({ __typename: 'ValidationError' });
    expect(warnings).toContainEqual(expect.stringContaining('the type condition is `Error`'));
  });
});
