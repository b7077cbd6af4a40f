/**
 * The session log of a gateway without Redis: an array per session in this process, handed to
 * its watchers as soon as it is stored. A session's log is forgotten `retainMs` after its last
 * entry once nobody watches it.
 */
import type { WireEvent } from '../datasources/streaming-api.js';
import { agentEvent } from './agent-event.js';
import { eventPosition, isAfter, laterOf, ORIGIN, type Position } from './log-position.js';
import { isRetained, type EndStored, type LogEntry, type RetentionSettings, type SessionLog, type Snapshot, type Stored } from './session-log.js';
import type { SessionKey } from './session-key.js';
import type { UpstreamEndingCode } from './subscription-ended.js';

interface Log {
  entries: LogEntry[];
  top: Position;
  lastWriteAt: number;
  readonly watchers: Set<(entries: readonly LogEntry[]) => void>;
}

/** How often forgotten logs are swept. */
const SWEEP_EVERY_MS = 60_000;

export class MemorySessionLog implements SessionLog {
  private readonly logs = new Map<string, Log>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly retention: RetentionSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(SWEEP_EVERY_MS, retention.retainMs));
    this.sweeper.unref();
  }

  append(key: SessionKey, _holder: string, events: readonly WireEvent[]): Promise<Stored> {
    const log = this.log(key);
    const receivedAt = new Date(this.now()).toISOString();
    const added: LogEntry[] = [];
    for (const wire of events) {
      const position = eventPosition(wire.sequenceNumber);
      if (!isAfter(position, log.top)) continue;
      log.top = position;
      added.push({ type: 'event', position, event: agentEvent(wire.sequenceNumber, wire.kind, wire.creationTime, receivedAt, wire.payload) });
    }
    this.store(log, added);
    return Promise.resolve({ held: true, added: added.length });
  }

  end(key: SessionKey, _holder: string, code: UpstreamEndingCode, floor: Position): Promise<EndStored> {
    const log = this.log(key);
    const after = laterOf(log.top, floor);
    const position = { major: after.major, minor: after.minor + 1 };
    log.top = position;
    this.store(log, [{ type: 'end', position, code }]);
    return Promise.resolve({ held: true, position });
  }

  snapshot(key: SessionKey, after: Position | null): Promise<Snapshot> {
    const log = this.logs.get(key.id);
    if (!log) return Promise.resolve({ top: ORIGIN, retained: [] });
    const now = this.now();
    const retained = after === null ? [] : log.entries.filter((entry) => isAfter(entry.position, after) && isRetained(entry, now, this.retention.retainMs));
    return Promise.resolve({ top: log.top, retained });
  }

  watch(key: SessionKey, from: Position, deliver: (entries: readonly LogEntry[]) => void): () => void {
    const log = this.log(key);
    // Whatever was stored after `from` before the watch began, then everything new as it comes.
    const missed = log.entries.filter((entry) => isAfter(entry.position, from));
    if (missed.length > 0) deliver(missed);
    log.watchers.add(deliver);
    return () => log.watchers.delete(deliver);
  }

  close(): Promise<void> {
    clearInterval(this.sweeper);
    this.logs.clear();
    return Promise.resolve();
  }

  private log(key: SessionKey): Log {
    let log = this.logs.get(key.id);
    if (!log) {
      log = { entries: [], top: ORIGIN, lastWriteAt: this.now(), watchers: new Set() };
      this.logs.set(key.id, log);
    }
    return log;
  }

  private store(log: Log, added: readonly LogEntry[]): void {
    if (added.length === 0) return;
    log.lastWriteAt = this.now();
    log.entries.push(...added);
    const excess = log.entries.length - this.retention.retainEvents;
    if (excess > 0) log.entries.splice(0, excess);
    for (const deliver of [...log.watchers]) deliver(added);
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, log] of this.logs) {
      if (log.watchers.size === 0 && now - log.lastWriteAt > this.retention.retainMs) this.logs.delete(id);
    }
  }
}
