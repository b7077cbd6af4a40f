/** Child processes for the benchmark, and what /proc says about them (CPU time, resident memory). */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
const CLOCK_TICKS_PER_SECOND = 100; // Linux USER_HZ

export interface Child {
  readonly process: ChildProcess;
  readonly url: string;
  stop(): Promise<void>;
}

/** A TypeScript helper of the benchmark that reports its port over IPC. */
export async function forkHelper(script: string, env: Record<string, string> = {}): Promise<Child> {
  const child = fork(new URL(script, import.meta.url), { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: 'inherit' });
  const [message] = (await once(child, 'message')) as [{ port: number }];
  return { process: child, url: `http://127.0.0.1:${message.port}`, stop: () => stop(child) };
}

/** The gateway as users run it: `node dist/index.js`, its JSON logs read (and dropped) as a log shipper would. */
export async function startBuiltGateway(env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, ['dist/index.js'], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (output !== null) output += chunk.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match?.[1]) {
        output = '';
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the gateway exited (${code}) before listening`)));
  });
  const url = await listening;
  child.stdout.removeAllListeners('data');
  child.stdout.resume();
  return { process: child, url, stop: () => stop(child) };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

function stat(pid: number): { ppid: number; cpuSeconds: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

/** The process and its descendants (a cluster's workers). */
export function processTree(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = stat(Number(entry));
    if (info) parents.set(Number(entry), info.ppid);
  }
  const tree = [pid];
  for (let index = 0; index < tree.length; index += 1) {
    for (const [child, parent] of parents) if (parent === tree[index]) tree.push(child);
  }
  return tree;
}

export const cpuSeconds = (pids: readonly number[]): number => pids.reduce((total, pid) => total + (stat(pid)?.cpuSeconds ?? 0), 0);

export function residentBytes(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += Number(match?.[1] ?? 0) * 1024;
    } catch {
      // the process is gone
    }
  }
  return total;
}
