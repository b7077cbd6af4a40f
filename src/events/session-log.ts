/**
 * Where a hub stores the events of the sessions it polls and reads them back: in this process
 * (`memory-session-log.ts`) or in Redis, shared by every replica (`redis-session-log.ts`). One
 * log per session, in position order (`log-position.ts`): each event once (an event at or before
 * the last position is not stored again), the ending of the session's subscriptions after
 * everything before it, the last `retainEvents` entries kept for `retainMs` for subscribers that
 * resume.
 */
import type { WireEvent } from '../datasources/streaming-api.js';
import type { AgentEvent } from './agent-event.js';
import type { Position } from './log-position.js';
import type { SessionKey } from './session-key.js';
import type { UpstreamEndingCode } from './subscription-ended.js';

export type LogEntry =
  | { readonly type: 'event'; readonly position: Position; readonly event: AgentEvent }
  | { readonly type: 'end'; readonly position: Position; readonly code: UpstreamEndingCode };

export interface Snapshot {
  /** The position of the last entry stored (`ORIGIN` when none is). */
  readonly top: Position;
  /** The retained entries after the position asked for, up to `top`, oldest first. */
  readonly retained: readonly LogEntry[];
}

/** `held: false`: another replica holds the session's lease (the events were stored all the same); `added`: events new to the log. */
export interface Stored {
  readonly held: boolean;
  readonly added: number;
}
/** `held: false`: another replica holds the session's lease, so the ending was not stored. */
export type EndStored = { readonly held: true; readonly position: Position } | { readonly held: false };

export interface SessionLog {
  /**
   * Stores the events after the last position, received now, and says whether `holder` holds the
   * session's lease (taking it when nobody does). Rejects when the store cannot be reached: then
   * nothing may be acknowledged.
   */
  append(key: SessionKey, holder: string, events: readonly WireEvent[]): Promise<Stored>;
  /** Stores the ending of every subscription of the session, after the last entry and after `floor`, if `holder` holds the lease. */
  end(key: SessionKey, holder: string, code: UpstreamEndingCode, floor: Position): Promise<EndStored>;
  /** The last position and, when `after` is given, the retained entries after it. */
  snapshot(key: SessionKey, after: Position | null): Promise<Snapshot>;
  /** Delivers every entry stored after `from`, in order, until the returned function is called. */
  watch(key: SessionKey, from: Position, deliver: (entries: readonly LogEntry[]) => void): () => void;
  close(): Promise<void>;
}

export interface RetentionSettings {
  /** `STREAMING_RETAIN_EVENTS`: entries kept per session. */
  readonly retainEvents: number;
  /** `STREAMING_RETAIN_MS`: how long an event is kept after it was stored. */
  readonly retainMs: number;
}

/** The retained events a resuming subscriber may still receive: no older than `retainMs`. */
export const isRetained = (entry: LogEntry, now: number, retainMs: number): boolean =>
  entry.type === 'end' || Date.parse(entry.event.receivedAt) >= now - retainMs;
