/**
 * The HTTP fast path answers exactly as Yoga does: the same request sent over HTTP (fast path,
 * or Yoga when it does not apply) and through yoga.fetch (always Yoga) gets the same status,
 * content type and body, and the upstream sees the same calls.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Dispatcher, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../src/gateway.js';
import { clientHeaders, testGateway, useRecordingGateway } from './helpers/graphql-client.js';

const suite = useRecordingGateway();
const hold = (id: string) => `mutation Hold { interactionHold(interactionId: "${id}", input: { ehubSessionId: "4875" }) { __typename ... on Error { message } ... on InteractionCommandAccepted { status } } }`;

async function serve(gateway: Gateway): Promise<{ server: Server; url: string }> {
  const server = createServer((incoming, outgoing) => gateway.handle(incoming, outgoing));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

async function bothWays(gateway: Gateway, url: string, body: string, headers: Record<string, string> = {}) {
  const sent = { 'content-type': 'application/json', ...clientHeaders, ...headers };
  const overHttp = await request(url, { method: 'POST', headers: sent, body });
  const viaYoga = await gateway.yoga.fetch('http://gateway.test/graphql', { method: 'POST', headers: sent, body });
  const answer = async (status: number, contentType: string | null, text: string) => ({ status, contentType, body: text ? (JSON.parse(text) as unknown) : null });
  return {
    http: await answer(overHttp.statusCode, String(overHttp.headers['content-type']), await overHttp.body.text()),
    yoga: await answer(viaYoga.status, viaYoga.headers.get('content-type'), await viaYoga.text()),
    requestIds: [overHttp.headers['x-request-id'], viaYoga.headers.get('x-request-id')],
  };
}

describe('the fast path and Yoga answer alike', () => {
  let http: { server: Server; url: string };
  beforeAll(async () => {
    http = await serve(suite.gateway);
  });
  afterAll(() => {
    http.server.close();
    http.server.closeAllConnections();
  });

  const cases: Array<[string, unknown, Record<string, string>?]> = [
    ['a command that succeeds', { query: hold('4320') }],
    ['a typed error', { query: hold('..') }],
    ['variables with a misspelt field (no suggestion)', { query: 'mutation($input: HoldInput!) { interactionHold(interactionId: "1", input: $input) { __typename } }', variables: { input: { ehubSesionId: '1' } } }],
    ['a document that does not validate', { query: '{ engagementCentre { apiVersion } }' }],
    ['a document that does not parse', { query: 'mutation {' }],
    ['an unknown operation name', { query: hold('1'), operationName: 'Nope' }],
    ['too many commands', { query: `mutation { ${['a', 'b', 'c', 'd', 'e', 'f'].map((alias) => `${alias}: interactionHold(interactionId: "1", input: { ehubSessionId: "1" }) { __typename }`).join(' ')} }` }],
    ['a batch', [{ query: '{ __typename }' }]],
    ['an unknown parameter next to a command (refused, nothing sent)', { query: hold('5'), foo: 1 }],
    ['a query with variables null', { query: '{ engagementCenter { apiVersion organization { __typename } } }', variables: null }],
    ['a request that accepts graphql-response+json', { query: '{ nope }' }, { accept: 'application/graphql-response+json' }],
  ];

  it.each(cases)('%s', async (_label, body, headers) => {
    const { http: overHttp, yoga, requestIds } = await bothWays(suite.gateway, http.url, JSON.stringify(body), headers);
    expect(overHttp).toEqual(yoga);
    for (const id of requestIds) expect(id).toBeTruthy();
  });

  it('sends nothing for a command with an unknown parameter', async () => {
    await bothWays(suite.gateway, http.url, JSON.stringify({ query: hold('5'), foo: 1 }));
    expect(suite.upstream.requests).toHaveLength(0);
  });

  it('sends the upstream the same call', async () => {
    await bothWays(suite.gateway, http.url, JSON.stringify({ query: hold('4320') }));
    const [first, second] = suite.upstream.requests;
    expect(suite.upstream.requests).toHaveLength(2);
    expect({ ...first, headers: { ...first?.headers, host: '' } }).toEqual({ ...second, headers: { ...second?.headers, host: '' } });
  });
});

describe('an unforeseen fault on the fast path', () => {
  class BrokenDispatcher extends Dispatcher {
    override dispatch(): boolean {
      throw new TypeError('kaboom');
    }
  }

  it('is masked as Yoga masks it', async () => {
    const gateway = testGateway('http://127.0.0.1:9', { dispatcher: new BrokenDispatcher() });
    const http = await serve(gateway);
    try {
      const { http: overHttp, yoga } = await bothWays(gateway, http.url, JSON.stringify({ query: hold('1') }));
      expect(overHttp).toEqual(yoga);
      expect(overHttp.body).toMatchObject({ data: { interactionHold: null }, errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    } finally {
      http.server.close();
      http.server.closeAllConnections();
      await gateway.close();
    }
  });
});
