/** `npm run simulator [-- --stateful]`: the Engagement Center simulator alone, for gateways that share it. */
import { ConfigError } from '../config/config-error.js';
import { readSetting } from '../config/setting.js';
import { settingTable } from '../config/table.js';
import { PRESENT_INTERACTION_PATH, startSimulator } from './simulator.js';

const { pollHoldMs, offerEveryMs } = settingTable.simulator;

const help = `Engagement Center simulator: plays the Alvaria Cloud Engagement Center REST API v2 and the
Streaming API (as the gateway's contract reads it) on loopback.

Usage: npm run simulator [-- --stateful] [-- --help]

Modes:
  default      Every valid command is accepted (202). Invalid ones get the page's answers: 400 naming
               the field, 401 without a Bearer token, 404 for an unknown route, 405 for another method.
  --stateful   (or SIMULATOR_STATEFUL=1) Also refuses commands that do not fit the agents' and
               interactions' state: a command for a user who never connected, or for an interaction
               that was never presented, is a 404; one in the wrong state (hold before accept,
               dispose before terminate, ...) is a 422, each with a message that says why.
               Present an interaction to accept with:
                 curl -X POST http://HOST:PORT${PRESENT_INTERACTION_PATH} -d '{"interactionId":"ixn-1"}'
               (the body may name "organization", default demo; without "interactionId" one is made up).

Streaming API (both modes): POST|DELETE /via/v3/organizations/{orgId}/streaming/session,
GET .../streaming/events?maxEvents=n (held while there is no event), POST .../streaming/acknowledge.
A command whose via-client-sessionid is a session created here emits its events there
(engagementCenter.* where the page names them, simulator.* for other state changes).

Settings:
  SIMULATOR_PORT or PORT (default 4010), SIMULATOR_HOST or HOST (default 127.0.0.1)
  ${pollHoldMs.name} (default ${pollHoldMs.shownDefault}, ${pollHoldMs.parser.accepts}): ${pollHoldMs.description}
  ${offerEveryMs.name} (default ${offerEveryMs.shownDefault}, ${offerEveryMs.parser.accepts}): ${offerEveryMs.description}
Point gateways at it with ALVARIA_BASE_URL=http://HOST:PORT (the URL it prints).
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

let timing: { pollHoldMs: number; offerEveryMs: number };
try {
  timing = { pollHoldMs: readSetting(pollHoldMs, process.env), offerEveryMs: readSetting(offerEveryMs, process.env) };
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`Invalid configuration: ${error.message}\n`);
  process.exit(1);
}

const simulator = await startSimulator({ port, host, stateful, recordLimit: 0, ...timing });
const offers = timing.offerEveryMs > 0 ? `, offering an interaction to ready agents every ${timing.offerEveryMs} ms` : '';
process.stdout.write(
  `Engagement Center simulator (${stateful ? 'stateful' : 'default'} mode${offers}) listening on ${simulator.url} (ALVARIA_BASE_URL=${simulator.url})\n`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void simulator.close().then(() => process.exit(0)));
}
