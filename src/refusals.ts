/**
 * The HTTP-level refusals that are the gateway's own, as one table: status, `extensions.code` and
 * message. The twin of `errorTable` (`errors.ts`), which lists how a command ends; these say why a
 * request was not run at all. Every refusal is a JSON `errors` body, whatever the `Accept` (it may
 * be why), and quotes neither a request body nor a credential. Plugins and the server build their
 * answers from these rows only.
 */
import { GraphQLError } from 'graphql';

export interface Refusal {
  readonly status: number;
  readonly code: string;
  /** The message, or how to word it from a detail of the request (never a secret, never a body). */
  readonly message: string | ((detail: string) => string);
}

/** Headers a client may send so that a form POST is not taken for a cross-site request (CSRF). */
export const PREFLIGHT_HEADERS = ['x-graphql-yoga-csrf', 'apollo-require-preflight'] as const;

export const refusals = {
  notAcceptable: {
    status: 406,
    code: 'NOT_ACCEPTABLE',
    message: (served) => `Nothing here matches the Accept header: accept ${served} (UTF-8).`,
  },
  unsupportedMediaType: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: (given) => `Unsupported request body (${given}): send the request as application/json (UTF-8).`,
  },
  invalidJson: { status: 400, code: 'BAD_REQUEST', message: 'The request body is invalid JSON.' },
  notAGraphQLRequest: { status: 400, code: 'BAD_REQUEST', message: 'The request body must be a JSON object with a "query" string (or a list of them, when batching is on).' },
  invalidParameter: { status: 400, code: 'BAD_REQUEST', message: (name) => `The "${name}" parameter is invalid JSON.` },
  payloadTooLarge: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: (limit) => `The request body is larger than ${limit} bytes (MAX_BODY_BYTES).` },
  invalidContentLength: { status: 400, code: 'BAD_REQUEST', message: 'The Content-Length header is not a length.' },
  badHost: { status: 400, code: 'BAD_REQUEST', message: 'The Host header does not name a host.' },
  malformedRequest: {
    status: 400,
    code: 'BAD_REQUEST',
    message: 'The HTTP request is malformed (for example a header value with a control character). Nothing was sent.',
  },
  requestTimeout: { status: 408, code: 'BAD_REQUEST', message: 'Request Timeout. Nothing was sent.' },
  headersTooLarge: { status: 431, code: 'BAD_REQUEST', message: 'Request Header Fields Too Large. Nothing was sent.' },
  csrf: {
    status: 403,
    code: 'CSRF_PREVENTED',
    message: `This request could come from another site: send it as application/json, or with the header ${PREFLIGHT_HEADERS.join(' or ')}.`,
  },
  corsDisabled: {
    status: 403,
    code: 'CORS_DISABLED',
    message: 'Cross-origin requests are off on this gateway: set CORS_ORIGINS to the origins of your frontends (or *).',
  },
  corsOriginNotAllowed: { status: 403, code: 'CORS_ORIGIN_NOT_ALLOWED', message: 'This origin is not allowed cross-origin access (CORS_ORIGINS).' },
  notFound: { status: 404, code: 'NOT_FOUND', message: (endpoint) => `Nothing here: GraphQL is served at ${endpoint}.` },
  persistedQueryNotAllowed: {
    status: 400,
    code: 'PERSISTED_QUERY_NOT_ALLOWED',
    message: "Only the persisted operations of this gateway's manifest (PERSISTED_OPERATIONS_FILE) are allowed, and this is not one of them: send the sha256Hash of a listed operation. Nothing was sent.",
  },
  persistedQueryNotFound: { status: 404, code: 'PERSISTED_QUERY_NOT_FOUND', message: 'PersistedQueryNotFound' },
  persistedQueryMismatch: { status: 400, code: 'PERSISTED_QUERY_MISMATCH', message: 'PersistedQueryMismatch' },
  /** Not an answer anyone reads: how logs and metrics count a client that went away mid-request. */
  clientClosedRequest: { status: 499, code: 'CLIENT_CLOSED_REQUEST', message: 'The client closed the connection before the answer.' },
} as const satisfies Record<string, Refusal>;

export type RefusalName = keyof typeof refusals;

function refusalMessage(name: RefusalName, detail = ''): string {
  const { message } = refusals[name] as Refusal;
  return typeof message === 'string' ? message : message(detail);
}

/** The JSON body of a refusal. */
export function refusalBody(name: RefusalName, detail?: string): string {
  return JSON.stringify({ errors: [{ message: refusalMessage(name, detail), extensions: { code: refusals[name].code } }] });
}

/** A refusal as a whole answer, for a plugin that ends the request with Yoga's `fetchAPI`. */
export function refusalResponse(fetchAPI: { readonly Response: typeof Response }, name: RefusalName, detail?: string): Response {
  return new fetchAPI.Response(refusalBody(name, detail), { status: refusals[name].status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

/**
 * A refusal as a GraphQL error, for a hook that throws: Yoga answers it with the row's status
 * (`extensions.http`, which is never serialized) whatever the negotiated type.
 */
export function refusalError(name: RefusalName, detail?: string, headers?: Readonly<Record<string, string>>): GraphQLError {
  const { status, code } = refusals[name];
  return new GraphQLError(refusalMessage(name, detail), { extensions: { code, http: { status, ...(headers ? { headers } : {}) } } });
}
