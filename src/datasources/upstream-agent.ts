/**
 * The undici dispatcher for every REST call: one bounded keep-alive pool per upstream origin,
 * created by the gateway (never set globally) so tests and shutdown can own it.
 */
import { Agent, buildConnector } from 'undici';

const failedWhileConnecting = new WeakSet<object>();

/** True when the error happened before a connection existed: the request was never written. */
export const isConnectFailure = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && failedWhileConnecting.has(error);

export interface UpstreamAgentOptions {
  /** Time to establish a connection (TCP and TLS); default 3000 ms. */
  readonly connectTimeoutMs?: number;
  /** Longest wait for an answer's headers; default 10000 ms. */
  readonly headersTimeoutMs?: number;
  /** Longest pause between two chunks of an answer's body; default 10000 ms. */
  readonly bodyTimeoutMs?: number;
  /** Sockets per origin; further calls queue. Default 64. */
  readonly connections?: number;
  /** Idle keep-alive sockets are closed after this (the server's own hint wins when shorter); default 30000 ms. */
  readonly keepAliveTimeoutMs?: number;
}

export function createUpstreamAgent(options: UpstreamAgentOptions = {}): Agent {
  const connectBase = buildConnector({ timeout: options.connectTimeoutMs ?? 3_000 });
  return new Agent({
    connections: options.connections ?? 64,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    headersTimeout: options.headersTimeoutMs ?? 10_000,
    bodyTimeout: options.bodyTimeoutMs ?? 10_000,
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
