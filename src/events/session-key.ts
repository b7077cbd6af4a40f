/**
 * Which poller a subscription shares: one per (organization, streaming session id, credential =
 * the `Authorization` value). The key is a hash of the three, so that neither a session id nor a
 * credential appears in a Redis key, a log line or a label; its first characters name the
 * session in log lines.
 */
import { createHash } from 'node:crypto';
import type { StreamingCredentials } from '../datasources/streaming-api.js';

export interface SessionTarget {
  readonly organization: string;
  readonly sessionId: string;
  /** The poller sends the `x-api-key` of the subscriber that started it. */
  readonly credentials: StreamingCredentials;
}

export interface SessionKey {
  /** sha256 (base64url) of organization, session id and `Authorization`. */
  readonly id: string;
  /** For log lines: enough to tell sessions apart, nothing to find one with. */
  readonly short: string;
}

export function sessionKey(target: SessionTarget): SessionKey {
  const id = createHash('sha256')
    .update(target.organization)
    .update('\0')
    .update(target.sessionId)
    .update('\0')
    .update(target.credentials.authorization)
    .digest('base64url');
  return { id, short: id.slice(0, 12) };
}
