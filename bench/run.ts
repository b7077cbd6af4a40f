/**
 * `npm run bench`: the gateway against the floor (a bare Node proxy) and two peers — a bare
 * graphql-yoga + Pothos server and Fastify + Mercurius with graphql-jit, each serving the hold with a
 * hand-written resolver (bench/peers/) — in the same run, on loopback. Writes bench/results.json and
 * bench/results.md. Ratios, not absolute times, are the headline: the machines are shared and noisy,
 * so the headline cell (the hold as Apollo Client 4 sends it, c=32) is measured in five rounds and
 * reported by its medians, and then again with the gateway, `before` and the Yoga peer loaded at
 * once (c=16 each, five rounds), so that a change of the machine's speed during a round hits them
 * alike. Then the agent events (bench/events.ts): one session's events to 100
 * subscribers over SSE and WebSocket, memory per idle subscriber, a subscriber that stops reading.
 * A full run takes about 9 minutes at the default phase length (about 10 with BENCH_BEFORE);
 * BENCH_ONLY=peers about 4 (5); BENCH_ONLY=events about 2.
 *
 * Settings (environment):
 * - BENCH_SECONDS: each phase's length (default 5).
 * - BENCH_ONLY=peers: only the comparison of every target on the hold (warm-up, then
 *   `apolloClientHold` and `interactionHold` at c=1, 32, 128), without the transfer, WORKERS,
 *   coalescing, features and events phases.
 * - BENCH_ONLY=events: only the events part. A subset run keeps what it did not measure from the
 *   last bench/results.json (the events part is dated on its own).
 * - BENCH_EVENTS: events emitted per fan-out phase (default 1000).
 * - BENCH_BEFORE=/path/to/checkout: adds `before`, another checkout's gateway (`node dist/index.js`
 *   there, with the same environment as ours), measured beside the others on the hold. Make it with
 *   `git worktree add /tmp/before <commit> && (cd /tmp/before && npm ci && npm run build)`, then
 *   `BENCH_BEFORE=/tmp/before npm run bench` (a checkout without dist/ is built first).
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cpus, totalmem } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { percentile, runLoad, type LoadResult } from './load.js';
import { builtCheckout, cpuSeconds, forkHelper, processTree, residentBytes, root, startBuiltGateway, type Child } from './processes.js';
import { eventsPart, invalidEvents } from './events.js';
import { renderResults, type BenchResults, type EventsRun, type Phase } from './report.js';
import { RedisServer } from '../test/helpers/redis-server.js';
import { clientAccept, holdWorkloads, sentAsClients, workloads, type Workload } from './workloads.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const only = process.env.BENCH_ONLY;
if (only !== undefined && only !== 'peers' && only !== 'events') throw new Error(`BENCH_ONLY=${only}: the subsets are "peers" and "events"`);
const beforePath = process.env.BENCH_BEFORE;
/** How often every target is measured on the headline cell: the hold as Apollo Client 4 sends it, c=32. */
const headlineRounds = 5;
/** The same question with the gateway, `before` and the Yoga peer loaded at once: rounds, and clients per target. */
const atOnceRounds = 5;
const atOnceConcurrency = 16;
const headers = {
  'content-type': 'application/json',
  accept: 'application/json',
  authorization: 'Bearer bench-token',
  'x-api-key': 'bench-key',
  'via-client-sessionid': 'bench-session',
};

interface Target {
  readonly name: string;
  readonly child: Child;
  readonly path: string;
  readonly expect: (status: number, body: string) => boolean;
  /** The workloads it can answer; all when absent. */
  readonly serves?: readonly Workload[];
}

/** A checkout's commit, as the report names it. */
function commitOf(checkout: string): string {
  const git = (...args: string[]) => spawnSync('git', ['-C', checkout, ...args], { encoding: 'utf8' }).stdout.trim();
  const subject = git('log', '-1', '--format=%s');
  const dirty = git('status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench/results.*') !== '';
  return `${git('log', '-1', '--format=%h') || 'unknown commit'}${dirty ? ' with uncommitted changes' : ''} (${subject.length > 72 ? `${subject.slice(0, 71)}…` : subject})`;
}

/** The list turned by `by` places: over successive phases every target takes every position. */
const rotate = <T>(list: readonly T[], by: number): T[] => list.map((_, index) => list[(index + by) % list.length] as T);

async function main(): Promise<void> {
  if (only === 'events') {
    report(undefined, await measureEvents(), undefined);
    return;
  }
  // Built (if need be) before anything starts: a failed build leaves no process behind.
  const beforeCheckout = beforePath === undefined ? undefined : builtCheckout(beforePath);
  const started: Child[] = [];
  const start = async (starting: Promise<Child>): Promise<Child> => {
    const child = await starting;
    started.push(child);
    return child;
  };
  const phases: Phase[] = [];
  const atOnce: Phase[] = [];
  try {
    const stub = await start(forkHelper('./stub-upstream.ts'));
    const { measure, measureTogether } = measurer(stub);
    const accepted = (status: number, body: string) => status === 200 && body.includes('CommandAccepted"');
    const gatewayEnv = { PORT: '0', HOST: '127.0.0.1', ALVARIA_BASE_URL: stub.url, ALVARIA_ORG_ID: 'bench', LOG_LEVEL: 'info' };
    const peerEnv = { UPSTREAM_URL: stub.url, NODE_ENV: 'production' };
    const gateway: Target = { name: 'gateway', child: await start(startBuiltGateway(gatewayEnv)), path: '/graphql', expect: accepted };
    const others: Target[] = [
      // The same environment as ours, in the other checkout.
      ...(beforeCheckout ? [{ name: 'before', child: await start(startBuiltGateway(gatewayEnv, beforeCheckout)), path: '/graphql', expect: accepted, serves: holdWorkloads }] : []),
      { name: 'yoga-pothos', child: await start(forkHelper('./peers/yoga-pothos.ts', peerEnv)), path: '/graphql', expect: accepted, serves: holdWorkloads },
      { name: 'mercurius', child: await start(forkHelper('./peers/mercurius.ts', peerEnv)), path: '/graphql', expect: accepted, serves: holdWorkloads },
      { name: 'floor', child: await start(forkHelper('./floor-proxy.ts', { UPSTREAM_URL: stub.url })), path: '/', expect: (status) => status === 202 },
    ];
    const targets = [gateway, ...others];

    console.log(`warm-up (${seconds} s each)`);
    for (const target of targets) await measure(target, 'interactionHold', 32);
    let order = 0;
    const measureEach = async (workload: Workload, concurrency: number, round?: number) => {
      const serving = targets.filter((target) => target.serves?.includes(workload) ?? true);
      for (const target of rotate(serving, order++)) phases.push({ ...(await measure(target, workload, concurrency)), ...(round ? { round } : {}) });
    };
    for (const workload of holdWorkloads) {
      for (const concurrency of [1, 32, 128]) await measureEach(workload, concurrency, workload === 'apolloClientHold' && concurrency === 32 ? 1 : undefined);
    }
    // The headline cell again, so that its figures are a median rather than one draw of a shared machine.
    for (let round = 2; round <= headlineRounds; round += 1) await measureEach('apolloClientHold', 32, round);
    // Then loaded at once: the gateway and the Yoga-based targets alike (Mercurius and the floor are
    // of another order, and would take the machine from them).
    const together = [gateway, ...others.filter((target) => target.name === 'before' || target.name === 'yoga-pothos')];
    for (let round = 1; round <= atOnceRounds; round += 1) {
      atOnce.push(...(await measureTogether(together, 'apolloClientHold', atOnceConcurrency)).map((phase) => ({ ...phase, round })));
    }
    if (only !== 'peers') for (const concurrency of [1, 32, 128]) await measureEach('interactionTransfer20', concurrency);
    // Only the gateway is measured from here on: the others stop, to leave it the machine.
    for (const target of others) await target.child.stop();
    if (only !== 'peers') phases.push(...(await gatewayOnlyPhases(gateway, gatewayEnv, measure)));
  } finally {
    for (const child of started.reverse()) await child.stop();
  }
  report({ phases, atOnce }, only === 'peers' ? undefined : await measureEvents(), beforeCheckout);
}

async function measureEvents(): Promise<EventsRun> {
  return { date: new Date().toISOString(), commit: commitOf(root), ...(await eventsPart()) };
}

/** The last run's results, whose parts a subset run keeps. */
function previousResults(): BenchResults | undefined {
  const file = new URL('results.json', import.meta.url);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchResults) : undefined;
}

type Measure = (target: Target, workload: Workload, concurrency: number) => Promise<Phase>;
/** Several targets loaded at the same time, each by its own `concurrency` clients; `upstreamCalls` counts all of theirs. */
type MeasureTogether = (targets: readonly Target[], workload: Workload, concurrency: number) => Promise<Phase[]>;

/** Measures phases: `concurrency` clients per target sending `workload` back to back for BENCH_SECONDS. */
function measurer(stub: Child): { measure: Measure; measureTogether: MeasureTogether } {
  const upstreamCalls = async (): Promise<number> => {
    stub.process.send({ count: true });
    const [message] = (await once(stub.process, 'message')) as [{ received: number }];
    return message.received;
  };
  const measureTogether: MeasureTogether = async (targets, workload, concurrency) => {
    const pids = targets.map((target) => processTree(target.child.process.pid ?? 0));
    const cpuBefore = pids.map(cpuSeconds);
    const callsBefore = await upstreamCalls();
    const peakRss = pids.map(residentBytes);
    const sampler = setInterval(() => pids.forEach((tree, index) => (peakRss[index] = Math.max(peakRss[index] ?? 0, residentBytes(tree)))), 100);
    const sent = sentAsClients.has(workload) ? { ...headers, accept: clientAccept } : headers;
    const loads = await Promise.all(
      targets.map((target) => runLoad({ url: target.child.url, path: target.path, headers: sent, body: workloads[workload], concurrency, durationMs: seconds * 1000, expect: target.expect })),
    );
    clearInterval(sampler);
    const cpu = pids.map((tree, index) => cpuSeconds(tree) - (cpuBefore[index] ?? 0));
    const calls = (await upstreamCalls()) - callsBefore;
    return targets.map((target, index) => {
      const load = loads[index] as LoadResult;
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
        cpuMicrosPerRequest: ((cpu[index] ?? 0) * 1e6) / Math.max(1, load.requests),
        peakRssMiB: (peakRss[index] ?? 0) / 1024 / 1024,
      };
      console.log(
        `${phase.target.padEnd(12)} ${workload.padEnd(22)} c=${String(concurrency).padEnd(4)} ${phase.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${phase.p50Ms.toFixed(3)} ms  p99 ${phase.p99Ms.toFixed(3)} ms  ${phase.cpuMicrosPerRequest.toFixed(0)} µs CPU/req  RSS ${phase.peakRssMiB.toFixed(0)} MiB  upstream ${calls}/${loads.reduce((total, each) => total + each.requests, 0)}${targets.length > 1 ? ' (all at once)' : ''}`,
      );
      return phase;
    });
  };
  const measure: Measure = async (target, workload, concurrency) => (await measureTogether([target], workload, concurrency))[0] as Phase;
  return { measure, measureTogether };
}

/** What only the gateway has: WORKERS=2, coalescing, each feature on. */
async function gatewayOnlyPhases(gateway: Target, gatewayEnv: Record<string, string>, measure: Measure): Promise<Phase[]> {
  const phases: Phase[] = [];
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
  return phases;
}

/** Writes the results: `phases` undefined (BENCH_ONLY=events) keeps the last run's, `events` undefined (BENCH_ONLY=peers) its events part. */
function report(measuredNow: { readonly phases: readonly Phase[]; readonly atOnce: readonly Phase[] } | undefined, events: EventsRun | undefined, beforeCheckout: string | undefined): void {
  const phases = measuredNow?.phases;
  const previous = phases === undefined || events === undefined ? previousResults() : undefined;
  const atOnce = measuredNow?.atOnce ?? [];
  // A round loaded at once is valid when the stub received one REST call per answer of all its targets.
  const answersIn = (round: number | undefined) => atOnce.reduce((total, phase) => total + (phase.round === round ? phase.requests : 0), 0);
  const invalidRounds = atOnce.filter((phase) => phase.unexpected > 0 || phase.upstreamCalls !== answersIn(phase.round));
  const invalid = [...(phases ?? []).filter((phase) => phase.unexpected > 0 || (phase.workload !== 'userKeepAlive' && phase.upstreamCalls !== phase.requests)), ...invalidRounds];
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}`;
  const measured: Omit<BenchResults, 'events'> =
    phases === undefined && previous
      ? previous
      : {
          date: new Date().toISOString(),
          machine,
          phaseSeconds: seconds,
          commit: commitOf(root),
          ...(beforeCheckout ? { before: commitOf(beforeCheckout) } : {}),
          phases: phases ?? [],
          ...(atOnce.length > 0 ? { atOnce } : {}),
        };
  const keptEvents = events ?? previous?.events;
  const results: BenchResults = { ...measured, ...(keptEvents ? { events: keptEvents } : {}) };
  writeFileSync(new URL('results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(new URL('results.md', import.meta.url), renderResults(results));
  console.log(renderResults(results));
  if (invalid.length > 0) {
    console.error(`Invalid phases (unexpected answers, or not one REST call per answer): ${JSON.stringify(invalid)}`);
    process.exitCode = 1;
  }
  const invalidEventPhases = events ? invalidEvents(events) : [];
  if (invalidEventPhases.length > 0) {
    console.error(`Invalid events phases: ${invalidEventPhases.join('; ')}`);
    process.exitCode = 1;
  }
}

await main();
