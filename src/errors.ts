/**
 * The errors a command can end in, as data. The datasource throws them; the schema exposes each
 * class as a GraphQL type (`src/schema/errors.ts`); the errors plugin turns a thrown instance into
 * the matching member of the mutation's result union.
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

/** The API could not be reached, so the request was never written: nothing was carried out. */
export class UpstreamUnavailableError extends Error {
  override readonly name = 'UpstreamUnavailableError';
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

export type PlainHttpErrorClass = new (status: number, message: string, details: readonly ErrorDetail[]) => UpstreamHttpError;
type RetryableHttpErrorClass = new (
  status: number,
  message: string,
  details: readonly ErrorDetail[],
  retryAfterSeconds: number | null,
) => RetryableHttpError;

/** The contract's status table: the one place where an HTTP status picks its error type. */
const plainErrorByStatus = new Map<number, PlainHttpErrorClass>([
  [400, BadRequestError],
  [401, UnauthorizedError],
  [404, NotFoundError],
  [405, MethodNotAllowedError],
  [410, GoneError],
  [422, UnprocessableEntityError],
  [500, InternalServerError],
]);
const retryableErrorByStatus = new Map<number, RetryableHttpErrorClass>([
  [429, TooManyRequestsError],
  [503, ServiceUnavailableError],
]);

/** The typed error for a non-2xx answer. */
export function httpErrorFor(
  status: number,
  message: string | null,
  details: readonly ErrorDetail[],
  retryAfterSeconds: number | null,
): UpstreamHttpError {
  const text = message ?? STATUS_CODES[status] ?? `HTTP ${status}`;
  const Retryable = retryableErrorByStatus.get(status);
  if (Retryable) return new Retryable(status, text, details, retryAfterSeconds);
  const Plain = plainErrorByStatus.get(status) ?? UnexpectedStatusError;
  return new Plain(status, text, details);
}

/** Every error class a command can end in, in the order the schema lists them. */
export const commandErrorClasses = [
  BadRequestError,
  UnauthorizedError,
  NotFoundError,
  MethodNotAllowedError,
  GoneError,
  UnprocessableEntityError,
  TooManyRequestsError,
  InternalServerError,
  ServiceUnavailableError,
  UnexpectedStatusError,
  ValidationError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
] as const;
