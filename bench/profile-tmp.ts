import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { forkHelper } from './processes.js';
import { runLoad } from './load.js';
import { clientAccept, workloads } from './workloads.js';
async function main() {
  const workload = (process.argv[2] ?? 'apolloClientHold') as keyof typeof workloads;
  const stub = await forkHelper('./stub-upstream.ts');
  const child = spawn(process.execPath, [...(process.argv[3] === 'prof' ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), 'dist/index.js'], { env: { PATH: process.env.PATH ?? '', PORT: '4555', HOST: '127.0.0.1', ALVARIA_BASE_URL: stub.url, ALVARIA_ORG_ID: 'b', LOG_LEVEL: 'info' }, stdio: ['ignore', 'ignore', 'inherit'] });
  await new Promise((r) => setTimeout(r, 2000));
  const headers = { 'content-type': 'application/json', accept: workload === 'apolloClientHold' ? clientAccept : 'application/json', authorization: 'Bearer x', 'x-api-key': 'k', 'via-client-sessionid': 's' };
  const r = await runLoad({ url: 'http://127.0.0.1:4555', path: '/graphql', headers, body: workloads[workload], concurrency: 32, durationMs: 5000, expect: (s) => s === 200 });
  console.log(workload, Math.round(r.requests / r.seconds), 'req/s', r.unexpected, 'unexpected');
  child.kill('SIGINT'); await once(child, 'exit'); await stub.stop();
}
main().catch((e) => { console.error(e); process.exit(1); });
