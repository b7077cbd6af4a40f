/**
 * An agent event as subscribers receive it (the contract's `AgentEvent`), and the one rule for
 * its id: the decimal text of the API's sequence number, which clients resume with (`after`,
 * `Last-Event-ID`).
 */
import { MAX_SEQUENCE_NUMBER } from '../datasources/streaming-api.js';

export interface AgentEvent {
  /** The decimal text of `sequenceNumber`: stable and unique per session. */
  readonly id: string;
  readonly sequenceNumber: number;
  /** `<category>.<Name>`, as the API names it. */
  readonly kind: string;
  /** The part of `kind` before the first dot (all of it when it has none). */
  readonly category: string;
  /** The API's `creationTime`, or null when it gave none. */
  readonly occurredAt: string | null;
  /** When the gateway stored the event (ISO 8601). */
  readonly receivedAt: string;
  /** The API's payload, unchanged. Shared by every subscriber: never modify it. */
  readonly payload: unknown;
}

const categoryOf = (kind: string): string => {
  const dot = kind.indexOf('.');
  return dot === -1 ? kind : kind.slice(0, dot);
};

export function agentEvent(sequenceNumber: number, kind: string, occurredAt: string | null, receivedAt: string, payload: unknown): AgentEvent {
  return { id: String(sequenceNumber), sequenceNumber, kind, category: categoryOf(kind), occurredAt, receivedAt, payload };
}

const EVENT_ID = /^(?:0|[1-9]\d{0,9})$/;

/** The sequence number an event id names, or null when the text is not such an id (`BAD_USER_INPUT`). */
export function parseEventId(text: string): number | null {
  if (!EVENT_ID.test(text)) return null;
  const value = Number(text);
  return value <= MAX_SEQUENCE_NUMBER ? value : null;
}
