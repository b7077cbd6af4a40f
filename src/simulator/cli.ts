/** `npm run simulator [-- --stateful]`: the Engagement Center simulator alone. */
import { PRESENT_INTERACTION_PATH, startSimulator } from './simulator.js';

const help = `Engagement Center simulator: plays the Alvaria Cloud Engagement Center REST API v2 on loopback.

Usage: npm run simulator [-- --stateful] [-- --help]

Modes:
  default      Every valid command is accepted (202). Invalid ones get the page's answers: 400 naming
               the field, 401 without a Bearer token, 404 for an unknown route, 405 for another method.
  --stateful   (or SIMULATOR_STATEFUL=1) Also tracks agent sessions and presented interactions:
               a command for a user who never connected, or for an interaction that was never
               presented, is a 404; one in the wrong state (hold before accept, dispose before
               terminate, ...) is a 422, each with a message that says why.
               Present an interaction to accept with:
                 curl -X POST http://HOST:PORT${PRESENT_INTERACTION_PATH} -d '{"interactionId":"ixn-1"}'
               (the body may name "organization", default demo; without "interactionId" one is made up).

Settings: SIMULATOR_PORT or PORT (default 4010), SIMULATOR_HOST or HOST (default 127.0.0.1).
Point the gateway at it with ALVARIA_BASE_URL=http://HOST:PORT.
`;

if (process.argv.includes('--help')) {
  process.stdout.write(help);
  process.exit(0);
}

const port = Number(process.env.SIMULATOR_PORT ?? process.env.PORT ?? 4010);
const host = process.env.SIMULATOR_HOST ?? process.env.HOST ?? '127.0.0.1';
const stateful = process.argv.includes('--stateful') || ['1', 'true'].includes(process.env.SIMULATOR_STATEFUL ?? '');

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write('Invalid configuration: PORT must be a whole number from 0 to 65535\n');
  process.exit(1);
}

const simulator = await startSimulator({ port, host, stateful, recordLimit: 0 });
process.stdout.write(
  `Engagement Center simulator (${stateful ? 'stateful' : 'default'} mode) listening on ${simulator.url} (ALVARIA_BASE_URL=${simulator.url})\n`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void simulator.close().then(() => process.exit(0)));
}
