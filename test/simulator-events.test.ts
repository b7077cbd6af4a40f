/**
 * The events the simulator emits for commands, read back through its Streaming API over real HTTP:
 * an agent's whole flow in the contract's order and categories, in both modes; nothing for a
 * session it did not issue; offers to ready agents only; and the settings that reach the simulator
 * from `npm start` and `npm run simulator`.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { vendorEventKinds } from '../src/catalog/index.js';
import type { WireEvent } from '../src/datasources/streaming-api.js';
import { readConfig } from '../src/config/read-config.js';
import { startGateway } from '../src/server/serve.js';
import { SIMULATED_WORK_TYPES } from '../src/simulator/command-events.js';
import { startSimulator, type Simulator } from '../src/simulator/simulator.js';
import { command, streamingClient } from './helpers/streaming-client.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const eventually = { timeout: 10_000, interval: 20 };
const session = { ehubSessionId: '4875' };
const dispose = { ...session, dispositionId: '1', wrapRequired: false, salesFlag: false, callbackFlag: false, interactionDataCollection: [] };

const user = (id: string, operation: string) => ({ resource: 'users', id, operation }) as const;
const interaction = (id: string, operation: string) => ({ resource: 'interactions', id, operation }) as const;
const kinds = (events: readonly WireEvent[]) => events.map((event) => event.kind);

/** Everything appended to a session so far, without waiting for a hold (the simulator counts appends). */
async function drain(simulator: Simulator, sessionId: string): Promise<WireEvent[]> {
  const client = streamingClient(simulator.url);
  const events: WireEvent[] = [];
  const appended = simulator.streaming.get(sessionId)?.eventsAppended ?? 0;
  const last = () => events.at(-1)?.sequenceNumber ?? 0;
  while (last() < appended) events.push(...(await client.retrieve(sessionId, 100)));
  return events;
}

describe.each([
  ['stateful', true],
  ['default', false],
])('an agent flow in %s mode', (_mode, stateful) => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator({ stateful });
  });
  afterAll(async () => {
    await simulator.close();
  });

  it("emits each command's events on the session it carried, in the contract's order and categories", async () => {
    const { sessionId } = await streamingClient(simulator.url).create();
    const send = async (target: Parameters<typeof command>[1], body: Record<string, unknown>) => {
      const answer = await command(simulator.url, target, body, sessionId);
      expect(answer.status, `${target.operation}: ${answer.text}`).toBe(202);
    };
    const requestTimestamp = '2024-05-06T07:08:09.123+02:00';

    await send(user('agent-1', 'connect'), { attach: false, initialState: 'NotReady', station: '9785551212' });
    await send(user('agent-1', 'ready'), session);
    simulator.presentInteraction('demo', 'ixn-1');
    await send(interaction('ixn-1', 'accept'), session);
    await send(interaction('ixn-1', 'hold'), session);
    await send(interaction('ixn-1', 'terminate'), session);
    await send(user('agent-1', 'agentStatistics'), session);
    await send(user('agent-1', 'keepAlive'), { ...session, requestTimestamp });
    await send(user('agent-1', 'cancel'), { ...session, cancelType: 'NotReady' });
    // A marker after cancel: whatever cancel emitted would stand before it.
    simulator.emit('demo', sessionId, 'test.Marker');

    const events = await drain(simulator, sessionId);
    expect(kinds(events)).toEqual([
      ...SIMULATED_WORK_TYPES.map(() => 'engagementCenter.NewWorkType'),
      'simulator.AgentStateChanged',
      'simulator.AgentStateChanged',
      'engagementCenter.Active',
      'simulator.InteractionHeld',
      'engagementCenter.InteractionClear',
      'engagementCenter.Wrap',
      'engagementCenter.AgentStatistics',
      'engagementCenter.KeepAlive',
      'test.Marker',
    ]);
    expect(events.map((event) => event.sequenceNumber)).toEqual(events.map((_event, index) => index + 1));
    for (const event of events.slice(0, -1)) {
      const [category] = event.kind.split('.');
      expect(category === 'simulator' || (vendorEventKinds as readonly string[]).includes(event.kind), event.kind).toBe(true);
    }

    const payloads = events.map((event) => event.payload);
    expect(payloads.slice(0, 3)).toEqual(SIMULATED_WORK_TYPES.map((workTypeId) => ({ userId: 'agent-1', workTypeId })));
    expect(payloads.slice(3, 11)).toEqual([
      { userId: 'agent-1', state: 'NotReady' },
      { userId: 'agent-1', state: 'Idle' },
      { interactionId: 'ixn-1' },
      { interactionId: 'ixn-1' },
      { interactionId: 'ixn-1' },
      { interactionId: 'ixn-1' },
      { userId: 'agent-1', state: 'Idle' },
      { userId: 'agent-1', requestTimestamp },
    ]);
  });

  it('tells Park from NotReady, emits the Active of messageActive and emailActive, and the rest of an interaction and a session', async () => {
    const { sessionId } = await streamingClient(simulator.url).create();
    const send = (target: Parameters<typeof command>[1], body: Record<string, unknown>) => command(simulator.url, target, body, sessionId);
    await send(user('agent-2', 'connect'), { attach: false, initialState: 'Idle' });
    await send(user('agent-2', 'notReady'), { ...session, reasonId: 'r1', notReadyType: 'Park' });
    for (const id of ['chat-1', 'mail-1', 'ixn-2', 'ixn-3']) simulator.presentInteraction('demo', id);
    await send(interaction('chat-1', 'messageActive'), { ...session, userId: 'agent-2', entityType: 'Agent', firstName: 'A', lastName: 'B', workTypeId: 'wt-chat' });
    await send(interaction('mail-1', 'emailActive'), session);
    await send(interaction('ixn-2', 'reject'), { ...session, reason: 'busy' });
    await send(interaction('ixn-3', 'accept'), session);
    await send(interaction('ixn-3', 'hold'), session);
    await send(interaction('ixn-3', 'retrieve'), session);
    await send(interaction('ixn-3', 'terminate'), session);
    await send(interaction('ixn-3', 'dispose'), dispose);
    await send(user('agent-2', 'disconnect'), { ...session, reasonId: 'r2' });

    const events = (await drain(simulator, sessionId)).slice(SIMULATED_WORK_TYPES.length + 1);
    expect(events.map((event) => [event.kind, event.payload])).toEqual([
      ['simulator.AgentStateChanged', { userId: 'agent-2', state: 'Park', reasonId: 'r1' }],
      ['engagementCenter.Active', { interactionId: 'chat-1' }],
      ['engagementCenter.Active', { interactionId: 'mail-1' }],
      ['simulator.InteractionRejected', { interactionId: 'ixn-2', reason: 'busy' }],
      ['engagementCenter.Active', { interactionId: 'ixn-3' }],
      ['simulator.InteractionHeld', { interactionId: 'ixn-3' }],
      ['simulator.InteractionRetrieved', { interactionId: 'ixn-3' }],
      ['engagementCenter.InteractionClear', { interactionId: 'ixn-3' }],
      ['engagementCenter.Wrap', { interactionId: 'ixn-3' }],
      ['simulator.InteractionDisposed', { interactionId: 'ixn-3', dispositionId: '1' }],
      ['simulator.AgentDisconnected', { userId: 'agent-2' }],
    ]);
  });

  it('emits nothing for an attach, nor on a session it did not issue or that belongs to another organization', async () => {
    const client = streamingClient(simulator.url);
    const { sessionId } = await client.create();
    const { sessionId: acmeSession } = await streamingClient(simulator.url, 'acme').create();
    await command(simulator.url, user('agent-3', 'connect'), { attach: false }, 'not-issued-here');
    expect((await command(simulator.url, user('agent-3', 'connect'), { attach: true }, sessionId)).status).toBe(202);
    expect((await command(simulator.url, user('agent-3', 'ready'), session, acmeSession)).status).toBe(202);
    expect((await command(simulator.url, user('agent-3', 'keepAlive'), session, 'not-issued-here')).status).toBe(202);
    expect(simulator.streaming.get(sessionId)?.eventsAppended).toBe(0);
    expect(simulator.streaming.get(acmeSession)?.eventsAppended).toBe(0);
  });

  it('emits nothing for a refused command', async () => {
    const { sessionId } = await streamingClient(simulator.url).create();
    expect((await command(simulator.url, interaction('ixn-1', 'accept'), {}, sessionId)).status).toBe(400);
    if (stateful) expect((await command(simulator.url, interaction('never-presented', 'accept'), session, sessionId)).status).toBe(404);
    expect(simulator.streaming.get(sessionId)?.eventsAppended).toBe(0);
  });
});

describe('offers', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator({ stateful: true, offerEveryMs: 20 });
  });
  afterAll(async () => {
    await simulator.close();
  });

  it('offer an interaction to every ready agent with a session, and to no other; the offer can be accepted', async () => {
    const client = streamingClient(simulator.url);
    const [ready, notReady] = [await client.create(), await client.create()];
    await command(simulator.url, user('ready-agent', 'connect'), { attach: false, initialState: 'NotReady' }, ready.sessionId);
    await command(simulator.url, user('ready-agent', 'ready'), session, ready.sessionId);
    await command(simulator.url, user('busy-agent', 'connect'), { attach: false, initialState: 'NotReady' }, notReady.sessionId);
    const before = simulator.streaming.get(notReady.sessionId)?.eventsAppended;

    // Two offers to the ready agent: at least one whole round passed for every agent.
    const offered: WireEvent[] = [];
    await vi.waitFor(async () => {
      offered.push(...(await client.retrieve(ready.sessionId, 100)).filter((event) => event.kind === 'simulator.InteractionOffered'));
      expect(offered.length).toBeGreaterThanOrEqual(2);
    }, eventually);
    expect(simulator.streaming.get(notReady.sessionId)?.eventsAppended).toBe(before);

    const [first] = offered;
    expect(first?.payload).toEqual({ interactionId: expect.any(String), userId: 'ready-agent' });
    const { interactionId } = first?.payload as { interactionId: string };
    expect((await command(simulator.url, interaction(interactionId, 'accept'), session, ready.sessionId)).status).toBe(202);
    const afterAccept: WireEvent[] = [];
    await vi.waitFor(async () => {
      afterAccept.push(...(await client.retrieve(ready.sessionId, 100)));
      expect(afterAccept.filter((event) => event.kind === 'engagementCenter.Active').map((event) => event.payload)).toEqual([{ interactionId }]);
    }, eventually);
  });
});

describe('the simulator settings', () => {
  it('reach the in-process simulator of `npm start`', async () => {
    const running = await startGateway(
      readConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SIMULATOR_POLL_HOLD_MS: '0', SIMULATOR_OFFER_EVERY_MS: '20' }),
    );
    try {
      const simulator = running.simulator as Simulator;
      const client = streamingClient(simulator.url);
      // No hold: an empty answer at once (the default would hold 25 s, past the test's timeout).
      const idle = await client.create();
      expect(await client.retrieve(idle.sessionId)).toEqual([]);

      const { sessionId } = await client.create();
      await command(simulator.url, user('agent-9', 'connect'), { attach: false, initialState: 'Idle' }, sessionId);
      await vi.waitFor(async () => {
        expect(kinds(await client.retrieve(sessionId, 100))).toContain('simulator.InteractionOffered');
      }, eventually);
    } finally {
      await running.close();
    }
  });

  it('reach `npm run simulator`, which prints its URL; a bad value stops it with one line', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/cli.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', PORT: '0', SIMULATOR_POLL_HOLD_MS: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await vi.waitFor(() => expect(output).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+ /), eventually);
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1] ?? '';
      const client = streamingClient(url);
      const { sessionId } = await client.create();
      expect(await client.retrieve(sessionId)).toEqual([]);
    } finally {
      child.kill();
    }

    const failing = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/cli.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', PORT: '0', SIMULATOR_OFFER_EVERY_MS: 'often' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    failing.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const [code] = await once(failing, 'exit');
    expect(code).toBe(1);
    expect(errors).toBe('Invalid configuration: SIMULATOR_OFFER_EVERY_MS must be a whole number from 0 to 3600000 (got "often")\n');
  });
});
