import type { EngagementCenterApi } from '../datasources/engagement-center.js';
import type { Logger } from '../observability/logger.js';

/** What every resolver gets: per request, never shared between requests. */
export interface GatewayContext {
  /** The REST API, bound to this request's forwarded headers and organization. */
  readonly engagementCenter: EngagementCenterApi;
  /** The `x-request-id` of this request, for log lines. */
  readonly requestId: string;
  readonly logger: Logger;
}
