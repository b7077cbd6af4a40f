/**
 * A client that disconnects in the middle of its request body is the client's doing, not a fault
 * of the server: no log line at error level, no `graphql_requests_total{status="500"}` sample
 * (the 500 rate is what alerts watch, and any client could inflate it), but a sample under status
 * 499 of its own; and the gateway goes on serving. Through `startGateway` over raw sockets, both
 * before the gateway starts reading the body and while it is reading it.
 */
import { connect, type Socket } from 'node:net';
import type { Plugin } from 'graphql-yoga';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import { waitFor } from './helpers/event-hubs.js';
import { clientHeaders } from './helpers/graphql-client.js';
import { captureLogs, type CapturedLogs } from './helpers/logs.js';
import { startRecordingUpstream, type RecordingUpstream } from './helpers/recording-upstream.js';

const CLIENTS = 10;
const holdQuery = 'mutation Hold { interactionHold(interactionId: "4320", input: { ehubSessionId: "body-marker-ehub-7f3c" }) { __typename } }';
const apolloAccept = 'application/graphql-response+json,application/json;q=0.9';
/** pino's level numbers: 50 is `error`, 60 `fatal`. */
const ERROR_LEVEL = 50;

/** Settles when the gateway is about to read the body of the request marked `x-test-client: <id>`. */
const readingStarted = new Map<string, () => void>();
const readingProbe: Plugin = {
  onRequestParse({ request }) {
    readingStarted.get(request.headers.get('x-test-client') ?? '')?.();
  },
};

let upstream: RecordingUpstream;
let running: RunningGateway;
let logs: CapturedLogs;
beforeAll(async () => {
  upstream = await startRecordingUpstream();
  logs = captureLogs();
  running = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1', ALVARIA_BASE_URL: upstream.url, ALVARIA_ORG_ID: 'acme' }), {
    logger: logs.logger,
    plugins: [readingProbe],
  });
});
afterAll(async () => {
  await running.close();
  await upstream.close();
});

/** Connects and sends a POST whose `Content-Length` promises the whole body, with only its first half. */
function sendHalf(url: string, client: string): Promise<Socket> {
  const body = JSON.stringify({ query: holdQuery, variables: {} });
  const head = [
    'POST /graphql HTTP/1.1',
    'Host: 127.0.0.1',
    'Content-Type: application/json',
    `Accept: ${apolloAccept}`,
    ...Object.entries(clientHeaders).map(([name, value]) => `${name}: ${value}`),
    `x-test-client: ${client}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    '',
  ].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(url).port), '127.0.0.1', () => socket.write(head + body.slice(0, Math.floor(body.length / 2)), () => resolve(socket)));
    socket.on('error', reject);
  });
}

/** Drops the connection as soon as the half body is written (the gateway may not have read anything yet). */
async function abortAtOnce(url: string, client: string): Promise<void> {
  (await sendHalf(url, client)).destroy();
}

/** Drops the connection once the gateway is reading the body (it waits for the rest). */
async function abortWhileRead(url: string, client: string): Promise<void> {
  const reading = new Promise<void>((resolve) => readingStarted.set(client, resolve));
  const socket = await sendHalf(url, client);
  await reading;
  readingStarted.delete(client);
  socket.destroy();
}

interface Sample {
  labels: string;
  value: number;
}

/** The `graphql_requests_total` samples of `/metrics`. */
async function requestSamples(url: string): Promise<Sample[]> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('graphql_requests_total{'))
    .map((line) => ({ labels: line.slice(line.indexOf('{'), line.lastIndexOf('}') + 1), value: Number(line.slice(line.lastIndexOf(' ') + 1)) }));
}

const countWithStatus = (samples: Sample[], status: string): number =>
  samples.filter((sample) => sample.labels.includes(`status="${status}"`)).reduce((sum, sample) => sum + sample.value, 0);

/** Polls until `check` holds (generous: this is about behaviour, not speed). */
const eventually = (check: () => Promise<boolean>): Promise<void> => waitFor('the condition', check, 10_000);

let before: Sample[];
let linesBefore: number;
beforeEach(async () => {
  before = await requestSamples(running.url);
  linesBefore = logs.lines().length;
  upstream.requests.length = 0;
});

/** What the aborts of one test did: metric samples added, log lines written. */
async function afterAborts(count: number) {
  await eventually(async () => countWithStatus(await requestSamples(running.url), '499') - countWithStatus(before, '499') >= count);
  const samples = await requestSamples(running.url);
  return {
    added: (status: string) => countWithStatus(samples, status) - countWithStatus(before, status),
    lines: logs.lines().slice(linesBefore),
  };
}

describe('clients that disconnect in the middle of their body', () => {
  it.each([
    ['at once, before the gateway reads the body', abortAtOnce],
    ['while the gateway reads the body', abortWhileRead],
  ])('%s: counted under 499, never 500, logged below error level, nothing sent upstream', async (kind, abort) => {
    await Promise.all(Array.from({ length: CLIENTS }, (_, index) => abort(running.url, `${kind}-${index}`)));

    const { added, lines } = await afterAborts(CLIENTS);
    expect(added('499')).toBe(CLIENTS);
    expect(added('500')).toBe(0);
    expect(upstream.requests).toHaveLength(0);

    expect(lines.filter((line) => Number(line.level) >= ERROR_LEVEL)).toEqual([]);
    // Each abort is still noted once, at info, by the request log, with the client's own status.
    const away = lines.filter((line) => line.msg === 'graphql request: the client went away');
    expect(away).toHaveLength(CLIENTS);
    for (const line of away) expect(line).toMatchObject({ level: 30, status: 499 });
    // Nothing of the half-sent body or of the credentials in any line.
    const text = JSON.stringify(lines);
    expect(text).not.toContain('body-marker-ehub-7f3c');
    for (const value of Object.values(clientHeaders)) expect(text).not.toContain(value);
  });

  it('leave the gateway serving: a whole request afterwards is answered and sent', async () => {
    const response = await fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: apolloAccept, ...clientHeaders },
      body: JSON.stringify({ query: holdQuery }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { interactionHold: { __typename: 'InteractionCommandAccepted' } } });
    expect(upstream.requests).toHaveLength(1);
    const samples = await requestSamples(running.url);
    expect(countWithStatus(samples, '200') - countWithStatus(before, '200')).toBe(1);
    expect(countWithStatus(samples, '500')).toBe(0);
  });
});
