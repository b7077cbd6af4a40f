/**
 * The undici dispatcher for every REST call: one bounded keep-alive pool per upstream origin,
 * created by the gateway (never set globally) so tests and shutdown can own it. Its limits come
 * from the gateway's settings (`src/config.ts`), which hold the defaults.
 */
import { Agent } from 'undici';

export interface UpstreamAgentOptions {
  /** Time to establish a connection (TCP and TLS). */
  readonly connectTimeoutMs: number;
  /** Longest wait for an answer's headers. */
  readonly headersTimeoutMs: number;
  /** Longest pause between two chunks of an answer's body. */
  readonly bodyTimeoutMs: number;
  /** Sockets per origin; further calls queue. */
  readonly connections: number;
}

/** Idle keep-alive sockets are closed after this (the server's own hint wins when shorter); not a setting. */
const KEEP_ALIVE_TIMEOUT_MS = 30_000;

export function createUpstreamAgent(options: UpstreamAgentOptions): Agent {
  return new Agent({
    connections: options.connections,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: options.bodyTimeoutMs,
    connect: { timeout: options.connectTimeoutMs },
  });
}
