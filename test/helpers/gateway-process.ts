/**
 * The gateway in a process of its own, as `npm start` runs it (`node --import tsx src/index.ts`,
 * settings from the environment), for tests that run several replicas or kill one (SIGKILL: no
 * lease given up, nothing flushed). It reads the address from the "listening on" line, keeps the
 * log lines for a failing test to show, and reads the process's own `/metrics`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

export interface GatewayProcess {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly child: ChildProcess;
  /** Its log lines so far (stdout and stderr), the last 200 kB. */
  output(): string;
  /** The value of a metric on its `/metrics`, summed over the series whose labels include `labels`. */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  /** Whether it has exited. */
  readonly exited: boolean;
  /** Sends `signal` and waits until the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts the entry with `env` (plus PORT 0 and HOST 127.0.0.1 unless given) and waits until it listens (at most 60 s). */
export async function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  let exited = false;
  let heard: () => void = () => {};
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-200_000);
    heard();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exit = once(child, 'exit').then(() => {
    exited = true;
    running.delete(child);
    heard();
  });

  const deadline = Date.now() + 60_000;
  while (!LISTENING.test(output)) {
    if (exited) throw new Error(`The gateway exited at start:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The gateway did not listen within 60 s:\n${output}`);
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 500);
      heard = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  heard = () => {};
  const url = LISTENING.exec(output)?.[1] ?? '';

  return {
    url,
    child,
    output: () => output,
    get exited() {
      return exited;
    },
    metric: async (name, labels = {}) => {
      const text = await (await fetch(`${url}/metrics`)).text();
      return metricValue(text, name, labels);
    },
    stop: async (signal = 'SIGTERM') => {
      if (!exited) child.kill(signal);
      await exit;
    },
  };
}

/** A metric's value in Prometheus's text format, summed over the series whose labels include `labels`. */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const series = match[2] ?? '';
    if (Object.entries(labels).every(([key, value]) => series.includes(`${key}="${value}"`))) sum += Number(match[3]);
  }
  return sum;
}
