/**
 * Cross-origin access for the origins `CORS_ORIGINS` lists (`*`: any). A listed origin gets
 * `Access-Control-Allow-Origin` (and `Vary: Origin`), and its preflights are answered with a
 * `Access-Control-Max-Age` so browsers do not preflight every command; any other origin gets no
 * CORS header at all. Without `CORS_ORIGINS` a preflight is told that CORS is off.
 */
import { preflightHeaders } from './csrf.js';
import { refusal, type Concern } from '../exchange.js';

export interface CorsOptions {
  /** null: cross-origin access is off. */
  readonly origins: readonly string[] | null;
  readonly maxAgeSeconds: number;
}

const allowedHeaders = ['content-type', 'authorization', 'x-api-key', 'via-client-sessionid', 'x-alvaria-org-id', 'x-request-id', 'traceparent', 'tracestate', ...preflightHeaders].join(', ');

export function corsConcern({ origins, maxAgeSeconds }: CorsOptions): Concern {
  const any = origins?.includes('*') ?? false;
  const listed = new Set(origins ?? []);
  return {
    name: 'cors',
    onRequest(exchange) {
      const origin = exchange.request.headers.origin;
      const preflight = exchange.method === 'OPTIONS';
      if (origins === null) {
        if (!preflight) return undefined;
        return refusal(403, 'CORS_DISABLED', 'Cross-origin requests are off on this gateway: set CORS_ORIGINS to the origins of your frontends (or *).');
      }
      const allowed = origin !== undefined && (any || listed.has(origin));
      if (allowed) {
        exchange.responseHeaders['access-control-allow-origin'] = any ? '*' : origin;
        exchange.responseHeaders['access-control-expose-headers'] = 'x-request-id';
      }
      if (!any) exchange.responseHeaders.vary = 'Origin';
      if (!preflight) return undefined;
      if (!allowed) return refusal(403, 'CORS_ORIGIN_NOT_ALLOWED', 'This origin is not allowed cross-origin access (CORS_ORIGINS).');
      return {
        status: 204,
        headers: {
          'access-control-allow-methods': 'GET, POST',
          'access-control-allow-headers': allowedHeaders,
          'access-control-max-age': String(maxAgeSeconds),
        },
        body: '',
      };
    },
  };
}
