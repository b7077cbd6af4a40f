/**
 * Everything one replica does for one session (one organization, session id and credential)
 * while it has subscribers there: it watches the session's log and hands each entry to every
 * subscriber, establishes each new subscriber on a snapshot of the log, and polls the session
 * whenever it holds the lease (always, without Redis). When its last subscriber leaves it stops:
 * a held retrieval is abandoned and the lease given up at once.
 */
import type { Logger } from '../observability/logger.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { RareWarning } from '../state/redis.js';
import type { LeaseKeeper } from './lease-keeper.js';
import { isAfter, type Position } from './log-position.js';
import { pause } from './pause.js';
import { poll, SessionProgress, type PollFaults, type StreamingTransport } from './poller.js';
import { backoffMs } from './retry-delay.js';
import type { SessionKey, SessionTarget } from './session-key.js';
import type { LogEntry, SessionLog } from './session-log.js';
import type { Subscriber } from './subscriber.js';
import { reasonLabel } from './subscription-ended.js';

export interface ChannelOptions {
  readonly key: SessionKey;
  /** The session as the subscriber that opened the channel names it (its `x-api-key` is the poller's). */
  readonly target: SessionTarget;
  readonly log: SessionLog;
  readonly lease: LeaseKeeper;
  readonly transport: StreamingTransport;
  readonly maxEvents: number;
  /** After an ending, how long to wait for it to come back through the log before polling again for subscribers that remain. */
  readonly endingWaitMs: number;
  readonly logger: Logger;
  readonly metrics: Pick<GatewayMetrics, 'streamingEvents' | 'streamingPollersActive'>;
  /** A store, snapshot or watch that could not reach the log (Redis). */
  readonly storeFailed: (error: unknown) => void;
  /** Settles when the previous channel of this session in this process has stopped polling. */
  readonly previous: Promise<void> | null;
  /** Its last subscriber left: the hub forgets it. */
  readonly onIdle: (channel: SessionChannel) => void;
}

/** How often a poller's faults are logged at most. */
const FAULT_LOG_INTERVAL_MS = 30_000;

export class SessionChannel {
  private readonly subscribers = new Set<Subscriber>();
  private readonly progress = new SessionProgress();
  private readonly stop = new AbortController();
  private readonly ready: Promise<boolean>;
  private unwatch: (() => void) | null = null;
  private endingSeen: { readonly at: Position; readonly seen: () => void } | null = null;
  /** Settles once this channel polls no more and has given up its lease. */
  readonly stopped: Promise<void>;

  constructor(private readonly options: ChannelOptions) {
    this.ready = this.watch();
    this.stopped = this.control();
  }

  /** Registers the subscriber (it receives what arrives from now on) and establishes it on a snapshot. */
  add(subscriber: Subscriber): void {
    this.subscribers.add(subscriber);
    void this.establish(subscriber);
  }

  remove(subscriber: Subscriber): void {
    if (!this.subscribers.delete(subscriber) || this.subscribers.size > 0) return;
    this.close();
    this.options.onIdle(this);
  }

  /** Stops watching and polling (a held retrieval is abandoned); `stopped` settles once the lease is given up. */
  close(): void {
    if (this.stop.signal.aborted) return;
    this.stop.abort();
    this.unwatch?.();
    this.unwatch = null;
    this.endingSeen?.seen();
  }

  /** Watches the log from its last position; retried until the log answers. */
  private async watch(): Promise<boolean> {
    const snapshot = await this.retrying(() => this.options.log.snapshot(this.options.key, null));
    if (!snapshot) return false;
    this.progress.relayed = snapshot.top;
    this.unwatch = this.options.log.watch(this.options.key, snapshot.top, (entries) => this.dispatch(entries));
    return true;
  }

  /** After the channel watches, so that nothing stored after the subscriber's snapshot can pass it by. */
  private async establish(subscriber: Subscriber): Promise<void> {
    if (!(await this.ready)) return;
    const snapshot = await this.retrying(() => this.options.log.snapshot(this.options.key, subscriber.replayAfter), () => subscriber.ended);
    if (snapshot) subscriber.establish(snapshot);
  }

  private dispatch(entries: readonly LogEntry[]): void {
    const last = entries.at(-1);
    if (!last) return;
    this.progress.relayed = last.position;
    for (const subscriber of [...this.subscribers]) subscriber.offer(entries);
    if (this.endingSeen && !isAfter(this.endingSeen.at, last.position)) this.endingSeen.seen();
  }

  /** Acquires the lease and polls, again and again, until the channel closes. */
  private async control(): Promise<void> {
    const { key, target, lease, logger, metrics } = this.options;
    await this.options.previous;
    const fields = { session: key.short, organization: target.organization };
    const warning = new RareWarning(logger, 'Polling the Streaming API failed; it is retried (subscriptions stay open)', fields, FAULT_LOG_INTERVAL_MS, Date.now);
    const faults: PollFaults = { failed: (details) => warning.failed(details), recovered: (message) => warning.recovered(message) };
    const signal = this.stop.signal;
    while (!signal.aborted && (await lease.acquire(signal))) {
      metrics.streamingPollersActive.inc();
      logger.info(fields, 'poller started');
      const end = await poll(
        {
          key,
          target,
          transport: this.options.transport,
          log: this.options.log,
          holder: lease.holder,
          maxEvents: this.options.maxEvents,
          progress: this.progress,
          metrics,
          faults,
          storeFailed: this.options.storeFailed,
          stopping: signal,
        },
        AbortSignal.any([signal, lease.lost]),
      );
      metrics.streamingPollersActive.dec();
      const reason = end.kind === 'ended' ? reasonLabel(end.code) : end.kind === 'stopped' && lease.lost.aborted ? 'lease_lost' : end.kind;
      logger.info({ ...fields, reason }, 'poller stopped');
      if (end.kind === 'ended') {
        // Another replica's subscribers end on the same entry; nobody should poll before it lands.
        lease.abandon();
        await this.endingRelayed(end.position);
      }
    }
    await lease.release();
  }

  /** Settles once the log brought the ending back here (its subscribers have ended), or after a while, or at close. */
  private endingRelayed(at: Position): Promise<void> {
    if (!isAfter(at, this.progress.relayed)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => seen(), this.options.endingWaitMs);
      const seen = () => {
        clearTimeout(timer);
        this.endingSeen = null;
        resolve();
      };
      this.endingSeen = { at, seen };
    });
  }

  /** `work` until it succeeds, or the channel closes (or `gaveUp`): null then. */
  private async retrying<T>(work: () => Promise<T>, gaveUp: () => boolean = () => false): Promise<T | null> {
    let failures = 0;
    while (!this.stop.signal.aborted && !gaveUp()) {
      try {
        return await work();
      } catch (error) {
        this.options.storeFailed(error);
        await pause(backoffMs(failures++), this.stop.signal);
      }
    }
    return null;
  }
}
