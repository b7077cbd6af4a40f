/**
 * The undici dispatcher for every REST call: one keep-alive pool per upstream origin, created by
 * the gateway (never set globally) so tests and shutdown can own it.
 */
import { Agent, buildConnector } from 'undici';

const failedWhileConnecting = new WeakSet<object>();

/** True when the error happened before a connection existed: the request was never written. */
export const isConnectFailure = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && failedWhileConnecting.has(error);

export interface UpstreamAgentOptions {
  /** Time to establish a connection (TCP and TLS), default 3000 ms. */
  readonly connectTimeoutMs?: number;
  /** Idle keep-alive sockets are closed after this, default 30000 ms (the server's hint wins when shorter). */
  readonly keepAliveTimeoutMs?: number;
  /** Sockets per origin; unlimited by default. */
  readonly connections?: number;
}

export function createUpstreamAgent(options: UpstreamAgentOptions = {}): Agent {
  const connectTimeoutMs = options.connectTimeoutMs ?? 3_000;
  const connectBase = buildConnector({ timeout: connectTimeoutMs });
  return new Agent({
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    // The whole call is bounded by the caller's signal; these only stop a stuck socket from living on.
    headersTimeout: 0,
    bodyTimeout: 0,
    ...(options.connections === undefined ? {} : { connections: options.connections }),
    // Errors raised here happened before anything was written; the classifier needs to know.
    connect(connectOptions, callback) {
      connectBase(connectOptions, (error, socket) => {
        if (error) {
          failedWhileConnecting.add(error);
          callback(error, null);
        } else {
          callback(null, socket);
        }
      });
    },
  });
}
