/**
 * The one list of concerns every request to `/graphql` meets, in this order, whatever it is (GET
 * or POST, single or batch, by document or by hash, from a browser or not, well-formed or not).
 * `graphql-handler.ts` runs their hooks and the GraphQL phases between them; nothing reaches the
 * schema another way. A concern added here (tracing, rate limits, authorization) applies to all.
 */
import type { OperationLimits } from '../config/read-config.js';
import { tracingConcern } from './concerns/tracing.js';
import type { Tracing } from '../observability/tracing.js';
import type { Logger } from '../observability/logger.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { corsConcern, type CorsOptions } from './concerns/cors.js';
import { csrfConcern } from './concerns/csrf.js';
import { framingConcern } from './concerns/framing.js';
import { graphiqlConcern, type GraphiQLOptions } from './concerns/graphiql.js';
import { maskingConcern } from './concerns/masking.js';
import { methodsConcern } from './concerns/methods.js';
import { negotiationConcern } from './concerns/negotiation.js';
import { observabilityConcern } from './concerns/observability.js';
import { operationLimitsConcern } from './concerns/operation-limits.js';
import { persistedOperationsConcern, type PersistedOperationsMode } from './concerns/persisted-operations.js';
import { requestIdConcern } from './concerns/request-id.js';
import { noSuggestionsConcern } from './concerns/suggestions.js';
import type { Concern } from './exchange.js';

export interface PipelineOptions {
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  readonly defaultOrganization: string | null;
  readonly maxBodyBytes: number;
  readonly cors: CorsOptions;
  /** null: no GraphiQL. */
  readonly graphiql: GraphiQLOptions | null;
  readonly limits: OperationLimits;
  readonly persistedOperations: PersistedOperationsMode;
  readonly tracing: Tracing;
  /** Concerns of the deployment's own, after the gateway's (a probe in tests). */
  readonly extra?: readonly Concern[];
}

export function pipeline(options: PipelineOptions): Concern[] {
  return [
    requestIdConcern(),
    ...(options.tracing.enabled ? [tracingConcern(options.tracing)] : []),
    observabilityConcern(options.logger, options.metrics, options.defaultOrganization),
    corsConcern(options.cors),
    methodsConcern(),
    ...(options.graphiql ? [graphiqlConcern(options.graphiql)] : []),
    framingConcern(options.maxBodyBytes),
    csrfConcern(),
    negotiationConcern(),
    persistedOperationsConcern(options.persistedOperations),
    operationLimitsConcern(options.limits),
    maskingConcern(options.logger),
    ...(options.limits.suggestions ? [] : [noSuggestionsConcern()]),
    ...(options.extra ?? []),
  ];
}
