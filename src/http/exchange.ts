/**
 * One request to `/graphql` as the pipeline sees it, and the shape of a concern: the hooks every
 * request passes through, in the order `pipeline.ts` lists the concerns.
 */
import type { IncomingMessage } from 'node:http';
import type { ExecutionResult, GraphQLError, OperationDefinitionNode, ValidationRule } from 'graphql';
import type { IncomingHeaders } from '../datasources/request-headers.js';
import type { GraphQLParams } from './graphql-params.js';
import type { ResponseMediaType } from './media-types.js';

/** An answer a concern gives in place of running the request (a refusal, a preflight, a page). */
export interface Answer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON value (serialized as the negotiated type) or a ready text. */
  readonly body: unknown;
  readonly contentType?: string;
}

/** A request refused before it ran: a JSON `errors` body, whatever the `Accept` (it may be why). */
export const refusal = (status: number, code: string, message: string, headers?: Readonly<Record<string, string>>): Answer => ({
  status,
  contentType: 'application/json; charset=utf-8',
  body: { errors: [{ message, extensions: { code } }] },
  ...(headers ? { headers } : {}),
});

export interface OperationInfo {
  readonly type: string;
  readonly name: string | null;
  readonly rootField: string;
}

export interface Exchange {
  readonly request: IncomingMessage;
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHeaders;
  readonly requestId: string;
  readonly startedAt: number;
  /** Set by content negotiation; `application/json` until then. */
  mediaType: ResponseMediaType;
  /** Headers every answer to this request carries (request id, CORS). */
  readonly responseHeaders: Record<string, string>;
  /** The operations run (or refused after validation), for logs, metrics and traces. */
  readonly operations: OperationInfo[];
  /** Per-request values that concerns keep for their later hooks. */
  readonly state: Map<symbol, unknown>;
}

/** What the answer was, for the hooks that report on it. */
export interface Outcome {
  readonly status: number;
  /** Set when serving the request failed unforeseen (answered as a masked 500). */
  readonly fault?: unknown;
}

/**
 * A cross-cutting concern of the GraphQL request. Every hook is optional; each request meets the
 * hooks of every concern in list order:
 * `onRequest` (before the body is read) → `onParams` (per operation) → validation with
 * `validationRules` → `onOperation` → `wrapExecute` → `onResult` → `onResponse` (always, last).
 */
export interface Concern {
  readonly name: string;
  /** May answer the request itself: a refusal, a preflight, a page. */
  onRequest?(exchange: Exchange): Answer | undefined | Promise<Answer | undefined>;
  /** One operation's parameters once read: may fill in the document (persisted operations) or refuse. */
  onParams?(exchange: Exchange, params: GraphQLParams): GraphQLError | undefined | Promise<GraphQLError | undefined>;
  /** Extra rules every document must pass (cached with the document). */
  readonly validationRules?: readonly ValidationRule[];
  /** The validated operation about to run: may refuse it, with an HTTP status. */
  onOperation?(exchange: Exchange, operation: OperationDefinitionNode): { error: GraphQLError; status: number } | undefined;
  /** Runs the execution of one operation inside whatever this concern needs (a trace context). */
  wrapExecute?<T>(exchange: Exchange, run: () => Promise<T>): Promise<T>;
  /** One operation's result before it is written: may rewrite it (masking, suggestions). */
  onResult?(exchange: Exchange, result: ExecutionResult): ExecutionResult;
  /** After the answer is written, whatever it was: logs, metrics, spans. */
  onResponse?(exchange: Exchange, outcome: Outcome): void;
}
