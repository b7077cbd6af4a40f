/**
 * One circuit breaker per upstream origin (scheme, host and port): after `failures` failed calls
 * in a row the circuit opens and commands to that origin are refused at once, nothing sent;
 * after the open period one command goes through as a probe, whose outcome closes the circuit
 * or opens it again.
 *
 * A failure is a call that ended `unavailable` or `timeout`, or was answered 500, 502, 503 or 504.
 * Any other answer (2xx, any other 4xx or 5xx, 429 included) is a success and resets the count.
 * The open period is `openMs`, or the `Retry-After` of the 503 that opened it when that is
 * longer (at most 60 s).
 *
 * Why not a library: cockatiel 4 and opossum 10 need Node 22 or later (we run on 20). cockatiel
 * 3.2 (`ConsecutiveBreaker`) makes the commands that arrive while its probe is out wait for the
 * probe and then run, where ours must be refused at once; it reads `Date.now()` itself (no clock
 * to inject), its `BrokenCircuitError` does not say when the circuit will let a probe through
 * (`retryAfterSeconds`), it treats an error it does not handle as a probe success, and it wraps
 * the call (`execute(fn)`) where the datasource needs to ask first (after the rate limits) and
 * report the classified outcome afterwards. Bending it to all that would leave little of it, so
 * this is a small state machine of our own with the exact semantics, tested with a fake clock.
 */
import type { CallOutcome } from '../errors.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { secondsUntil, type Clock, type ProtectionLogger } from './types.js';


export type { CallOutcome } from '../errors.js';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** `ALVARIA_CIRCUIT_FAILURES`: failures in a row that open a circuit; 0 turns the breaker off. */
  readonly failures: number;
  /** `ALVARIA_CIRCUIT_OPEN_MS`: how long a circuit stays open before its probe. */
  readonly openMs: number;
  readonly logger: ProtectionLogger;
  /** `circuitsOpen`, `circuitTransitions` and `commandsRefused` (reason `circuit`) are kept up to date. */
  readonly metrics?: Pick<GatewayMetrics, 'circuitsOpen' | 'circuitTransitions' | 'commandsRefused'>;
  /** Called on every change of state, after the log line and the metrics. */
  readonly onStateChange?: (change: CircuitChange) => void;
  readonly now?: Clock;
  /**
   * A probe not settled after this long is given up and the next command becomes the probe
   * (a safety net: the datasource settles every admission, its calls are bounded by
   * `ALVARIA_TIMEOUT_MS`). Default 60 s; pass more than the call timeout.
   */
  readonly probeTimeoutMs?: number;
  /** Circuits remembered at most; beyond, the least recently used closed ones are forgotten. Default 10 000. */
  readonly maxCircuits?: number;
}

export interface CircuitChange {
  readonly origin: string;
  readonly from: CircuitState;
  readonly to: CircuitState;
  /** When `to` is `open`: for how long. */
  readonly openMs?: number;
}

/** Admitted: send the command, then `settle` with its outcome exactly once (further calls are ignored). */
export interface Admitted {
  readonly admitted: true;
  /** This command is the one probe of a circuit that was open. */
  readonly probe: boolean;
  /** `retryAfterSeconds`: that of the answer, when it was a 503 (`ServiceUnavailableError.retryAfterSeconds`). */
  settle(outcome: CallOutcome, retryAfterSeconds?: number | null): void;
}

/** Refused: answer `UpstreamUnavailableError` with this `retryAfterSeconds`, send nothing. */
export interface Refused {
  readonly admitted: false;
  /** Whole seconds until the circuit lets a command through again, rounded up, at least 1. */
  readonly retryAfterSeconds: number;
}

export type Admission = Admitted | Refused;

/** The longest open period a `Retry-After` can ask for. */
export const MAX_RETRY_AFTER_OPEN_MS = 60_000;
const DEFAULT_PROBE_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_CIRCUITS = 10_000;

const FAILURE_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

/** Whether an outcome counts against the circuit. `error` (a fault of ours, not an answer) is neither. */
export const isFailure = (outcome: CallOutcome): boolean =>
  outcome === 'timeout' || outcome === 'unavailable' || (typeof outcome === 'number' && FAILURE_STATUSES.has(outcome));

/** The `UpstreamUnavailableError` message of a command refused by an open circuit. */
export const circuitOpenMessage = (retryAfterSeconds: number): string =>
  `The Engagement Center is failing, so the command was not sent (nothing was carried out). Try again in ${retryAfterSeconds} s.`;

/** The circuit key of a URL: `scheme://host[:port]` (WHATWG origin: the default port is left out). */
export const originOf = (url: string | URL): string => (typeof url === 'string' ? new URL(url) : url).origin;

interface Circuit {
  state: CircuitState;
  /** Failures in a row while closed. */
  failures: number;
  /** When open: the moment a probe may go. */
  openUntil: number;
  openedAt: number;
  /** When half-open: when the probe went. */
  probeSentAt: number;
  /** Bumped on every change of state: a settle from an earlier period is ignored. */
  generation: number;
}

const OFF: Admitted = Object.freeze({ admitted: true as const, probe: false, settle: () => {} });

export class CircuitBreakers {
  private readonly circuits = new Map<string, Circuit>();
  private readonly now: Clock;
  private readonly probeTimeoutMs: number;
  private readonly maxCircuits: number;
  private notClosed = 0;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
    this.probeTimeoutMs = options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
    this.maxCircuits = options.maxCircuits ?? DEFAULT_MAX_CIRCUITS;
  }

  /** Whether the breaker is on (`failures` > 0). */
  get enabled(): boolean {
    return this.options.failures > 0;
  }

  /** Circuits not closed (open, or half-open with a probe out). */
  get openCircuits(): number {
    return this.notClosed;
  }

  /** The state of an origin's circuit as of now (an open circuit whose period is over reads `half-open`). */
  state(origin: string): CircuitState {
    const circuit = this.circuits.get(origin);
    if (!circuit) return 'closed';
    if (circuit.state === 'open' && this.now() >= circuit.openUntil) return 'half-open';
    return circuit.state;
  }

  /** Asks to send one command to `origin`. */
  admit(origin: string): Admission {
    if (!this.enabled) return OFF;
    const circuit = this.circuits.get(origin);
    if (!circuit) return this.admission(origin, null, false);
    if (circuit.state === 'closed') {
      this.touch(origin, circuit);
      return this.admission(origin, circuit, false);
    }
    const now = this.now();
    if (circuit.state === 'open') {
      if (now < circuit.openUntil) return this.refuse(secondsUntil(circuit.openUntil, now));
      this.transition(origin, circuit, 'half-open');
      circuit.probeSentAt = now;
      return this.admission(origin, circuit, true);
    }
    // Half-open: the probe is out. Refused as while open; the next try is right after the probe.
    if (now - circuit.probeSentAt < this.probeTimeoutMs) return this.refuse(1);
    circuit.generation += 1; // the lost probe's settle no longer counts
    circuit.probeSentAt = now;
    return this.admission(origin, circuit, true);
  }

  private refuse(retryAfterSeconds: number): Refused {
    this.options.metrics?.commandsRefused.inc({ reason: 'circuit' });
    return { admitted: false, retryAfterSeconds };
  }

  private admission(origin: string, circuit: Circuit | null, probe: boolean): Admitted {
    const generation = circuit?.generation ?? 0;
    let settled = false;
    return {
      admitted: true,
      probe,
      settle: (outcome, retryAfterSeconds) => {
        if (settled) return;
        settled = true;
        this.settle(origin, circuit, generation, probe, outcome, retryAfterSeconds ?? null);
      },
    };
  }

  private settle(
    origin: string,
    admittedBy: Circuit | null,
    generation: number,
    probe: boolean,
    outcome: CallOutcome,
    retryAfterSeconds: number | null,
  ): void {
    let circuit = this.circuits.get(origin);
    // Admitted under a circuit that has changed state (or been forgotten) since: stale news. A
    // command admitted when the origin had no circuit yet finds one that has not changed state.
    const stale = admittedBy === null ? circuit !== undefined && circuit.generation !== 0 : circuit !== admittedBy || circuit.generation !== generation;
    if (stale) return;
    if (outcome === 'error') {
      // Not an answer of the API: counts neither way; a probe that ends so lets the next command probe.
      if (probe && circuit) circuit.probeSentAt = Number.NEGATIVE_INFINITY;
      return;
    }
    const failed = isFailure(outcome);
    if (!circuit) {
      // Admitted while no circuit was remembered for the origin (closed, no failures).
      if (!failed) return;
      circuit = this.remember(origin);
    }
    if (circuit.state === 'closed' && !probe) {
      if (!failed) {
        circuit.failures = 0;
        return;
      }
      circuit.failures += 1;
      if (circuit.failures >= this.options.failures) this.open(origin, circuit, outcome, retryAfterSeconds, circuit.failures);
      return;
    }
    if (circuit.state !== 'half-open' || !probe) return;
    if (failed) this.open(origin, circuit, outcome, retryAfterSeconds, 1);
    else this.close(origin, circuit);
  }

  private open(origin: string, circuit: Circuit, outcome: CallOutcome, retryAfterSeconds: number | null, failures: number): void {
    const now = this.now();
    const wasProbe = circuit.state === 'half-open';
    const retryAfterMs = outcome === 503 && retryAfterSeconds !== null ? Math.min(retryAfterSeconds * 1000, MAX_RETRY_AFTER_OPEN_MS) : 0;
    const openMs = Math.max(this.options.openMs, retryAfterMs);
    circuit.failures = 0;
    circuit.openUntil = now + openMs;
    if (!wasProbe) circuit.openedAt = now;
    this.options.logger.warn(
      { origin, outcome, failures, openMs, ...(retryAfterSeconds !== null && outcome === 503 ? { retryAfterSeconds } : {}) },
      wasProbe
        ? `The probe to the Engagement Center failed (${outcome}): its circuit opens again for ${openMs} ms, commands are refused without being sent`
        : `The Engagement Center failed ${failures} times in a row (last: ${outcome}): its circuit opens for ${openMs} ms, commands are refused without being sent`,
    );
    this.transition(origin, circuit, 'open', openMs);
  }

  private close(origin: string, circuit: Circuit): void {
    circuit.failures = 0;
    this.options.logger.info(
      { origin, openForMs: this.now() - circuit.openedAt },
      'The probe to the Engagement Center succeeded: its circuit is closed, commands are sent again',
    );
    this.transition(origin, circuit, 'closed');
  }

  private transition(origin: string, circuit: Circuit, to: CircuitState, openMs?: number): void {
    const from = circuit.state;
    circuit.state = to;
    circuit.generation += 1;
    if (from === 'closed' && to !== 'closed') this.notClosed += 1;
    if (from !== 'closed' && to === 'closed') this.notClosed -= 1;
    const { metrics, onStateChange } = this.options;
    if (metrics) {
      metrics.circuitsOpen.set(this.notClosed);
      metrics.circuitTransitions.inc({ state: to === 'half-open' ? 'half_open' : to });
    }
    onStateChange?.({ origin, from, to, ...(openMs === undefined ? {} : { openMs }) });
  }

  private remember(origin: string): Circuit {
    if (this.circuits.size >= this.maxCircuits) {
      // Forget the least recently used closed circuit: it only held a count of recent failures.
      for (const [key, old] of this.circuits) {
        if (old.state === 'closed') {
          this.circuits.delete(key);
          break;
        }
      }
    }
    const circuit: Circuit = { state: 'closed', failures: 0, openUntil: 0, openedAt: 0, probeSentAt: 0, generation: 0 };
    this.circuits.set(origin, circuit);
    return circuit;
  }

  /** Keeps the Map in least-recently-used order (delete and set again puts it last). */
  private touch(origin: string, circuit: Circuit): void {
    if (this.circuits.size < 2) return;
    this.circuits.delete(origin);
    this.circuits.set(origin, circuit);
  }
}
