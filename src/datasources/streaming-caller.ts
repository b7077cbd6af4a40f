/**
 * Who calls the Streaming API, read from a GraphQL request's headers by the command rules
 * (`request-headers.ts`): the `Authorization` (required: `UnauthorizedError`), the `x-api-key` (or
 * `ALVARIA_API_KEY`) and the `via-client-sessionid` (`ValidationError` where required), each
 * checked before anything is sent. The agent events' subscription and the streaming session's
 * mutations read their caller here.
 */
import { forwardedHeaders, type IncomingHeaders } from './request-headers.js';
import type { StreamingCredentials } from './streaming-api.js';

export interface StreamingCaller {
  readonly credentials: StreamingCredentials;
  /** The session named by `via-client-sessionid`; null when not required and not given. */
  readonly sessionId: string | null;
}

export interface StreamingCallerOptions {
  /** `ALVARIA_API_KEY`: used when the request carries no `x-api-key`. */
  readonly defaultApiKey: string | null;
  /** False only for the creation of a session, which names none. */
  readonly sessionIdRequired: boolean;
}

export function streamingCallerOf(incoming: IncomingHeaders, options: StreamingCallerOptions): StreamingCaller {
  const headers = forwardedHeaders(incoming, options);
  // forwardedHeaders has thrown UnauthorizedError when there is no Authorization.
  const authorization = headers.authorization ?? '';
  return {
    credentials: { authorization, apiKey: headers['x-api-key'] ?? null },
    sessionId: headers['via-client-sessionid'] ?? null,
  };
}
