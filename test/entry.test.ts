/**
 * The entry point as `npm start` runs it, in a child process: a bad setting stops the start with
 * one line naming it; a good start serves, and SIGTERM stops it cleanly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { settings } from '../src/config/read-config.js';
import { clientHeaders } from './helpers/graphql-client.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Entries still running after their test (one that failed): killed, so none outlives the suite. */
const started = new Set<ChildProcess>();
afterEach(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  started.clear();
});

function startEntry(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited, output: () => ({ stdout, stderr }) };
}

async function waitForLine(output: () => { stdout: string }, pattern: RegExp): Promise<RegExpMatchArray> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const match = output().stdout.match(pattern);
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`No line matching ${pattern} in: ${output().stdout}`);
}

describe('the entry point', () => {
  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ ALVARIA_BASE_URL: 'ftp://example.com' }, 'ALVARIA_BASE_URL'],
    [{ ALVARIA_ORG_ID: 'evil.com#' }, 'ALVARIA_ORG_ID'],
  ])('stops with exit code 1 and one line naming the setting for %j', async (env, name) => {
    const entry = startEntry(env);
    const [code] = await entry.exited;
    const { stderr } = entry.output();
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toContain(name);
  });

  it('names PORT when the port is taken, and stops', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const entry = startEntry({ PORT: String((taken.address() as AddressInfo).port), HOST: '127.0.0.1' });
      const [code] = await entry.exited;
      expect(code).toBe(1);
      expect(entry.output().stderr).toMatch(/^Invalid configuration: PORT \d+ is already in use/m);
    } finally {
      taken.close();
    }
  });

  it('with WORKERS=2, stops at a bad setting instead of restarting workers forever', async () => {
    const entry = startEntry({ PORT: '0', HOST: '127.0.0.1', WORKERS: '2', PERSISTED_OPERATIONS_FILE: '/nonexistent.json' });
    const [code] = await entry.exited;
    expect(code).toBe(1);
    expect(entry.output().stderr).toMatch(/PERSISTED_OPERATIONS_FILE/);
  });

  it('lists every setting with its default on --help', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts', '--help'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    for (const setting of settings) {
      const line = lines.find((candidate) => candidate.trimStart().startsWith(`${setting.name} `));
      expect(line).toContain(`Default: ${setting.shownDefault}.`);
      expect(line).toContain(setting.parser.accepts);
    }
  });

  it('serves the simulator-backed gateway, then stops cleanly on SIGTERM', async () => {
    const entry = startEntry({ PORT: '0', HOST: '127.0.0.1' });
    try {
      const [, url] = await waitForLine(entry.output, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
      expect(entry.output().stdout).toMatch(/simulator/i);
      const health = await request(`${url}/health`);
      expect(health.statusCode).toBe(200);
      await health.body.dump();
      const response = await request(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...clientHeaders },
        body: JSON.stringify({ query: 'mutation { userReady(userId: "agent1", input: { ehubSessionId: "4875" }) { __typename } }' }),
      });
      expect(await response.body.json()).toEqual({ data: { userReady: { __typename: 'UserCommandAccepted' } } });
    } finally {
      entry.child.kill('SIGTERM');
    }
    const [code, signal] = await entry.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });

  it('stops on SIGINT when its log is no longer read (stdout full), instead of waiting for it forever', async () => {
    const entry = startEntry({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug' });
    const [, url] = await waitForLine(entry.output, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
    entry.child.stdout.pause();
    // About 700 bytes of log lines per request at debug: 2000 fill the pipe and its buffers many times.
    for (let sent = 0; sent < 2000; sent += 1) {
      const response = await request(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...clientHeaders }, body: '{"query":"{ __typename }"}' });
      await response.body.dump();
    }
    entry.child.kill('SIGINT');
    const [code, signal] = await entry.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  }, 60_000);
});
