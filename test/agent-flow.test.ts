/**
 * The agent-flow example as a user runs it, and as a test: a real GraphQL client with typed
 * documents drives a whole agent session through the gateway against the stateful simulator.
 * Also: persisted operations, with the same client sending hashes instead of documents.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { GraphQLClient } from 'graphql-request';
import { print, type DocumentNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentFlowError, runAgentSession, type AgentSession } from '../examples/agent-flow.js';
import * as documents from '../examples/generated/graphql.js';
import { readConfig } from '../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import { startSimulator, type Simulator } from '../src/simulator/simulator.js';
import { clientHeaders, testGateway } from './helpers/graphql-client.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const quiet = () => {};

let simulator: Simulator;
let running: RunningGateway;
beforeAll(async () => {
  simulator = await startSimulator({ stateful: true });
  running = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1', ALVARIA_BASE_URL: simulator.url, ALVARIA_ORG_ID: 'demo', LOG_LEVEL: 'silent' }));
});
afterAll(async () => {
  await running.close();
  await simulator.close();
});

const session = (overrides: Partial<AgentSession> = {}): AgentSession => ({
  endpoint: `${running.url}/graphql`,
  headers: clientHeaders,
  userId: 'agent-7',
  interactionId: 'ixn-1',
  ehubSessionId: '4875',
  print: quiet,
  ...overrides,
});

describe('the agent flow', () => {
  it('runs connect, ready, accept, hold, retrieve, terminate, dispose, disconnect', async () => {
    simulator.presentInteraction('demo', 'ixn-1');
    const before = simulator.requests.length;
    const results = await runAgentSession(session());
    expect(results.map((result) => [result.step, result.typename, result.ok])).toEqual([
      ['connect', 'UserCommandAccepted', true],
      ['ready', 'UserCommandAccepted', true],
      ['accept', 'InteractionCommandAccepted', true],
      ['hold', 'InteractionCommandAccepted', true],
      ['retrieve', 'InteractionCommandAccepted', true],
      ['terminate', 'InteractionCommandAccepted', true],
      ['dispose', 'InteractionCommandAccepted', true],
      ['disconnect', 'UserCommandAccepted', true],
    ]);
    expect(simulator.requests.slice(before).map((sent) => sent.url.split('/').at(-1))).toEqual([
      'connect', 'ready', 'accept', 'hold', 'retrieve', 'terminate', 'dispose', 'disconnect',
    ]);
  });

  it('stops at a typed error and says why: an interaction that was never presented', async () => {
    const lines: string[] = [];
    const failure = await runAgentSession(session({ interactionId: 'ixn-never', print: (line) => lines.push(line) })).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AgentFlowError);
    expect((failure as AgentFlowError).result).toMatchObject({ step: 'accept', typename: 'NotFoundError', ok: false });
    expect(lines.at(-1)).toMatch(/FAIL accept +NotFoundError: HTTP 404: Interaction ixn-never was never presented/);
  });

  it('reports a ValidationError with its field, nothing sent', async () => {
    const before = simulator.requests.length;
    const failure = (await runAgentSession(session({ userId: '..' })).catch((error: unknown) => error)) as AgentFlowError;
    expect(failure.result).toMatchObject({ step: 'connect', typename: 'ValidationError' });
    expect(failure.result.detail).toMatch(/field userId; nothing was sent/);
    expect(simulator.requests.length).toBe(before);
  });

  it('runs as `npm run example`, starting everything it needs', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'examples/agent-flow.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = await once(child, 'exit');
    expect(output).toMatch(/ok +disconnect +UserCommandAccepted/);
    expect(output).toMatch(/ran from connect to disconnect/);
    expect(code).toBe(0);
  });
});

describe('persisted operations', () => {
  const manifestFile = fileURLToPath(new URL('../examples/generated/persisted-documents.json', import.meta.url));
  /** Printed document -> hash, so the client can send the hash that codegen wrote for it. */
  const hashes = new Map(
    Object.values(documents)
      .filter((value): value is DocumentNode & { __meta__: { hash: string } } => typeof value === 'object' && value !== null && '__meta__' in value)
      .map((document) => [print(document), document.__meta__.hash]),
  );
  const persistedClient = (endpoint: string) =>
    new GraphQLClient(endpoint, {
      headers: { ...clientHeaders },
      requestMiddleware: (request) => {
        const body = JSON.parse(String(request.body)) as { query: string; variables?: unknown; operationName?: string };
        const sha256Hash = hashes.get(body.query);
        if (!sha256Hash) return request;
        const { query: _sent, ...rest } = body;
        return { ...request, body: JSON.stringify({ ...rest, extensions: { persistedQuery: { version: 1, sha256Hash } } }) };
      },
    });

  it('runs the whole flow with hashes alone when only known operations are accepted', async () => {
    const gateway = testGateway(simulator.url, { env: { ALVARIA_ORG_ID: 'demo', PERSISTED_OPERATIONS_FILE: manifestFile, PERSISTED_OPERATIONS_ONLY: 'true' } });
    const endpoint = `${await gateway.url()}/graphql`;
    try {
      simulator.presentInteraction('demo', 'ixn-2');
      const results = await runAgentSession(session({ endpoint, interactionId: 'ixn-2', client: persistedClient(endpoint) }));
      expect(results.every((result) => result.ok)).toBe(true);

      const post = async (body: unknown) =>
        (await (await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...clientHeaders }, body: JSON.stringify(body) })).json()) as {
          errors?: Array<{ message: string; extensions?: { code?: string } }>;
        };
      const arbitrary = await post({ query: '{ engagementCenter { apiVersion } }' });
      // Refused as not allowed, not "not found": a client would answer that by sending the text, refused again.
      const notAllowed = { message: expect.stringMatching(/Only the persisted operations/), extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED' } };
      expect(arbitrary.errors?.[0]).toMatchObject(notAllowed);
      const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } });
      expect(unknown.errors?.[0]).toMatchObject(notAllowed);
      const unknownWithText = await post({ query: '{ engagementCenter { apiVersion } }', extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } });
      expect(unknownWithText.errors?.[0]).toMatchObject(notAllowed);
    } finally {
      await gateway.close();
    }
  });
});
