/** Sends GraphQL to an in-process gateway through `yoga.fetch`, as a client would over HTTP. */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/gateway.js';
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

export function testGateway(baseUrl: string, options: Partial<GatewayOptions> = {}): Gateway {
  return createGateway({
    baseUrl,
    defaultOrganization: 'acme',
    allowedOrganizations: null,
    defaultApiKey: null,
    upstream: { timeoutMs: 2_000 },
    logger: silentLogger(),
    ...options,
  });
}

export async function execute<TData = Record<string, unknown>, TVariables = Record<string, unknown>>(
  gateway: Gateway,
  document: TypedDocumentNode<TData, TVariables> | DocumentNode | string,
  variables?: TVariables,
  headers: Record<string, string> = clientHeaders,
): Promise<GraphQLResponse<TData>> {
  const query = typeof document === 'string' ? document : print(document);
  const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<TData>, 'status'>;
  return { status: response.status, ...body };
}

export interface RecordingGateway {
  upstream: RecordingUpstream;
  gateway: Gateway;
}

/**
 * A gateway in front of a recording upstream for the suite, with the record cleared before each
 * test; the returned object is filled in `beforeAll`.
 */
export function useRecordingGateway(options: Partial<GatewayOptions> = {}): RecordingGateway {
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
