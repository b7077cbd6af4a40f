/** Read the configuration, listen (in `WORKERS` processes if asked), stop gracefully on SIGINT/SIGTERM. */
import cluster from 'node:cluster';
import { runPrimary } from './server/cluster.js';
import { ConfigError, readConfig, settings, type GatewayConfig } from './config/read-config.js';
import { createLogger, flushLogs, type Logger } from './observability/logger.js';
import { createTracing, otelVariables, TracingConfigError, tracingSettings } from './observability/tracing.js';
import { startGateway } from './server/serve.js';

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
    // Each process (each worker with WORKERS > 1) exports its own spans.
    const tracing = createTracing(process.env);
    const running = await startGateway(config, { logger, tracing });
    if (tracing.enabled) logger.info({ tracing: tracingSettings(process.env) }, 'exporting OpenTelemetry traces (OTEL_* settings)');
    const shown = running.url.replace('://0.0.0.0:', '://localhost:').replace('://[::]:', '://localhost:');
    logger.info({ url: running.url }, `Engagement Center GraphQL gateway listening on ${running.url} (GraphiQL: ${shown}/graphql)`);

    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = true;
      // SIGTERM comes from an orchestrator: give its load balancer time to stop sending here first.
      const delayMs = signal === 'SIGTERM' ? config.http.shutdownDelayMs : 0;
      logger.info({ signal, delayMs }, `${signal} received: /ready is 503; serving for ${delayMs} ms more, then finishing requests in flight and stopping`);
      running
        .close(delayMs)
        .then(
          () => 0,
          (error: unknown) => {
            logger.error({ err: error }, 'stopping failed');
            return 1;
          },
        )
        .then(async (code) => {
          await tracing.shutdown();
          await flushLogs(logger);
          process.exit(code);
        });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    process.stderr.write(`${startFailure(error, config)}\n`);
    process.exit(1);
  }
}

/** One line that names the setting at fault when there is one. */
function startFailure(error: unknown, config: GatewayConfig): string {
  if (error instanceof ConfigError || error instanceof TracingConfigError) return `Invalid configuration: ${error.message}`;
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE') return `Invalid configuration: PORT ${config.port} is already in use on ${config.host}`;
  if (code === 'EACCES') return `Invalid configuration: PORT ${config.port} needs privileges this process lacks`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return `Invalid configuration: HOST "${config.host}" is no address of this machine (${code})`;
  }
  return `Could not start: ${error instanceof Error ? error.message : String(error)}`;
}

/** Settings that the table does not read (the OTEL_* variables), checked before any worker starts. */
function checkTracingOrExit(config: GatewayConfig): void {
  try {
    tracingSettings(process.env);
  } catch (error) {
    process.stderr.write(`${startFailure(error, config)}\n`);
    process.exit(1);
  }
}

if (process.argv.includes('--help')) {
  process.stdout.write('Engagement Center GraphQL gateway. Settings (environment variables):\n');
  for (const setting of settings) {
    process.stdout.write(`  ${setting.name.padEnd(30)} ${setting.description} Values: ${setting.parser.accepts}. Default: ${setting.shownDefault}.\n`);
  }
  process.stdout.write('Tracing (the OpenTelemetry variables, as the specification defines them):\n');
  for (const variable of otelVariables) process.stdout.write(`  ${variable.name.padEnd(36)} ${variable.description} Default: ${variable.shownDefault}.\n`);
  process.exit(0);
}

const config = configOrExit();
const logger = createLogger(config.logLevel);
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

if (config.workers > 1 && cluster.isPrimary) {
  checkTracingOrExit(config);
  runPrimary(config.workers, logger);
} else {
  await serve(config, logger);
}
