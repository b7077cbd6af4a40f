/**
 * Identical in-flight idempotent signals share one REST call (DataLoader), every caller getting the
 * answer; never across credentials, never for other commands, nothing kept after completion.
 */
import { describe, expect, it } from 'vitest';
import { clientHeaders, execute, useRecordingGateway } from './helpers/graphql-client.js';

const suite = useRecordingGateway();

const keepAlive = 'mutation { userKeepAlive(userId: "agent-1", input: { ehubSessionId: "4875", sessionTimeout: 600 }) { __typename ... on UserCommandAccepted { status } ... on Error { message } } }';
const hold = 'mutation { interactionHold(interactionId: "4320", input: { ehubSessionId: "4875" }) { __typename } }';
const connect = (attach: boolean) => `mutation { userConnect(userId: "agent-1", input: { attach: ${attach} }) { __typename } }`;

const concurrently = (count: number, query: string, headers: (index: number) => Record<string, string> = () => clientHeaders) =>
  Promise.all(Array.from({ length: count }, (_, index) => execute(suite.gateway, query, {}, headers(index))));

describe('coalescing', () => {
  it('makes one REST call for 10 concurrent identical keepAlives, and answers all 10', async () => {
    suite.upstream.reply({ status: 202, delayMs: 100 });
    const results = await concurrently(10, keepAlive);
    expect(results.map((result) => result.data)).toEqual(Array.from({ length: 10 }, () => ({ userKeepAlive: { __typename: 'UserCommandAccepted', status: 202 } })));
    expect(suite.upstream.requests).toHaveLength(1);
  });

  it('gives every caller the error when the shared call fails', async () => {
    suite.upstream.reply({ status: 503, delayMs: 100, headers: { 'retry-after': '3' } });
    const results = await concurrently(5, keepAlive);
    for (const result of results) expect(result.data?.userKeepAlive).toMatchObject({ __typename: 'ServiceUnavailableError' });
    expect(suite.upstream.requests).toHaveLength(1);
  });

  it('never shares a call between different tokens, API keys or sessions', async () => {
    suite.upstream.reply({ status: 202, delayMs: 100 });
    await concurrently(3, keepAlive, (index) => ({ ...clientHeaders, authorization: `Bearer token-${index}` }));
    expect(suite.upstream.requests).toHaveLength(3);
    suite.upstream.requests.length = 0;
    await concurrently(2, keepAlive, (index) => ({ ...clientHeaders, 'via-client-sessionid': `session-${index}` }));
    expect(suite.upstream.requests).toHaveLength(2);
  });

  it('keeps nothing once a call is answered', async () => {
    await concurrently(2, keepAlive);
    await concurrently(2, keepAlive);
    expect(suite.upstream.requests).toHaveLength(2);
  });

  it('never coalesces other commands, nor connect without attach', async () => {
    suite.upstream.reply({ status: 202, delayMs: 50 });
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
