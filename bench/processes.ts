/** Child processes for the benchmark, and what /proc says about them (CPU time, resident memory). */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const root = fileURLToPath(new URL('..', import.meta.url));
const CLOCK_TICKS_PER_SECOND = 100; // Linux USER_HZ

export interface Child {
  readonly process: ChildProcess;
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * A one-file TypeScript helper of the benchmark (the stub, the floor, a peer) that reports its port
 * over IPC. It is transpiled once and run by plain `node`, as the gateway is: under tsx's loader
 * each process carried about 27 MiB more and an esbuild service process of its own (12 MiB), which
 * the measured process tree counted.
 */
export async function forkHelper(script: string, env: Record<string, string> = {}): Promise<Child> {
  const child = fork(transpiled(script), { execArgv: [], env: { ...process.env, ...env }, stdio: 'inherit' });
  const [message] = (await once(child, 'message')) as [{ port: number }];
  return { process: child, url: `http://127.0.0.1:${message.port}`, stop: () => stop(child) };
}

let helpersDir: string | undefined;

/** The helper as an .mjs file in a temporary folder whose `node_modules` is ours (a link). */
function transpiled(script: string): string {
  if (!helpersDir) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-helpers-'));
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    helpersDir = dir;
  }
  const source = readFileSync(new URL(script, import.meta.url), 'utf8');
  const { outputText } = ts.transpileModule(source, { fileName: script, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  if (/\bfrom\s+['"]\.|\bimport\s*\(\s*['"]\./.test(outputText)) throw new Error(`${script}: a benchmark helper is one file; it may import packages only`);
  const file = join(helpersDir, basename(script).replace(/\.ts$/, '.mjs'));
  writeFileSync(file, outputText);
  return file;
}

/**
 * Another checkout of the gateway (BENCH_BEFORE), built with its own `npm run build` when it has no
 * `dist/index.js` yet. Its dependencies must be installed (`npm ci` there).
 */
export function builtCheckout(path: string): string {
  const checkout = resolve(path);
  if (!existsSync(join(checkout, 'package.json'))) throw new Error(`BENCH_BEFORE=${path}: no package.json there; make one with \`git worktree add ${path} <commit>\``);
  if (!existsSync(join(checkout, 'node_modules'))) throw new Error(`BENCH_BEFORE=${path}: no node_modules there; run \`npm ci\` in it first`);
  if (!existsSync(join(checkout, 'dist', 'index.js'))) {
    console.log(`building ${checkout} (npm run build)`);
    const build = spawnSync('npm', ['run', 'build'], { cwd: checkout, stdio: 'inherit' });
    if (build.status !== 0 || !existsSync(join(checkout, 'dist', 'index.js'))) throw new Error(`BENCH_BEFORE=${path}: \`npm run build\` there did not make dist/index.js`);
  }
  return checkout;
}

/**
 * The gateway as users run it: `node dist/index.js` in `checkout` (ours by default), its JSON logs
 * read (and dropped) as a log shipper would. Only PATH and `env` reach it, so every checkout
 * started with the same `env` sees the same environment.
 */
export async function startBuiltGateway(env: Record<string, string>, checkout: string = root): Promise<Child> {
  const child = spawn(process.execPath, ['dist/index.js'], { cwd: checkout, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  let exited: (code: number | null, signal: NodeJS.Signals | null) => void = () => undefined;
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    exited = (code, signal) => reject(new Error(`the gateway in ${checkout} exited (${signal ?? code}) before listening; its output:\n${output.slice(-2000)}`));
    child.once('exit', exited);
  });
  const url = await listening;
  child.off('exit', exited);
  child.stdout.removeAllListeners('data');
  child.stdout.resume();
  return { process: child, url, stop: () => stop(child) };
}

/** SIGINT: the gateway then stops at once (on SIGTERM it keeps serving 5 s for a load balancer). */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGINT');
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
