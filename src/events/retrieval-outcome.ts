/**
 * What a retrieval's answer (or failure) means for the subscriptions of its session, as the
 * contract says: events to store; a fault to retry without ending anything (no connection, a
 * timeout, 409, 429, 5xx, the circuit open); or the end of every subscription of the session
 * (400/404 gone, 401, 403, any other status).
 */
import type { RestAnswer } from '../datasources/rest-call.js';
import { isSessionGone, isSuccess, parseRetrievedEvents, type WireEvent } from '../datasources/streaming-api.js';
import { UpstreamUnavailableError } from '../errors.js';
import { errorTypeOf } from '../observability/tracing.js';
import { retryAfterMs } from './retry-delay.js';
import type { UpstreamEndingCode } from './subscription-ended.js';

export type RetrievalOutcome =
  | { readonly kind: 'events'; readonly events: readonly WireEvent[]; readonly malformed: number }
  /** `waitMs`: what the answer (`Retry-After`) or the circuit asked for; null: back off. `fault`: for logs (a status or an error type). */
  | { readonly kind: 'retry'; readonly fault: string; readonly waitMs: number | null }
  | { readonly kind: 'ended'; readonly code: UpstreamEndingCode };

const isRetriedStatus = (status: number): boolean => status === 409 || status === 429 || (status >= 500 && status <= 599);

function endingOf(status: number): UpstreamEndingCode {
  if (isSessionGone(status)) return 'STREAMING_SESSION_GONE';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  return 'UPSTREAM_ERROR';
}

export function retrievalOutcome(answer: RestAnswer): RetrievalOutcome {
  const { status } = answer;
  if (isSuccess('retrieveEvents', status)) {
    const retrieved = parseRetrievedEvents(answer.text ?? '');
    // Not an answer as read here: retried (a requireAcknowledgement session delivers it again).
    if (!retrieved) return { kind: 'retry', fault: 'unreadable_answer', waitMs: null };
    return { kind: 'events', events: retrieved.events, malformed: retrieved.malformed };
  }
  if (isRetriedStatus(status)) {
    return { kind: 'retry', fault: String(status), waitMs: answer.retryAfterSeconds === null ? null : retryAfterMs(answer.retryAfterSeconds) };
  }
  return { kind: 'ended', code: endingOf(status) };
}

/** A retrieval that got no answer (never sent, timed out, broke, refused by the circuit): retried. */
export function retrievalFailure(error: unknown): RetrievalOutcome {
  if (error instanceof UpstreamUnavailableError && error.retryAfterSeconds !== null) {
    return { kind: 'retry', fault: 'circuit_open', waitMs: retryAfterMs(error.retryAfterSeconds) };
  }
  return { kind: 'retry', fault: errorTypeOf(error), waitMs: null };
}
