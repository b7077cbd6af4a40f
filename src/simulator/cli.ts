/** `npm run simulator`: the Engagement Center simulator alone, on PORT (default 4010) and HOST (default 127.0.0.1). */
import { startSimulator } from './simulator.js';

const port = Number(process.env.SIMULATOR_PORT ?? process.env.PORT ?? 4010);
const host = process.env.SIMULATOR_HOST ?? process.env.HOST ?? '127.0.0.1';

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`Invalid configuration: PORT must be a whole number from 0 to 65535\n`);
  process.exit(1);
}

const simulator = await startSimulator({ port, host, recordLimit: 0 });
process.stdout.write(`Engagement Center simulator listening on ${simulator.url} (ALVARIA_BASE_URL=${simulator.url})\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void simulator.close().then(() => process.exit(0)));
}
