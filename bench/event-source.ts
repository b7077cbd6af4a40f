/**
 * The events benchmark's upstream: the simulator as built (`dist/simulator/simulator.js`, named by
 * SIMULATOR_MODULE, as `npm run simulator` runs it) in a process of its own, whose `emit` the
 * parent drives over IPC. It reports its port like the other helpers. An `emit` request appends
 * `count` events to a session as fast as the simulator drains them: at most `MAX_BACKLOG` emitted
 * and not yet acknowledged by the gateway at a time, so that the simulator's bounded queue
 * (10000 per session) never drops one; the answer gives the first and last sequence numbers and
 * the events the simulator dropped (0 when the measure is valid).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import type { Simulator } from '../src/simulator/simulator.js';

export interface EmitRequest {
  readonly emit: {
    readonly organization: string;
    readonly sessionId: string;
    readonly kind: string;
    readonly count: number;
    /** Length of the filler string in each payload, beside its index. */
    readonly fillerBytes: number;
  };
}

export interface EmitAnswer {
  readonly emitted: { readonly first: number; readonly last: number; readonly dropped: number };
}

/** Emitted but not yet acknowledged: well under the simulator's queue bound (10000 per session). */
const MAX_BACKLOG = 5_000;
/** Appended at once before the loop yields to the simulator's HTTP side. */
const CHUNK = 250;

const modulePath = process.env.SIMULATOR_MODULE;
if (!modulePath) throw new Error('SIMULATOR_MODULE must name dist/simulator/simulator.js');
const { startSimulator } = (await import(pathToFileURL(modulePath).href)) as typeof import('../src/simulator/simulator.js');
// No request log: the benchmark's traffic would fill it for nothing.
const simulator: Simulator = await startSimulator({ port: 0, host: '127.0.0.1', recordLimit: 0 });

async function emit({ organization, sessionId, kind, count, fillerBytes }: EmitRequest['emit']): Promise<EmitAnswer['emitted']> {
  const statistics = simulator.streaming.get(sessionId);
  if (!statistics) throw new Error('emit: the simulator has no such session');
  const filler = 'x'.repeat(fillerBytes);
  let first = 0;
  let last = 0;
  for (let index = 0; index < count; ) {
    const backlog = statistics.eventsAppended - statistics.acknowledgedUpTo;
    if (backlog >= MAX_BACKLOG) {
      await sleep(1);
      continue;
    }
    const end = Math.min(count, index + CHUNK, index + MAX_BACKLOG - backlog);
    for (; index < end; index += 1) {
      const event = simulator.emit(organization, sessionId, kind, { index, userId: 'agent-1', interactionId: '4320', workTypeId: '321', filler });
      if (first === 0) first = event.sequenceNumber;
      last = event.sequenceNumber;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { first, last, dropped: statistics.eventsDropped };
}

process.on('message', (message: EmitRequest) => {
  if (!('emit' in message)) return;
  emit(message.emit).then(
    (emitted) => process.send?.({ emitted } satisfies EmitAnswer),
    (error: unknown) => process.send?.({ error: String(error) }),
  );
});
process.on('SIGINT', () => void simulator.close().then(() => process.exit(0)));
process.send?.({ port: Number(new URL(simulator.url).port) });
