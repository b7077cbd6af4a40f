/**
 * The context each operation runs with, per request (per operation over WebSocket), never shared:
 * the caller's headers (of the HTTP request, or of `connection_init`'s payload over WebSocket),
 * the REST datasource bound to them, the Streaming API, the event engine, and how a subscription's
 * events go out.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import type { GatewayConfig } from '../config/read-config.js';
import { EngagementCenterApi } from '../datasources/engagement-center.js';
import type { IncomingHeaders } from '../datasources/request-headers.js';
import type { Logger } from '../observability/logger.js';
import type { UpstreamCall } from '../datasources/command-call.js';
import { upstreamCallFields } from '../observability/upstream-calls.js';
import { eventStreamOf, noteUpstreamCall, requestIdOf } from '../plugins/index.js';
import type { EventTransport, GatewayContext } from '../resolvers/context.js';
import type { Resources } from './resources.js';

/** The `connection_init` keys read as headers, matched case-insensitively (the upgrade's own headers are not read). */
const CONNECTION_KEYS = ['authorization', 'x-api-key', 'via-client-sessionid', 'x-alvaria-org-id'] as const;

/** `connection_init`'s payload as the headers of every operation of the connection: string values only. */
export function connectionHeaders(payload: unknown): IncomingHeaders {
  const given = new Map<string, unknown>();
  if (typeof payload === 'object' && payload !== null) {
    for (const [key, value] of Object.entries(payload)) given.set(key.toLowerCase(), value);
  }
  return {
    get(name) {
      const key = name.toLowerCase();
      const value = (CONNECTION_KEYS as readonly string[]).includes(key) ? given.get(key) : undefined;
      if (value === undefined || value === null) return null;
      if (typeof value !== 'string') throw new GraphQLError(`The connection_init payload's "${key}" must be a string.`, { extensions: { code: 'BAD_USER_INPUT' } });
      return value;
    },
  };
}

export interface ContextFactory {
  /** For an HTTP request (its node response tells how much a stream still holds). */
  forRequest(request: Request, response: ServerResponse | undefined): GatewayContext;
  /** For one operation of a WebSocket connection. */
  forConnection(headers: IncomingHeaders, transport: EventTransport): GatewayContext;
}

export function contextFactory(config: GatewayConfig, resources: Resources, logger: Logger): ContextFactory {
  const build = (headers: IncomingHeaders, requestId: string, transport: () => EventTransport, noteCall: (call: UpstreamCall) => void): GatewayContext => ({
    requestId,
    logger,
    headers,
    defaultApiKey: config.apiKey,
    engagementCenter: new EngagementCenterApi(resources.upstream, headers, (call) => {
      resources.countCall(call);
      noteCall(call);
    }),
    streaming: resources.streaming,
    events: resources.events,
    eventTransport: transport,
  });
  return {
    // Over HTTP the request's log line lists its REST calls; over WebSocket each call has a line.
    forRequest: (request, response) => build(request.headers, requestIdOf(request), () => eventStreamOf(request, response), (call) => noteUpstreamCall(request, call)),
    forConnection: (headers, transport) => {
      const requestId = randomUUID();
      return build(headers, requestId, () => transport, (call) => logger.info({ requestId, ...upstreamCallFields(call), organization: call.organization }, 'upstream call'));
    },
  };
}
