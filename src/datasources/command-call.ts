/**
 * The rules every command follows on its way out, whatever its REST call: judged by the rate
 * limits, sent through the circuit of its origin (refused at once while it is open), and reported
 * (outcome, duration, attempts) whatever its end. The Engagement Center commands and the
 * streaming session's create and delete go through here.
 */
import { callOutcomeOf, type CallOutcome } from '../errors.js';
import type { CommandGuard, GuardedCommand } from '../protection/command-guard.js';

/** One REST call as logs and metrics see it: no ids, no credentials. */
export interface UpstreamCall {
  readonly endpoint: string;
  readonly organization: string;
  /** The HTTP status, or how the call failed. */
  readonly outcome: CallOutcome;
  readonly durationMs: number;
  /** 2 when the connection was retried after it could not be established. */
  readonly attempts: number;
}

export type CallObserver = (call: UpstreamCall) => void;

/** What the report of a call names: an endpoint label (a template, never an id) and the organization. */
export interface ObservedCall {
  readonly endpoint: string;
  readonly organization: string;
}

/** Runs `post` and reports it to `onCall` whatever its end. */
export async function observeCall<T extends { readonly status: number }>(
  call: ObservedCall,
  onCall: CallObserver,
  post: (attempts: { count: number }) => Promise<T>,
): Promise<T> {
  const started = performance.now();
  const attempts = { count: 1 };
  let outcome: CallOutcome = 'error';
  try {
    const answer = await post(attempts);
    outcome = answer.status;
    return answer;
  } catch (error) {
    outcome = callOutcomeOf(error);
    throw error;
  } finally {
    onCall({ ...call, outcome, attempts: attempts.count, durationMs: performance.now() - started });
  }
}

export interface Command extends ObservedCall, GuardedCommand {}

/**
 * A command: judged by the rate limits on its own, then `post`ed guarded by the circuit and
 * observed — through `share` when it may share a call in flight with identical ones.
 */
export async function sendCommand<T extends { readonly status: number }>(
  command: Command,
  protection: { readonly guard?: CommandGuard | undefined; readonly onCall: CallObserver },
  post: (attempts: { count: number }) => Promise<T>,
  share?: (send: () => Promise<T>) => Promise<T>,
): Promise<T> {
  const { guard, onCall } = protection;
  const observed = () => observeCall({ endpoint: command.endpoint, organization: command.organization }, onCall, post);
  const send = guard ? () => guard.send(command.url, observed) : observed;
  const judged = guard?.judge(command);
  if (judged) await judged;
  return share ? share(send) : send();
}
