/**
 * Why a subscription ended, other than its client leaving: the codes the contract names, each
 * with the message a client reads and where it comes from. The transports surface `code` as the
 * GraphQL error's `extensions.code`; the metric's `reason` is the code in lower case.
 */

/** Endings that a retrieval's answer decides, for every subscriber of the session on every replica. */
const upstreamEndingCodes = ['STREAMING_SESSION_GONE', 'UNAUTHENTICATED', 'FORBIDDEN', 'UPSTREAM_ERROR'] as const;
export type UpstreamEndingCode = (typeof upstreamEndingCodes)[number];

export const endingCodes = [...upstreamEndingCodes, 'SUBSCRIBER_TOO_SLOW', 'SHUTTING_DOWN', 'TOO_MANY_SUBSCRIPTIONS'] as const;
export type EndingCode = (typeof endingCodes)[number];

const messages: Readonly<Record<EndingCode, string>> = {
  STREAMING_SESSION_GONE: 'The Streaming API no longer knows this streaming session (it expired or was deleted): create a new session and subscribe to it.',
  UNAUTHENTICATED: 'The Streaming API refused the access token (401): subscribe again with a fresh token and `after` the last event id you received.',
  FORBIDDEN: 'The Streaming API does not let this credential read this streaming session (403).',
  UPSTREAM_ERROR: 'The Streaming API answered the retrieval of events with a status this gateway does not retry: subscribe again with `after` the last event id you received.',
  SUBSCRIBER_TOO_SLOW: 'This subscription did not keep up with its events: subscribe again with `after` the last event id you received.',
  SHUTTING_DOWN: 'This gateway is shutting down: subscribe again (with `after` the last event id you received) to reach another one.',
  TOO_MANY_SUBSCRIPTIONS: 'Too many open subscriptions for this credential or this gateway: close one before opening another.',
};

export const isUpstreamEndingCode = (text: string): text is UpstreamEndingCode => (upstreamEndingCodes as readonly string[]).includes(text);

export class SubscriptionEnded extends Error {
  override readonly name = 'SubscriptionEnded';
  constructor(readonly code: EndingCode) {
    super(messages[code]);
  }
}

/** The `reason` label of `subscriptions_ended_total`. */
export type EndReason = EndingCode | 'client';
export const reasonLabel = (reason: EndReason): string => reason.toLowerCase();
