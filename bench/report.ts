/** bench/results.md: the table of every phase, the ratios gateway ÷ floor, and the targets. */

export interface Phase {
  readonly target: string;
  readonly workload: string;
  readonly concurrency: number;
  readonly requests: number;
  readonly unexpected: number;
  readonly upstreamCalls: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly cpuMicrosPerRequest: number;
  readonly peakRssMiB: number;
}

export interface BenchResults {
  readonly date: string;
  readonly machine: string;
  readonly phaseSeconds: number;
  readonly phases: readonly Phase[];
}

const find = (results: BenchResults, target: string, workload: string, concurrency: number): Phase | undefined =>
  results.phases.find((phase) => phase.target === target && phase.workload === workload && phase.concurrency === concurrency);

const fixed = (value: number | undefined, digits: number): string => (value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits));

export function renderResults(results: BenchResults): string {
  // One row per workload and concurrency: the first run (the WORKERS comparison repeats c=32).
  const rows = results.phases
    .filter((phase) => phase.target === 'gateway' && phase.workload !== 'userKeepAlive')
    .filter((phase, index, all) => all.findIndex((other) => other.workload === phase.workload && other.concurrency === phase.concurrency) === index)
    .map((gateway) => {
      const floor = find(results, 'floor', gateway.workload, gateway.concurrency);
      const ratio = (value: number, base: number | undefined) => (base ? `${(value / base).toFixed(2)}×` : '–');
      return (
        `| ${gateway.workload} | ${gateway.concurrency} | ${fixed(gateway.requestsPerSecond, 0)} / ${fixed(floor?.requestsPerSecond, 0)} (${ratio(gateway.requestsPerSecond, floor?.requestsPerSecond)}) ` +
        `| ${fixed(gateway.p50Ms, 3)} / ${fixed(floor?.p50Ms, 3)} (${ratio(gateway.p50Ms, floor?.p50Ms)}) ` +
        `| ${fixed(gateway.p99Ms, 3)} / ${fixed(floor?.p99Ms, 3)} (${ratio(gateway.p99Ms, floor?.p99Ms)}) ` +
        `| ${fixed(gateway.cpuMicrosPerRequest, 0)} / ${fixed(floor?.cpuMicrosPerRequest, 0)} (${ratio(gateway.cpuMicrosPerRequest, floor?.cpuMicrosPerRequest)}) ` +
        `| ${fixed(gateway.peakRssMiB, 0)} / ${fixed(floor?.peakRssMiB, 0)} |`
      );
    });

  const hold32 = find(results, 'gateway', 'interactionHold', 32);
  const floor32 = find(results, 'floor', 'interactionHold', 32);
  const hold1 = find(results, 'gateway', 'interactionHold', 1);
  const floor1 = find(results, 'floor', 'interactionHold', 1);
  const transfer32 = find(results, 'gateway', 'interactionTransfer20', 32);
  const peak = Math.max(...results.phases.filter((phase) => phase.target === 'gateway' && phase.concurrency === 128).map((phase) => phase.peakRssMiB));
  const oneWorker = results.phases.filter((phase) => phase.target === 'gateway' && phase.workload === 'interactionHold' && phase.concurrency === 32).at(-1);
  const twoWorkers = find(results, 'gateway-2w', 'interactionHold', 32);
  const keepAlive = find(results, 'gateway', 'userKeepAlive', 32);
  const apollo32 = find(results, 'gateway', 'apolloClientHold', 32);
  const apolloFloor32 = find(results, 'floor', 'apolloClientHold', 32);
  const times = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? `${(a / b).toFixed(2)}×` : '–');
  const variantRows = results.phases
    .filter((phase) => phase.target.startsWith('gateway-') && phase.target !== 'gateway-2w')
    .map((variant) => {
      // The plain gateway measured right before this variant.
      const plain = results.phases[results.phases.indexOf(variant) - 1];
      return `| ${variant.target.replace('gateway-', '')} | ${fixed(variant.requestsPerSecond, 0)} / ${fixed(plain?.requestsPerSecond, 0)} (${times(variant.requestsPerSecond, plain?.requestsPerSecond)}) | ${fixed(variant.p99Ms, 3)} / ${fixed(plain?.p99Ms, 3)} | ${fixed(variant.cpuMicrosPerRequest, 0)} / ${fixed(plain?.cpuMicrosPerRequest, 0)} |`;
    });

  const check = (label: string, value: number | undefined, target: string, met: boolean) => `| ${label} | ${fixed(value, 2)} | ${target} | ${met ? 'met' : 'missed'} |`;
  const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? a / b : undefined);
  const throughput = ratio(hold32?.requestsPerSecond, floor32?.requestsPerSecond);
  const p99 = ratio(hold32?.p99Ms, floor32?.p99Ms);
  const p50 = ratio(hold1?.p50Ms, floor1?.p50Ms);
  const transferCost = ratio(transfer32?.cpuMicrosPerRequest, hold32?.cpuMicrosPerRequest);
  const scaling = ratio(twoWorkers?.requestsPerSecond, oneWorker?.requestsPerSecond);
  const apolloThroughput = ratio(apollo32?.requestsPerSecond, apolloFloor32?.requestsPerSecond);
  const apolloToBare = ratio(apollo32?.requestsPerSecond, hold32?.requestsPerSecond);
  const apolloP99 = ratio(apollo32?.p99Ms, apolloFloor32?.p99Ms);

  return [
    `# Benchmark results`,
    '',
    `${results.date.slice(0, 10)}, ${results.machine}; ${results.phaseSeconds} s per phase; load generator, upstream stub, floor and gateway all on this machine.`,
    '',
    'Each cell: gateway / floor (ratio). The floor is a bare node:http server forwarding the same POST with undici.',
    '',
    '| workload | concurrency | req/s | p50 ms | p99 ms | CPU µs/req | peak RSS MiB |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    '| target | measured | goal | |',
    '|---|---|---|---|',
    check('throughput at c=32, hold as Apollo Client 4 sends it: gateway ÷ floor', apolloThroughput, '≥ 0.35', (apolloThroughput ?? 0) >= 0.35),
    check('the same ÷ the bare hold, c=32', apolloToBare, '≥ 0.90', (apolloToBare ?? 0) >= 0.9),
    check('p99 at c=32, hold as Apollo Client 4 sends it: gateway ÷ floor', apolloP99, '≤ 4', (apolloP99 ?? Infinity) <= 4),
    check('throughput at c=32, hold: gateway ÷ floor', throughput, '≥ 0.30', (throughput ?? 0) >= 0.3),
    check('p99 at c=32, hold: gateway ÷ floor', p99, '≤ 4', (p99 ?? Infinity) <= 4),
    check('p50 at c=1, hold: gateway ÷ floor', p50, '≤ 1.6', (p50 ?? Infinity) <= 1.6),
    check('CPU per request: transfer (20 items) ÷ hold', transferCost, '≤ 1.3', (transferCost ?? Infinity) <= 1.3),
    check('peak RSS at c=128 (MiB)', peak, '≤ 150', peak <= 150),
    check(
      `WORKERS=2 ÷ one worker, c=32 hold (${fixed(twoWorkers?.requestsPerSecond, 0)} ÷ ${fixed(oneWorker?.requestsPerSecond, 0)} req/s)`,
      scaling,
      '≥ 1.6',
      (scaling ?? 0) >= 1.6,
    ),
    '',
    keepAlive
      ? `Coalescing: ${keepAlive.requests} identical concurrent keepAlives (c=32) made ${keepAlive.upstreamCalls} REST calls (${((1 - keepAlive.upstreamCalls / Math.max(1, keepAlive.requests)) * 100).toFixed(0)}% saved).`
      : '',
    '',
    'With features on, hold as Apollo Client 4 sends it, c=32 (each cell: with / without, measured one after the other):',
    '',
    '| feature | req/s | p99 ms | CPU µs/req |',
    '|---|---|---|---|',
    ...variantRows,
    '',
    'For each target missed: the profile, what was tried and what it changed are in README.md, section "Performance".',
    '',
  ].join('\n');
}
