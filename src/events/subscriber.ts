/**
 * One subscription as its transport reads it: an async iterator of agent events, each once, in
 * sequence order, filtered by its `kinds`. It remembers the last position it saw, so an entry that
 * comes twice (a relay after a restart of Redis, a replay overlapping live events) is dropped. It
 * is established once the log's snapshot is known: without `after`, what is stored after that
 * snapshot; with `after`, first the retained events after it, then the live ones. What arrives
 * while it is established waits, then goes through the same rule. More than `bufferEvents` live
 * events waiting (plus what the transport reports as buffered) ends it with SUBSCRIBER_TOO_SLOW.
 */
import type { AgentEvent } from './agent-event.js';
import { eventPosition, isAfter, laterOf, ORIGIN, type Position } from './log-position.js';
import type { LogEntry, Snapshot } from './session-log.js';
import { SubscriptionEnded, type EndingCode, type EndReason } from './subscription-ended.js';

export interface EventSubscription extends AsyncIterableIterator<AgentEvent> {
  /** Live events waiting in the gateway for this subscriber (the replay of `after` not counted). */
  readonly queued: number;
  /**
   * Settles once the subscription is established (every event stored from then on is delivered
   * to it; with `after`, its replay is queued), or has ended. Never rejects.
   */
  readonly established: Promise<void>;
  /** Ends it as its client leaving: no more events; resolves done. */
  return(): Promise<IteratorResult<AgentEvent>>;
}

export interface SubscriberOptions {
  /** Only these kinds are delivered; all when null. */
  readonly kinds: ReadonlySet<string> | null;
  /** Resume after this sequence number; null: from the subscription's establishment. */
  readonly after: number | null;
  /** `SUBSCRIBER_BUFFER_EVENTS`. */
  readonly bufferEvents: number;
  /** Events the transport holds but has not handed to the operating system yet; counted with `queued`. */
  readonly buffered?: () => number;
  /** Aborting it ends the subscription as its client leaving. */
  readonly signal?: AbortSignal;
  /** Called once, when the subscription ends, whatever the reason (an ending's events may still wait to be read). */
  readonly onEnd: (subscriber: Subscriber, reason: EndReason) => void;
}

/** A FIFO that does not copy on every shift. */
class Queue<T> {
  private items: T[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}

type Pulled = { readonly value: AgentEvent } | { readonly done: true } | { readonly error: SubscriptionEnded };

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true as const });

export class Subscriber implements EventSubscription {
  private state: 'establishing' | 'open' | 'ended' = 'establishing';
  /** The last entry seen: nothing at or before it is delivered. */
  private position: Position = ORIGIN;
  /** The log's last position when established: an ending at or before it is not this subscription's. */
  private establishedTop: Position = ORIGIN;
  private stash: LogEntry[] = [];
  private readonly replay = new Queue<AgentEvent>();
  private readonly live = new Queue<AgentEvent>();
  /** Thrown once what waits before it is read. */
  private ending: SubscriptionEnded | null = null;
  private finished = false;
  private waiter: { resolve: (result: IteratorResult<AgentEvent>) => void; reject: (error: unknown) => void } | null = null;
  private readonly onAbort = () => void this.return();
  private settleEstablished: () => void = () => {};
  readonly established = new Promise<void>((resolve) => {
    this.settleEstablished = resolve;
  });

  constructor(private readonly options: SubscriberOptions) {
    if (options.signal?.aborted) this.leave();
    else options.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Where the replay starts: after `after`, or nothing to replay. */
  get replayAfter(): Position | null {
    return this.options.after === null ? null : eventPosition(this.options.after);
  }

  get queued(): number {
    return this.live.length + this.stash.reduce((count, entry) => count + (entry.type === 'event' ? 1 : 0), 0);
  }

  get ended(): boolean {
    return this.state === 'ended';
  }

  /** Entries of its session, in order, as this replica learns of them. */
  offer(entries: readonly LogEntry[]): void {
    if (this.state === 'ended') return;
    if (this.state === 'establishing') {
      this.stash.push(...entries);
      if (this.tooSlow()) this.end('SUBSCRIBER_TOO_SLOW');
      return;
    }
    this.take(entries);
    this.wake();
  }

  /** The log as of now: the replay (with `after`), then whatever arrived meanwhile. */
  establish(snapshot: Snapshot): void {
    if (this.state !== 'establishing') return;
    const after = this.replayAfter;
    if (after !== null) {
      for (const entry of snapshot.retained) {
        if (entry.type === 'event' && isAfter(entry.position, after) && this.wants(entry.event)) this.replay.push(entry.event);
      }
    }
    this.position = after === null ? snapshot.top : laterOf(after, snapshot.top);
    this.establishedTop = snapshot.top;
    this.state = 'open';
    const stashed = this.stash;
    this.stash = [];
    this.take(stashed);
    this.settleEstablished();
    this.wake();
  }

  /** Ends it with `code`: an upstream ending once what waits is read; any other at once. */
  end(code: EndingCode, options: { readonly drain?: boolean } = {}): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    this.ending = new SubscriptionEnded(code);
    this.stash = [];
    if (!options.drain) {
      this.replay.clear();
      this.live.clear();
    }
    this.detach();
    this.settleEstablished();
    this.options.onEnd(this, code);
    this.wake();
  }

  next(): Promise<IteratorResult<AgentEvent>> {
    const pulled = this.pull();
    if (pulled) return settle(pulled);
    if (this.waiter) return Promise.reject(new Error('next() called again before the previous call settled.'));
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<AgentEvent>> {
    this.leave();
    this.finished = true;
    this.wake();
    return Promise.resolve(DONE);
  }

  throw(error?: unknown): Promise<IteratorResult<AgentEvent>> {
    void this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** The client left: nothing more is delivered. */
  private leave(): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    this.stash = [];
    this.replay.clear();
    this.live.clear();
    this.detach();
    this.settleEstablished();
    this.options.onEnd(this, 'client');
  }

  private detach(): void {
    this.options.signal?.removeEventListener('abort', this.onAbort);
  }

  private wants(event: AgentEvent): boolean {
    return this.options.kinds === null || this.options.kinds.has(event.kind);
  }

  private tooSlow(): boolean {
    return this.queued + (this.options.buffered?.() ?? 0) > this.options.bufferEvents;
  }

  private take(entries: readonly LogEntry[]): void {
    for (const entry of entries) {
      if (this.state === 'ended') return;
      if (!isAfter(entry.position, this.position)) continue;
      this.position = entry.position;
      if (entry.type === 'end') {
        if (isAfter(entry.position, this.establishedTop)) this.end(entry.code, { drain: true });
        continue;
      }
      if (!this.wants(entry.event)) continue;
      this.live.push(entry.event);
      if (this.tooSlow()) this.end('SUBSCRIBER_TOO_SLOW');
    }
  }

  private pull(): Pulled | null {
    if (this.finished) return { done: true };
    const event = this.replay.shift() ?? this.live.shift();
    if (event) return { value: event };
    if (this.ending) {
      const error = this.ending;
      this.ending = null;
      this.finished = true;
      return { error };
    }
    if (this.state === 'ended') {
      this.finished = true;
      return { done: true };
    }
    return null;
  }

  private wake(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    const pulled = this.pull();
    if (!pulled) return;
    this.waiter = null;
    if ('error' in pulled) waiter.reject(pulled.error);
    else waiter.resolve('value' in pulled ? { value: pulled.value, done: false } : DONE);
  }
}

function settle(pulled: Pulled): Promise<IteratorResult<AgentEvent>> {
  if ('error' in pulled) return Promise.reject(pulled.error);
  return Promise.resolve('value' in pulled ? { value: pulled.value, done: false } : DONE);
}
