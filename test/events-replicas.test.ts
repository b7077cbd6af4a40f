/**
 * Agent events across replicas, end to end: two gateway processes as `npm start` runs them, one
 * real `redis-server`, one simulator shared by both (the Streaming API, which answers a concurrent
 * retrieval of a session with 409), and SSE subscribers of one session spread over both gateways.
 * Events come from commands sent through either gateway and from the simulator itself (also
 * steadily, across each fault). Proven:
 * one retrieval of the session at a time whatever the replicas; every subscriber receives every
 * event once, in order; Redis stopped and started again ends no subscription and loses or repeats
 * nothing; the polling replica killed (SIGKILL) is replaced by the other, and its subscribers
 * resume there with `Last-Event-ID` from what Redis retained.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { startSimulator, type Simulator } from '../src/simulator/simulator.js';
import { range } from './helpers/event-hubs.js';
import { startGatewayProcess, type GatewayProcess } from './helpers/gateway-process.js';
import { RedisServer } from './helpers/redis-server.js';
import { subscribeSse, type SseSubscription } from './helpers/sse-subscription.js';
import { waitUntil as waitFor } from './helpers/subscriptions.js';

const ORG = 'demo';
const LEASE_MS = 2_000;
const credentials = { authorization: 'Bearer replica-test-token', 'x-api-key': 'replica-test-key' };
const agentEventsQuery = 'subscription Events($after: ID) { agentEvents(after: $after) { id sequenceNumber kind } }';
const readyCommand = JSON.stringify({ query: 'mutation { userReady(userId: "agent-1", input: { ehubSessionId: "4875" }) { __typename } }' });

let simulator: Simulator;
let redis: RedisServer;
let gateways: GatewayProcess[] = [];
const clients: AgentEventsClient[] = [];

beforeAll(async () => {
  [simulator, redis] = await Promise.all([startSimulator({ pollHoldMs: 2_000 }), RedisServer.start()]);
  const env = {
    REDIS_URL: redis.url,
    ALVARIA_BASE_URL: simulator.url,
    ALVARIA_ORG_ID: ORG,
    STREAMING_LEASE_MS: String(LEASE_MS),
    SHUTDOWN_DELAY_MS: '0',
    LOG_LEVEL: 'info',
  };
  gateways = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await Promise.all(gateways.map((gateway) => gateway.stop('SIGTERM')));
  await Promise.all([redis?.stop(), simulator?.close()]);
}, 60_000);

/** A failing test shows what the gateways logged. */
function showLogsOnFailure(): void {
  onTestFailed(() => {
    gateways.forEach((gateway, index) => console.error(`--- gateway ${index} (${gateway.url}) ---\n${gateway.output().slice(-6_000)}`));
  });
}


/**
 * One client of the session's events, as an application would hold it: one SSE connection at a
 * time; when one is lost, it connects again (to whichever gateway it is given) with the last id
 * it saw as `Last-Event-ID`.
 */
class AgentEventsClient {
  readonly connections: SseSubscription[] = [];

  constructor(
    readonly name: string,
    private readonly session: string,
    /** `after` of its first connection (none: from the moment it is established). */
    private readonly after: string | undefined,
  ) {
    clients.push(this);
  }

  connect(gateway: GatewayProcess): SseSubscription {
    const lastEventId = this.events().at(-1)?.id;
    const connection = subscribeSse({
      url: `${gateway.url}/graphql`,
      query: agentEventsQuery,
      variables: this.after === undefined ? {} : { after: this.after },
      headers: { ...credentials, 'via-client-sessionid': this.session },
      ...(lastEventId === undefined ? {} : { lastEventId }),
    });
    this.connections.push(connection);
    return connection;
  }

  get current(): SseSubscription {
    const connection = this.connections.at(-1);
    if (!connection) throw new Error(`${this.name} never connected`);
    return connection;
  }

  /** Every event received, over all its connections, in order; an SSE id that is not the event's id, or an error, fails. */
  events(): Array<{ id: string; sequenceNumber: number }> {
    return this.connections.flatMap((connection) =>
      connection.results.map((result) => {
        const event = result.payload.data?.agentEvents as { id: string; sequenceNumber: number } | undefined;
        if (!event) throw new Error(`${this.name} received no event but ${JSON.stringify(result.payload)}`);
        if (result.id !== event.id) throw new Error(`${this.name}: the SSE id ${result.id} is not the event's id ${event.id}`);
        return event;
      }),
    );
  }

  ids(): number[] {
    return this.events().map((event) => event.sequenceNumber);
  }

  close(): Promise<void> {
    return Promise.all(this.connections.map((connection) => connection.close())).then(() => undefined);
  }
}

async function createSession(gateway: GatewayProcess): Promise<string> {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...credentials },
    body: JSON.stringify({ query: 'mutation { streamingSessionCreate { __typename ... on StreamingSession { id } } }' }),
  });
  const body = (await response.json()) as { data?: { streamingSessionCreate?: { __typename: string; id?: string } } };
  const created = body.data?.streamingSessionCreate;
  if (created?.__typename !== 'StreamingSession' || !created.id) throw new Error(`streamingSessionCreate answered ${JSON.stringify(body)}`);
  return created.id;
}

/** A command through `gateway` carrying the session: the simulator emits one event for it. */
async function commandThrough(gateway: GatewayProcess, session: string): Promise<void> {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...credentials, 'via-client-sessionid': session },
    body: readyCommand,
  });
  expect(await response.json()).toEqual({ data: { userReady: { __typename: 'UserCommandAccepted' } } });
}

/**
 * `count` events, by threes at once: commands through each of `through` in turn, and events the
 * simulator emits by itself.
 */
async function emitEvents(session: string, count: number, through: readonly GatewayProcess[]): Promise<void> {
  const sources = [...through.map((gateway) => () => commandThrough(gateway, session)), async () => void simulator.emit(ORG, session, 'engagementCenter.AgentStatistics', { from: 'simulator' })];
  for (let sent = 0; sent < count; sent += 3) {
    await Promise.all(range(sent, Math.min(count, sent + 3) - 1).map((index) => sources[index % sources.length]!()));
  }
}

/** Events from the simulator every 50 ms until the returned function is called (it resolves once the last is emitted). */
function steadyEvents(session: string): () => Promise<void> {
  let running = true;
  const emitting = (async () => {
    while (running) {
      try {
        simulator.emit(ORG, session, 'engagementCenter.AgentStatistics', { steady: true });
      } catch {
        return; // the test failed and closed the simulator
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return async () => {
    running = false;
    await emitting;
  };
}

const appended = (session: string): number => simulator.streaming.get(session)?.eventsAppended ?? 0;

/**
 * One event more, and every client has received it: anything delivered late (a duplicate) would
 * have come before it, since each client's events come in order. Returns the session's last sequence number.
 */
async function settle(session: string, subscribers: readonly AgentEventsClient[]): Promise<number> {
  const last = simulator.emit(ORG, session, 'engagementCenter.KeepAlive', { settle: true }).sequenceNumber;
  await waitFor(`every client has event ${last}`, () => subscribers.every((client) => client.ids().includes(last)));
  return last;
}

/** The event a client without `after` receives first depends on when it was established: emit until it has one. */
async function untilReceiving(session: string, client: AgentEventsClient): Promise<void> {
  await waitFor(
    `${client.name} receives an event`,
    async () => {
      simulator.emit(ORG, session, 'engagementCenter.AgentStatistics', { warmUp: true });
      await waitFor(`${client.name} receives it`, () => client.ids().length > 0, 3_000).catch(() => undefined);
      return client.ids().length > 0;
    },
    60_000,
  );
}

async function pollersActive(): Promise<number[]> {
  return Promise.all(gateways.map((gateway) => (gateway.exited ? 0 : gateway.metric('streaming_pollers_active'))));
}

function expectOneRetrievalAtATime(session: string): void {
  const statistics = simulator.streaming.get(session);
  expect(statistics?.maxRetrievalsInFlight).toBe(1);
  expect(statistics?.conflicts).toBe(0);
}

describe('two replicas, one Redis, one Streaming API', () => {
  it('polls the session once whatever the replicas, delivers every event once and in order, and rides out a restart of Redis', async () => {
    showLogsOnFailure();
    const [a, b] = gateways as [GatewayProcess, GatewayProcess];
    const session = await createSession(a);

    const first = new AgentEventsClient('from-start on A', session, '0');
    first.connect(a);
    await waitFor('a poller for the session', async () => (await pollersActive()).reduce((sum, value) => sum + value, 0) === 1);
    const second = new AgentEventsClient('from-start on B', session, '0');
    second.connect(b);
    const live = new AgentEventsClient('live on B', session, undefined);
    live.connect(b);
    const subscribers = [first, second, live];
    await untilReceiving(session, live);
    const liveFrom = live.ids()[0]!;

    await emitEvents(session, 12, [a, b]);
    await waitFor('every client has every event so far', () => subscribers.every((client) => client.ids().at(-1) === appended(session)));

    // Redis away for longer than the lease: events keep being emitted, and commands keep being served.
    const errorsBefore = await Promise.all(gateways.map((gateway) => gateway.metric('redis_errors_total', { operation: 'events' })));
    const stopSteadyEvents = steadyEvents(session);
    await redis.stop();
    await emitEvents(session, 6, [a, b]);
    await waitFor('both replicas see Redis failing', async () =>
      (await Promise.all(gateways.map((gateway) => gateway.metric('redis_errors_total', { operation: 'events' })))).every((errors, index) => errors > errorsBefore[index]!),
    );
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 500));
    // Nobody polls without a lease it can renew: the held retrieval is abandoned, and no other begins.
    await waitFor('no retrieval in flight while Redis is away', () => simulator.streaming.get(session)?.retrievalsInFlight === 0);
    const retrievedWhileAway = simulator.streaming.get(session)?.retrievals;
    await emitEvents(session, 3, [b, a]);
    expect(subscribers.map((client) => client.current.end())).toEqual([undefined, undefined, undefined]);
    expect(simulator.streaming.get(session)?.retrievals).toBe(retrievedWhileAway);
    expect(simulator.streaming.get(session)?.retrievalsInFlight).toBe(0);

    await redis.start();
    const backAt = Date.now();
    await emitEvents(session, 6, [b, a]);
    await stopSteadyEvents();
    const last = await settle(session, subscribers);
    console.info(`Redis restarted: every client had all ${last} events ${Date.now() - backAt} ms after it answered again`);

    expect(last).toBe(appended(session));
    expect(first.ids()).toEqual(range(1, last));
    expect(second.ids()).toEqual(range(1, last));
    expect(live.ids()).toEqual(range(liveFrom, last));
    // No subscription ended, none had to reconnect.
    expect(subscribers.map((client) => [client.connections.length, client.current.end()])).toEqual([
      [1, undefined],
      [1, undefined],
      [1, undefined],
    ]);
    expectOneRetrievalAtATime(session);
    // Acknowledged upstream once stored.
    await waitFor('everything acknowledged', () => simulator.streaming.get(session)?.acknowledgedUpTo === last);
    await Promise.all(subscribers.map((client) => client.close()));
  }, 180_000);

  it('moves polling to the other replica when the polling one is killed; its subscribers resume there with Last-Event-ID', async () => {
    showLogsOnFailure();
    const [a, b] = gateways as [GatewayProcess, GatewayProcess];
    const session = await createSession(b);
    const first = new AgentEventsClient('from-start on A', session, '0');
    const second = new AgentEventsClient('from-start on B', session, '0');
    const live = new AgentEventsClient('live on A', session, undefined);
    const placed = new Map([
      [first, a],
      [second, b],
      [live, a],
    ]);
    const subscribers = [...placed.keys()];
    for (const [client, gateway] of placed) client.connect(gateway);
    await untilReceiving(session, live);
    const liveFrom = live.ids()[0]!;

    await emitEvents(session, 6, [a, b]);
    await waitFor('every client has every event so far', () => subscribers.every((client) => client.ids().at(-1) === appended(session)));
    let active: number[] = [];
    await waitFor('exactly one replica polls', async () => (active = await pollersActive()).reduce((sum, value) => sum + value, 0) === 1);
    const pollingIndex = active.indexOf(1);
    const polling = gateways[pollingIndex]!;
    const survivor = gateways[1 - pollingIndex]!;
    const onKilled = subscribers.filter((client) => placed.get(client) === polling);
    const onSurvivor = subscribers.filter((client) => !onKilled.includes(client));

    const stopSteadyEvents = steadyEvents(session);
    const killedAt = Date.now();
    await polling.stop('SIGKILL');
    // Emitted while nobody polls: the survivor retrieves them once it holds the lease.
    await emitEvents(session, 4, [survivor]);

    // Those connected to the killed replica lose their stream, and resume on the survivor.
    for (const client of onKilled) {
      await waitFor(`${client.name} loses its stream`, () => client.current.end()?.kind === 'lost');
      client.connect(survivor);
    }
    await waitFor('the survivor polls', async () => (await survivor.metric('streaming_pollers_active')) === 1, 5 * LEASE_MS);
    console.info(`takeover after SIGKILL: the survivor polled ${Date.now() - killedAt} ms after the kill (STREAMING_LEASE_MS ${LEASE_MS})`);

    await emitEvents(session, 4, [survivor]);
    await stopSteadyEvents();
    const last = await settle(session, subscribers);

    expect(last).toBe(appended(session));
    expect(first.ids()).toEqual(range(1, last));
    expect(second.ids()).toEqual(range(1, last));
    expect(live.ids()).toEqual(range(liveFrom, last));
    for (const client of onSurvivor) expect([client.connections.length, client.current.end()]).toEqual([1, undefined]);
    for (const client of onKilled) expect([client.connections.length, client.current.end()]).toEqual([2, undefined]);
    expectOneRetrievalAtATime(session);
    await waitFor('everything acknowledged', () => simulator.streaming.get(session)?.acknowledgedUpTo === last);
  }, 180_000);
});
