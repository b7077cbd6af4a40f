/**
 * Identical idempotent signals in flight at the same time share one REST call. Which commands are
 * such signals is their catalog entry's `coalesce` (keepAlive, agentStatistics, and connect with
 * `attach: true`, which the page describes as a renewal). Identical means the same organization,
 * URL, body and all three forwarded headers, so credentials never mix. Nothing is kept once the
 * call settles: the next signal makes a new call.
 */
import DataLoader from 'dataloader';
import type { EndpointSpec } from '../catalog/index.js';

export function isCoalescible(endpoint: EndpointSpec, input: Readonly<Record<string, unknown>>): boolean {
  const rule = endpoint.coalesce;
  if (rule === undefined) return false;
  return rule === 'always' || input[rule.whenTrue] === true;
}

export interface CoalescedCall<T> {
  /** Everything that makes two calls identical, credentials included. */
  readonly key: string;
  readonly send: () => Promise<T>;
}

/** One per gateway: shared by requests, holding only calls in flight. */
export class CallCoalescer {
  private readonly loader = new DataLoader<CoalescedCall<unknown>, unknown, string>(
    (calls) => Promise.all(calls.map((call) => call.send().catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))))),
    { cacheKeyFn: (call) => call.key, batch: false },
  );

  async run<T>(call: CoalescedCall<T>): Promise<T> {
    try {
      // Calls with one key are the same call, so they share its result's type.
      return (await this.loader.load(call)) as T;
    } finally {
      this.loader.clear(call);
    }
  }
}
