/**
 * What stands between a valid command and the API: the rate limits first, judging each command
 * (a command they refuse uses none of the budget), then the upstream origin's circuit breaker,
 * judging each REST call (identical signals sharing one call count once), whose outcome it learns.
 * A refused command is a typed error, and nothing is sent.
 */
import { callOutcomeOf, RateLimitedError, ServiceUnavailableError, UpstreamUnavailableError } from '../errors.js';
import { circuitOpenMessage, originOf, type CircuitBreakers } from './circuit-breaker.js';
import { rateLimitedMessage, type RateLimits } from './rate-limits.js';

export interface GuardedCommand {
  readonly organization: string;
  /** The `Authorization` value: the rate limits key it (as a hash only). */
  readonly authorization: string;
  /** Where it goes: its origin picks the circuit. */
  readonly url: string;
}

export class CommandGuard {
  constructor(
    private readonly rateLimits: RateLimits,
    private readonly breakers: CircuitBreakers,
  ) {}

  /** Rejects with `RateLimitedError` when a limit refuses the command; undefined (no wait at all) when no limit is on. */
  judge(command: GuardedCommand): Promise<void> | undefined {
    if (!this.rateLimits.enabled) return undefined;
    return this.rateLimits.consume(command).then((decision) => {
      if (!decision.allowed) throw new RateLimitedError(rateLimitedMessage(decision.limit, decision.retryAfterSeconds), decision.retryAfterSeconds);
    });
  }

  /** Sends through the circuit of `url`'s origin: refused at once while it is open. */
  async send<T extends { readonly status: number }>(url: string, send: () => Promise<T>): Promise<T> {
    const admission = this.breakers.admit(originOf(url));
    if (!admission.admitted) throw new UpstreamUnavailableError(circuitOpenMessage(admission.retryAfterSeconds), admission.retryAfterSeconds);
    try {
      const accepted = await send();
      admission.settle(accepted.status);
      return accepted;
    } catch (error) {
      admission.settle(callOutcomeOf(error), error instanceof ServiceUnavailableError ? error.retryAfterSeconds : null);
      throw error;
    }
  }
}
