/**
 * The load generator: undici on loopback, `concurrency` connections each sending requests back to
 * back for a fixed time. Latencies are kept in microseconds (autocannon's histogram is whole ms).
 */
import { Pool } from 'undici';

export interface LoadResult {
  readonly requests: number;
  readonly unexpected: number;
  readonly seconds: number;
  readonly latenciesMs: Float64Array;
}

export interface LoadOptions {
  readonly url: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly concurrency: number;
  readonly durationMs: number;
  /** Whether an answer is the expected success. */
  readonly expect: (status: number, body: string) => boolean;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(options.url, { connections: options.concurrency, pipelining: 1 });
  const latencies: number[] = [];
  let unexpected = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;

  const loop = async () => {
    while (performance.now() < deadline) {
      const sent = performance.now();
      const response = await pool.request({ method: 'POST', path: options.path, headers: options.headers, body: options.body });
      const text = await response.body.text();
      latencies.push(performance.now() - sent);
      if (!options.expect(response.statusCode, text)) unexpected += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return { requests: latencies.length, unexpected, seconds, latenciesMs: Float64Array.from(latencies).sort() };
}

export const percentile = (sorted: Float64Array, p: number): number =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN);
