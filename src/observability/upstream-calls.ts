/**
 * A REST call as a log line tells it: the endpoint template (never an id), the outcome (HTTP
 * status, or how it failed), the attempts and the duration. The request's log line lists its
 * calls so; calls of no request (the Streaming API's polls) have lines of their own.
 */
import type { CallOutcome } from '../errors.js';

export interface CallSummary {
  readonly endpoint: string;
  readonly outcome: CallOutcome;
  readonly attempts: number;
  readonly durationMs: number;
}

export const upstreamCallFields = (call: CallSummary) => ({
  endpoint: call.endpoint,
  outcome: String(call.outcome),
  attempts: call.attempts,
  durationMs: Math.round(call.durationMs * 1000) / 1000,
});
