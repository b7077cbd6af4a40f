/**
 * The third-party GraphQL-over-HTTP audit (graphql-http's serverAudits) against the running
 * server: every MUST passes. The SHOULD and MAY results are listed in the README.
 */
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { startGateway, type RunningGateway } from '../src/server.js';
import { silentLogger } from './helpers/logs.js';

let running: RunningGateway;
beforeAll(async () => {
  running = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1' }), silentLogger());
});
afterAll(async () => {
  await running.close();
});

const audits = serverAudits({ url: () => `${running.url}/graphql`, fetchFn: fetch });

describe('GraphQL over HTTP audit', () => {
  it.each(audits.filter((audit) => audit.name.startsWith('MUST')).map((audit) => [audit.name, audit] as const))('%s', async (_name, audit) => {
    const result = await audit.fn();
    expect(result.status, 'reason' in result ? result.reason : '').toBe('ok');
  });

  it('reports the SHOULD and MAY results (printed for the README)', async () => {
    const results = await Promise.all(audits.filter((audit) => !audit.name.startsWith('MUST')).map(async (audit) => ({ name: audit.name, result: await audit.fn() })));
    const lines = results.map(({ name, result }) => `${result.status === 'ok' ? 'pass' : result.status}: ${name}`);
    console.log(`graphql-http SHOULD/MAY audits:\n${lines.join('\n')}`);
    expect(results.length).toBeGreaterThan(0);
  });
});
