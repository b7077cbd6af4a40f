/**
 * When the call itself fails, the client learns whether the command may have been carried out:
 * never written (UpstreamUnavailableError) or outcome unknown (UpstreamTimeoutError). Sent once.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeEach, describe, expect, it } from 'vitest';
import { HoldDocument } from './generated/graphql.js';
import { execute, testGateway, useRecordingGateway, type TestGateway } from './helpers/graphql-client.js';

const suite = useRecordingGateway({ env: { ALVARIA_TIMEOUT_MS: '300' } });

const hold = async (via: TestGateway = suite.gateway) => {
  const result = await execute(via, HoldDocument, { id: '4320', input: { ehubSessionId: '4875' } });
  expect(result.errors).toBeUndefined();
  return result.data?.interactionHold;
};

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('upstream failures', () => {
  // A keep-alive connection first: each command below is written at once, before its 300 ms can
  // run out however busy the machine (one still connecting then would be UpstreamUnavailableError).
  beforeEach(async () => {
    expect(await hold()).toMatchObject({ __typename: 'InteractionCommandAccepted' });
    suite.upstream.requests.length = 0;
  });

  it('an answer later than ALVARIA_TIMEOUT_MS is an UpstreamTimeoutError that says the outcome is unknown', async () => {
    suite.upstream.reply({ status: 202, delayMs: 1_500 });
    const result = await hold();
    expect(result).toEqual({ __typename: 'UpstreamTimeoutError', message: expect.stringMatching(/may or may not have been carried out/) });
    expect(suite.upstream.requests).toHaveLength(1);
  });

  it('a connection reset after the request was sent is an UpstreamTimeoutError, and is not retried', async () => {
    suite.upstream.reply({ status: 202, reset: true });
    expect(await hold()).toMatchObject({ __typename: 'UpstreamTimeoutError' });
    expect(suite.upstream.requests).toHaveLength(1);
  });

  it('a refused connection is an UpstreamUnavailableError that says nothing was carried out, without the address', async () => {
    const port = await closedPort();
    const unreachable = testGateway(`http://127.0.0.1:${port}`);
    try {
      const result = await hold(unreachable);
      expect(result).toEqual({ __typename: 'UpstreamUnavailableError', message: expect.stringMatching(/refused.*not carried out/) });
      expect(JSON.stringify(result)).not.toContain(String(port));
    } finally {
      await unreachable.close();
    }
  });

  it('keeps serving after failures', async () => {
    suite.upstream.reply({ status: 202 });
    expect(await hold()).toMatchObject({ __typename: 'InteractionCommandAccepted', status: 202 });
  });
});
