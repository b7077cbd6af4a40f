/**
 * What stands between a valid command and the API: the rate limits first (a command they refuse
 * uses none of the budget), then the upstream origin's circuit breaker, then the call, whose outcome
 * the breaker learns. A refused command is a typed error, and nothing is sent.
 */
import { outcomeOf } from '../datasources/engagement-center.js';
import { RateLimitedError, ServiceUnavailableError, UpstreamUnavailableError } from '../errors.js';
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

  async run<T extends { readonly status: number }>(command: GuardedCommand, send: () => Promise<T>): Promise<T> {
    if (this.rateLimits.enabled) {
      const decision = await this.rateLimits.consume(command);
      if (!decision.allowed) throw new RateLimitedError(rateLimitedMessage(decision.limit, decision.retryAfterSeconds), decision.retryAfterSeconds);
    }
    const admission = this.breakers.admit(originOf(command.url));
    if (!admission.admitted) throw new UpstreamUnavailableError(circuitOpenMessage(admission.retryAfterSeconds), admission.retryAfterSeconds);
    try {
      const accepted = await send();
      admission.settle(accepted.status);
      return accepted;
    } catch (error) {
      admission.settle(outcomeOf(error), error instanceof ServiceUnavailableError ? error.retryAfterSeconds : null);
      throw error;
    }
  }
}
