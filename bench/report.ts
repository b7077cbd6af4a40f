/**
 * bench/results.md: the headline (the hold as Apollo Client 4 sends it, c=32, against the bare
 * Yoga + Pothos peer, the Mercurius peer, the floor and `before`), the ratios gateway ÷ floor and
 * the targets, every target's figures phase by phase, and the agent events (fan-out, idle
 * subscribers, a slow subscriber).
 */

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
  /** Which round of the headline cell (the hold as Apollo Client 4 sends it, c=32) this is; absent elsewhere. */
  readonly round?: number;
}

/** One session's events to `subscribers` subscribers over one transport. */
export interface FanOutPhase {
  readonly transport: 'sse' | 'ws';
  readonly subscribers: number;
  readonly events: number;
  /** Subscribers that got every event, in order, once. */
  readonly complete: number;
  /** Events the simulator dropped from its bounded queue (the measure is void when any). */
  readonly droppedUpstream: number;
  /** How subscribers ended during the phase (none when valid). */
  readonly endings: readonly string[];
  readonly seconds: number;
  /** Events per second delivered to every subscriber: from the first emitted to the last received by the last subscriber. */
  readonly eventsPerSecond: number;
  /** The gateway process's CPU time per event (each event is `subscribers` deliveries). */
  readonly cpuMicrosPerEvent: number;
  /** The benchmark process's CPU (the subscribers) over the span, in cores: near 1, the clients were the limit. */
  readonly clientCpuShare: number;
  readonly peakRssMiB: number;
  /** Which round; each transport is measured in several, in alternating order. */
  readonly round?: number;
}

export interface IdleMemoryPhase {
  readonly transport: 'sse' | 'ws';
  readonly subscribers: number;
  readonly rssBeforeMiB: number;
  readonly rssWithIdleMiB: number;
  readonly kibPerSubscriber: number;
  /** Which round; each on a fresh gateway. */
  readonly round?: number;
}

export interface SlowSubscriberPhase {
  readonly transport: 'sse' | 'ws';
  /** Filler bytes in each event's payload. */
  readonly eventBytes: number;
  /** Events emitted before the gateway ended the stalled subscriber (counted in whole batches). */
  readonly emittedUntilEnded: number;
  readonly emitted: number;
  /** Events the stalled subscriber read, when it read again, before its ending. */
  readonly stalledReceived: number;
  readonly stalledEnding: string;
  /** Whether the subscriber beside it, which kept reading, got every event in order. */
  readonly readerComplete: boolean;
  readonly rssBeforeMiB: number;
  /** The peak while events flowed until the stalled subscriber was ended, and while as many again flowed after. */
  readonly peakRssUntilEndedMiB: number;
  readonly peakRssAfterMiB: number;
  /** The same events to the reader alone, on a fresh gateway: the RSS before, and the peak. */
  readonly controlRssBeforeMiB: number;
  readonly controlPeakRssMiB: number;
}

export interface EventsResults {
  readonly fanOut: readonly FanOutPhase[];
  readonly idle: readonly IdleMemoryPhase[];
  readonly slow: readonly SlowSubscriberPhase[];
}

/** The events part as one run measured it. */
export interface EventsRun extends EventsResults {
  readonly date: string;
  readonly commit?: string;
}

export interface BenchResults {
  readonly date: string;
  readonly machine: string;
  readonly phaseSeconds: number;
  /** This checkout's commit (the `gateway`), and the `before` checkout's when BENCH_BEFORE was set. */
  readonly commit?: string;
  readonly before?: string;
  readonly phases: readonly Phase[];
  /**
   * The hold as Apollo Client 4 sends it, every hold target loaded at the same time, in rounds
   * (`round`); each phase's `upstreamCalls` counts the REST calls of its whole round.
   */
  readonly atOnce?: readonly Phase[];
  /** The events part: of this run, or kept from the last one that measured it. */
  readonly events?: EventsRun;
}

type RoundKey = 'cpuMicrosPerRequest' | 'p99Ms';

/** Round by round, `phases` ÷ the phase of `others` in the same round (rounds the others lack are left out). */
function roundRatios(phases: readonly Phase[], others: readonly Phase[], key: RoundKey): number[] {
  return phases.flatMap((phase) => {
    const other = others.find((each) => each.round === phase.round)?.[key];
    return other ? [phase[key] / other] : [];
  });
}

/** The targets compared on the hold, in the order the tables list them. */
const holdTargets = ['gateway', 'before', 'yoga-pothos', 'mercurius', 'floor'] as const;

const describe: Record<(typeof holdTargets)[number], string> = {
  gateway: 'this checkout, `node dist/index.js`, every default on',
  before: 'the BENCH_BEFORE checkout, started the same way with the same environment',
  'yoga-pothos': 'bare graphql-yoga 5 + Pothos 4 + undici, a hand-written resolver (bench/peers/yoga-pothos.ts)',
  mercurius: 'Fastify 5 + Mercurius 16 with graphql-jit, a hand-written resolver (bench/peers/mercurius.ts)',
  floor: 'a bare node:http server forwarding the same POST with undici (bench/floor-proxy.ts)',
};

/** Phases of one target on one cell: its rounds when the cell was measured in rounds, else its first phase. */
function samples(results: BenchResults, target: string, workload: string, concurrency: number): Phase[] {
  const all = results.phases.filter((phase) => phase.target === target && phase.workload === workload && phase.concurrency === concurrency);
  const rounds = all.filter((phase) => phase.round !== undefined);
  return rounds.length > 0 ? rounds : all.slice(0, 1);
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
};

/** A target's figures on a cell: the median of its rounds (peak RSS: the highest; counts: summed). */
function find(results: BenchResults, target: string, workload: string, concurrency: number): Phase | undefined {
  const rounds = samples(results, target, workload, concurrency);
  const [first] = rounds;
  if (rounds.length < 2) return first;
  const of = (key: 'requestsPerSecond' | 'p50Ms' | 'p99Ms' | 'cpuMicrosPerRequest') => median(rounds.map((phase) => phase[key]));
  const sum = (key: 'requests' | 'unexpected' | 'upstreamCalls') => rounds.reduce((total, phase) => total + phase[key], 0);
  return {
    target,
    workload,
    concurrency,
    requests: sum('requests'),
    unexpected: sum('unexpected'),
    upstreamCalls: sum('upstreamCalls'),
    requestsPerSecond: of('requestsPerSecond'),
    p50Ms: of('p50Ms'),
    p99Ms: of('p99Ms'),
    cpuMicrosPerRequest: of('cpuMicrosPerRequest'),
    peakRssMiB: Math.max(...rounds.map((phase) => phase.peakRssMiB)),
  };
}

const fixed = (value: number | undefined, digits: number): string => (value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits));

export function renderResults(results: BenchResults): string {
  const header = [
    `# Benchmark results`,
    '',
    results.phases.length > 0
      ? `${results.date.slice(0, 10)}, ${results.machine}; ${results.phaseSeconds} s per phase; load generator, upstream stub and every target on this machine.`
      : `${results.machine}.`,
    '',
  ];
  return [...header, ...(results.phases.length > 0 ? renderPhases(results) : []), ...(results.events ? renderEvents(results.events) : [])].join('\n');
}

function renderPhases(results: BenchResults): string[] {
  // One row per workload and concurrency: its first phase, or the median of its rounds (the WORKERS
  // comparison and the features measure the gateway at c=32 again, apart).
  const rows = results.phases
    .filter((phase) => phase.target === 'gateway' && phase.workload !== 'userKeepAlive')
    .filter((phase, index, all) => all.findIndex((other) => other.workload === phase.workload && other.concurrency === phase.concurrency) === index)
    .map((first) => {
      const gateway = find(results, 'gateway', first.workload, first.concurrency) ?? first;
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
  const peak = Math.max(-Infinity, ...results.phases.filter((phase) => phase.target === 'gateway' && phase.concurrency === 128).map((phase) => phase.peakRssMiB));
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

  const check = (label: string, value: number | undefined, target: string, met: boolean) => (value === undefined || Number.isNaN(value) ? [] : [`| ${label} | ${fixed(value, 2)} | ${target} | ${met ? 'met' : 'missed'} |`]);
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
    ...headline(results),
    ...atOnceSection(results),
    '## The gateway against the floor',
    '',
    'Each cell: gateway / floor (ratio). The floor is a bare node:http server forwarding the same POST with undici.',
    '',
    '| workload | concurrency | req/s | p50 ms | p99 ms | CPU µs/req | peak RSS MiB |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    '| target | measured | goal | |',
    '|---|---|---|---|',
    ...check('throughput at c=32, hold as Apollo Client 4 sends it: gateway ÷ floor', apolloThroughput, '≥ 0.35', (apolloThroughput ?? 0) >= 0.35),
    ...check('the same ÷ the bare hold, c=32', apolloToBare, '≥ 0.90', (apolloToBare ?? 0) >= 0.9),
    ...check('p99 at c=32, hold as Apollo Client 4 sends it: gateway ÷ floor', apolloP99, '≤ 4', (apolloP99 ?? Infinity) <= 4),
    ...check('throughput at c=32, hold: gateway ÷ floor', throughput, '≥ 0.30', (throughput ?? 0) >= 0.3),
    ...check('p99 at c=32, hold: gateway ÷ floor', p99, '≤ 4', (p99 ?? Infinity) <= 4),
    ...check('p50 at c=1, hold: gateway ÷ floor', p50, '≤ 1.6', (p50 ?? Infinity) <= 1.6),
    ...check('CPU per request: transfer (20 items) ÷ hold', transferCost, '≤ 1.3', (transferCost ?? Infinity) <= 1.3),
    ...check('peak RSS at c=128 (MiB)', Number.isFinite(peak) ? peak : undefined, '≤ 150', peak <= 150),
    ...check(
      `WORKERS=2 ÷ one worker, c=32 hold (${fixed(twoWorkers?.requestsPerSecond, 0)} ÷ ${fixed(oneWorker?.requestsPerSecond, 0)} req/s)`,
      scaling,
      '≥ 1.6',
      (scaling ?? 0) >= 1.6,
    ),
    '',
    ...(keepAlive
      ? [
          `Coalescing: ${keepAlive.requests} identical concurrent keepAlives (c=32) made ${keepAlive.upstreamCalls} REST calls (${((1 - keepAlive.upstreamCalls / Math.max(1, keepAlive.requests)) * 100).toFixed(0)}% saved).`,
          '',
        ]
      : []),
    ...(variantRows.length === 0
      ? []
      : [
          'With features on, hold as Apollo Client 4 sends it, c=32 (each cell: with / without, measured one after the other):',
          '',
          '| feature | req/s | p99 ms | CPU µs/req |',
          '|---|---|---|---|',
          ...variantRows,
          '',
        ]),
    'For each target missed: the profile, what was tried and what it changed are in README.md, section "Performance".',
    '',
    ...everyPhase(results),
  ];
}

const targetsIn = (results: BenchResults) => holdTargets.filter((target) => results.phases.some((phase) => phase.target === target));

/** The issue's question: the hold as Apollo Client 4 sends it, c=32, against each peer and the floor. */
function headline(results: BenchResults): string[] {
  const cell = (target: string) => find(results, target, 'apolloClientHold', 32);
  const rounds = (target: string) => samples(results, target, 'apolloClientHold', 32);
  const gateway = cell('gateway');
  const yoga = cell('yoga-pothos');
  if (!gateway || !yoga) return [];
  const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? a / b : undefined);
  const targets = targetsIn(results);
  const spread = (target: string, key: 'requestsPerSecond' | 'p99Ms' | 'cpuMicrosPerRequest', digits: number) => {
    const values = rounds(target).map((phase) => phase[key]);
    const middle = fixed(cell(target)?.[key], digits);
    return values.length < 2 ? middle : `${middle} (${fixed(Math.min(...values), digits)}–${fixed(Math.max(...values), digits)})`;
  };
  const versus = (of: string, to: string) => {
    const [a, b] = [cell(of), cell(to)];
    return `| ${of} ÷ ${to} | ${fixed(ratio(a?.cpuMicrosPerRequest, b?.cpuMicrosPerRequest), 2)} | ${fixed(ratio(a?.p99Ms, b?.p99Ms), 2)} | ${fixed(ratio(a?.requestsPerSecond, b?.requestsPerSecond), 2)} |`;
  };
  const perRound = (key: RoundKey) =>
    roundRatios(rounds('gateway'), rounds('yoga-pothos'), key)
      .map((value) => fixed(value, 2))
      .join(', ');
  const cpu = ratio(gateway.cpuMicrosPerRequest, yoga.cpuMicrosPerRequest) ?? Infinity;
  const p99 = ratio(gateway.p99Ms, yoga.p99Ms) ?? Infinity;
  const met = cpu <= 1 && p99 <= 1;
  return [
    '## Hold as Apollo Client 4 sends it, c=32',
    '',
    [`\`gateway\`: ${results.commit ?? 'this checkout'}.`, ...(results.before ? [`\`before\`: ${results.before}.`] : [])].join(' '),
    `Every target measured ${rounds('gateway').length} times on this cell, in rotating order; each figure is the median of those rounds (lowest–highest), peak RSS the highest. The same medians stand for this cell in the tables below.`,
    '',
    '| target | what it is | req/s | p50 ms | p99 ms | CPU µs/req | peak RSS MiB |',
    '|---|---|---|---|---|---|---|',
    ...targets.map(
      (target) =>
        `| ${target} | ${describe[target]} | ${spread(target, 'requestsPerSecond', 0)} | ${fixed(cell(target)?.p50Ms, 3)} | ${spread(target, 'p99Ms', 3)} | ${spread(target, 'cpuMicrosPerRequest', 0)} | ${fixed(cell(target)?.peakRssMiB, 0)} |`,
    ),
    '',
    '| ratio of the medians | CPU per request | p99 | req/s |',
    '|---|---|---|---|',
    ...targets.filter((target) => target !== 'gateway').map((target) => versus('gateway', target)),
    ...(targets.includes('before') ? [versus('before', 'yoga-pothos')] : []),
    '',
    `Gateway ÷ yoga-pothos round by round: CPU per request ${perRound('cpuMicrosPerRequest')}; p99 ${perRound('p99Ms')}.`,
    '',
    `Done when the gateway costs no more CPU per request than the bare Yoga + Pothos peer and its p99 is no worse (medians): **${met ? 'met' : 'missed'}** (CPU ${fixed(cpu, 2)}×, p99 ${fixed(p99, 2)}×).`,
    '',
  ];
}

/**
 * The headline question again, with the targets loaded at the same time rather than one after the
 * other: a change of the shared machine's speed during a round then hits every target alike, not
 * only whichever was being measured. The rounds still vary (the targets share two cores), so each
 * ratio is given round by round beside its median.
 */
function atOnceSection(results: BenchResults): string[] {
  const phases = results.atOnce ?? [];
  const gatewayRounds = phases.filter((phase) => phase.target === 'gateway');
  if (gatewayRounds.length === 0) return [];
  const [first] = gatewayRounds;
  const targets = holdTargets.filter((target) => phases.some((phase) => phase.target === target));
  const of = (target: string) => phases.filter((phase) => phase.target === target);
  const versus = (target: string) => {
    const [cpu, p99] = [roundRatios(gatewayRounds, of(target), 'cpuMicrosPerRequest'), roundRatios(gatewayRounds, of(target), 'p99Ms')];
    return `| gateway ÷ ${target} | ${fixed(median(cpu), 2)} (${cpu.map((value) => fixed(value, 2)).join(', ')}) | ${fixed(median(p99), 2)} (${p99.map((value) => fixed(value, 2)).join(', ')}) |`;
  };
  return [
    `## The same, the targets loaded at once (c=${first?.concurrency ?? '–'} each)`,
    '',
    `${targets.join(', ')} loaded at the same time, each by its own ${first?.concurrency ?? '–'} clients, in ${gatewayRounds.length} rounds: a change of the machine's speed during a round hits them alike. Each figure is the median of the rounds; each ratio the median of the rounds' own ratios (round by round in brackets). The verdict above stays with the cell measured one target at a time.`,
    '',
    '| target | req/s | p99 ms | CPU µs/req |',
    '|---|---|---|---|',
    ...targets.map(
      (target) =>
        `| ${target} | ${fixed(median(of(target).map((phase) => phase.requestsPerSecond)), 0)} | ${fixed(median(of(target).map((phase) => phase.p99Ms)), 3)} | ${fixed(median(of(target).map((phase) => phase.cpuMicrosPerRequest)), 0)} |`,
    ),
    '',
    '| median of the rounds\' ratios | CPU per request | p99 |',
    '|---|---|---|',
    ...targets.filter((target) => target !== 'gateway').map(versus),
    '',
  ];
}

/** Every target's figures, phase by phase (each round of the headline cell on its own row). */
function everyPhase(results: BenchResults): string[] {
  const targets = targetsIn(results);
  const cells = results.phases
    .filter((phase) => phase.target === 'gateway' && phase.workload !== 'userKeepAlive')
    .filter((phase, index, all) => all.findIndex((other) => other.workload === phase.workload && other.concurrency === phase.concurrency) === index);
  const rows = cells.flatMap(({ workload, concurrency }) =>
    targets.flatMap((target) =>
      samples(results, target, workload, concurrency).map(
        (phase) =>
          `| ${workload} | ${concurrency}${phase.round ? ` (round ${phase.round})` : ''} | ${target} | ${fixed(phase.requestsPerSecond, 0)} | ${fixed(phase.p50Ms, 3)} | ${fixed(phase.p99Ms, 3)} | ${fixed(phase.cpuMicrosPerRequest, 0)} | ${fixed(phase.peakRssMiB, 0)} | ${phase.upstreamCalls} / ${phase.requests} | ${phase.unexpected} |`,
      ),
    ),
  );
  return [
    '## Every target, phase by phase',
    '',
    'Measured in rotating order (each phase of a workload and concurrency starts with the next target), each target warmed up first with the bare hold at c=32.',
    '',
    '| workload | concurrency | target | req/s | p50 ms | p99 ms | CPU µs/req | peak RSS MiB | REST calls / answers | unexpected answers |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ];
}

const transportName = { sse: 'SSE (graphql-sse client)', ws: 'WebSocket (graphql-ws client)' } as const;

/** A transport's fan-out: the median of its rounds (lowest–highest); peak RSS the highest; complete the fewest. */
function fanOutRow(phases: readonly FanOutPhase[]): string {
  const [first] = phases;
  if (!first) return '';
  const spread = (values: readonly number[], digits: number) =>
    values.length < 2 ? fixed(values[0], digits) : `${fixed(median(values), digits)} (${fixed(Math.min(...values), digits)}–${fixed(Math.max(...values), digits)})`;
  const of = (key: 'eventsPerSecond' | 'cpuMicrosPerEvent' | 'clientCpuShare') => phases.map((phase) => phase[key]);
  const perDelivery = median(of('cpuMicrosPerEvent')) / first.subscribers;
  const complete = Math.min(...phases.map((phase) => phase.complete));
  return (
    `| ${transportName[first.transport]} | ${first.subscribers} | ${first.events} × ${phases.length} | ${spread(of('eventsPerSecond'), 0)} | ${fixed(median(of('eventsPerSecond')) * first.subscribers, 0)} ` +
    `| ${spread(of('cpuMicrosPerEvent'), 0)} (${fixed(perDelivery, 1)}) | ${fixed(median(of('clientCpuShare')), 2)} | ${fixed(Math.max(...phases.map((phase) => phase.peakRssMiB)), 0)} | ${complete}/${first.subscribers} |`
  );
}

/** The events part: fan-out, memory per idle subscriber, a subscriber that stops reading. */
function renderEvents(events: EventsRun): string[] {
  const transports = [...new Set(events.fanOut.map((phase) => phase.transport))];
  const fanOut = transports.map((transport) => fanOutRow(events.fanOut.filter((phase) => phase.transport === transport)));
  const idle = [...new Set(events.idle.map((phase) => phase.transport))].map((transport) => {
    // The round whose figure per subscriber is the median, so that its two readings go with it.
    const rounds = events.idle.filter((phase) => phase.transport === transport).sort((a, b) => a.kibPerSubscriber - b.kibPerSubscriber);
    const middle = rounds[Math.floor((rounds.length - 1) / 2)];
    const range = rounds.length < 2 ? '' : ` (${fixed(rounds[0]?.kibPerSubscriber, 1)}–${fixed(rounds.at(-1)?.kibPerSubscriber, 1)})`;
    return `| ${transportName[transport]} | ${rounds.length} | ${fixed(middle?.rssBeforeMiB, 1)} | ${fixed(middle?.rssWithIdleMiB, 1)} | ${fixed(middle?.kibPerSubscriber, 1)}${range} |`;
  });
  const slow = events.slow.map(
    (phase) =>
      `| ${transportName[phase.transport]} | ${(phase.eventBytes / 1024).toFixed(0)} KiB | ${phase.emittedUntilEnded} | ${phase.stalledReceived}, then \`${phase.stalledEnding}\` | ${phase.readerComplete ? 'yes' : 'no'} (${phase.emitted}) ` +
      `| ${fixed(phase.rssBeforeMiB, 0)} / ${fixed(phase.peakRssUntilEndedMiB, 0)} / ${fixed(phase.peakRssAfterMiB, 0)} | ${fixed(phase.controlRssBeforeMiB, 0)} / ${fixed(phase.controlPeakRssMiB, 0)} |`,
  );
  const subscribers = events.fanOut[0]?.subscribers ?? 100;
  const idleCount = events.idle[0]?.subscribers ?? 1000;
  return [
    '## Agent events',
    '',
    `${events.date.slice(0, 10)}, ${events.commit ?? 'this checkout'}. The gateway as users run it (\`node dist/index.js\`, every default but \`MAX_SUBSCRIPTIONS_PER_CREDENTIAL\`), against the simulator as built, started alone (bench/event-source.ts emits the events); every subscriber a real client on loopback, in the benchmark's process.`,
    '',
    `### One session to ${subscribers} subscribers`,
    '',
    `Events per second delivered to every subscriber: from the first event emitted (as fast as the simulator drains them) to the last one received by the last of the ${subscribers} subscribers, each checked to get every event once, in order. CPU: the gateway process, from /proc, per event (per delivery). Client CPU: the benchmark process holding the subscribers, in cores (near 1, the clients were the limit). Each transport measured in rounds, in alternating order: the median (lowest–highest).`,
    '',
    '| transport | subscribers | events × rounds | events/s to every subscriber | deliveries/s | gateway CPU µs per event (per delivery) | client CPU, cores | peak RSS MiB | got every event in order |',
    '|---|---|---|---|---|---|---|---|---|',
    ...fanOut,
    '',
    `### Memory per idle subscriber`,
    '',
    `RSS of a fresh, warmed-up gateway (median of 5 samples, no forced GC) with none and with ${idleCount} subscribers open and waiting (each had received one event), one connection each; the difference ÷ ${idleCount}. Measured in rounds, each on a fresh gateway: the median round (per subscriber: lowest–highest).`,
    '',
    '| transport | rounds | RSS with none MiB | RSS with them MiB | KiB per idle subscriber |',
    '|---|---|---|---|---|',
    ...idle,
    '',
    '### A subscriber that stops reading',
    '',
    'On a fresh gateway, one subscriber stops reading while events flow and one beside it keeps reading; events are emitted in batches of 500, each delivered to the reader before the next, until the gateway ends the stalled one, then as many again. Then the control: the reader alone, as many events, on another fresh gateway. RSS sampled every 50 ms. What the stalled one had read is what the socket buffers held (and what it read before it stopped); `SUBSCRIBER_BUFFER_EVENTS` (default 1000) more waited in the gateway.',
    '',
    '| transport | event payload | events delivered to the reader when it was ended (at most) | events it had read, then | the reader got every event (emitted) | RSS MiB: before / peak until it was ended / peak after | control: before / peak |',
    '|---|---|---|---|---|---|---|',
    ...slow,
    '',
  ];
}
