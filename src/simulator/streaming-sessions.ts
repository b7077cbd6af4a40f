/**
 * The simulator's streaming sessions: the Streaming API's state as the contract reads it. Events
 * wait in a session's queue until a retrieval takes them (with `requireAcknowledgement`, until they
 * are acknowledged: a retrieval delivers the unacknowledged ones again); a retrieval that finds
 * nothing is held until an event arrives or the hold ends; one retrieval per session at a time (a
 * concurrent one is a conflict); a session not polled within its `inactivityDelay` is dropped (a
 * retrieval in progress counts as polling). Statistics per session let tests catch a client that
 * polls twice or never acknowledges.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { MAX_SEQUENCE_NUMBER, type CreatedSession, type SessionSettings, type WireEvent } from '../datasources/streaming-api.js';

export interface StreamingStatistics {
  readonly organization: string;
  /** `open`, or how the session ended. */
  readonly state: 'open' | 'expired' | 'deleted';
  /** Retrievals received and not answered yet (a concurrent one counts until its 409 is sent). */
  readonly retrievalsInFlight: number;
  /** The most retrievals in flight at once: above 1, someone polled the session concurrently. */
  readonly maxRetrievalsInFlight: number;
  /** Retrievals answered with events (or an empty list). */
  readonly retrievals: number;
  /** Concurrent retrievals answered 409. */
  readonly conflicts: number;
  readonly eventsAppended: number;
  /** Events dropped, oldest first, because the queue was full (`MAX_QUEUED_EVENTS`). */
  readonly eventsDropped: number;
  /** The highest sequence number acknowledged; 0 before any. */
  readonly acknowledgedUpTo: number;
}

export type RetrievalResult =
  | { readonly outcome: 'events'; readonly events: readonly WireEvent[] }
  | { readonly outcome: 'conflict' }
  /** Unknown in that organization, expired or deleted (also while the retrieval was held). */
  | { readonly outcome: 'gone' }
  /** The client went away while the retrieval was held: nothing was taken. */
  | { readonly outcome: 'abandoned' };

export interface StreamingSessionsOptions {
  /** How long a retrieval that finds nothing is held, in ms. */
  readonly pollHoldMs: number;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

interface Session {
  readonly id: string;
  readonly organization: string;
  readonly settings: SessionSettings;
  /** Not yet taken (without acknowledgement) or not yet acknowledged (with it), in order. */
  readonly queue: WireEvent[];
  nextSequenceNumber: number;
  /** The highest sequence number a retrieval delivered: acknowledgements stop there. */
  delivered: number;
  retrieving: boolean;
  lastPolled: number;
  expiry: NodeJS.Timeout | undefined;
  /** Ends the hold of the retrieval in progress: an event came, or the session ended. */
  wake: (() => void) | undefined;
  readonly statistics: Writable<StreamingStatistics>;
}

/** A session nobody drains keeps at most this many events, so memory stays bounded. */
export const MAX_QUEUED_EVENTS = 10_000;
/** Statistics of ended sessions kept for tests, the most recent. */
const ENDED_STATISTICS_KEPT = 1_000;
/** setTimeout's longest delay; a longer inactivityDelay is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class StreamingSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly statistics = new Map<string, Writable<StreamingStatistics>>();
  private readonly ended: string[] = [];

  constructor(private readonly options: StreamingSessionsOptions) {}

  /** Every session's statistics, open and recently ended, by session id; live (they change as it goes). */
  get statisticsBySession(): ReadonlyMap<string, StreamingStatistics> {
    return this.statistics;
  }

  create(organization: string, settings: SessionSettings): CreatedSession {
    const statistics: Writable<StreamingStatistics> = {
      organization,
      state: 'open',
      retrievalsInFlight: 0,
      maxRetrievalsInFlight: 0,
      retrievals: 0,
      conflicts: 0,
      eventsAppended: 0,
      eventsDropped: 0,
      acknowledgedUpTo: 0,
    };
    const session: Session = {
      id: randomUUID(),
      organization,
      settings,
      queue: [],
      nextSequenceNumber: 1,
      delivered: 0,
      retrieving: false,
      lastPolled: performance.now(),
      expiry: undefined,
      wake: undefined,
      statistics,
    };
    this.sessions.set(session.id, session);
    this.statistics.set(session.id, statistics);
    this.scheduleExpiry(session);
    return { sessionId: session.id, creationTime: new Date().toISOString(), inactivityDelay: settings.inactivityDelay };
  }

  /** Whether the organization has this open session. */
  has(organization: string, id: string): boolean {
    return this.find(organization, id) !== undefined;
  }

  /** Appends an event and wakes a held retrieval; null when the session is not open in that organization. */
  append(organization: string, id: string, kind: string, payload: unknown): WireEvent | null {
    const session = this.find(organization, id);
    if (!session) return null;
    if (session.nextSequenceNumber > MAX_SEQUENCE_NUMBER) throw new Error('The streaming session has used up its sequence numbers');
    const event: WireEvent = { sequenceNumber: session.nextSequenceNumber++, kind, creationTime: new Date().toISOString(), payload };
    session.queue.push(event);
    session.statistics.eventsAppended += 1;
    if (session.queue.length > MAX_QUEUED_EVENTS) {
      session.queue.shift();
      session.statistics.eventsDropped += 1;
    }
    session.wake?.();
    return event;
  }

  /** A retrieval: up to `maxEvents` events at once, else held (up to `pollHoldMs`) until one comes. */
  async retrieve(organization: string, id: string, maxEvents: number, abandoned: AbortSignal): Promise<RetrievalResult> {
    const session = this.find(organization, id);
    if (!session) return { outcome: 'gone' };
    const { statistics } = session;
    statistics.retrievalsInFlight += 1;
    statistics.maxRetrievalsInFlight = Math.max(statistics.maxRetrievalsInFlight, statistics.retrievalsInFlight);
    try {
      if (session.retrieving) {
        statistics.conflicts += 1;
        return { outcome: 'conflict' };
      }
      session.retrieving = true;
      try {
        if (session.queue.length === 0 && !abandoned.aborted) await this.hold(session, abandoned);
        if (!this.isOpen(session)) return { outcome: 'gone' };
        if (abandoned.aborted) return { outcome: 'abandoned' };
        statistics.retrievals += 1;
        return { outcome: 'events', events: this.take(session, maxEvents) };
      } finally {
        session.retrieving = false;
        session.lastPolled = performance.now();
        if (this.isOpen(session)) this.scheduleExpiry(session);
      }
    } finally {
      statistics.retrievalsInFlight -= 1;
    }
  }

  /** Acknowledges every delivered event up to `sequenceNumber`; false when the session is not open there. */
  acknowledge(organization: string, id: string, sequenceNumber: number): boolean {
    const session = this.find(organization, id);
    if (!session) return false;
    // Only what was delivered: acknowledging ahead must not lose an event nobody has seen.
    const upTo = Math.min(sequenceNumber, session.delivered);
    const remaining = session.queue.filter((event) => event.sequenceNumber > upTo);
    session.queue.splice(0, session.queue.length, ...remaining);
    session.statistics.acknowledgedUpTo = Math.max(session.statistics.acknowledgedUpTo, upTo);
    return true;
  }

  delete(organization: string, id: string): boolean {
    const session = this.find(organization, id);
    if (session) this.end(session, 'deleted');
    return session !== undefined;
  }

  /** Ends the session as its inactivityDelay would, whatever its organization; false when it is not open. */
  expire(id: string): boolean {
    const session = this.sessions.get(id);
    if (session) this.end(session, 'expired');
    return session !== undefined;
  }

  /** Stops every timer and releases held retrievals (they answer as if the sessions were gone). */
  close(): void {
    for (const session of [...this.sessions.values()]) this.end(session, 'deleted');
  }

  private find(organization: string, id: string): Session | undefined {
    const session = this.sessions.get(id);
    return session?.organization === organization ? session : undefined;
  }

  private isOpen(session: Session): boolean {
    return this.sessions.get(session.id) === session;
  }

  private hold(session: Session, abandoned: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        abandoned.removeEventListener('abort', done);
        session.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.options.pollHoldMs);
      abandoned.addEventListener('abort', done, { once: true });
      session.wake = done;
    });
  }

  private take(session: Session, maxEvents: number): WireEvent[] {
    const events = session.queue.slice(0, maxEvents);
    if (!session.settings.requireAcknowledgement) session.queue.splice(0, events.length);
    const last = events.at(-1);
    if (last) session.delivered = Math.max(session.delivered, last.sequenceNumber);
    return events;
  }

  private scheduleExpiry(session: Session): void {
    clearTimeout(session.expiry);
    const due = session.lastPolled + session.settings.inactivityDelay * 1000;
    session.expiry = setTimeout(() => {
      // A retrieval in progress is polling; its end schedules the next check.
      if (session.retrieving) return;
      if (performance.now() < due) this.scheduleExpiry(session);
      else this.end(session, 'expired');
    }, Math.min(Math.max(due - performance.now(), 0), MAX_TIMER_MS));
    session.expiry.unref();
  }

  private end(session: Session, state: 'expired' | 'deleted'): void {
    if (!this.isOpen(session)) return;
    this.sessions.delete(session.id);
    clearTimeout(session.expiry);
    session.statistics.state = state;
    session.queue.length = 0;
    session.wake?.();
    this.ended.push(session.id);
    if (this.ended.length > ENDED_STATISTICS_KEPT) this.statistics.delete(this.ended.shift() ?? '');
  }
}
