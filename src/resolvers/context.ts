import type { EngagementCenterApi } from '../datasources/engagement-center.js';
import type { IncomingHeaders } from '../datasources/request-headers.js';
import type { StreamingClient } from '../datasources/streaming-client.js';
import type { EventHub } from '../events/event-hub.js';
import type { Logger } from '../observability/logger.js';

/** Where a subscription's events go out: what the transport tells the event engine. */
export interface EventTransport {
  /** Events taken from the subscription and not yet handed to the operating system. */
  readonly buffered?: () => number;
  /** Told each event's id as it goes out (the SSE writer's `id:` lines). */
  readonly onEvent?: (id: string) => void;
  /** The SSE reconnection's `Last-Event-ID`, which wins over the `after` argument. */
  readonly lastEventId?: string | null;
}

/** What every resolver gets: per request (per subscription over WebSocket), never shared between requests. */
export interface GatewayContext {
  /** The REST API, bound to this request's forwarded headers and organization. */
  readonly engagementCenter: EngagementCenterApi;
  /** The credentials and organization headers of the request (over WebSocket: of `connection_init`'s payload). */
  readonly headers: IncomingHeaders;
  /** `ALVARIA_API_KEY`: the `x-api-key` sent when the request has none. */
  readonly defaultApiKey: string | null;
  /** The Streaming API: creates and deletes sessions. */
  readonly streaming: StreamingClient;
  /** The agent events of every streaming session this gateway relays. */
  readonly events: EventHub;
  /** How a subscription's events go out (made on first call: only a subscription asks). */
  eventTransport(): EventTransport;
  /** The `x-request-id` of this request, for log lines. */
  readonly requestId: string;
  readonly logger: Logger;
}
