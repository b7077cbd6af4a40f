import { forkHelper, startBuiltGateway } from './processes.js';
import { runLoad } from './load.js';
import { clientAccept, workloads } from './workloads.js';
async function main() {
  const stub = await forkHelper('./stub-upstream.ts');
  const sink = await forkHelper('./otlp-sink.ts');
  const extra = process.argv[2] === 'traced' ? { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url } : {};
  const gw = await startBuiltGateway({ PORT: '0', HOST: '127.0.0.1', ALVARIA_BASE_URL: stub.url, ALVARIA_ORG_ID: 'b', SHUTDOWN_DELAY_MS: '0', NODE_OPTIONS: '--cpu-prof --cpu-prof-dir=/tmp/prof', ...extra });
  const headers = { 'content-type': 'application/json', accept: clientAccept, authorization: 'Bearer x', 'x-api-key': 'k', 'via-client-sessionid': 's' };
  for (const seconds of [4, 6]) {
    const r = await runLoad({ url: gw.url, path: '/graphql', headers, body: workloads.apolloClientHold, concurrency: 32, durationMs: seconds * 1000, expect: (s) => s === 200 });
    console.log(process.argv[2] ?? 'plain', Math.round(r.requests / r.seconds), 'req/s', r.unexpected, 'unexpected');
  }
  await gw.stop(); await stub.stop(); await sink.stop();
}
main().catch((e) => { console.error(e); process.exit(1); });
