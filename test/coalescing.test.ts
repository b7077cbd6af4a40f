/**
 * Identical in-flight idempotent signals share one REST call (DataLoader), every caller getting the
 * answer; never across credentials, never for other commands, nothing kept after completion.
 * The upstream holds its answer until every call of a round is in flight, so overlap is certain.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { GatewayPlugin } from '../src/plugins/index.js';
import { requestIdOf } from '../src/plugins/use-request-id.js';
import { clientHeaders, useRecordingGateway, type GraphQLResponse } from './helpers/graphql-client.js';
import type { Reply } from './helpers/recording-upstream.js';

const keepAlive = 'mutation { userKeepAlive(userId: "agent-1", input: { ehubSessionId: "4875", sessionTimeout: 600 }) { __typename ... on UserCommandAccepted { status } ... on Error { message } } }';
const hold = 'mutation { interactionHold(interactionId: "4320", input: { ehubSessionId: "4875" }) { __typename } }';
const connect = (attach: boolean) => `mutation { userConnect(userId: "agent-1", input: { attach: ${attach} }) { __typename } }`;

/** Request id -> resolve: called once that request's command is in flight. */
const waiting = new Map<string, () => void>();

/**
 * A plugin that tells when a request's command is in flight: execution calls the resolver, which
 * joins an identical call in flight or starts its own, in the same synchronous step as `wrapped()`.
 */
const inFlightMarker: GatewayPlugin = {
  instrumentation: {
    execute({ context }: { context: { request: Request } }, wrapped: () => unknown) {
      const result = wrapped();
      waiting.get(requestIdOf(context.request))?.();
      return result;
    },
  },
};

const suite = useRecordingGateway({ plugins: [inFlightMarker] });

/** A GraphQL request over HTTP, and a promise that settles once its command is in flight (joined or sent). */
function start(query: string, headers: Record<string, string>) {
  const requestId = randomUUID();
  const inFlight = new Promise<void>((resolve) => waiting.set(requestId, resolve));
  const result = suite.gateway
    .fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers, 'x-request-id': requestId }, body: JSON.stringify({ query }) })
    .then(async (response) => ({ status: response.status, ...((await response.json()) as object) }) as GraphQLResponse<Record<string, unknown>>)
    .finally(() => waiting.delete(requestId));
  return { inFlight, result };
}

interface Round {
  /** The headers of the request with this index; default the same for all. */
  readonly headers?: (index: number) => Record<string, string>;
  /** How the upstream answers, once it may; default 202. */
  readonly reply?: Omit<Reply, 'until'>;
}

/** `count` requests at once; the upstream answers only when all their commands are in flight. */
async function concurrently(count: number, query: string, { headers = () => clientHeaders, reply = { status: 202 } }: Round = {}) {
  let release: () => void = () => {};
  const allInFlight = new Promise<void>((resolve) => {
    release = resolve;
  });
  suite.upstream.reply({ ...reply, until: allInFlight });
  const calls = Array.from({ length: count }, (_, index) => start(query, headers(index)));
  await Promise.all(calls.map((call) => call.inFlight));
  release();
  return Promise.all(calls.map((call) => call.result));
}

describe('coalescing', () => {
  it('makes one REST call for 10 concurrent identical keepAlives, and answers all 10', async () => {
    const results = await concurrently(10, keepAlive);
    expect(results.map((result) => result.data)).toEqual(Array.from({ length: 10 }, () => ({ userKeepAlive: { __typename: 'UserCommandAccepted', status: 202 } })));
    expect(suite.upstream.requests).toHaveLength(1);
  });

  it('gives every caller the error when the shared call fails', async () => {
    const results = await concurrently(5, keepAlive, { reply: { status: 503, headers: { 'retry-after': '3' } } });
    for (const result of results) expect(result.data?.userKeepAlive).toMatchObject({ __typename: 'ServiceUnavailableError' });
    expect(suite.upstream.requests).toHaveLength(1);
  });

  it('never shares a call between different tokens, API keys or sessions', async () => {
    await concurrently(3, keepAlive, { headers: (index) => ({ ...clientHeaders, authorization: `Bearer token-${index}` }) });
    expect(suite.upstream.requests).toHaveLength(3);
    suite.upstream.requests.length = 0;
    await concurrently(2, keepAlive, { headers: (index) => ({ ...clientHeaders, 'x-api-key': `key-${index}` }) });
    expect(suite.upstream.requests).toHaveLength(2);
    suite.upstream.requests.length = 0;
    await concurrently(2, keepAlive, { headers: (index) => ({ ...clientHeaders, 'via-client-sessionid': `session-${index}` }) });
    expect(suite.upstream.requests).toHaveLength(2);
  });

  it('keeps nothing once a call is answered', async () => {
    await concurrently(2, keepAlive);
    expect(suite.upstream.requests).toHaveLength(1);
    await concurrently(2, keepAlive);
    expect(suite.upstream.requests).toHaveLength(2);
  });

  it('never coalesces other commands, nor connect without attach', async () => {
    await concurrently(3, hold);
    expect(suite.upstream.requests).toHaveLength(3);
    suite.upstream.requests.length = 0;
    await concurrently(2, connect(false));
    expect(suite.upstream.requests).toHaveLength(2);
    suite.upstream.requests.length = 0;
    await concurrently(3, connect(true));
    expect(suite.upstream.requests).toHaveLength(1);
  });
});
