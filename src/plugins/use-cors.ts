/**
 * Cross-origin access for the origins `CORS_ORIGINS` lists (`*`: any), by Yoga's own CORS plugin,
 * given per request (`corsFor`): a listed origin gets `Access-Control-Allow-Origin`, its
 * preflights `Access-Control-Max-Age`; any other origin gets no CORS header at all (Yoga's static
 * options would answer it `null`, or the one listed origin). `useCorsRefusals` turns Yoga's bare
 * 204 to a preflight that will not be allowed into a 403 that says why, naming `CORS_ORIGINS`.
 */
import type { Plugin, YogaServerOptions } from 'graphql-yoga';
import { PREFLIGHT_HEADERS, refusalResponse } from '../refusals.js';

export interface CorsSettings {
  /** null: cross-origin access is off; `['*']`: any origin. */
  readonly origins: readonly string[] | null;
  readonly maxAgeSeconds: number;
}

type YogaCors = NonNullable<YogaServerOptions<Record<string, unknown>, Record<string, unknown>>['cors']>;

const ALLOWED_HEADERS = ['content-type', 'authorization', 'x-api-key', 'via-client-sessionid', 'x-alvaria-org-id', 'x-request-id', 'traceparent', 'tracestate', 'last-event-id', ...PREFLIGHT_HEADERS];

function originAllowed(settings: CorsSettings, origin: string | null): boolean {
  return origin !== null && settings.origins !== null && (settings.origins.includes('*') || settings.origins.includes(origin));
}

/** Yoga's `cors` option: the options for this request's origin, or none at all. */
export function corsFor(settings: CorsSettings): YogaCors {
  if (settings.origins === null) return false;
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!originAllowed(settings, origin)) return false;
    return {
      origin: [origin ?? ''],
      methods: ['GET', 'POST'],
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: ['x-request-id'],
      credentials: false,
      maxAge: settings.maxAgeSeconds,
    };
  };
}

export function useCorsRefusals(settings: CorsSettings): Plugin {
  const listed = settings.origins !== null && !settings.origins.includes('*');
  return {
    onResponse({ request, response, setResponse, fetchAPI }) {
      // Caches must not serve one origin's answer to another.
      if (listed) response.headers.append('vary', 'Origin');
      if (request.method !== 'OPTIONS' || originAllowed(settings, request.headers.get('origin'))) return;
      const name = settings.origins === null ? 'corsDisabled' : 'corsOriginNotAllowed';
      setResponse(refusalResponse(fetchAPI, name));
    },
  };
}
