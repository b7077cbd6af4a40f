/**
 * A session log's entries as they sit in a Redis stream: the entry id is the position; an event
 * has `r` (when it was stored) and `e` (kind, creation time and payload, as JSON); an ending has
 * `end` (its code).
 */
import type { WireEvent } from '../datasources/streaming-api.js';
import { agentEvent } from './agent-event.js';
import { parsePositionId } from './log-position.js';
import type { LogEntry } from './session-log.js';
import { isUpstreamEndingCode } from './subscription-ended.js';

/** A stream entry as Redis returns it: id, then field, value, field, value… */
export type RawEntry = [string, string[]];

export const encodeEvent = (event: WireEvent): string => JSON.stringify({ k: event.kind, t: event.creationTime, p: event.payload });

/** An entry read back; null for one this engine did not write. */
function entryOf([id, fields]: RawEntry): LogEntry | null {
  const position = parsePositionId(id);
  const values = new Map<string, string>();
  for (let index = 0; index + 1 < fields.length; index += 2) values.set(fields[index] as string, fields[index + 1] as string);
  const code = values.get('end');
  if (code !== undefined) return isUpstreamEndingCode(code) ? { type: 'end', position, code } : null;
  const body = values.get('e');
  const receivedAt = values.get('r');
  if (body === undefined || receivedAt === undefined || position.minor !== 0) return null;
  let decoded: { k?: unknown; t?: unknown; p?: unknown };
  try {
    decoded = JSON.parse(body) as typeof decoded;
  } catch {
    return null;
  }
  if (typeof decoded.k !== 'string') return null;
  const occurredAt = typeof decoded.t === 'string' ? decoded.t : null;
  return { type: 'event', position, event: agentEvent(position.major - 1, decoded.k, occurredAt, receivedAt, decoded.p ?? {}) };
}

export const entriesOf = (raw: readonly RawEntry[]): LogEntry[] => raw.flatMap((entry) => entryOf(entry) ?? []);
