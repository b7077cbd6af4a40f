/** Read the configuration, listen (in `WORKERS` processes if asked), stop gracefully on SIGINT/SIGTERM. */
import cluster from 'node:cluster';
import { runPrimary } from './cluster.js';
import { ConfigError, readConfig, settings, type GatewayConfig } from './config.js';
import { createLogger, flushLogs, type Logger } from './observability/logger.js';
import { startGateway } from './server.js';

function configOrExit(): GatewayConfig {
  try {
    return readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Invalid configuration: ${error.message}\n`);
    process.exit(1);
  }
}

async function serve(config: GatewayConfig, logger: Logger): Promise<void> {
  try {
    const running = await startGateway(config, logger);
    const shown = running.url.replace('://0.0.0.0:', '://localhost:').replace('://[::]:', '://localhost:');
    logger.info({ url: running.url }, `Engagement Center GraphQL gateway listening on ${running.url} (GraphiQL: ${shown}/graphql)`);

    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, `${signal} received: finishing requests in flight, then stopping`);
      running
        .close()
        .then(
          () => 0,
          (error: unknown) => {
            logger.error({ err: error }, 'stopping failed');
            return 1;
          },
        )
        .then(async (code) => {
          await flushLogs(logger);
          process.exit(code);
        });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    const prefix = error instanceof ConfigError ? 'Invalid configuration' : 'Could not start';
    process.stderr.write(`${prefix}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

if (process.argv.includes('--help')) {
  process.stdout.write('Engagement Center GraphQL gateway. Settings (environment variables):\n');
  for (const setting of settings) process.stdout.write(`  ${setting.name.padEnd(30)} ${setting.description} Default: ${setting.default}.\n`);
  process.exit(0);
}

const config = configOrExit();
const logger = createLogger(config.logLevel);
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

if (config.workers > 1 && cluster.isPrimary) runPrimary(config.workers, logger);
else await serve(config, logger);
