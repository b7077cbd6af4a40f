/**
 * A bounded load check on loopback: N concurrent clients send M mutations each through the
 * gateway to the simulator. Every request gets exactly one answer, and the simulator receives
 * exactly one REST call per accepted mutation: none lost, none duplicated. Memory returns near
 * its start once the run is over.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Pool } from 'undici';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { startGateway, type RunningGateway } from '../src/server.js';
import { clientHeaders } from './helpers/graphql-client.js';
import { silentLogger } from './helpers/logs.js';

const CLIENTS = 24;
// 960 in all: within the 1000 requests the simulator keeps for inspection.
const MUTATIONS_PER_CLIENT = 40;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const heapUsedAfterGc = (): number => {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

let running: RunningGateway;
let pool: Pool;
beforeAll(async () => {
  running = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1' }), silentLogger());
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
  const heapBefore = heapUsedAfterGc();
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();

  const answers = await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      const received: unknown[] = [];
      for (let index = 0; index < MUTATIONS_PER_CLIENT; index += 1) received.push(await hold(`load-${client}-${index}`));
      return received;
    }),
  );

  const seconds = (performance.now() - started) / 1000;
  const expectedIds = answers.flatMap((_, client) => Array.from({ length: MUTATIONS_PER_CLIENT }, (__, index) => `load-${client}-${index}`));
  expect(answers.flat()).toEqual(expectedIds.map((id) => ({ data: { interactionHold: { __typename: 'InteractionCommandAccepted', interaction: { id } } } })));

  const sentIds = simulator.requests.map((sent) => sent.url.split('/')[7]);
  expect(sentIds).toHaveLength(expectedIds.length);
  expect(new Set(sentIds)).toEqual(new Set(expectedIds));

  const heapAfter = heapUsedAfterGc();
  const rssAfter = process.memoryUsage().rss;
  const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  console.log(
    `load: ${expectedIds.length} mutations in ${seconds.toFixed(2)} s (${Math.round(expectedIds.length / seconds)}/s, gateway and simulator in this process); ` +
      `heap after GC ${mib(heapBefore)} -> ${mib(heapAfter)} MiB, RSS ${mib(rssBefore)} -> ${mib(rssAfter)} MiB`,
  );
  expect(heapAfter - heapBefore).toBeLessThan(16 * 1024 * 1024);
});
