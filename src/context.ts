import type { EngagementCenterApi } from './datasources/engagement-center.js';

/** What every resolver gets: per request, never shared between requests. */
export interface GatewayContext {
  /** The REST API, bound to this request's forwarded headers and organization. */
  readonly engagementCenter: EngagementCenterApi;
}
