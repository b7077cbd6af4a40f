/**
 * Which incoming headers reach the REST call: exactly `Authorization`, `x-api-key` and
 * `via-client-sessionid`, each checked before anything is sent.
 */
import { UnauthorizedError, ValidationError } from '../errors.js';
import { isPrintableHeaderValue, MAX_HEADER_LENGTH } from '../rules.js';

export interface IncomingHeaders {
  get(name: string): string | null;
}

/** The headers a client sends to choose and authenticate the REST call, as the contract names them. */
export const clientHeaders = {
  authorization: 'Authorization',
  apiKey: 'x-api-key',
  sessionId: 'via-client-sessionid',
  organization: 'x-alvaria-org-id',
} as const;

/** An absent or empty header is "not given". */
export function readHeader(headers: IncomingHeaders, name: string): string | null {
  const value = headers.get(name);
  if (value === null || value === '') return null;
  if (!isPrintableHeaderValue(value)) {
    throw new ValidationError(
      `The ${name} header must be printable ASCII (no control characters) of at most ${MAX_HEADER_LENGTH} characters.`,
      name,
    );
  }
  return value;
}

export interface ForwardOptions {
  /** `ALVARIA_API_KEY`: used when the request carries no `x-api-key`. */
  readonly defaultApiKey: string | null;
  /** False only for `forceDisconnect`, the one operation that may run without a streaming session. */
  readonly sessionIdRequired: boolean;
}

/** The REST call's headers: content negotiation plus the three forwarded ones. */
export function forwardedHeaders(incoming: IncomingHeaders, options: ForwardOptions): Record<string, string> {
  const authorization = readHeader(incoming, clientHeaders.authorization);
  const apiKey = readHeader(incoming, clientHeaders.apiKey) ?? options.defaultApiKey;
  const sessionId = readHeader(incoming, clientHeaders.sessionId);
  if (authorization === null) {
    throw new UnauthorizedError(401, "The Authorization header is missing: send 'Authorization: Bearer <accessToken>'.", []);
  }
  if (sessionId === null && options.sessionIdRequired) {
    throw new ValidationError(
      'The via-client-sessionid header is missing: send the streaming session id this command belongs to.',
      clientHeaders.sessionId,
    );
  }
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    authorization,
  };
  if (apiKey !== null) headers['x-api-key'] = apiKey;
  if (sessionId !== null) headers['via-client-sessionid'] = sessionId;
  return headers;
}
