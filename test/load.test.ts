/**
 * A bounded load check on loopback: N concurrent clients send M mutations each through the
 * gateway to the simulator. Every request gets exactly one answer, and the simulator receives
 * exactly one REST call per accepted mutation: none lost, none duplicated. Memory and speed are
 * the benchmark's to measure (`npm run bench`), not a pass/fail test's.
 */
import { Pool } from 'undici';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readConfig } from '../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import { clientHeaders } from './helpers/graphql-client.js';
import { silentLogger } from './helpers/logs.js';

const CLIENTS = 24;
// 960 in all: within the 1000 requests the simulator keeps for inspection.
const MUTATIONS_PER_CLIENT = 40;

let running: RunningGateway;
let pool: Pool;
beforeAll(async () => {
  // Both protections on (the breaker is by default), limits high enough never to refuse: still
  // exactly one REST call per accepted command.
  running = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1', RATE_LIMIT_PER_CREDENTIAL: '1000000', RATE_LIMIT_PER_ORGANIZATION: '1000000', ALVARIA_CIRCUIT_FAILURES: '5' }), { logger: silentLogger() });
  pool = new Pool(running.url, { connections: CLIENTS });
});
afterAll(async () => {
  await pool.close();
  await running.close();
});

async function hold(id: string): Promise<unknown> {
  const response = await pool.request({
    path: '/graphql',
    method: 'POST',
    headers: { 'content-type': 'application/json', ...clientHeaders },
    body: JSON.stringify({
      query: 'mutation($id: ID!) { interactionHold(interactionId: $id, input: { ehubSessionId: "4875" }) { __typename ... on InteractionCommandAccepted { interaction { id } } } }',
      variables: { id },
    }),
  });
  return response.body.json();
}

it(`${CLIENTS} clients x ${MUTATIONS_PER_CLIENT} mutations: one answer each, one REST call each`, async () => {
  await hold('warm-up');
  const simulator = running.simulator;
  if (!simulator) throw new Error('the gateway should run against its simulator');
  simulator.requests.length = 0;
  const answers = await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      const received: unknown[] = [];
      for (let index = 0; index < MUTATIONS_PER_CLIENT; index += 1) received.push(await hold(`load-${client}-${index}`));
      return received;
    }),
  );

  const expectedIds = answers.flatMap((_, client) => Array.from({ length: MUTATIONS_PER_CLIENT }, (__, index) => `load-${client}-${index}`));
  expect(answers.flat()).toEqual(expectedIds.map((id) => ({ data: { interactionHold: { __typename: 'InteractionCommandAccepted', interaction: { id } } } })));

  const sentIds = simulator.requests.map((sent) => sent.url.split('/')[7]);
  expect(sentIds).toHaveLength(expectedIds.length);
  expect(new Set(sentIds)).toEqual(new Set(expectedIds));
});
