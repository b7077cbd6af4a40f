/**
 * Automatic persisted queries with Apollo Client 4's persisted-query link in front of `HttpLink`,
 * against the gateway as `npm start` builds it (`startGateway` over HTTP, the built-in simulator):
 * an operation's first run registers its text, every later run sends only the sha256 hash (hex)
 * of the text — by POST, and by GET for a query with `useGETForHashedQueries`. What the server
 * received is recorded by the `fetch` given to `HttpLink`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HoldDocument } from '../examples/generated/graphql.js';
import { readConfig } from '../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import { OrganizationOrErrorDocument } from './generated/graphql.js';
import { clientHeaders } from './helpers/graphql-client.js';

let running: RunningGateway;
beforeAll(async () => {
  running = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }));
});
afterAll(async () => {
  await running?.close();
});

const { possibleTypes } = JSON.parse(readFileSync(new URL('../possible-types.json', import.meta.url), 'utf8')) as { possibleTypes: Record<string, string[]> };
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** One HTTP request as the server received it: the GraphQL parameters from the body or the URL. */
interface Sent {
  method: string;
  query: string | undefined;
  sha256Hash: string | undefined;
}

function client(sent: Sent[], useGETForHashedQueries = false): ApolloClient {
  const recordingFetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? 'GET';
    const params: { query?: string; extensions?: { persistedQuery?: { sha256Hash?: string } } } =
      method === 'GET'
        ? {
            ...(url.searchParams.has('query') ? { query: url.searchParams.get('query') ?? '' } : {}),
            extensions: JSON.parse(url.searchParams.get('extensions') ?? '{}'),
          }
        : JSON.parse(String(init?.body));
    sent.push({ method, query: params.query, sha256Hash: params.extensions?.persistedQuery?.sha256Hash });
    return fetch(input, init);
  };
  return new ApolloClient({
    cache: new InMemoryCache({ possibleTypes }),
    link: new PersistedQueryLink({ sha256, useGETForHashedQueries }).concat(
      new HttpLink({ uri: `${running.url}/graphql`, headers: { ...clientHeaders }, fetch: recordingFetch }),
    ),
  });
}

/** The first run: the hash alone (unknown), then the text with its hash; later runs: the hash alone. */
function expectRegisteredThenHashOnly(first: Sent[], second: Sent[], hashedMethod: 'GET' | 'POST'): void {
  expect(first).toHaveLength(2);
  const [unknown, registering] = first as [Sent, Sent];
  expect(unknown).toMatchObject({ method: hashedMethod, query: undefined });
  expect(registering.method).toBe('POST');
  expect(registering.query).toEqual(expect.any(String));
  const hash = sha256(registering.query ?? '');
  expect(unknown.sha256Hash).toBe(hash);
  expect(registering.sha256Hash).toBe(hash);
  expect(second).toEqual([{ method: hashedMethod, query: undefined, sha256Hash: hash }]);
}

describe('Apollo Client 4 with the persisted-query link', () => {
  it('runs a mutation twice, the second time sending only its hash', async () => {
    const sent: Sent[] = [];
    const apollo = client(sent);
    const hold = () => apollo.mutate({ mutation: HoldDocument, variables: { interactionId: '4320', input: { ehubSessionId: '4875' } } });
    const accepted = { __typename: 'InteractionCommandAccepted', status: 202, interaction: { __typename: 'Interaction', id: '4320' } };

    expect((await hold()).data?.interactionHold).toEqual(accepted);
    const first = sent.splice(0);
    expect((await hold()).data?.interactionHold).toEqual(accepted);
    expectRegisteredThenHashOnly(first, sent, 'POST');
  });

  it('runs a query twice with useGETForHashedQueries, the second time a GET with only its hash', async () => {
    const sent: Sent[] = [];
    const apollo = client(sent, true);
    const organization = () => apollo.query({ query: OrganizationOrErrorDocument, fetchPolicy: 'network-only' });
    const expected = {
      __typename: 'EngagementCenter',
      apiVersion: '2.0.0',
      organization: { __typename: 'EngagementCenterOrganization', id: 'demo' },
    };

    expect((await organization()).data?.engagementCenter).toEqual(expected);
    const first = sent.splice(0);
    expect((await organization()).data?.engagementCenter).toEqual(expected);
    expectRegisteredThenHashOnly(first, sent, 'GET');
  });
});
