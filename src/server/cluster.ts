/**
 * `WORKERS` > 1: the primary forks that many workers, which share the port (node:cluster); it
 * replaces a worker that dies, and on SIGTERM/SIGINT lets each drain and exits when all have.
 * A worker that fails while starting (a port in use, say) stops the whole start instead of
 * being replaced forever. Each worker keeps its own metrics: scrape each, or run one worker per
 * container.
 */
import cluster from 'node:cluster';
import type { Logger } from '../observability/logger.js';

const START_WINDOW_MS = 10_000;

export function runPrimary(workers: number, logger: Logger): void {
  let stopping = false;
  let failed = false;
  const startedAt = new Map<number, number>();
  const fork = () => startedAt.set(cluster.fork().id, Date.now());
  for (let index = 0; index < workers; index += 1) fork();
  logger.info({ workers }, `Started ${workers} workers`);

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(failed ? 1 : 0);
      return;
    }
    if (code !== 0 && Date.now() - (startedAt.get(worker.id) ?? 0) < START_WINDOW_MS) {
      logger.error({ worker: worker.process.pid, code }, 'a worker failed while starting: stopping');
      stopping = true;
      failed = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
      return;
    }
    logger.error({ worker: worker.process.pid, code, signal }, 'a worker died; starting another');
    fork();
  });

  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${signal} received: stopping the workers`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
