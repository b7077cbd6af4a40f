/**
 * `npm run bench`: the gateway against the floor (a bare Node proxy), in the same run, on loopback.
 * Writes bench/results.json and bench/results.md. Ratios, not absolute times, are the headline:
 * the machines are shared and noisy. BENCH_SECONDS sets each phase's length (default 5).
 */
import { once } from 'node:events';
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { percentile, runLoad } from './load.js';
import { cpuSeconds, forkHelper, processTree, residentBytes, startBuiltGateway, type Child } from './processes.js';
import { renderResults, type BenchResults, type Phase } from './report.js';
import { RedisServer } from '../test/helpers/redis-server.js';
import { clientAccept, sentAsClients, workloads } from './workloads.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const headers = {
  'content-type': 'application/json',
  accept: 'application/json',
  authorization: 'Bearer bench-token',
  'x-api-key': 'bench-key',
  'via-client-sessionid': 'bench-session',
};

type Workload = keyof typeof workloads;

interface Target {
  readonly name: string;
  readonly child: Child;
  readonly path: string;
  readonly expect: (status: number, body: string) => boolean;
}

async function main(): Promise<void> {
  const stub = await forkHelper('./stub-upstream.ts');
  const upstreamCalls = async (): Promise<number> => {
    stub.process.send({ count: true });
    const [message] = (await once(stub.process, 'message')) as [{ received: number }];
    return message.received;
  };
  const floor: Target = { name: 'floor', child: await forkHelper('./floor-proxy.ts', { UPSTREAM_URL: stub.url }), path: '/', expect: (status) => status === 202 };
  const gatewayEnv = { PORT: '0', HOST: '127.0.0.1', ALVARIA_BASE_URL: stub.url, ALVARIA_ORG_ID: 'bench', LOG_LEVEL: 'info' };
  const accepted = (status: number, body: string) => status === 200 && body.includes('CommandAccepted"');
  const gateway: Target = { name: 'gateway', child: await startBuiltGateway(gatewayEnv), path: '/graphql', expect: accepted };

  async function measure(target: Target, workload: Workload, concurrency: number, durationMs = seconds * 1000): Promise<Phase> {
    const pids = processTree(target.child.process.pid ?? 0);
    const cpuBefore = cpuSeconds(pids);
    const callsBefore = await upstreamCalls();
    let peakRss = residentBytes(pids);
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, residentBytes(pids))), 100);
    const sent = sentAsClients.has(workload) ? { ...headers, accept: clientAccept } : headers;
    const load = await runLoad({ url: target.child.url, path: target.path, headers: sent, body: workloads[workload], concurrency, durationMs, expect: target.expect });
    clearInterval(sampler);
    const cpu = cpuSeconds(pids) - cpuBefore;
    const calls = (await upstreamCalls()) - callsBefore;
    const phase: Phase = {
      target: target.name,
      workload,
      concurrency,
      requests: load.requests,
      unexpected: load.unexpected,
      upstreamCalls: calls,
      requestsPerSecond: load.requests / load.seconds,
      p50Ms: percentile(load.latenciesMs, 50),
      p99Ms: percentile(load.latenciesMs, 99),
      cpuMicrosPerRequest: (cpu * 1e6) / Math.max(1, load.requests),
      peakRssMiB: peakRss / 1024 / 1024,
    };
    console.log(
      `${phase.target.padEnd(10)} ${workload.padEnd(22)} c=${String(concurrency).padEnd(4)} ${phase.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${phase.p50Ms.toFixed(3)} ms  p99 ${phase.p99Ms.toFixed(3)} ms  ${phase.cpuMicrosPerRequest.toFixed(0)} µs CPU/req  RSS ${phase.peakRssMiB.toFixed(0)} MiB  upstream ${calls}/${load.requests}`,
    );
    return phase;
  }

  const phases: Phase[] = [];
  try {
    console.log(`warm-up (${seconds} s each)`);
    for (const target of [floor, gateway]) await measure(target, 'interactionHold', 32);
    let order = 0;
    for (const workload of ['apolloClientHold', 'interactionHold', 'interactionTransfer20'] as const) {
      for (const concurrency of [1, 32, 128]) {
        const pair = order++ % 2 === 0 ? [floor, gateway] : [gateway, floor];
        for (const target of pair) phases.push(await measure(target, workload, concurrency));
      }
    }

    // WORKERS=2: one process per core on a shared port, against the same gateway with one.
    const clustered: Target = { ...gateway, name: 'gateway-2w', child: await startBuiltGateway({ ...gatewayEnv, WORKERS: '2' }) };
    try {
      await measure(clustered, 'interactionHold', 32);
      for (const target of [gateway, clustered]) phases.push(await measure(target, 'interactionHold', 32));
    } finally {
      await clustered.child.stop();
    }

    // Identical in-flight keepAlives are coalesced: fewer REST calls than answers.
    phases.push(await measure(gateway, 'userKeepAlive', 32));

    // Features on, each beside the plain gateway in the same conditions: tracing exported to a
    // loopback collector, rate limits (high enough never to refuse) in memory and in Redis.
    const sink = await forkHelper('./otlp-sink.ts');
    const redis = await RedisServer.start();
    const noLimit = { RATE_LIMIT_PER_CREDENTIAL: '1000000', RATE_LIMIT_PER_ORGANIZATION: '1000000' };
    const variants: Array<[string, Record<string, string>]> = [
      ['gateway-traced', { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url }],
      ['gateway-limits', noLimit],
      ['gateway-limits-redis', { ...noLimit, REDIS_URL: redis.url }],
    ];
    try {
      for (const [name, env] of variants) {
        const variant: Target = { ...gateway, name, child: await startBuiltGateway({ ...gatewayEnv, ...env }) };
        try {
          // A fresh process: warmed up as long as the others were, so that only the feature differs.
          await measure(variant, 'apolloClientHold', 32);
          for (const target of [gateway, variant]) phases.push(await measure(target, 'apolloClientHold', 32));
        } finally {
          await variant.child.stop();
        }
      }
    } finally {
      await sink.stop();
      await redis.stop();
    }
  } finally {
    await gateway.child.stop();
    await floor.child.stop();
    await stub.stop();
  }

  const invalid = phases.filter((phase) => phase.unexpected > 0 || (phase.workload !== 'userKeepAlive' && phase.upstreamCalls !== phase.requests));
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}`,
    phaseSeconds: seconds,
    phases,
  };
  writeFileSync(new URL('results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(new URL('results.md', import.meta.url), renderResults(results));
  console.log(renderResults(results));
  if (invalid.length > 0) {
    console.error(`Invalid phases (unexpected answers, or not one REST call per answer): ${JSON.stringify(invalid)}`);
    process.exitCode = 1;
  }
}

await main();
