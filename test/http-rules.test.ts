/**
 * The contract's "HTTP rules" on the server `npm start` builds: content negotiation before
 * anything runs (with and without `Origin`, so for browsers and servers alike), the status codes
 * of GraphQL over HTTP in any request order, automatic persisted queries, introspection off, CORS,
 * and no echo of request bodies or credentials.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import { clientHeaders } from './helpers/graphql-client.js';
import { silentLogger } from './helpers/logs.js';
import { startRecordingUpstream, type RecordingUpstream } from './helpers/recording-upstream.js';

const ORIGIN = 'https://desk.example.com';
const GRAPHQL_RESPONSE = 'application/graphql-response+json';
const hold = 'mutation { interactionHold(interactionId: "1", input: { ehubSessionId: "4875" }) { __typename } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let upstream: RecordingUpstream;
let running: RunningGateway;
const start = (env: Record<string, string> = {}) =>
  startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1', ALVARIA_BASE_URL: upstream.url, ALVARIA_ORG_ID: 'acme', CORS_ORIGINS: ORIGIN, ...env }), { logger: silentLogger() });
beforeAll(async () => {
  upstream = await startRecordingUpstream();
  running = await start();
});
afterAll(async () => {
  await running.close();
  await upstream.close();
});
beforeEach(() => {
  upstream.requests.length = 0;
  upstream.reply({ status: 202 });
});

interface Sent {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  readonly text: string;
}

async function send(url: string, init: RequestInit): Promise<Sent> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), body: text ? JSON.parse(text) : {}, text };
}

const post = (body: string, headers: Record<string, string>, via: RunningGateway = running) =>
  send(`${via.url}/graphql`, { method: 'POST', headers: { ...clientHeaders, ...headers }, body });

const withAndWithoutOrigin = [{}, { origin: ORIGIN }] as const;

describe('content types: matched case-insensitively, with parameters parsed', () => {
  it.each(['application/json', 'Application/JSON', 'application/json; charset=utf-8', 'APPLICATION/JSON;CHARSET=UTF-8'])('%s is JSON: executed', async (contentType) => {
    for (const origin of withAndWithoutOrigin) {
      const answer = await post(JSON.stringify({ query: hold }), { 'content-type': contentType, ...origin });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ data: { interactionHold: { __typename: 'InteractionCommandAccepted' } } });
    }
    expect(upstream.requests).toHaveLength(2);
  });

  it.each(['application/json-patch+json', 'application/json; charset=iso-8859-1', 'application/xml', 'application/graphql'])('%s is 415 with a JSON body, nothing sent', async (contentType) => {
    for (const origin of withAndWithoutOrigin) {
      const answer = await post(JSON.stringify({ query: hold }), { 'content-type': contentType, 'apollo-require-preflight': '1', ...origin });
      expect(answer.status).toBe(415);
      expect(answer.contentType).toMatch(/^application\/json/);
      expect(answer.body.errors?.[0]?.message).toMatch(/send the request as application\/json/);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('Accept: negotiated before anything runs', () => {
  it.each([
    [undefined, 'application/json'],
    ['*/*', 'application/json'],
    ['application/json', 'application/json'],
    ['application/graphql-response+json', GRAPHQL_RESPONSE],
    // What Apollo Client 4 and urql 6 send.
    ['application/graphql-response+json,application/json;q=0.9', GRAPHQL_RESPONSE],
    ['application/json, application/graphql-response+json', GRAPHQL_RESPONSE],
    ['application/json, application/graphql-response+json;q=0.5', 'application/json'],
    ['text/html, */*;q=0.1', 'application/json'],
    ['application/json;q=0.5, */*', GRAPHQL_RESPONSE],
    ['application/json;q=0.1, application/*', GRAPHQL_RESPONSE],
    ['application/json, */*', 'application/json'],
    ['application/*', 'application/json'],
  ])('%s is answered as %s', async (accept, expected) => {
    for (const origin of withAndWithoutOrigin) {
      const answer = await post(JSON.stringify({ query: hold }), { 'content-type': 'application/json', ...(accept ? { accept } : {}), ...origin });
      expect(answer.status).toBe(200);
      expect(answer.contentType).toBe(`${expected}; charset=utf-8`);
    }
  });

  it.each(['text/xml', 'application/json;charset=iso-8859-1', 'application/json;q=0', 'image/png, text/plain'])('%s is 406 with a JSON body: nothing executed or sent', async (accept) => {
    for (const origin of withAndWithoutOrigin) {
      const answer = await post(JSON.stringify({ query: hold }), { 'content-type': 'application/json', accept, ...origin });
      expect(answer.status).toBe(406);
      expect(answer.contentType).toMatch(/^application\/json/);
      expect(answer.body.errors?.[0]?.message).toMatch(/accept application\/graphql-response\+json or application\/json/);
    }
    const viaGet = await send(`${running.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'text/xml' } });
    expect(viaGet.status).toBe(406);
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('status codes under application/graphql-response+json, in any request order', () => {
  const failures = [
    ['a syntax error', { query: 'mutation {' }, 'GRAPHQL_PARSE_FAILED'],
    ['an unknown field', { query: '{ nope }' }, 'GRAPHQL_VALIDATION_FAILED'],
    ['a missing required variable', { query: 'mutation($id: ID!) { interactionHold(interactionId: $id, input: { ehubSessionId: "1" }) { __typename } }' }, 'BAD_USER_INPUT'],
    [
      'an unknown enum value in the variables',
      { query: 'mutation($input: NotReadyInput!) { userNotReady(userId: "u", input: $input) { __typename } }', variables: { input: { ehubSessionId: '1', reasonId: 'r', notReadyType: 'Nope' } } },
      'BAD_USER_INPUT',
    ],
  ] as const;

  it.each(failures)('%s: 400 with its code, also after the same document was sent as application/json (200)', async (_name, body, code) => {
    const asJson = await post(JSON.stringify(body), { 'content-type': 'application/json', accept: 'application/json' });
    expect(asJson.status).toBe(200);
    expect(asJson.body.errors?.[0]?.extensions?.code).toBe(code);
    expect(asJson.body).not.toHaveProperty('data');
    for (const via of ['POST', 'GET'] as const) {
      const answer =
        via === 'POST'
          ? await post(JSON.stringify(body), { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE })
          : await send(`${running.url}/graphql?${new URLSearchParams({ query: body.query, ...('variables' in body ? { variables: JSON.stringify(body.variables) } : {}) })}`, { headers: { accept: GRAPHQL_RESPONSE } });
      // A GET of a mutation is refused for its method before its variables are read.
      if (via === 'GET' && code === 'BAD_USER_INPUT') continue;
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe(code);
      expect(answer.body).not.toHaveProperty('data');
    }
    expect(upstream.requests).toHaveLength(0);
  });

  it('a subscription is refused with a 4xx', async () => {
    const answer = await post(JSON.stringify({ query: 'subscription { __typename }' }), { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
  });
});

describe('automatic persisted queries', () => {
  const query = '{ engagementCenter { apiVersion } }';
  const hash = sha256(query);
  const apq = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });

  it('an unknown hash alone is PersistedQueryNotFound, nothing sent', async () => {
    const answer = await post(JSON.stringify({ extensions: apq(sha256('mutation { nothing }')) }), { 'content-type': 'application/json' });
    expect(answer.body.errors?.[0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    expect(upstream.requests).toHaveLength(0);
  });

  it('a hash with its document runs and is remembered; then the hash alone runs it, by POST and by GET', async () => {
    const registered = await post(JSON.stringify({ query, extensions: apq(hash) }), { 'content-type': 'application/json' });
    expect(registered.body).toEqual({ data: { engagementCenter: { apiVersion: '2.0.0' } } });
    expect((await post(JSON.stringify({ extensions: apq(hash) }), { 'content-type': 'application/json' })).body).toEqual(registered.body);
    const viaGet = await send(`${running.url}/graphql?extensions=${encodeURIComponent(JSON.stringify(apq(hash)))}`, {});
    expect(viaGet.body).toEqual(registered.body);
  });

  it('a hash that is not the document’s is an error: nothing runs, nothing is remembered', async () => {
    const wrong = sha256('something else');
    const answer = await post(JSON.stringify({ query: hold, extensions: apq(wrong) }), { 'content-type': 'application/json' });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_MISMATCH');
    expect(upstream.requests).toHaveLength(0);
    const after = await post(JSON.stringify({ extensions: apq(wrong) }), { 'content-type': 'application/json' });
    expect(after.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('forgets the least recently used beyond PERSISTED_QUERIES_MAX', async () => {
    const small = await start({ PERSISTED_QUERIES_MAX: '2' });
    try {
      const documents = ['{ a: __typename }', '{ b: __typename }', '{ c: __typename }'];
      for (const document of documents) await post(JSON.stringify({ query: document, extensions: apq(sha256(document)) }), { 'content-type': 'application/json' }, small);
      const codeOf = async (document: string) =>
        (await post(JSON.stringify({ extensions: apq(sha256(document)) }), { 'content-type': 'application/json' }, small)).body.errors?.[0]?.extensions?.code;
      expect(await codeOf(documents[0] ?? '')).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect(await codeOf(documents[2] ?? '')).toBeUndefined();
    } finally {
      await small.close();
    }
  });
});

describe('GRAPHQL_INTROSPECTION=false', () => {
  let closed: RunningGateway;
  beforeAll(async () => {
    closed = await start({ GRAPHQL_INTROSPECTION: 'false' });
  });
  afterAll(async () => {
    await closed.close();
  });

  it.each(['{ __schema { queryType { name } } }', '{ __type(name: "Query") { name } }', '{ _service { sdl } }'])('refuses %s', async (query) => {
    const answer = await post(JSON.stringify({ query }), { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE }, closed);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.text).not.toMatch(/type Mutation|interactionHold/);
  });

  it('keeps _entities working for routers', async () => {
    const answer = await post(
      JSON.stringify({ query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Interaction { id } } }', variables: { r: [{ __typename: 'Interaction', id: 'i-1' }] } }),
      { 'content-type': 'application/json' },
      closed,
    );
    expect(answer.body).toEqual({ data: { _entities: [{ id: 'i-1' }] } });
  });
});

describe('CORS', () => {
  const preflight = (origin: string, via: RunningGateway = running) =>
    fetch(`${via.url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });

  it('a listed origin gets its preflight answered with Access-Control-Max-Age', async () => {
    const response = await preflight(ORIGIN);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(response.headers.get('access-control-max-age')).toBe('600');
  });

  it('an origin not listed gets no Access-Control-Allow-Origin at all, on preflights and requests', async () => {
    for (const origin of ['https://evil.example.com', 'null']) {
      expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBeNull();
      const response = await fetch(`${running.url}/graphql`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('without CORS_ORIGINS a preflight is told that CORS is off, naming CORS_ORIGINS', async () => {
    const closedToBrowsers = await start({ CORS_ORIGINS: '' });
    try {
      const response = await preflight(ORIGIN, closedToBrowsers);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      const text = await response.text();
      expect(text).toMatch(/CORS_ORIGINS/);
      expect(text).not.toMatch(/application\/json/);
    } finally {
      await closedToBrowsers.close();
    }
  });
});

describe('no echo', () => {
  it('a malformed JSON body is not quoted back', async () => {
    const secret = 'Bearer sk-live-123456';
    const answer = await post(`{"query": "{ __typename }", "token": "${secret}"`, { 'content-type': 'application/json' });
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/invalid JSON/);
    expect(answer.text).not.toContain('sk-live');
  });

  it('no answer quotes a forwarded credential header', async () => {
    const headers = { authorization: 'Bearer tok\u00e9n-secret', 'x-api-key': 'key-secret\u0001', 'via-client-sessionid': 'x'.repeat(5000) };
    for (const [name, value] of Object.entries(headers)) {
      const answer = await post(JSON.stringify({ query: hold }), { 'content-type': 'application/json', [name]: value }).catch(() => null);
      if (answer) expect(answer.text).not.toContain(value.slice(0, 12));
    }
    expect(upstream.requests).toHaveLength(0);
  });
});
