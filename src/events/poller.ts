/**
 * One poller of one session: retrieves (one retrieval at a time, never two), stores what is new,
 * then acknowledges it, and again, until it is stopped, loses the lease, or a retrieval's answer
 * ends the session's subscriptions (the ending is then stored, so that every replica's subscribers
 * receive it). Faults are retried without ending anything (`retrieval-outcome.ts`). Retrieved
 * events that could not be stored (Redis away) are neither acknowledged nor forgotten: they are
 * stored before anything else is retrieved, even after the lease was lost meanwhile.
 */
import type { StreamingClient } from '../datasources/streaming-client.js';
import { isSuccess, type WireEvent } from '../datasources/streaming-api.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { errorTypeOf } from '../observability/tracing.js';
import { eventPosition, isAfter, laterOf, ORIGIN, type Position } from './log-position.js';
import { pause } from './pause.js';
import { retrievalFailure, retrievalOutcome, type RetrievalOutcome } from './retrieval-outcome.js';
import { backoffMs } from './retry-delay.js';
import type { SessionKey, SessionTarget } from './session-key.js';
import type { SessionLog } from './session-log.js';
import type { UpstreamEndingCode } from './subscription-ended.js';

/** The calls a poller makes: `StreamingClient` makes them. */
export type StreamingTransport = Pick<StreamingClient, 'retrieveEvents' | 'acknowledge'>;

/** What a session's channel knows of its log, across its pollers. */
export class SessionProgress {
  /** The last entry relayed to this replica's subscribers. */
  relayed: Position = ORIGIN;
  /** The last event this channel's pollers stored. */
  stored: Position = ORIGIN;
  /** Retrieved but not stored yet (the store failed): stored before anything is retrieved again, acknowledged only then. */
  pending: { readonly events: readonly WireEvent[]; readonly acknowledgeUpTo: number } | null = null;

  /** Everything at or before this is stored: an event there is a duplicate; an ending goes after it. */
  get floor(): Position {
    return laterOf(this.relayed, this.stored);
  }
}

/** Where a poller reports what went wrong, rarely (`RareWarning`). */
export interface PollFaults {
  failed(fields: { readonly step: 'retrieve' | 'read' | 'acknowledge'; readonly fault: string }): void;
  recovered(message: string): void;
}

export interface PollerContext {
  readonly key: SessionKey;
  readonly target: SessionTarget;
  readonly transport: StreamingTransport;
  readonly log: SessionLog;
  /** The lease's holder value, fencing the writes. */
  readonly holder: string;
  /** `STREAMING_MAX_EVENTS`. */
  readonly maxEvents: number;
  readonly progress: SessionProgress;
  readonly metrics: Pick<GatewayMetrics, 'streamingEvents'>;
  readonly faults: PollFaults;
  /** A store that could not reach the log (Redis). */
  readonly storeFailed: (error: unknown) => void;
  /** Aborted when the channel closes: what was retrieved is then left unstored. (The poll's own signal also aborts when the lease is lost.) */
  readonly stopping: AbortSignal;
}

export type PollerEnd =
  | { readonly kind: 'stopped' }
  /** Another replica holds the lease. */
  | { readonly kind: 'lost' }
  | { readonly kind: 'ended'; readonly code: UpstreamEndingCode; readonly position: Position };

/** Polls until `signal` aborts (a held retrieval is abandoned), the lease is lost, or the session's subscriptions end. */
export async function poll(context: PollerContext, signal: AbortSignal): Promise<PollerEnd> {
  const { target, progress, faults } = context;
  let failures = 0;
  for (;;) {
    // What was retrieved is stored first, even when the lease was lost meanwhile.
    if (progress.pending) {
      const stored = await storePending(context, signal);
      if (stored !== 'stored') return { kind: stored };
    }
    if (signal.aborted) break;
    let outcome: RetrievalOutcome;
    try {
      const answer = await context.transport.retrieveEvents(target.organization, target.credentials, target.sessionId, context.maxEvents, signal);
      outcome = retrievalOutcome(answer);
    } catch (error) {
      if (signal.aborted) break;
      outcome = retrievalFailure(error);
    }
    if (outcome.kind === 'retry') {
      faults.failed({ step: 'retrieve', fault: outcome.fault });
      await pause(outcome.waitMs ?? backoffMs(failures++), signal);
      continue;
    }
    failures = 0;
    if (outcome.kind === 'ended') return storeEnding(context, outcome.code, signal);
    faults.recovered('Polls of the Streaming API succeed again');
    if (outcome.malformed > 0) faults.failed({ step: 'read', fault: `${outcome.malformed} entries that are not events as read here were left out` });
    const events = inOrder(outcome.events);
    const last = events.at(-1);
    if (last) progress.pending = { events, acknowledgeUpTo: last.sequenceNumber };
  }
  return { kind: 'stopped' };
}

/** By sequence number, each once: the log refuses an event below one stored before it. */
function inOrder(events: readonly WireEvent[]): WireEvent[] {
  const sorted = [...events].sort((a, b) => a.sequenceNumber - b.sequenceNumber);
  return sorted.filter((event, index) => index === 0 || event.sequenceNumber !== sorted[index - 1]?.sequenceNumber);
}

/** While the log does not answer, storing is tried again at least every second: its connection reconnects as often. */
const STORE_RETRY_MAX_MS = 1_000;

/**
 * Stores what was retrieved, then acknowledges it. Stopping (the channel closes) leaves it
 * unstored and unacknowledged; losing the lease does not stop it (the log's order keeps it safe),
 * but the poller stops afterwards.
 */
async function storePending(context: PollerContext, signal: AbortSignal): Promise<'stored' | 'stopped' | 'lost'> {
  const { progress } = context;
  const pending = progress.pending;
  if (!pending) return 'stored';
  let failures = 0;
  let held = true;
  for (;;) {
    if (context.stopping.aborted) return 'stopped';
    // Those at or below the floor are stored already (delivered again by the API): dropped.
    const fresh = pending.events.filter((event) => isAfter(eventPosition(event.sequenceNumber), progress.floor));
    const last = fresh.at(-1);
    if (!last) break;
    try {
      const stored = await context.log.append(context.key, context.holder, fresh);
      context.metrics.streamingEvents.inc(stored.added);
      progress.stored = laterOf(progress.stored, eventPosition(last.sequenceNumber));
      held = stored.held;
      break;
    } catch (error) {
      context.storeFailed(error);
      await pause(Math.min(STORE_RETRY_MAX_MS, backoffMs(failures++)), context.stopping);
    }
  }
  progress.pending = null;
  await acknowledge(context, pending.acknowledgeUpTo, context.stopping);
  return held && !signal.aborted ? 'stored' : 'lost';
}

/** Acknowledges everything up to `sequenceNumber`, once stored. A failure is logged: the API delivers those again, and they are dropped and acknowledged then. */
async function acknowledge(context: PollerContext, sequenceNumber: number, signal: AbortSignal): Promise<void> {
  const { target } = context;
  try {
    const answer = await context.transport.acknowledge(target.organization, target.credentials, target.sessionId, sequenceNumber, signal);
    if (!isSuccess('acknowledge', answer.status)) context.faults.failed({ step: 'acknowledge', fault: String(answer.status) });
  } catch (error) {
    if (!signal.aborted) context.faults.failed({ step: 'acknowledge', fault: errorTypeOf(error) });
  }
}

async function storeEnding(context: PollerContext, code: UpstreamEndingCode, signal: AbortSignal): Promise<PollerEnd> {
  let failures = 0;
  while (!signal.aborted) {
    try {
      const ended = await context.log.end(context.key, context.holder, code, context.progress.floor);
      return ended.held ? { kind: 'ended', code, position: ended.position } : { kind: 'lost' };
    } catch (error) {
      context.storeFailed(error);
      await pause(backoffMs(failures++), signal);
    }
  }
  return { kind: 'stopped' };
}
