/**
 * What operators see of subscriptions, through the gateway as `npm start` runs it (`startGateway`
 * with its own simulator) over real HTTP and WebSocket: `/metrics` counts open subscriptions up and
 * down, pollers and stored events, and endings by reason (`client`, or the ending code in lower
 * case); and no log line (at debug, the most a deployment can turn on) or metric holds a
 * session id, a credential or an event's payload, through a session's whole life with faults and
 * endings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import { captureLogs } from './helpers/logs.js';
import { createSession, runAgentSession, sendOperation, subscribeHttp, subscribeWebSocket, untilPolled, waitUntil } from './helpers/subscriptions.js';

const TOKEN = 'Bearer token-marker-7f3a';
const API_KEY = 'api-key-marker-91c2';
const PAYLOAD_MARKER = 'payload-marker-5e8d';
const secrets = { authorization: TOKEN, 'x-api-key': API_KEY };

const logs = captureLogs('debug');
let running: RunningGateway;
beforeAll(async () => {
  running = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1' }), { logger: logs.logger });
});
afterAll(async () => {
  await running?.close();
});

const simulator = () => {
  if (!running.simulator) throw new Error('no simulator');
  return running.simulator;
};

async function metricsText(): Promise<string> {
  const response = await fetch(`${running.url}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

/** A sample's value in the Prometheus text (0 when absent). */
async function sample(name: string, labels = ''): Promise<number> {
  const text = await metricsText();
  const line = text.split('\n').find((entry) => entry.startsWith(`${name}${labels} `));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

const untilSample = (name: string, labels: string, value: number) =>
  waitUntil(`${name}${labels} = ${value}`, async () => (await sample(name, labels)) === value);

describe('/metrics', () => {
  it('counts subscriptions up and down, pollers, stored events, and endings by reason in lower case', async () => {
    const sessionId = await createSession(running.url, secrets);
    const headers = { ...secrets, 'via-client-sessionid': sessionId };
    expect(await sample('subscriptions_active')).toBe(0);

    const sse = await subscribeHttp(running.url, { headers });
    const ws = await subscribeWebSocket(running.url, { connectionParams: headers });
    await untilSample('subscriptions_active', '', 2);
    await untilPolled(running, sessionId);
    expect(await sample('streaming_pollers_active')).toBe(1);

    await runAgentSession(running.url, sessionId, 'agent-1', secrets);
    await Promise.all([sse.until(7), ws.until(7)]);
    // Stored once, however many subscribers.
    expect(await sample('streaming_events_total')).toBe(7);

    await sse.close();
    await untilSample('subscriptions_ended_total', '{reason="client"}', 1);
    expect(await sample('subscriptions_active')).toBe(1);

    const deleted = await sendOperation(running.url, 'Delete', {}, headers);
    expect(deleted.data?.streamingSessionDelete?.__typename).toBe('StreamingSessionDeleted');
    expect(await ws.ended()).toMatchObject({ code: 'STREAMING_SESSION_GONE' });
    await untilSample('subscriptions_ended_total', '{reason="streaming_session_gone"}', 1);
    await untilSample('subscriptions_active', '', 0);
    await untilSample('streaming_pollers_active', '', 0);

    // A retrieval answered 403: counted under its code.
    const otherSession = await createSession(running.url, secrets);
    const forbidden = await subscribeHttp(running.url, { headers: { ...secrets, 'via-client-sessionid': otherSession } });
    await untilPolled(running, otherSession);
    simulator().injectFault({ operation: 'events', method: 'GET', status: 403 });
    simulator().emit('demo', otherSession, 'engagementCenter.Active', {});
    expect(await forbidden.ended()).toMatchObject({ code: 'FORBIDDEN' });
    await untilSample('subscriptions_ended_total', '{reason="forbidden"}', 1);

    const reasons = [...(await metricsText()).matchAll(/^subscriptions_ended_total\{reason="([^"]*)"\}/gm)].map((match) => match[1]);
    expect(reasons.length).toBeGreaterThanOrEqual(3);
    for (const reason of reasons) expect(reason).toMatch(/^[a-z_]+$/);
  });
});

describe('nothing secret in logs or metrics', () => {
  it("holds no session id, credential or payload, through a session's life with faults and endings", async () => {
    const sessionId = await createSession(running.url, secrets);
    const headers = { ...secrets, 'via-client-sessionid': sessionId };
    const stream = await subscribeHttp(running.url, { headers });
    await untilPolled(running, sessionId);
    simulator().emit('demo', sessionId, 'engagementCenter.Active', { note: PAYLOAD_MARKER });
    await stream.until(1);
    // A retried fault (logged as a warning), then the API away and back.
    simulator().injectFault({ operation: 'events', method: 'GET', status: 503, body: { message: PAYLOAD_MARKER } });
    simulator().emit('demo', sessionId, 'engagementCenter.Active', { note: PAYLOAD_MARKER });
    await stream.until(2);
    await simulator().suspend();
    await waitUntil('a warning about polling', () => /Polling the Streaming API failed/.test(logs.text()));
    simulator().emit('demo', sessionId, 'engagementCenter.Active', { note: PAYLOAD_MARKER });
    await simulator().resume();
    await stream.until(3);
    // A refusal that ends it (401), over WebSocket too.
    const ws = await subscribeWebSocket(running.url, { connectionParams: headers });
    await waitUntil('two subscriptions', async () => (await sample('subscriptions_active')) === 2);
    simulator().injectFault({ operation: 'events', method: 'GET', status: 401, body: { message: PAYLOAD_MARKER } });
    simulator().emit('demo', sessionId, 'engagementCenter.Wrap', { note: PAYLOAD_MARKER });
    expect(await stream.ended()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await ws.ended()).toMatchObject({ code: 'UNAUTHENTICATED' });

    const text = `${logs.text()}\n${await metricsText()}`;
    expect(logs.lines().some((line) => line.msg === 'subscription ended')).toBe(true);
    for (const secret of [sessionId, TOKEN, TOKEN.slice('Bearer '.length), API_KEY, PAYLOAD_MARKER]) expect(text).not.toContain(secret);
  });
});
