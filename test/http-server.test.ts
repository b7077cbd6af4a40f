/**
 * The HTTP server against slow clients and during shutdown: a client dribbling its headers is cut
 * off while others are served; keep-alive outlives load balancers' idle timeouts; draining turns
 * /ready to 503 while /health stays 200; a request in flight when SIGTERM arrives still completes.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import { clientHeaders } from './helpers/graphql-client.js';
import { silentLogger } from './helpers/logs.js';
import { startRecordingUpstream, type RecordingUpstream } from './helpers/recording-upstream.js';

const holdBody = JSON.stringify({ query: 'mutation { interactionHold(interactionId: "1", input: { ehubSessionId: "4875" }) { __typename } }' });

describe('slow clients', () => {
  let running: RunningGateway;
  beforeAll(async () => {
    running = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1', SERVER_HEADERS_TIMEOUT_MS: '300', SERVER_REQUEST_TIMEOUT_MS: '600' }), { logger: silentLogger() });
  });
  afterAll(async () => {
    await running.close();
  });

  it('cuts off a client that dribbles its headers, while serving others', async () => {
    const socket = connect(Number(new URL(running.url).port), '127.0.0.1');
    socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\n');
    const dribble = setInterval(() => socket.writable && socket.write('x-slow: 1\r\n'), 50);
    let raw = '';
    socket.on('data', (chunk) => (raw += String(chunk)));
    const closed = once(socket, 'close');

    const response = await request(`${running.url}/health`);
    expect(response.statusCode).toBe(200);
    await response.body.dump();

    await closed;
    clearInterval(dribble);
    expect(raw).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('keeps idle connections longer than a load balancer (60 s)', async () => {
    const response = await request(`${running.url}/health`);
    await response.body.dump();
    const keepAlive = String(response.headers['keep-alive']);
    expect(Number(/timeout=(\d+)/.exec(keepAlive)?.[1])).toBeGreaterThan(60);
  });

  it('turns /ready to 503 while draining; /health stays 200', async () => {
    const before = await fetch(`${running.url}/ready`);
    expect(before.status).toBe(200);
    running.gateway.startDraining();
    expect((await fetch(`${running.url}/ready`)).status).toBe(503);
    expect((await fetch(`${running.url}/health`)).status).toBe(200);
  });
});

describe('SIGTERM', () => {
  let upstream: RecordingUpstream;
  beforeAll(async () => {
    upstream = await startRecordingUpstream();
  });
  afterAll(async () => {
    await upstream.close();
  });

  /** The entry as `npm start` runs it, against the recording upstream. */
  async function startEntry(env: Record<string, string>) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', ALVARIA_BASE_URL: upstream.url, ALVARIA_ORG_ID: 'acme', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit');
    const output = { stdout: '' };
    child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
    while (!/listening on (http:\/\/[\d.:]+)/.test(output.stdout)) await once(child.stdout, 'data');
    const url = /listening on (http:\/\/[\d.:]+)/.exec(output.stdout)?.[1] ?? '';
    return { child, exited, output, url };
  }

  it('answers /ready 503 at once, and keeps serving new connections for SHUTDOWN_DELAY_MS', async () => {
    upstream.reply({ status: 202 });
    const { child, exited, output, url } = await startEntry({ SHUTDOWN_DELAY_MS: '3000' });
    child.kill('SIGTERM');
    while (!/SIGTERM received/.test(output.stdout)) await once(child.stdout, 'data');

    // Fresh connections (reset: false would reuse one): what a load balancer's health check opens.
    const fresh = { reset: true, headers: { connection: 'close' } };
    const ready = await request(`${url}/ready`, fresh);
    expect(ready.statusCode).toBe(503);
    await ready.body.dump();
    const health = await request(`${url}/health`, fresh);
    expect(health.statusCode).toBe(200);
    await health.body.dump();
    const command = await request(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close', ...clientHeaders }, body: holdBody });
    expect(await command.body.json()).toEqual({ data: { interactionHold: { __typename: 'InteractionCommandAccepted' } } });

    const [code] = await exited;
    expect(code).toBe(0);
  });

  it('lets a request in flight complete, then exits 0', async () => {
    upstream.reply({ status: 202, delayMs: 700 });
    const { child, exited, output, url } = await startEntry({ SHUTDOWN_DELAY_MS: '0' });
    const stdout = () => output.stdout;

    // The upstream keeps the earlier tests' requests: wait for this one to arrive.
    const seen = upstream.requests.length;
    const inFlight = request(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...clientHeaders },
      body: holdBody,
    });
    while (upstream.requests.length === seen) await new Promise((resolve) => setTimeout(resolve, 10));
    child.kill('SIGTERM');

    const response = await inFlight;
    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toEqual({ data: { interactionHold: { __typename: 'InteractionCommandAccepted' } } });
    const [code] = await exited;
    expect(code).toBe(0);
    expect(stdout()).toMatch(/SIGTERM received/);
  });
});
