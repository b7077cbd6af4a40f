/**
 * Gateways for tests, served over real HTTP by the same server code as `npm start`
 * (`serveGateway`), and a client that sends GraphQL to them as a client would.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { readConfig, type GatewayConfig } from '../../src/config/read-config.js';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/gateway/index.js';
import { serveGateway, type ServedGateway } from '../../src/server/serve.js';
import { silentLogger } from './logs.js';
import { startRecordingUpstream, type RecordingUpstream } from './recording-upstream.js';

export const clientHeaders = {
  authorization: 'Bearer test-access-token',
  'x-api-key': 'test-api-key',
  'via-client-sessionid': 'test-session-id',
} as const;

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** A gateway on a loopback port, listening from its first request on. */
export interface TestGateway {
  readonly gateway: Gateway;
  /** Its address, e.g. `http://127.0.0.1:40123`. */
  url(): Promise<string>;
  /** `fetch` against the gateway: `path` is relative to its address. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** What a test gateway differs in: settings as the environment would give them, and the options beside them. */
export interface TestGatewayOptions extends Omit<GatewayOptions, 'config'> {
  readonly env?: Readonly<Record<string, string>>;
}

/** The configuration of a test gateway: organization `acme`, REST calls bounded at 2 s, logs off. */
export const testConfig = (baseUrl: string, env: Readonly<Record<string, string>> = {}): GatewayConfig =>
  readConfig({ ALVARIA_BASE_URL: baseUrl, ALVARIA_ORG_ID: 'acme', ALVARIA_TIMEOUT_MS: '2000', LOG_LEVEL: 'silent', ...env });

export function testGateway(baseUrl: string, { env, ...options }: TestGatewayOptions = {}): TestGateway {
  const config = testConfig(baseUrl, env);
  const gateway = createGateway({ logger: silentLogger(), ...options, config });
  let served: Promise<ServedGateway> | undefined;
  const serve = () => (served ??= serveGateway(gateway, config.http, 0, '127.0.0.1'));
  return {
    gateway,
    url: async () => (await serve()).url,
    fetch: async (path, init) => fetch(`${(await serve()).url}${path}`, init),
    close: async () => (served ? (await served).close() : gateway.close()),
  };
}

export async function execute<TData = Record<string, unknown>, TVariables = Record<string, unknown>>(
  gateway: TestGateway,
  document: TypedDocumentNode<TData, TVariables> | DocumentNode | string,
  variables?: TVariables,
  headers: Record<string, string> = clientHeaders,
): Promise<GraphQLResponse<TData>> {
  const query = typeof document === 'string' ? document : print(document);
  const response = await gateway.fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<TData>, 'status'>;
  return { status: response.status, ...body };
}

export interface RecordingGateway {
  upstream: RecordingUpstream;
  gateway: TestGateway;
}

/**
 * A gateway in front of a recording upstream for the suite, with the record cleared before each
 * test; the returned object is filled in `beforeAll`.
 */
export function useRecordingGateway(options: TestGatewayOptions = {}): RecordingGateway {
  const suite = {} as RecordingGateway;
  beforeAll(async () => {
    suite.upstream = await startRecordingUpstream();
    suite.gateway = testGateway(suite.upstream.url, options);
  });
  afterAll(async () => {
    await suite.gateway.close();
    await suite.upstream.close();
  });
  beforeEach(() => {
    suite.upstream.requests.length = 0;
    suite.upstream.reply({ status: 202 });
  });
  return suite;
}
