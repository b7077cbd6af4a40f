/**
 * What a plugin's hooks are handed about the request behind them: Yoga's server context (node's
 * request and response when node:http serves it, neither over `yoga.fetch`), and an operation's
 * context (its HTTP request, none for an operation over WebSocket).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface NodeServerContext {
  readonly req?: IncomingMessage;
  readonly res?: ServerResponse;
}

export const nodeServerContext = (serverContext: unknown): NodeServerContext => (serverContext ?? {}) as NodeServerContext;

/** The HTTP request an operation runs for; undefined over WebSocket. */
export const httpRequestOf = (contextValue: unknown): Request | undefined => (contextValue as { request?: Request } | undefined)?.request;
