/**
 * Hostile and oversized input: each gets a clear error, and nothing reaches the upstream.
 * Limits on mutations per operation, depth (introspection included), tokens and aliases; the body
 * limit; batching, suggestions, introspection, GraphiQL, CSRF and CORS switches.
 */
import { connect } from 'node:net';
import { Readable } from 'node:stream';
import { getIntrospectionQuery } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import { clientHeaders, execute, testGateway, useRecordingGateway, type TestGateway, type TestGatewayOptions } from './helpers/graphql-client.js';
import { silentLogger } from './helpers/logs.js';
import { startRecordingUpstream, type RecordingUpstream } from './helpers/recording-upstream.js';

const suite = useRecordingGateway();
const hold = (alias: string, id = alias) =>
  `${alias}: interactionHold(interactionId: "${id}", input: { ehubSessionId: "4875" }) { __typename }`;

/** Runs a gateway with other options for one test. */
async function withGateway<T>(options: TestGatewayOptions, run: (gateway: TestGateway) => Promise<T>): Promise<T> {
  const gateway = testGateway(suite.upstream.url, options);
  try {
    return await run(gateway);
  } finally {
    await gateway.close();
  }
}

const messagesOf = (result: { errors?: Array<{ message: string }> }) => (result.errors ?? []).map((error) => error.message).join('\n');

describe('mutations per operation', () => {
  it('runs five, in order', async () => {
    const result = await execute(suite.gateway, `mutation { ${['a', 'b', 'c', 'd', 'e'].map((alias) => hold(alias)).join(' ')} }`);
    expect(result.errors).toBeUndefined();
    expect(Object.keys(result.data ?? {})).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(suite.upstream.requests.map((sent) => sent.url.split('/')[7])).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('refuses six, counting aliases and fields reached through fragments, and sends nothing', async () => {
    const result = await execute(
      suite.gateway,
      `mutation { ${hold('a')} ...Two ... on Mutation { ${hold('d')} ${hold('e')} ${hold('f')} } }
       fragment Two on Mutation { ${hold('b')} ${hold('c')} }`,
    );
    expect(messagesOf(result)).toMatch(/6 commands; at most 5/);
    expect(result.data).toBeUndefined();
    expect(suite.upstream.requests).toHaveLength(0);
  });

  it('follows MAX_MUTATIONS_PER_OPERATION', async () => {
    await withGateway({ env: { MAX_MUTATIONS_PER_OPERATION: '1' } }, async (gateway) => {
      const result = await execute(gateway, `mutation { ${hold('a')} ${hold('b')} }`);
      expect(messagesOf(result)).toMatch(/2 commands; at most 1/);
    });
    expect(suite.upstream.requests).toHaveLength(0);
  });
});

describe('depth, tokens and aliases', () => {
  it('lets the standard introspection queries of GraphiQL and codegen through', async () => {
    for (const options of [{}, { descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }]) {
      const result = await execute(suite.gateway, getIntrospectionQuery(options));
      expect(result.errors).toBeUndefined();
    }
  });

  it('refuses introspection nested deeper than the limit', async () => {
    const deep = `{ __schema { types { fields { type { ${'ofType { '.repeat(12)}name${' }'.repeat(12)} } } } } }`;
    const result = await execute(suite.gateway, deep);
    expect(messagesOf(result)).toMatch(/depth limit of 15 exceeded, found 17/);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses 1000 aliases before executing anything', async () => {
    const result = await execute(suite.gateway, `{ ${Array.from({ length: 1000 }, (_, index) => `a${index}: __typename`).join(' ')} }`);
    expect(messagesOf(result)).toMatch(/token|aliases/i);
    expect(result.data).toBeUndefined();
  });

  it('refuses more aliases than the limit', async () => {
    // Aliases of __typename cost nothing and are not counted (graphql-armor's allow list).
    const result = await execute(suite.gateway, `{ ${Array.from({ length: 16 }, (_, index) => `a${index}: engagementCenter { apiVersion }`).join(' ')} }`);
    expect(messagesOf(result)).toMatch(/Aliases limit of 15 exceeded, found 16/);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a document with more tokens than the limit', async () => {
    await withGateway({ env: { GRAPHQL_MAX_TOKENS: '50' } }, async (gateway) => {
      const result = await execute(gateway, getIntrospectionQuery());
      expect(messagesOf(result)).toMatch(/token/i);
      expect(result.data).toBeUndefined();
    });
  });
});

describe('malformed requests', () => {
  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    suite.gateway.fetch('/graphql', { method: 'POST', headers: { ...clientHeaders, ...headers }, body });

  it('malformed JSON is a 400 with a clear message', async () => {
    const response = await post('{"query": "mutation {');
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/invalid JSON/i);
  });

  it('an unknown operation name is a 400', async () => {
    const response = await post(JSON.stringify({ query: `mutation A { ${hold('a')} }`, operationName: 'B' }));
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Could not determine what operation to execute/);
  });

  it('a batch is refused while batching is off', async () => {
    const response = await post(JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]));
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Batching is not supported/);
  });

  it('a small batch is answered when configured, a larger one refused', async () => {
    await withGateway({ env: { GRAPHQL_BATCH_LIMIT: '2' } }, async (gateway) => {
      const send = (count: number) =>
        gateway.fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(Array.from({ length: count }, () => ({ query: '{ __typename }' }))),
        });
      expect(await (await send(2)).json()).toEqual([{ data: { __typename: 'Query' } }, { data: { __typename: 'Query' } }]);
      expect((await send(3)).status).toBe(413);
    });
  });

  it('a form post without a preflight header is refused (CSRF), with one it gets past', async () => {
    const form = await post('query=%7B__typename%7D', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(403);
    expect(await form.text()).toMatch(/apollo-require-preflight/);
    for (const header of ['apollo-require-preflight', 'x-graphql-yoga-csrf']) {
      const allowed = await post('query=%7B__typename%7D', { 'content-type': 'application/x-www-form-urlencoded', [header]: '1' });
      expect(allowed.status).toBe(200);
    }
    const text = await post('{ __typename }', { 'content-type': 'text/plain' });
    expect(text.status).toBe(403);
  });

  it('a content type no parser reads is a 415 that says what to send', async () => {
    const response = await post('<query/>', { 'content-type': 'application/xml', 'apollo-require-preflight': '1' });
    expect(response.status).toBe(415);
    expect(await response.text()).toMatch(/send the request as application\/json/);
  });

  it('an invalid enum value is refused without a suggestion, and nothing is sent', async () => {
    const result = await execute(
      suite.gateway,
      'mutation { userNotReady(userId: "u", input: { ehubSessionId: "1", reasonId: "r", notReadyType: NotReady }) { __typename } }',
    );
    expect(messagesOf(result)).toMatch(/Value "NotReady" does not exist in "NotReadyType" enum\.?$/);
    expect(messagesOf(result)).not.toMatch(/Did you mean/);
    expect(suite.upstream.requests).toHaveLength(0);
  });
});

describe('field suggestions', () => {
  const typos = [
    '{ engagementCentre { apiVersion } }',
    'mutation { interactionHold(interactionID: "1", input: { ehubSessionId: "1" }) { __typename } }',
  ];
  const variablesTypo = {
    query: 'mutation($input: HoldInput!) { interactionHold(interactionId: "1", input: $input) { __typename } }',
    variables: { input: { ehubSessionId: '1', ehubSesionId: '2' } },
  };

  it('are off by default: fields, arguments and input fields in variables', async () => {
    for (const query of typos) expect(messagesOf(await execute(suite.gateway, query))).not.toMatch(/Did you mean/);
    const result = await execute(suite.gateway, variablesTypo.query, variablesTypo.variables);
    expect(messagesOf(result)).toMatch(/ehubSesionId/);
    expect(messagesOf(result)).not.toMatch(/Did you mean/);
    expect(suite.upstream.requests).toHaveLength(0);
  });

  it('are given when GRAPHQL_SUGGESTIONS is on', async () => {
    await withGateway({ env: { GRAPHQL_SUGGESTIONS: 'true' } }, async (gateway) => {
      expect(messagesOf(await execute(gateway, typos[0] ?? ''))).toMatch(/Did you mean "engagementCenter"\?/);
      expect(messagesOf(await execute(gateway, variablesTypo.query, variablesTypo.variables))).toMatch(/Did you mean "ehubSessionId"\?/);
    });
  });
});

describe('switches', () => {
  it('introspection can be turned off', async () => {
    await withGateway({ env: { GRAPHQL_INTROSPECTION: 'false' } }, async (gateway) => {
      expect(messagesOf(await execute(gateway, '{ __schema { queryType { name } } }'))).toMatch(/introspection/i);
      expect((await execute(gateway, '{ engagementCenter { apiVersion } }')).data).toEqual({ engagementCenter: { apiVersion: '2.0.0' } });
    });
  });

  it('GraphiQL can be turned off', async () => {
    const page = (gateway: TestGateway) => gateway.fetch('/graphql', { headers: { accept: 'text/html' } });
    expect(await (await page(suite.gateway)).text()).toMatch(/<title>Engagement Center GraphQL<\/title>/);
    await withGateway({ env: { GRAPHIQL: 'false' } }, async (gateway) => {
      expect(await (await page(gateway)).text()).not.toMatch(/<html/i);
    });
  });

  it('CORS answers only the configured origins', async () => {
    const preflight = (gateway: TestGateway, origin: string) =>
      gateway.fetch('/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      });
    expect((await preflight(suite.gateway, 'https://desk.example.com')).headers.get('access-control-allow-origin')).toBeNull();
    await withGateway({ env: { CORS_ORIGINS: 'https://desk.example.com' } }, async (gateway) => {
      const allowed = await preflight(gateway, 'https://desk.example.com');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://desk.example.com');
      expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
      const other = await preflight(gateway, 'https://evil.example.com');
      expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example.com');
    });
  });
});

describe('over real HTTP', () => {
  let upstream: RecordingUpstream;
  let running: RunningGateway;
  beforeAll(async () => {
    upstream = await startRecordingUpstream();
    running = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1', ALVARIA_BASE_URL: upstream.url, ALVARIA_ORG_ID: 'acme' }), { logger: silentLogger() });
  });
  afterAll(async () => {
    await running.close();
    await upstream.close();
  });
  beforeEach(() => {
    upstream.requests.length = 0;
  });

  it('a body over 64 KiB (a huge string) is answered 413 with a request id, unread, and nothing is sent', async () => {
    const query = `mutation { interactionHold(interactionId: "1", input: { ehubSessionId: "${'x'.repeat(70_000)}" }) { __typename } }`;
    const response = await request(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...clientHeaders },
      body: JSON.stringify({ query }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers['x-request-id']).toBeTruthy();
    expect(response.headers.connection).toBe('close');
    expect(await response.body.json()).toMatchObject({ errors: [{ message: expect.stringMatching(/larger than 65536 bytes/), extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    expect(upstream.requests).toHaveLength(0);
  });

  it('a body without Content-Length (chunked) is read up to the limit: served within it, 413 past it, nothing sent', async () => {
    const chunked = (query: string) =>
      request(`${running.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...clientHeaders },
        body: Readable.from([Buffer.from(JSON.stringify({ query }))]),
      });
    const small = await chunked('{ engagementCenter { apiVersion } }');
    expect(small.statusCode).toBe(200);
    expect(await small.body.json()).toEqual({ data: { engagementCenter: { apiVersion: '2.0.0' } } });
    const large = await chunked(`mutation { interactionHold(interactionId: "1", input: { ehubSessionId: "${'x'.repeat(70_000)}" }) { __typename } }`);
    expect(large.statusCode).toBe(413);
    await large.body.dump();
    expect(upstream.requests).toHaveLength(0);
  });

  it('CR/LF in a forwarded header never reaches the upstream', async () => {
    const socket = connect(Number(new URL(running.url).port), '127.0.0.1');
    const body = JSON.stringify({ query: `mutation { ${hold('a')} }` });
    socket.end(
      `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer a\rb\r\n` +
        `x-api-key: k\r\nvia-client-sessionid: s\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    let raw = '';
    for await (const chunk of socket) raw += String(chunk);
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(upstream.requests).toHaveLength(0);
  });
});
