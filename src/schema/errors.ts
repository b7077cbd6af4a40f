import {
  BadRequestError,
  GoneError,
  InternalServerError,
  MethodNotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
  UnexpectedStatusError,
  UnprocessableEntityError,
  UpstreamHttpError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
  ValidationError,
  type ErrorDetail,
  type PlainHttpErrorClass,
} from '../errors.js';
import { builder } from './builder.js';

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'Every way a command can fail, as data: select `message` on it to handle any failure.',
  fields: (t) => ({
    message: t.exposeString('message', { nullable: false, description: 'What went wrong, for people.' }),
  }),
});

// Error types are value types that company subgraphs often define too (`ValidationError`,
// `NotFoundError`): shareable, so that compatible definitions compose in a supergraph.

const ErrorDetailType = builder.objectRef<ErrorDetail>('ErrorDetail').implement({
  description: "One entry of the Engagement Center's `ErrorResponse.errors`.",
  shareable: true,
  fields: (t) => ({
    scope: t.exposeString('scope', { nullable: true, description: 'Where the error applies, as the API reports it.' }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why, as the API reports it.' }),
    message: t.exposeString('message', { nullable: true, description: 'A text about this entry, as the API reports it.' }),
  }),
});

export const UpstreamErrorInterface = builder.interfaceRef<UpstreamHttpError>('UpstreamError').implement({
  description: 'The Engagement Center answered with an HTTP error status.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    message: t.exposeString('message', {
      nullable: false,
      description: "The API's `ErrorResponse.message`, else the standard reason phrase of the status.",
    }),
    status: t.exposeInt('status', { nullable: false, description: 'The HTTP status of the answer.' }),
    details: t.field({
      type: [ErrorDetailType],
      nullable: false,
      description: "The API's `ErrorResponse.errors`; empty when it gave none.",
      resolve: (error) => error.details,
    }),
  }),
});

const httpErrorTypes: ReadonlyArray<readonly [PlainHttpErrorClass, string, string]> = [
  [BadRequestError, 'BadRequestError', 'HTTP 400: the API rejected the request as malformed.'],
  [UnauthorizedError, 'UnauthorizedError', 'HTTP 401: no valid access token (also raised, with nothing sent, when the request has no `Authorization` header).'],
  [NotFoundError, 'NotFoundError', 'HTTP 404: the API knows no such user, interaction or route.'],
  [MethodNotAllowedError, 'MethodNotAllowedError', 'HTTP 405: the API does not allow this method here.'],
  [GoneError, 'GoneError', 'HTTP 410: what the command refers to no longer exists.'],
  [UnprocessableEntityError, 'UnprocessableEntityError', 'HTTP 422: the API understood the command but cannot carry it out in the current state.'],
  [InternalServerError, 'InternalServerError', 'HTTP 500: the API failed while handling the command.'],
  [UnexpectedStatusError, 'UnexpectedStatusError', 'Any other non-2xx HTTP status, which the API does not document.'],
];

for (const [errorClass, name, description] of httpErrorTypes) {
  builder.objectType(errorClass, { name, description, shareable: true, interfaces: [ErrorInterface, UpstreamErrorInterface] });
}

for (const [errorClass, name, description] of [
  [TooManyRequestsError, 'TooManyRequestsError', 'HTTP 429: too many requests; wait `retryAfterSeconds` before sending again.'],
  [ServiceUnavailableError, 'ServiceUnavailableError', 'HTTP 503: the API is unavailable for now; wait `retryAfterSeconds` before sending again.'],
] as const) {
  builder.objectType(errorClass, {
    name,
    description,
    shareable: true,
    interfaces: [ErrorInterface, UpstreamErrorInterface],
    fields: (t) => ({
      retryAfterSeconds: t.exposeInt('retryAfterSeconds', {
        nullable: true,
        description:
          'Seconds to wait, from the `Retry-After` header (an HTTP-date counts from now, rounded up, 0 if past); null when absent or unreadable.',
      }),
    }),
  });
}

builder.objectType(ValidationError, {
  name: 'ValidationError',
  shareable: true,
  description: 'The input broke a rule of the API or of this gateway. Nothing was sent.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    field: t.exposeString('field', {
      nullable: true,
      description: 'The argument (`interactionId`), input path (`input.interactionDataCollection`) or header (`via-client-sessionid`) at fault.',
    }),
  }),
});

builder.objectType(UpstreamTimeoutError, {
  name: 'UpstreamTimeoutError',
  shareable: true,
  description:
    'No answer in time, or the connection broke after the request was sent: the command may or may not have been carried out.',
  interfaces: [ErrorInterface],
});

builder.objectType(UpstreamUnavailableError, {
  name: 'UpstreamUnavailableError',
  shareable: true,
  description: 'The API could not be reached, so the request was never sent: the command was not carried out.',
  interfaces: [ErrorInterface],
});
