/**
 * Request ids on every response, one JSON log line per GraphQL request and per REST call, no
 * secret in any log line, masked unexpected faults logged with the request id, and /metrics.
 */
import { Dispatcher } from 'undici';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import { testGateway } from './helpers/graphql-client.js';
import { captureLogs } from './helpers/logs.js';
import { startRecordingUpstream, type RecordingUpstream } from './helpers/recording-upstream.js';

const secrets = {
  authorization: 'Bearer secret-token-7f3a',
  'x-api-key': 'secret-api-key-91bc',
  'via-client-sessionid': 'secret-session-55de',
};
const holdQuery = 'mutation Hold { interactionHold(interactionId: "ixn-1", input: { ehubSessionId: "4875" }) { __typename ... on Error { message } } }';

let upstream: RecordingUpstream;
let running: RunningGateway;
const logs = captureLogs();

beforeAll(async () => {
  upstream = await startRecordingUpstream();
  running = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1', ALVARIA_BASE_URL: upstream.url, ALVARIA_ORG_ID: 'acme' }), { logger: logs.logger });
});
afterAll(async () => {
  await running.close();
  await upstream.close();
});

async function post(query: string, headers: Record<string, string> = secrets) {
  const response = await request(`${running.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { headers: response.headers, body: (await response.body.json()) as { data?: unknown; errors?: unknown[] } };
}

describe('x-request-id', () => {
  it('is on every response: GraphQL, /health, /ready, /metrics, a 413', async () => {
    const answers = await Promise.all([
      request(`${running.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }),
      request(`${running.url}/health`),
      request(`${running.url}/ready`),
      request(`${running.url}/metrics`),
      request(`${running.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(70_000) }),
    ]);
    for (const answer of answers) {
      expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      await answer.body.dump();
    }
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 200, 413]);
  });

  it('reuses a sane id from the client, and replaces one that is not', async () => {
    const sane = await post('{ __typename }', { 'x-request-id': 'desk-42.7:a_b' });
    expect(sane.headers['x-request-id']).toBe('desk-42.7:a_b');
    const insane = await post('{ __typename }', { 'x-request-id': 'a b<script>' });
    expect(insane.headers['x-request-id']).not.toBe('a b<script>');
  });
});

describe('logs', () => {
  it('write one line per GraphQL request, which lists the REST calls it made', async () => {
    const { headers } = await post(holdQuery, { ...secrets, 'x-alvaria-org-id': 'globex' });
    const requestId = headers['x-request-id'];
    const lines = logs.lines().filter((line) => line.requestId === requestId);
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'graphql request',
        status: 200,
        operationType: 'mutation',
        rootField: 'interactionHold',
        operationName: 'Hold',
        organization: 'globex',
        durationMs: expect.any(Number),
        upstream: [{ endpoint: 'interactions/{interactionId}/hold', outcome: '202', attempts: 1, durationMs: expect.any(Number) }],
      }),
    ]);
  });

  it('never carry the token, the API key or the session id, on success or failure', async () => {
    upstream.reply({ status: 500, body: JSON.stringify({ message: 'boom', errors: [{ scope: 'x', reason: 'y', message: 'z' }] }) });
    await post(holdQuery);
    upstream.reply({ status: 202 });
    await post(holdQuery);
    await post('{ nope }');
    const text = logs.text();
    expect(text.length).toBeGreaterThan(0);
    for (const secret of Object.values(secrets)) expect(text).not.toContain(secret.replace('Bearer ', ''));
  });
});

describe('an unforeseen fault', () => {
  class BrokenDispatcher extends Dispatcher {
    override dispatch(): boolean {
      throw new TypeError('kaboom at /internal/path.ts:12');
    }
  }

  it('is masked for the client and logged with the request id, without secrets', async () => {
    const captured = captureLogs();
    const gateway = testGateway('http://127.0.0.1:9', { dispatcher: new BrokenDispatcher(), logger: captured.logger });
    try {
      const response = await gateway.fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'fault-1', ...secrets },
        body: JSON.stringify({ query: holdQuery }),
      });
      const body = await response.text();
      expect(JSON.parse(body)).toMatchObject({ data: { interactionHold: null }, errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      expect(body).not.toMatch(/kaboom|internal\/path|127\.0\.0\.1/);
      const logged = captured.lines().find((line) => line.msg === 'unexpected error');
      expect(logged).toMatchObject({ requestId: 'fault-1', err: { message: expect.stringContaining('kaboom') } });
      for (const secret of Object.values(secrets)) expect(captured.text()).not.toContain(secret.replace('Bearer ', ''));
    } finally {
      await gateway.close();
    }
  });
});

describe('/metrics', () => {
  it('counts GraphQL requests by operation and REST calls by endpoint template, with no ids or secrets in labels', async () => {
    await post(holdQuery);
    const response = await request(`${running.url}/metrics`);
    const text = await response.body.text();
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(text).toMatch(/graphql_requests_total\{operation_type="mutation",root_field="interactionHold",status="200"\} \d+/);
    expect(text).toMatch(/graphql_request_duration_seconds_bucket\{le="[\d.]+",operation_type="mutation",root_field="interactionHold"\}/);
    expect(text).toMatch(/upstream_requests_total\{endpoint="interactions\/\{interactionId\}\/hold",outcome="202"\} \d+/);
    expect(text).toMatch(/upstream_request_duration_seconds_count\{endpoint="interactions\/\{interactionId\}\/hold"\} \d+/);
    expect(text).toMatch(/process_resident_memory_bytes/);
    for (const leak of ['ixn-1', 'globex', 'acme', ...Object.values(secrets)]) expect(text).not.toContain(leak);
  });
});
