/**
 * The gateway's Yoga and envelop plugins, in the one order every request meets them (after Yoga's
 * built-ins: health, CORS, GraphiQL; before a deployment's own plugins, which `createGateway`
 * appends). Each concern is one module of this folder, or a well-kept plugin used as it is.
 */
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLError, ValidationContext } from 'graphql';
import type { YogaServerOptions } from 'graphql-yoga';
import type { OperationLimits } from '../config/read-config.js';
import type { Logger } from '../observability/logger.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import type { Tracing } from '../observability/tracing.js';
import { useBadUserInput } from './use-bad-user-input.js';
import { useContentNegotiation } from './use-content-negotiation.js';
import { useCorsRefusals, type CorsSettings } from './use-cors.js';
import { useCsrfPrevention } from './use-csrf-prevention.js';
import { useGraphQLJsExecute } from './use-graphql-js-execute.js';
import { useIntrospectionOff } from './use-introspection-off.js';
import { useLogsAndMetrics } from './use-logs-and-metrics.js';
import { useMutationLimit } from './use-mutation-limit.js';
import { useNoSuggestions } from './use-no-suggestions.js';
import { useNotFound } from './use-not-found.js';
import { usePersistedOperations, type PersistedOperationsMode } from './use-persisted-operations.js';
import { useRequestId } from './use-request-id.js';
import { useReadiness } from './use-readiness.js';
import { useRequestParsing } from './use-request-parsing.js';
import { useTracing } from './use-tracing.js';

export { corsFor, type CorsSettings } from './use-cors.js';
export { requestIdOf } from './use-request-id.js';
export { eventStreamOf } from './event-streams.js';
export { noteUpstreamCall } from './use-logs-and-metrics.js';
export { persistedDocumentOf, type PersistedOperationsMode } from './use-persisted-operations.js';

/** A Yoga or envelop plugin, as Yoga's `plugins` option takes it. */
export type GatewayPlugin = NonNullable<YogaServerOptions<Record<string, unknown>, Record<string, unknown>>['plugins']>[number];

export interface GatewayPluginOptions {
  readonly graphqlEndpoint: string;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  readonly tracing: Tracing;
  readonly defaultOrganization: string | null;
  readonly cors: CorsSettings;
  readonly limits: OperationLimits;
  /** `MAX_BODY_BYTES`: larger bodies are refused (413). */
  readonly maxBodyBytes: number;
  readonly persistedOperations: PersistedOperationsMode;
  /** `/ready` answers 503 once this is false (shutting down). */
  readonly ready: () => boolean;
}

/** graphql-armor's rules report to the validation context instead of throwing out of validation. */
const reportedInValidation = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

export function gatewayPlugins(options: GatewayPluginOptions): GatewayPlugin[] {
  const { graphqlEndpoint, limits } = options;
  return [
    useRequestId(),
    ...(options.tracing.enabled ? [useTracing(options.tracing, graphqlEndpoint)] : []),
    useLogsAndMetrics({ logger: options.logger, metrics: options.metrics, graphqlEndpoint, defaultOrganization: options.defaultOrganization }),
    useReadiness(options.ready),
    useNotFound(graphqlEndpoint),
    useCorsRefusals(options.cors),
    useContentNegotiation(graphqlEndpoint),
    useCsrfPrevention(),
    useRequestParsing(options.maxBodyBytes),
    ...usePersistedOperations(options.persistedOperations),
    maxTokensPlugin({ n: limits.maxTokens }),
    // Reported as validation errors (cached with the document, coded, 400), not thrown.
    maxDepthPlugin({ n: limits.maxDepth, ignoreIntrospection: false, flattenFragments: true, ...reportedInValidation }),
    maxAliasesPlugin({ n: limits.maxAliases, ...reportedInValidation }),
    useMutationLimit(limits.maxMutations),
    ...(limits.introspection ? [] : useIntrospectionOff()),
    useBadUserInput(),
    ...(limits.suggestions ? [] : [useNoSuggestions()]),
    useGraphQLJsExecute(),
  ];
}
