/** Entry: read the configuration, listen, stop cleanly on SIGINT/SIGTERM. */
import { ConfigError, readConfig } from './config.js';
import { startGateway } from './server.js';

const log = (line: string): void => void process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  let config;
  try {
    config = readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Invalid configuration: ${error.message}\n`);
    process.exit(1);
  }
  const gateway = await startGateway(config, log);
  const shown = gateway.url.replace('://0.0.0.0:', '://localhost:').replace('://[::]:', '://localhost:');
  log(`Engagement Center GraphQL gateway listening on ${gateway.url} (GraphiQL: ${shown}/graphql)`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received: stopping`);
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Stopping failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
