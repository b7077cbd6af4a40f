/**
 * One pipeline: a probe concern that uses every hook kind sees every kind of request to
 * `/graphql` pass through it (single POST, GET query, batch, persisted hash, a browser request with
 * `Origin`, a malformed body), on the server `npm start` builds. And a fault during execution is a
 * masked 500.
 */
import { createHash } from 'node:crypto';
import type { ValidationRule } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/read-config.js';
import type { Concern } from '../src/http/exchange.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import { clientHeaders } from './helpers/graphql-client.js';
import { captureLogs, silentLogger } from './helpers/logs.js';
import { startRecordingUpstream, type RecordingUpstream } from './helpers/recording-upstream.js';

type Hook = 'onRequest' | 'onParams' | 'validationRule' | 'onOperation' | 'wrapExecute' | 'onResult' | 'onResponse';

function probe(seen: Hook[]): Concern {
  const rule: ValidationRule = () => {
    seen.push('validationRule');
    return {};
  };
  return {
    name: 'probe',
    onRequest: () => void seen.push('onRequest'),
    onParams: () => void seen.push('onParams'),
    validationRules: [rule],
    onOperation: () => void seen.push('onOperation'),
    wrapExecute: (_exchange, run) => {
      seen.push('wrapExecute');
      return run();
    },
    onResult: (_exchange, result) => {
      seen.push('onResult');
      return result;
    },
    onResponse: () => void seen.push('onResponse'),
  };
}

const everyHook: Hook[] = ['onRequest', 'onParams', 'validationRule', 'onOperation', 'wrapExecute', 'onResult', 'onResponse'];
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
// Each request kind sends a document of its own: validation runs once per distinct document.
const hold = (tag: string) => `mutation ${tag} { interactionHold(interactionId: "1", input: { ehubSessionId: "4875" }) { __typename } }`;

let upstream: RecordingUpstream;
let running: RunningGateway;
const seen: Hook[] = [];
beforeAll(async () => {
  upstream = await startRecordingUpstream();
  running = await startGateway(
    readConfig({ PORT: '0', HOST: '127.0.0.1', ALVARIA_BASE_URL: upstream.url, ALVARIA_ORG_ID: 'acme', GRAPHQL_BATCH_LIMIT: '2', CORS_ORIGINS: 'https://desk.example.com' }),
    silentLogger(),
    { concerns: [probe(seen)] },
  );
});
afterAll(async () => {
  await running.close();
  await upstream.close();
});
beforeEach(() => {
  seen.length = 0;
  upstream.requests.length = 0;
  upstream.reply({ status: 202 });
});

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${running.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...clientHeaders, ...headers }, body });

describe('every kind of request meets every hook', () => {
  it('a single JSON POST', async () => {
    expect((await post(JSON.stringify({ query: hold('Single') }))).status).toBe(200);
    expect(seen).toEqual(everyHook);
  });

  it('a GET query', async () => {
    const response = await fetch(`${running.url}/graphql?query=${encodeURIComponent('query Get { engagementCenter { apiVersion } }')}`);
    expect(response.status).toBe(200);
    expect(seen).toEqual(everyHook);
  });

  it('a batch: each operation meets the operation hooks', async () => {
    const response = await post(JSON.stringify([{ query: hold('BatchA') }, { query: hold('BatchB') }]));
    expect(response.status).toBe(200);
    expect(seen.filter((hook) => hook === 'onRequest' || hook === 'onResponse')).toEqual(['onRequest', 'onResponse']);
    for (const hook of ['onParams', 'validationRule', 'onOperation', 'wrapExecute', 'onResult'] as const) expect(seen.filter((seenHook) => seenHook === hook)).toHaveLength(2);
  });

  it('a persisted hash alone', async () => {
    const query = hold('Persisted');
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    expect((await post(JSON.stringify({ query, extensions }))).status).toBe(200);
    seen.length = 0;
    expect((await post(JSON.stringify({ extensions }))).status).toBe(200);
    expect(seen).toEqual(everyHook.filter((hook) => hook !== 'validationRule')); // validated when first seen
  });

  it('a browser request with Origin', async () => {
    const response = await post(JSON.stringify({ query: hold('Browser') }), { origin: 'https://desk.example.com', 'apollo-require-preflight': '1' });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://desk.example.com');
    expect(seen).toEqual(everyHook);
  });

  it('a malformed body: the request and result hooks, no operation', async () => {
    const response = await post('{"query": "mutation {');
    expect(response.status).toBe(400);
    expect(seen).toEqual(['onRequest', 'onResult', 'onResponse']);
  });

  it('a refusal by an earlier concern (406): the probe, listed after it, still sees the response', async () => {
    const response = await post(JSON.stringify({ query: hold('Refused') }), { accept: 'text/xml' });
    expect(response.status).toBe(406);
    expect(seen).toEqual(['onResponse']);
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('a fault during execution', () => {
  it('is a masked 500, logged with the request id, on every route', async () => {
    const logs = captureLogs();
    const broken: Concern = {
      name: 'broken',
      wrapExecute: () => Promise.reject(new TypeError('kaboom: secret detail')),
    };
    const faulty = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1', ALVARIA_BASE_URL: upstream.url, ALVARIA_ORG_ID: 'acme' }), logs.logger, { concerns: [broken] });
    try {
      for (const send of [
        () => fetch(`${faulty.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'fault-1' }, body: JSON.stringify({ query: '{ __typename }' }) }),
        () => fetch(`${faulty.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/graphql-response+json', 'x-request-id': 'fault-1' } }),
      ]) {
        const response = await send();
        expect(response.status).toBe(500);
        const text = await response.text();
        expect(JSON.parse(text)).toEqual({ errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
        expect(text).not.toMatch(/kaboom|secret/);
      }
      expect(logs.text()).toMatch(/"requestId":"fault-1".*kaboom/);
    } finally {
      await faulty.close();
    }
  });
});
