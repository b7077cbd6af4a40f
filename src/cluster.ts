/**
 * `WORKERS` > 1: the primary forks that many workers, which share the port (node:cluster); it
 * replaces a worker that dies, and on SIGTERM/SIGINT lets each drain and exits when all have.
 */
import cluster from 'node:cluster';
import type { Logger } from './observability/logger.js';

export function runPrimary(workers: number, logger: Logger): void {
  let stopping = false;
  for (let index = 0; index < workers; index += 1) cluster.fork();
  logger.info({ workers }, `Started ${workers} workers`);

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    logger.error({ worker: worker.process.pid, code, signal }, 'a worker died; starting another');
    cluster.fork();
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
