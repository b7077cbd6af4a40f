/**
 * One plugin system: a deployment's own Yoga/envelop plugin, given to `createGateway({ plugins })`
 * (here through `startGateway`, the server `npm start` builds), meets every kind of request to
 * `/graphql` with every hook kind (single POST, GET query, batch, persisted hash, a browser request
 * with `Origin`, a malformed body, a refusal of ours). And a fault during execution is a masked 500.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/read-config.js';
import type { GatewayPlugin } from '../src/plugins/index.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import { clientHeaders } from './helpers/graphql-client.js';
import { captureLogs, silentLogger } from './helpers/logs.js';
import { startRecordingUpstream, type RecordingUpstream } from './helpers/recording-upstream.js';

type Hook = 'onRequest' | 'onRequestParse' | 'onParams' | 'onParse' | 'onValidate' | 'onContextBuilding' | 'onExecute' | 'onResultProcess' | 'onResponse';

/** A plugin of the deployment's own that notes each hook it meets. */
const probe = (seen: Hook[]): GatewayPlugin => ({
  onRequest: () => void seen.push('onRequest'),
  onRequestParse: () => void seen.push('onRequestParse'),
  onParams: () => void seen.push('onParams'),
  onParse: () => void seen.push('onParse'),
  onValidate: () => void seen.push('onValidate'),
  onContextBuilding: () => void seen.push('onContextBuilding'),
  onExecute: () => void seen.push('onExecute'),
  onResultProcess: () => void seen.push('onResultProcess'),
  onResponse: () => void seen.push('onResponse'),
});

const everyHook: Hook[] = ['onRequest', 'onRequestParse', 'onParams', 'onParse', 'onValidate', 'onContextBuilding', 'onExecute', 'onResultProcess', 'onResponse'];
const operationHooks: Hook[] = ['onParams', 'onParse', 'onValidate', 'onContextBuilding', 'onExecute'];
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hold = (tag: string) => `mutation ${tag} { interactionHold(interactionId: "1", input: { ehubSessionId: "4875" }) { __typename } }`;

let upstream: RecordingUpstream;
let running: RunningGateway;
const seen: Hook[] = [];
beforeAll(async () => {
  upstream = await startRecordingUpstream();
  running = await startGateway(
    readConfig({ PORT: '0', HOST: '127.0.0.1', ALVARIA_BASE_URL: upstream.url, ALVARIA_ORG_ID: 'acme', GRAPHQL_BATCH_LIMIT: '2', CORS_ORIGINS: 'https://desk.example.com' }),
    { logger: silentLogger(), plugins: [probe(seen)] },
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

describe("a deployment's plugin meets every kind of request", () => {
  it('a single JSON POST', async () => {
    expect((await post(JSON.stringify({ query: hold('Single') }))).status).toBe(200);
    expect(seen).toEqual(everyHook);
    expect(upstream.requests).toHaveLength(1);
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
    for (const hook of operationHooks) expect(seen.filter((seenHook) => seenHook === hook), hook).toHaveLength(2);
    expect(upstream.requests).toHaveLength(2);
  });

  it('a persisted hash alone', async () => {
    const query = hold('Persisted');
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    expect((await post(JSON.stringify({ query, extensions }))).status).toBe(200);
    seen.length = 0;
    expect((await post(JSON.stringify({ extensions }))).status).toBe(200);
    expect(seen).toEqual(everyHook);
    expect(upstream.requests).toHaveLength(2);
  });

  it('a browser request with Origin', async () => {
    const response = await post(JSON.stringify({ query: hold('Browser') }), { origin: 'https://desk.example.com', 'apollo-require-preflight': '1' });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://desk.example.com');
    expect(seen).toEqual(everyHook);
  });

  it('a malformed body: no operation runs, and the result and response hooks still see it', async () => {
    const response = await post('{"query": "mutation {');
    expect(response.status).toBe(400);
    expect(seen).toEqual(['onRequest', 'onRequestParse', 'onResultProcess', 'onResponse']);
  });

  it("a refusal of ours before anything runs (406): the deployment's plugin, listed after, still sees the response", async () => {
    const response = await post(JSON.stringify({ query: hold('Refused') }), { accept: 'text/xml' });
    expect(response.status).toBe(406);
    expect(seen).toEqual(['onResponse']);
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('a fault during execution', () => {
  it('is a masked 500, logged once with the request id, on every route', async () => {
    const logs = captureLogs();
    const broken: Plugin = {
      onExecute: ({ setExecuteFn }) => setExecuteFn(() => Promise.reject(new TypeError('kaboom: secret detail'))),
    };
    const faulty = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1', ALVARIA_BASE_URL: upstream.url, ALVARIA_ORG_ID: 'acme' }), {
      logger: logs.logger,
      plugins: [broken],
    });
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
      const faults = logs.lines().filter((line) => JSON.stringify(line).includes('kaboom'));
      expect(faults).toHaveLength(2);
      for (const line of faults) expect(line).toMatchObject({ requestId: 'fault-1', msg: 'unexpected error' });
    } finally {
      await faulty.close();
    }
  });
});
