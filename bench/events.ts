/**
 * The events part of `npm run bench` (alone: BENCH_ONLY=events): the fan-out of one streaming
 * session's events to 100 subscribers over SSE and over WebSocket, the gateway's memory per idle
 * subscriber, and a subscriber that stops reading. The gateway runs as users run it
 * (`node dist/index.js`), against the simulator as built, started alone in a helper process that
 * emits the events (bench/event-source.ts). Every subscriber is a real client on loopback
 * (bench/event-subscribers.ts, bench/stalled-subscriber.ts) in this process.
 *
 * - Fan-out: 100 subscribers of one session (one credential, so one poller, as the contract has
 *   it); markers until every one is established; then `BENCH_EVENTS` events (default 1000) emitted
 *   as fast as the simulator drains them. Events per second: from the first emitted to the last
 *   one received by the last subscriber; every subscriber must have got all of them, in order.
 *   CPU: the gateway process's, from /proc, over that span, per event (one event is 100
 *   deliveries). After a warm-up, each transport three times in alternating order (medians).
 * - Idle memory: a fresh gateway, warmed up (10 subscribers that receive a marker, then leave);
 *   its RSS (the median of 5 samples) with none, then with 1000 subscribers open that received a
 *   marker and wait; the difference ÷ 1000, three times (the median is reported). No forced GC:
 *   it is measured as users run it.
 * - Slow subscriber: a fresh gateway, one subscriber that reads and one that stops reading while
 *   batches of 4 KiB events flow (each delivered to the reader before the next) until the gateway
 *   ends the stalled one, then as many again: it must end with SUBSCRIBER_TOO_SLOW, the other get
 *   every event, and the gateway's RSS stay bounded: its peak (sampled every 50 ms) against the
 *   control, the reader alone with as many events on another fresh gateway.
 */
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmitAnswer, EmitRequest } from './event-source.js';
import { MARKER_KIND, MEASURED_KIND, openSubscribers, type Credentials, type EventRecord, type Subscriber, type Transport } from './event-subscribers.js';
import { cpuSeconds, forkHelper, residentBytes, root, startBuiltGateway, type Child } from './processes.js';
import { median, type EventsResults, type FanOutPhase, type IdleMemoryPhase, type SlowSubscriberPhase } from './report.js';
import { metricValue } from '../test/helpers/gateway-process.js';
import { openStalledSubscriber } from './stalled-subscriber.js';

const ORGANIZATION = 'bench';
const FAN_OUT_SUBSCRIBERS = 100;
const IDLE_SUBSCRIBERS = 1000;
const events = Number(process.env.BENCH_EVENTS ?? 1000);
/** Each transport's fan-out is measured this many times, in alternating order, and reported by its medians. */
const FAN_OUT_ROUNDS = 3;
/** Each transport's idle memory is measured this many times, each on a fresh gateway, and reported by its median. */
const IDLE_ROUNDS = 3;
const TRANSPORTS: readonly Transport[] = ['sse', 'ws'];
/** Every wait for a condition gives up after this long: a stuck phase fails instead of hanging. */
const BOUND_MS = 120_000;
/** Filler of each measured event's payload: with its other fields, about 200 bytes of JSON, as a vendor event. */
const FAN_OUT_FILLER = 100;
/** Large events fill the stalled subscriber's socket buffers sooner. */
const SLOW_FILLER = 4096;
const SLOW_BATCH = 500;

const credentialsOf = (sessionId: string): Credentials => ({ authorization: 'Bearer bench-token', 'x-api-key': 'bench-key', 'via-client-sessionid': sessionId });

/** The gateway's environment: every default but the subscriptions of one credential, which the phases need more of than 20. */
const gatewayEnv = (upstream: string): Record<string, string> => ({
  PORT: '0',
  HOST: '127.0.0.1',
  ALVARIA_BASE_URL: upstream,
  ALVARIA_ORG_ID: ORGANIZATION,
  LOG_LEVEL: 'info',
  MAX_SUBSCRIPTIONS_PER_CREDENTIAL: String(IDLE_SUBSCRIBERS + 100),
});

interface EventSource {
  readonly child: Child;
  emit(sessionId: string, kind: string, count: number, fillerBytes: number): Promise<EmitAnswer['emitted']>;
}

async function startEventSource(): Promise<EventSource> {
  const child = await forkHelper('./event-source.ts', { SIMULATOR_MODULE: join(root, 'dist', 'simulator', 'simulator.js') });
  // One request at a time: the answers come back in order.
  let queue: Promise<unknown> = Promise.resolve();
  const emit = (sessionId: string, kind: string, count: number, fillerBytes: number) => {
    const answered = queue.then(async () => {
      const message: EmitRequest = { emit: { organization: ORGANIZATION, sessionId, kind, count, fillerBytes } };
      child.process.send(message);
      const [answer] = (await bounded('the event source to emit', once(child.process, 'message'))) as [EmitAnswer | { error: string }];
      if ('error' in answer) throw new Error(`the event source: ${answer.error}`);
      return answer.emitted;
    });
    queue = answered.catch(() => undefined);
    return answered;
  };
  return { child, emit };
}

/** Settles with `promise`, or fails after BOUND_MS. */
async function bounded<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up waiting for ${what}`)), BOUND_MS);
  });
  try {
    return await Promise.race([promise, gaveUp]);
  } finally {
    clearTimeout(timer);
  }
}

async function waitFor(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = performance.now() + BOUND_MS;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(50);
  }
}

/** A metric of the gateway's /metrics, summed over the series whose labels include `labels`. */
async function metric(gateway: Child, name: string, labels: Record<string, string> = {}): Promise<number> {
  return metricValue(await (await fetch(`${gateway.url}/metrics`)).text(), name, labels);
}

async function createSession(gateway: Child): Promise<string> {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: 'Bearer bench-token', 'x-api-key': 'bench-key' },
    body: JSON.stringify({ query: 'mutation { streamingSessionCreate { __typename ... on StreamingSession { id } ... on Error { message } } }' }),
  });
  const body = (await response.json()) as { data?: { streamingSessionCreate?: { id?: string } } };
  const id = body.data?.streamingSessionCreate?.id;
  if (!id) throw new Error(`streamingSessionCreate did not give a session: ${JSON.stringify(body)}`);
  return id;
}

/** Emits markers until every record has one: each subscriber is then established and delivering. */
async function markUntilEstablished(source: EventSource, sessionId: string, records: readonly { readonly markers: number }[] | (() => boolean)): Promise<void> {
  const all = typeof records === 'function' ? records : () => records.every((record) => record.markers > 0);
  await waitFor('every subscriber to receive a marker', async () => {
    if (all()) return true;
    await source.emit(sessionId, MARKER_KIND, 1, 0);
    return false;
  });
}

const ended = (records: readonly EventRecord[]): string[] => records.filter((record) => record.ending !== null).map((record) => record.ending ?? '');

async function closeAll(gateway: Child, subscribers: readonly Subscriber[]): Promise<void> {
  for (const subscriber of subscribers) subscriber.close();
  await waitFor('the subscriptions to close', async () => (await metric(gateway, 'subscriptions_active')) === 0);
}


/** The gateway's RSS: the median of `samples` readings 200 ms apart. */
async function settledRss(gateway: Child, samples = 5): Promise<number> {
  const readings: number[] = [];
  for (let sample = 0; sample < samples; sample += 1) {
    await sleep(200);
    readings.push(residentBytes([gateway.process.pid ?? 0]));
  }
  return median(readings);
}

function rssSampler(gateway: Child, everyMs: number): { peak(): number; stop(): void } {
  const pid = gateway.process.pid ?? 0;
  let peak = residentBytes([pid]);
  const timer = setInterval(() => (peak = Math.max(peak, residentBytes([pid]))), everyMs);
  return { peak: () => Math.max(peak, residentBytes([pid])), stop: () => clearInterval(timer) };
}

const MiB = 1024 * 1024;

async function fanOut(transport: Transport, gateway: Child, source: EventSource, count: number): Promise<FanOutPhase> {
  const sessionId = await createSession(gateway);
  const subscribers = await openSubscribers(transport, gateway.url, credentialsOf(sessionId), FAN_OUT_SUBSCRIBERS);
  const records = subscribers.map((subscriber) => subscriber.record);
  try {
    await markUntilEstablished(source, sessionId, records);
    const pid = gateway.process.pid ?? 0;
    const rss = rssSampler(gateway, 100);
    const cpuBefore = cpuSeconds([pid]);
    const clientBefore = process.cpuUsage();
    const started = performance.now();
    const emitted = await source.emit(sessionId, MEASURED_KIND, count, FAN_OUT_FILLER);
    await bounded(`every ${transport} subscriber to receive the events`, Promise.all(records.map((record) => record.until(() => record.lastMeasured >= emitted.last))));
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSeconds([pid]) - cpuBefore;
    const client = process.cpuUsage(clientBefore);
    rss.stop();
    const complete = records.filter((record) => record.gotExactly(emitted.first, emitted.last)).length;
    const phase: FanOutPhase = {
      transport,
      subscribers: subscribers.length,
      events: count,
      complete,
      droppedUpstream: emitted.dropped,
      endings: ended(records),
      seconds,
      eventsPerSecond: count / seconds,
      cpuMicrosPerEvent: (cpu * 1e6) / count,
      clientCpuShare: (client.user + client.system) / 1e6 / seconds,
      peakRssMiB: rss.peak() / MiB,
    };
    console.log(
      `events fan-out ${transport.padEnd(3)} ${count} events × ${phase.subscribers} subscribers in ${seconds.toFixed(2)} s: ${phase.eventsPerSecond.toFixed(0)} events/s, ` +
        `${phase.cpuMicrosPerEvent.toFixed(0)} µs CPU/event (gateway busy ${((cpu / seconds) * 100).toFixed(0)} %, clients ${(phase.clientCpuShare * 100).toFixed(0)} % of a core), peak RSS ${phase.peakRssMiB.toFixed(0)} MiB, ${complete}/${phase.subscribers} got all in order`,
    );
    return phase;
  } finally {
    await closeAll(gateway, subscribers);
  }
}

/** A fresh gateway with one session, warmed up by `warmUp` subscribers that get a marker and leave, and its RSS then. */
async function freshGateway(transport: Transport, upstream: string, source: EventSource, warmUp: number) {
  const gateway = await startBuiltGateway(gatewayEnv(upstream));
  try {
    const sessionId = await createSession(gateway);
    const credentials = credentialsOf(sessionId);
    const warm = await openSubscribers(transport, gateway.url, credentials, warmUp);
    await markUntilEstablished(source, sessionId, warm.map((subscriber) => subscriber.record));
    await closeAll(gateway, warm);
    return { gateway, sessionId, credentials, rssBefore: await settledRss(gateway) };
  } catch (error) {
    await gateway.stop();
    throw error;
  }
}

async function idleMemory(transport: Transport, upstream: string, source: EventSource): Promise<IdleMemoryPhase> {
  const { gateway, sessionId, credentials, rssBefore } = await freshGateway(transport, upstream, source, 10);
  try {
    const subscribers = await openSubscribers(transport, gateway.url, credentials, IDLE_SUBSCRIBERS);
    try {
      await waitFor(`${IDLE_SUBSCRIBERS} subscriptions`, async () => (await metric(gateway, 'subscriptions_active')) === IDLE_SUBSCRIBERS);
      const records = subscribers.map((subscriber) => subscriber.record);
      await markUntilEstablished(source, sessionId, records);
      const withIdle = await settledRss(gateway);
      const failed = ended(records);
      if (failed.length > 0) throw new Error(`idle ${transport} subscribers ended: ${failed.slice(0, 3).join(', ')}`);
      const phase: IdleMemoryPhase = {
        transport,
        subscribers: IDLE_SUBSCRIBERS,
        rssBeforeMiB: rssBefore / MiB,
        rssWithIdleMiB: withIdle / MiB,
        kibPerSubscriber: (withIdle - rssBefore) / 1024 / IDLE_SUBSCRIBERS,
      };
      console.log(
        `events idle ${transport.padEnd(3)} RSS ${phase.rssBeforeMiB.toFixed(1)} MiB → ${phase.rssWithIdleMiB.toFixed(1)} MiB with ${IDLE_SUBSCRIBERS} idle subscribers: ${phase.kibPerSubscriber.toFixed(1)} KiB each`,
      );
      return phase;
    } finally {
      await closeAll(gateway, subscribers);
    }
  } finally {
    await gateway.stop();
  }
}

interface SlowRun {
  readonly rssBefore: number;
  /** Batches emitted until the stalled subscriber was ended (all of them without one). */
  readonly batchesUntilEnded: number;
  readonly peakUntilEnded: number;
  readonly peakAfter: number;
  readonly readerComplete: boolean;
  readonly stalled: { readonly events: number; readonly ending: string } | null;
}

/**
 * One reader and, when `stall`, a subscriber that stops reading, on a fresh gateway: batches of
 * large events until the gateway ends the stalled one (without one: `batches` of them), then as
 * many again; the gateway's RSS sampled every 50 ms over each half.
 */
async function slowRun(transport: Transport, upstream: string, source: EventSource, stall: boolean, batches = 0): Promise<SlowRun> {
  const { gateway, sessionId, credentials, rssBefore } = await freshGateway(transport, upstream, source, 2);
  const stalled = stall ? openStalledSubscriber(transport, gateway.url, credentials) : null;
  let reader: Subscriber | undefined;
  try {
    [reader] = await openSubscribers(transport, gateway.url, credentials, 1);
    const record = reader?.record;
    if (!record) throw new Error('no subscriber opened');
    let stalledEstablished = stalled === null;
    void stalled?.established.then(() => (stalledEstablished = true));
    await markUntilEstablished(source, sessionId, () => record.markers > 0 && stalledEstablished);
    stalled?.stall();
    let rss = rssSampler(gateway, 50);
    let first = 0;
    let last = 0;
    let emitted = 0;
    // Each batch delivered to the reader before the next: the gateway is never far behind the simulator.
    const emitBatch = async () => {
      const batch = await source.emit(sessionId, MEASURED_KIND, SLOW_BATCH, SLOW_FILLER);
      first ||= batch.first;
      last = batch.last;
      emitted += 1;
      await bounded('the reader to receive the batch', record.until(() => record.lastMeasured >= batch.last));
    };
    if (stalled) {
      const tooSlow = () => metric(gateway, 'subscriptions_ended_total', { reason: 'subscriber_too_slow' });
      // Bounded: 200 batches of 4 KiB events are far more than the socket buffers hold.
      while ((await tooSlow()) === 0) {
        if (emitted >= 200) throw new Error(`the stalled ${transport} subscriber was not ended after ${emitted * SLOW_BATCH} events`);
        await emitBatch();
      }
    } else {
      while (emitted < batches) await emitBatch();
    }
    const batchesUntilEnded = emitted;
    rss.stop();
    const peakUntilEnded = rss.peak();
    rss = rssSampler(gateway, 50);
    while (emitted < 2 * batchesUntilEnded) await emitBatch();
    rss.stop();
    return {
      rssBefore,
      batchesUntilEnded,
      peakUntilEnded,
      peakAfter: rss.peak(),
      readerComplete: record.gotExactly(first, last),
      stalled: stalled ? await bounded('the stalled subscriber to read to its end', stalled.resume()) : null,
    };
  } finally {
    stalled?.close();
    reader?.close();
    await gateway.stop();
  }
}

/** A stalled subscriber beside a reader, then the reader alone with as many events (the control), each on a fresh gateway. */
async function slowSubscriber(transport: Transport, upstream: string, source: EventSource): Promise<SlowSubscriberPhase> {
  const withStalled = await slowRun(transport, upstream, source, true);
  const control = await slowRun(transport, upstream, source, false, withStalled.batchesUntilEnded);
  const phase: SlowSubscriberPhase = {
    transport,
    eventBytes: SLOW_FILLER,
    emittedUntilEnded: withStalled.batchesUntilEnded * SLOW_BATCH,
    emitted: 2 * withStalled.batchesUntilEnded * SLOW_BATCH,
    stalledReceived: withStalled.stalled?.events ?? 0,
    stalledEnding: withStalled.stalled?.ending ?? 'none',
    readerComplete: withStalled.readerComplete && control.readerComplete,
    rssBeforeMiB: withStalled.rssBefore / MiB,
    peakRssUntilEndedMiB: withStalled.peakUntilEnded / MiB,
    peakRssAfterMiB: withStalled.peakAfter / MiB,
    controlRssBeforeMiB: control.rssBefore / MiB,
    controlPeakRssMiB: Math.max(control.peakUntilEnded, control.peakAfter) / MiB,
  };
  console.log(
    `events slow ${transport.padEnd(3)} stalled subscriber ended ${phase.stalledEnding} after ${phase.emittedUntilEnded} events emitted (it had read ${phase.stalledReceived}); ` +
      `the reader got all ${phase.emitted}: ${phase.readerComplete}; RSS ${phase.rssBeforeMiB.toFixed(0)} MiB before, peak ${phase.peakRssUntilEndedMiB.toFixed(0)} MiB until it was ended, ` +
      `${phase.peakRssAfterMiB.toFixed(0)} MiB after; without it ${phase.controlRssBeforeMiB.toFixed(0)} MiB before, peak ${phase.controlPeakRssMiB.toFixed(0)} MiB`,
  );
  return phase;
}

/** The events part: about two minutes at the default BENCH_EVENTS. */
export async function eventsPart(): Promise<EventsResults> {
  const source = await startEventSource();
  try {
    const gateway = await startBuiltGateway(gatewayEnv(source.child.url));
    const fanOuts: FanOutPhase[] = [];
    try {
      console.log(`events: warm-up (${Math.ceil(events / 3)} events over each transport)`);
      for (const transport of TRANSPORTS) await fanOut(transport, gateway, source, Math.ceil(events / 3));
      // Rounds in alternating order, reported by their medians: the machine is shared and noisy.
      for (let round = 1; round <= FAN_OUT_ROUNDS; round += 1) {
        const order = round % 2 === 1 ? TRANSPORTS : [...TRANSPORTS].reverse();
        for (const transport of order) fanOuts.push({ ...(await fanOut(transport, gateway, source, events)), round });
      }
    } finally {
      await gateway.stop();
    }
    const idle: IdleMemoryPhase[] = [];
    for (let round = 1; round <= IDLE_ROUNDS; round += 1) {
      for (const transport of TRANSPORTS) idle.push({ ...(await idleMemory(transport, source.child.url, source)), round });
    }
    const slow: SlowSubscriberPhase[] = [];
    for (const transport of TRANSPORTS) slow.push(await slowSubscriber(transport, source.child.url, source));
    return { fanOut: fanOuts, idle, slow };
  } finally {
    await source.child.stop();
  }
}

/** Why the part's figures cannot be trusted, if they cannot; empty when valid. */
export function invalidEvents(results: EventsResults): string[] {
  return [
    ...results.fanOut
      .filter((phase) => phase.complete !== phase.subscribers || phase.droppedUpstream > 0 || phase.endings.length > 0)
      .map((phase) => `fan-out ${phase.transport}: ${phase.complete}/${phase.subscribers} got every event in order, ${phase.droppedUpstream} dropped upstream, endings ${JSON.stringify(phase.endings)}`),
    ...results.slow
      .filter((phase) => phase.stalledEnding !== 'SUBSCRIBER_TOO_SLOW' || !phase.readerComplete)
      .map((phase) => `slow ${phase.transport}: the stalled subscriber ended ${phase.stalledEnding}, the reader got every event: ${phase.readerComplete}`),
  ];
}
