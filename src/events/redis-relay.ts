/**
 * Brings the entries stored in Redis to this replica: one blocking `XREAD` over the streams of
 * every session that has subscribers here, on a connection of its own, each stream read after the
 * last position delivered from it (so each entry comes once, in order, and an entry at or below
 * it, as after a restart of Redis, never again). A newly watched stream interrupts the read
 * (`CLIENT UNBLOCK`) so that it joins at once. While Redis does not answer, reads are retried;
 * nothing is lost of what Redis kept.
 */
import type { Redis } from 'ioredis';
import { isAfter, parsePositionId, positionId, type Position } from './log-position.js';
import { pause } from './pause.js';
import { entriesOf, type RawEntry } from './redis-entries.js';
import { backoffMs } from './retry-delay.js';
import type { LogEntry } from './session-log.js';

interface Watch {
  cursor: Position;
  readonly deliver: (entries: readonly LogEntry[]) => void;
}

export interface RedisRelayOptions {
  readonly blocking: Redis;
  /** For `CLIENT UNBLOCK`: a command cannot pass a blocked read on its own connection. */
  readonly commands: Redis;
  /** The longest a read blocks. */
  readonly blockMs: number;
  readonly failed: (error: unknown) => void;
  readonly succeeded: () => void;
}

/** Entries per stream per read. */
const READ_COUNT = 500;

type XReadReply = Array<[string, RawEntry[]]> | null;

export class RedisRelay {
  private readonly watches = new Map<string, Watch>();
  private clientId: string | null = null;
  private reading = false;
  private idle: (() => void) | null = null;
  private closed = false;
  private readonly stopped = new AbortController();
  private readonly running: Promise<void>;

  constructor(private readonly options: RedisRelayOptions) {
    // A new connection has a new client id, learnt before its first read.
    options.blocking.on('close', () => {
      this.clientId = null;
    });
    this.running = this.run();
  }

  /** Delivers what `stream` stores after `from` until the returned function is called. One watch per stream. */
  watch(stream: string, from: Position, deliver: (entries: readonly LogEntry[]) => void): () => void {
    if (this.watches.has(stream)) throw new Error('This stream is watched already.');
    const watch: Watch = { cursor: from, deliver };
    this.watches.set(stream, watch);
    this.interrupt();
    return () => {
      if (this.watches.get(stream) === watch) this.watches.delete(stream);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopped.abort();
    this.idle?.();
    this.interrupt();
    await this.running;
  }

  private interrupt(): void {
    if (this.idle) {
      this.idle();
      return;
    }
    if (this.reading && this.clientId !== null) {
      this.options.commands.client('UNBLOCK', this.clientId).catch(() => undefined);
    }
  }

  private async run(): Promise<void> {
    const { blocking, blockMs } = this.options;
    let failures = 0;
    while (!this.closed) {
      if (this.watches.size === 0) {
        await new Promise<void>((resolve) => {
          this.idle = resolve;
        });
        this.idle = null;
        continue;
      }
      const reading = [...this.watches];
      try {
        if (this.clientId === null) this.clientId = String(await blocking.client('ID'));
        this.reading = true;
        const reply = (await blocking.call(
          'XREAD',
          'COUNT',
          READ_COUNT,
          'BLOCK',
          blockMs,
          'STREAMS',
          ...reading.map(([stream]) => stream),
          ...reading.map(([, watch]) => positionId(watch.cursor)),
        )) as XReadReply;
        this.reading = false;
        failures = 0;
        this.options.succeeded();
        for (const [stream, raw] of reply ?? []) this.deliver(stream, raw);
      } catch (error) {
        this.reading = false;
        if (this.closed) break;
        this.options.failed(error);
        await pause(backoffMs(failures++), this.stopped.signal);
      }
    }
  }

  private deliver(stream: string, raw: readonly RawEntry[]): void {
    const watch = this.watches.get(stream);
    const last = raw.at(-1);
    if (!watch || !last) return;
    const entries = entriesOf(raw).filter((entry) => isAfter(entry.position, watch.cursor));
    // Past every entry read, those this engine did not write included: none is read twice.
    watch.cursor = parsePositionId(last[0]);
    if (entries.length > 0) watch.deliver(entries);
  }
}
