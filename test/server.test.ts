/**
 * The gateway on a real port, as clients reach it: GraphQL over HTTP, GraphiQL, /health, GET
 * mutations refused with nothing sent; and, with no upstream configured, the built-in simulator.
 */
import { connect } from 'node:net';
import { Dispatcher, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import { agentEventsExample, agentSessionExample, typedErrorExample } from '../src/plugins/graphiql-tabs.js';
import { clientHeaders } from './helpers/graphql-client.js';
import { captureLogs, silentLogger } from './helpers/logs.js';
import { startRecordingUpstream, type RecordingUpstream } from './helpers/recording-upstream.js';

const holdQuery = 'mutation { interactionHold(interactionId: "4320", input: { ehubSessionId: "4875" }) { __typename ... on InteractionCommandAccepted { status } ... on Error { message } } }';

async function post(gateway: RunningGateway, query: string, headers: Record<string, string> = clientHeaders, operationName?: string) {
  const response = await request(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, operationName }),
  });
  return { status: response.statusCode, body: (await response.body.json()) as { data?: Record<string, unknown>; errors?: unknown[] } };
}

describe('against a configured upstream', () => {
  let upstream: RecordingUpstream;
  let gateway: RunningGateway;
  beforeAll(async () => {
    upstream = await startRecordingUpstream();
    gateway = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1', ALVARIA_BASE_URL: upstream.url, ALVARIA_ORG_ID: 'acme' }), { logger: silentLogger() });
  });
  afterAll(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('runs a mutation over HTTP POST', async () => {
    const { status, body } = await post(gateway, holdQuery);
    expect(status).toBe(200);
    expect(body.data).toEqual({ interactionHold: { __typename: 'InteractionCommandAccepted', status: 202 } });
    expect(upstream.requests.at(-1)?.url).toBe('/via/v2/organizations/acme/engagementCenter/interactions/4320/hold');
  });

  it('refuses a mutation sent with GET and sends nothing', async () => {
    const before = upstream.requests.length;
    const response = await request(`${gateway.url}/graphql?query=${encodeURIComponent(holdQuery)}`, {
      headers: { accept: 'application/json', ...clientHeaders },
    });
    expect(response.statusCode).toBe(405);
    await response.body.dump();
    expect(upstream.requests.length).toBe(before);
  });

  it('answers queries over GET', async () => {
    const response = await request(`${gateway.url}/graphql?query=${encodeURIComponent('{ engagementCenter { apiVersion } }')}`, { headers: { accept: 'application/json' } });
    expect(await response.body.json()).toEqual({ data: { engagementCenter: { apiVersion: '2.0.0' } } });
  });

  it('serves GraphiQL to a browser, with its assets inline (no CDN)', async () => {
    const response = await request(`${gateway.url}/graphql`, { headers: { accept: 'text/html' } });
    const html = await response.body.text();
    expect(response.statusCode).toBe(200);
    expect(html).toContain('<title>Engagement Center GraphQL</title>');
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
  });

  it('answers a header value with a control character that Node refuses with a JSON error, nothing sent', async () => {
    const before = upstream.requests.length;
    const { port } = new URL(gateway.url);
    const socket = connect(Number(port), '127.0.0.1');
    const body = JSON.stringify({ query: holdQuery });
    socket.end(
      `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer a\x7fb\r\n` +
        `Content-Length: ${body.length}\r\n\r\n${body}`,
    );
    let raw = '';
    for await (const chunk of socket) raw += String(chunk);
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    expect(upstream.requests.length).toBe(before);
  });

  it('answers a Host header that names no host with a JSON 400, no stack trace', async () => {
    const socket = connect(Number(new URL(gateway.url).port), '127.0.0.1');
    socket.end('GET /health HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n');
    let raw = '';
    for await (const chunk of socket) raw += String(chunk);
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toMatch(/x-request-id: /i);
    expect(raw).toContain('"code":"BAD_REQUEST"');
    expect(raw).not.toMatch(/TypeError|\.js:\d+/);
  });

  it('answers /health with 200', async () => {
    const response = await request(`${gateway.url}/health`);
    expect(response.statusCode).toBe(200);
    await response.body.dump();
  });

  it('masks an unforeseen fault: the field is null with "Unexpected error.", no stack, no detail', async () => {
    // A dispatcher with a bug: the REST call throws a plain TypeError, which no rule foresees.
    class BrokenDispatcher extends Dispatcher {
      override dispatch(): boolean {
        throw new TypeError('kaboom at secret-host.internal:8443');
      }
    }
    const logs = captureLogs();
    const broken = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1', ALVARIA_BASE_URL: upstream.url, ALVARIA_ORG_ID: 'acme' }), { logger: logs.logger, 
      dispatcher: new BrokenDispatcher(),
    });
    try {
      const { status, body } = await post(broken, holdQuery);
      expect(status).toBe(200);
      expect(body).toEqual({
        data: { interactionHold: null },
        errors: [{ message: 'Unexpected error.', locations: [{ line: 1, column: 12 }], path: ['interactionHold'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      });
      expect(JSON.stringify(body)).not.toMatch(/kaboom|secret-host|\.ts:\d+/);
      expect(logs.text()).toMatch(/kaboom/);
    } finally {
      await broken.close();
    }
  });
});

describe('with no upstream configured', () => {
  let gateway: RunningGateway;
  const logs = captureLogs();
  beforeAll(async () => {
    gateway = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1' }), { logger: logs.logger });
  });
  afterAll(async () => {
    await gateway.close();
  });

  it('starts the simulator on loopback and says so', () => {
    expect(gateway.simulator?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(logs.text()).toMatch(/using the built-in Engagement Center simulator/);
  });

  it('runs a mutation against it in the demo organization', async () => {
    const { body } = await post(gateway, holdQuery);
    expect(body.data).toEqual({ interactionHold: { __typename: 'InteractionCommandAccepted', status: 202 } });
    expect(gateway.simulator?.requests.at(-1)?.url).toBe('/via/v2/organizations/demo/engagementCenter/interactions/4320/hold');
  });

  it("returns the simulator's refusal as a typed BadRequestError", async () => {
    // Without an x-api-key the gateway lets the API decide; the page makes the header required.
    const { body } = await post(
      gateway,
      'mutation { userReviewEmail(userId: "u1", input: { ehubSessionId: "1", emailObjectId: "e", queueType: PERSONAL }) { __typename } }',
      { ...clientHeaders, 'x-api-key': '' },
    );
    expect(body.data).toEqual({ userReviewEmail: { __typename: 'BadRequestError' } });
  });
});

describe("GraphiQL's preloaded examples", () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1' }), { logger: silentLogger() });
  });
  afterAll(async () => {
    await gateway.close();
  });

  /** The headers GraphiQL opens with, read from the page it is served in. */
  async function graphiqlHeaders(): Promise<Record<string, string>> {
    const response = await request(`${gateway.url}/graphql`, { headers: { accept: 'text/html' } });
    const html = await response.body.text();
    const sessionId = /via-client-sessionid\\{1,3}":\s*\\{1,3}"([0-9a-f-]{36})/.exec(html)?.[1];
    expect(sessionId).toBeDefined();
    return { authorization: 'Bearer demo-access-token', 'x-api-key': 'demo-api-key', 'via-client-sessionid': sessionId ?? '' };
  }

  it('open onto the agent session, its events and the typed error, with the headers the simulator accepts', async () => {
    const response = await request(`${gateway.url}/graphql`, { headers: { accept: 'text/html' } });
    const html = await response.body.text();
    for (const text of ['mutation Connect', 'mutation Disconnect', 'subscription Events', 'mutation TypedError', 'demo-access-token']) expect(html).toContain(text);
    // The session GraphiQL names is one the simulator issued, open.
    const headers = await graphiqlHeaders();
    expect(gateway.simulator?.streaming.get(headers['via-client-sessionid'] ?? '')?.state).toBe('open');
  });

  it('the Events tab receives the events of Connect run in the session tab', async () => {
    const headers = await graphiqlHeaders();
    const events = await fetch(`${gateway.url}/graphql?query=${encodeURIComponent(agentEventsExample)}`, { headers: { ...headers, accept: 'text/event-stream' } });
    expect(events.status).toBe(200);
    const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    // The subscription is established once the stream has begun (its first comment).
    while (!text.includes(':')) text += (await reader.read()).value ?? '';
    await post(gateway, agentSessionExample, headers, 'Connect');
    while ((text.match(/event: next/g) ?? []).length < 3) text += (await reader.read()).value ?? '';
    await reader.cancel();
    expect(text).toMatch(/id: 1\ndata: .*"kind":"engagementCenter.NewWorkType"/);
  });

  it('run against the simulator: every command of the session is accepted, the error is typed', async () => {
    const headers = await graphiqlHeaders();
    const operations = [...agentSessionExample.matchAll(/^mutation (\w+)/gm)].map((match) => match[1]);
    expect(operations).toEqual(['Connect', 'Ready', 'Accept', 'Hold', 'Transfer', 'Dispose', 'Disconnect']);
    for (const operationName of operations) {
      const response = await request(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: agentSessionExample, operationName }),
      });
      const body = (await response.body.json()) as { data: Record<string, { __typename: string }> };
      expect(Object.values(body.data)[0]?.__typename, operationName).toMatch(/CommandAccepted$/);
    }
    const { body } = await post(gateway, typedErrorExample, headers);
    expect(body.data).toEqual({ interactionHold: { __typename: 'ValidationError', field: 'interactionId', message: expect.any(String) } });
  });
});
