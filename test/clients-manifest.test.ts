/**
 * Trusted documents as a frontend uses them: GraphQL Code Generator's client preset writes each
 * document's sha256 into it (`__meta__.hash`) and the manifest beside it
 * (`examples/generated/persisted-documents.json`); Apollo Client 4's `PersistedQueryLink` with
 * `generateHash` reading that hash sends the hash alone, and a gateway with
 * `PERSISTED_OPERATIONS_ONLY` runs it in one request. An operation outside the manifest is refused
 * with an error that says so, which Apollo Client surfaces without sending the text.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApolloClient, HttpLink, InMemoryCache, type DocumentNode } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HoldDocument } from '../examples/generated/graphql.js';
import { readConfig } from '../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import { OrganizationOrErrorDocument } from './generated/graphql.js';
import { clientHeaders } from './helpers/graphql-client.js';

const { possibleTypes } = JSON.parse(readFileSync(new URL('../possible-types.json', import.meta.url), 'utf8')) as { possibleTypes: Record<string, string[]> };
const manifest = fileURLToPath(new URL('../examples/generated/persisted-documents.json', import.meta.url));

let running: RunningGateway;
beforeAll(async () => {
  running = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', PERSISTED_OPERATIONS_FILE: manifest, PERSISTED_OPERATIONS_ONLY: 'true' }));
});
afterAll(async () => {
  await running?.close();
});

/** The request bodies the gateway received. */
function client(bodies: Array<{ query?: string; extensions?: { persistedQuery?: { sha256Hash?: string } } }>): ApolloClient {
  const recordingFetch: typeof fetch = async (input, init) => {
    bodies.push(JSON.parse(String(init?.body)));
    return fetch(input, init);
  };
  return new ApolloClient({
    cache: new InMemoryCache({ possibleTypes }),
    link: new PersistedQueryLink({ generateHash: (document: DocumentNode) => (document as DocumentNode & { __meta__: { hash: string } }).__meta__.hash }).concat(
      new HttpLink({ uri: `${running.url}/graphql`, headers: { ...clientHeaders }, fetch: recordingFetch }),
    ),
  });
}

describe("the client preset's hashes with Apollo Client's PersistedQueryLink", () => {
  it('run a manifest operation in one request that carries the hash alone', async () => {
    const bodies: Parameters<typeof client>[0] = [];
    const result = await client(bodies).mutate({ mutation: HoldDocument, variables: { interactionId: '4320', input: { ehubSessionId: '4875' } } });
    expect(result.data?.interactionHold).toMatchObject({ __typename: 'InteractionCommandAccepted', status: 202 });
    expect(bodies).toHaveLength(1);
    expect(bodies[0]?.query).toBeUndefined();
    expect(bodies[0]?.extensions?.persistedQuery?.sha256Hash).toBe((HoldDocument as unknown as { __meta__: { hash: string } }).__meta__.hash);
  });

  it('refuse an operation outside the manifest with an error that says so; the text is never sent', async () => {
    const bodies: Parameters<typeof client>[0] = [];
    const withHash = { ...OrganizationOrErrorDocument, __meta__: { hash: '0'.repeat(64) } };
    const failure = await client(bodies)
      .query({ query: withHash, fetchPolicy: 'network-only' })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(String(failure)).toMatch(/Only the persisted operations/);
    expect(bodies).toHaveLength(1);
    expect(bodies.every((body) => body.query === undefined)).toBe(true);
  });
});
