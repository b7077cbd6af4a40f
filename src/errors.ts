/**
 * The errors a command can end in, as data, and `errorTable`, the one list of them. Each row gives
 * a class, its GraphQL type and the HTTP status that picks it; the status map (`httpErrorFor`),
 * every mutation's union (`commandErrorClasses`) and the schema's error types
 * (`src/schema/errors.ts`) all come from it, so a new error is a new class and a new row.
 */
import { STATUS_CODES } from 'node:http';

export interface ErrorDetail {
  readonly scope: string | null;
  readonly reason: string | null;
  readonly message: string | null;
}

/** The input broke a rule of the page or of the contract; nothing was sent. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    message: string,
    /** The argument, input path (`input.entity`) or header that broke the rule. */
    readonly field: string | null,
  ) {
    super(message);
  }
}

/** No answer in time, or the connection broke after the request was written: outcome unknown. */
export class UpstreamTimeoutError extends Error {
  override readonly name = 'UpstreamTimeoutError';
}

/** The request was never written: nothing was carried out. */
export class UpstreamUnavailableError extends Error {
  override readonly name = 'UpstreamUnavailableError';
  constructor(
    message: string,
    /** Set when a circuit breaker refused the command: whole seconds until it tries the API again. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

/** A rate limit of the gateway refused the command; nothing was sent. */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  /** Whole seconds, at least 1, as the contract promises whoever computed it. */
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}

/** An HTTP error answer from the API (or the gateway's own 401 when no token was given). */
export abstract class UpstreamHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: readonly ErrorDetail[],
  ) {
    super(message);
  }
}

export class BadRequestError extends UpstreamHttpError {}
export class UnauthorizedError extends UpstreamHttpError {}
export class NotFoundError extends UpstreamHttpError {}
export class MethodNotAllowedError extends UpstreamHttpError {}
export class GoneError extends UpstreamHttpError {}
export class UnprocessableEntityError extends UpstreamHttpError {}
export class InternalServerError extends UpstreamHttpError {}
export class UnexpectedStatusError extends UpstreamHttpError {}

/** An answer that says when to try again (`Retry-After`). */
export abstract class RetryableHttpError extends UpstreamHttpError {
  constructor(
    status: number,
    message: string,
    details: readonly ErrorDetail[],
    readonly retryAfterSeconds: number | null,
  ) {
    super(status, message, details);
  }
}

export class TooManyRequestsError extends RetryableHttpError {}
export class ServiceUnavailableError extends RetryableHttpError {}

/** Constructors differ from class to class; `any[]` is what the schema builder accepts as a class. */
export type ErrorClass = new (...args: any[]) => Error;
/** Every class an HTTP status picks is built the same way (a class without `Retry-After` ignores it). */
export type HttpErrorClass = new (status: number, message: string, details: readonly ErrorDetail[], retryAfterSeconds: number | null) => UpstreamHttpError;

interface CommonColumns {
  /** The GraphQL type. */
  readonly typeName: string;
  readonly description: string;
  /** The description of its `retryAfterSeconds: Int` (nullable), or null when it has none. */
  readonly retryAfterSeconds: string | null;
  /** Its nullable `String` fields besides `message`: name -> description. */
  readonly stringFields: Readonly<Record<string, string>>;
}

/** An answer of the API: implements `UpstreamError`. */
export interface HttpErrorRow extends CommonColumns {
  /** The status that picks it; `'other'`: every non-2xx status that no row names. */
  readonly status: number | 'other';
  readonly errorClass: HttpErrorClass;
}

/** Raised by the gateway itself. */
export interface GatewayErrorRow extends CommonColumns {
  readonly status: null;
  readonly errorClass: ErrorClass;
}

export type ErrorRow = HttpErrorRow | GatewayErrorRow;

type Instance<C extends ErrorClass> = C extends new (...args: never[]) => infer I ? I : never;
/** A row may describe `retryAfterSeconds` exactly when its class carries it. */
type RetryAfterColumn<C extends ErrorClass> = Instance<C> extends { readonly retryAfterSeconds: number | null } ? string : null;
type StringFieldName<C extends ErrorClass> = {
  [K in keyof Instance<C>]-?: K extends 'name' | 'message' ? never : Instance<C>[K] extends string | null ? K : never;
}[keyof Instance<C>];

/** Every `string | null` property of the class besides `name` and `message` is a field, described here. */
type StringFieldsColumn<C extends ErrorClass> = [StringFieldName<C>] extends [never]
  ? { readonly stringFields?: undefined }
  : { readonly stringFields: { readonly [K in StringFieldName<C> & string]: string } };

type RowSpec<C extends ErrorClass> = {
  readonly typeName: string;
  readonly description: string;
  readonly retryAfterSeconds: RetryAfterColumn<C>;
} & StringFieldsColumn<C>;

const columns = <C extends ErrorClass>(spec: RowSpec<C>): CommonColumns => ({
  typeName: spec.typeName,
  description: spec.description,
  retryAfterSeconds: spec.retryAfterSeconds,
  stringFields: spec.stringFields ?? {},
});

const http = <C extends HttpErrorClass>(status: number | 'other', errorClass: C, spec: RowSpec<C>): HttpErrorRow => ({
  status,
  errorClass,
  ...columns(spec),
});

const raised = <C extends ErrorClass>(errorClass: C, spec: RowSpec<C>): GatewayErrorRow => ({
  status: null,
  errorClass,
  ...columns(spec),
});

const RETRY_AFTER_HEADER =
  'Seconds to wait, from the `Retry-After` header (an HTTP-date counts from now, rounded up, 0 if past); null when absent or unreadable.';

/** Every error a command can end in, in the order of every mutation's union. */
export const errorTable: readonly ErrorRow[] = [
  http(400, BadRequestError, {
    typeName: 'BadRequestError',
    description: 'HTTP 400: the API rejected the request as malformed.',
    retryAfterSeconds: null,
  }),
  http(401, UnauthorizedError, {
    typeName: 'UnauthorizedError',
    description: 'HTTP 401: no valid access token (also raised, with nothing sent, when the request has no `Authorization` header).',
    retryAfterSeconds: null,
  }),
  http(404, NotFoundError, {
    typeName: 'NotFoundError',
    description: 'HTTP 404: the API knows no such user, interaction or route.',
    retryAfterSeconds: null,
  }),
  http(405, MethodNotAllowedError, {
    typeName: 'MethodNotAllowedError',
    description: 'HTTP 405: the API does not allow this method here.',
    retryAfterSeconds: null,
  }),
  http(410, GoneError, {
    typeName: 'GoneError',
    description: 'HTTP 410: what the command refers to no longer exists.',
    retryAfterSeconds: null,
  }),
  http(422, UnprocessableEntityError, {
    typeName: 'UnprocessableEntityError',
    description: 'HTTP 422: the API understood the command but cannot carry it out in the current state.',
    retryAfterSeconds: null,
  }),
  http(429, TooManyRequestsError, {
    typeName: 'TooManyRequestsError',
    description: 'HTTP 429: too many requests; wait `retryAfterSeconds` before sending again.',
    retryAfterSeconds: RETRY_AFTER_HEADER,
  }),
  http(500, InternalServerError, {
    typeName: 'InternalServerError',
    description: 'HTTP 500: the API failed while handling the command.',
    retryAfterSeconds: null,
  }),
  http(503, ServiceUnavailableError, {
    typeName: 'ServiceUnavailableError',
    description: 'HTTP 503: the API is unavailable for now; wait `retryAfterSeconds` before sending again.',
    retryAfterSeconds: RETRY_AFTER_HEADER,
  }),
  http('other', UnexpectedStatusError, {
    typeName: 'UnexpectedStatusError',
    description: 'Any other non-2xx HTTP status, which the API does not document.',
    retryAfterSeconds: null,
  }),
  raised(ValidationError, {
    typeName: 'ValidationError',
    description: 'The input broke a rule of the API or of this gateway. Nothing was sent.',
    retryAfterSeconds: null,
    stringFields: {
      field: 'The argument (`interactionId`), input path (`input.interactionDataCollection`) or header (`via-client-sessionid`) at fault.',
    },
  }),
  raised(UpstreamTimeoutError, {
    typeName: 'UpstreamTimeoutError',
    description:
      'No answer in time, or the connection broke after the request was sent: the command may or may not have been carried out.',
    retryAfterSeconds: null,
  }),
  raised(UpstreamUnavailableError, {
    typeName: 'UpstreamUnavailableError',
    description:
      'The request was never sent, so the command was not carried out: the API could not be reached, the time ran out before the request could be sent, or a circuit breaker refused it while the API is failing.',
    retryAfterSeconds: 'Whole seconds until the circuit breaker lets a command through again, when it refused this one; null when the API was merely unreachable.',
  }),
  raised(RateLimitedError, {
    typeName: 'RateLimitedError',
    description:
      'The gateway refused the command: a rate limit of this credential or organization was reached. Nothing was sent; wait retryAfterSeconds.',
    retryAfterSeconds: 'Whole seconds to wait before sending again; always set, at least 1.',
  }),
];

const isHttpRow = (row: ErrorRow): row is HttpErrorRow => row.status !== null;
const httpRows = errorTable.filter(isHttpRow);
const rowByStatus = new Map(httpRows.flatMap((row) => (typeof row.status === 'number' ? [[row.status, row] as const] : [])));
const otherStatusRow = httpRows.find((row) => row.status === 'other');

/** The typed error for a non-2xx answer. */
export function httpErrorFor(
  status: number,
  message: string | null,
  details: readonly ErrorDetail[],
  retryAfterSeconds: number | null,
): UpstreamHttpError {
  const text = message ?? STATUS_CODES[status] ?? `HTTP ${status}`;
  const row = rowByStatus.get(status) ?? otherStatusRow;
  if (!row) throw new Error('The error table has no row for other statuses.');
  return new row.errorClass(status, text, details, retryAfterSeconds);
}

/** How a REST call ended, for logs, metrics and the circuit breaker: the HTTP status, or how it failed. */
export type CallOutcome = number | 'timeout' | 'unavailable' | 'error';

/** How a failed call ended. */
export function callOutcomeOf(error: unknown): CallOutcome {
  if (error instanceof UpstreamHttpError) return error.status;
  if (error instanceof UpstreamTimeoutError) return 'timeout';
  if (error instanceof UpstreamUnavailableError) return 'unavailable';
  return 'error';
}

/** Every error class a command can end in, in the order the schema lists them. */
export const commandErrorClasses: readonly ErrorClass[] = errorTable.map((row) => row.errorClass);
