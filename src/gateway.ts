/**
 * Builds the gateway without listening: the Yoga server over the schema with its limits, logs and
 * metrics, and one upstream dispatcher that it owns. `src/server.ts` puts it on a port; tests can
 * call `yoga.fetch` directly.
 */
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { execute, NoSchemaIntrospectionCustomRule, type ValidationRule } from 'graphql';
import { createYoga, useReadinessCheck, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import { readConfig, type OperationLimits, type UpstreamLimits } from './config.js';
import type { GatewayContext } from './context.js';
import { EngagementCenterApi, type EngagementCenterOptions, type UpstreamCall } from './datasources/engagement-center.js';
import { CallCoalescer } from './datasources/coalescing.js';
import type { IncomingHeaders } from './datasources/request-headers.js';
import { createUpstreamAgent } from './datasources/upstream-agent.js';
import { createFastGraphQL } from './http/fast-graphql.js';
import { agentSessionExample, placeholderHeaders, typedErrorExample } from './graphiql-examples.js';
import { createLogger, type Logger } from './observability/logger.js';
import { GatewayMetrics } from './observability/metrics.js';
import { useContentTypeCheck } from './plugins/content-type.js';
import { preflightHeaders, useCsrfPrevention } from './plugins/csrf-prevention.js';
import { useNoSuggestions } from './plugins/no-suggestions.js';
import { GraphQLRequestReporter, useObservability } from './plugins/observability.js';
import { operationLimitRules } from './plugins/operation-limits.js';
import { requestIdOf, useRequestId } from './plugins/request-id.js';
import { usePersistedOperationsFrom, type PersistedOperations } from './persisted-operations.js';
import { schema } from './schema/index.js';

export interface GatewayOptions extends Omit<EngagementCenterOptions, 'dispatcher' | 'timeoutMs' | 'coalescer'> {
  readonly upstream?: Partial<UpstreamLimits>;
  readonly limits?: Partial<OperationLimits>;
  /** Serve GraphiQL to browsers; default true. */
  readonly graphiql?: boolean;
  /** Origins allowed cross-origin access (`*`: any); default none. */
  readonly corsOrigins?: readonly string[] | null;
  /** Default: JSON lines on stdout at `info`. */
  readonly logger?: Logger;
  /** Default: a keep-alive agent that the gateway creates and closes. */
  readonly dispatcher?: Dispatcher;
  /** Documents clients may send by hash; default none. */
  readonly persistedOperations?: PersistedOperations;
  /** GraphiQL's preloaded headers (JSON text); default placeholders to fill in. */
  readonly graphiqlHeaders?: string;
}

export interface Gateway {
  readonly yoga: YogaServerInstance<Record<string, never>, GatewayContext>;
  /** Serves a node:http request: the fast path when it applies (`http/fast-graphql.ts`), else Yoga. */
  handle(request: IncomingMessage, response: ServerResponse): void;
  readonly metrics: GatewayMetrics;
  /** From now on `/ready` answers 503: shutting down. */
  startDraining(): void;
  close(): Promise<void>;
}

const GRAPHQL_ENDPOINT = '/graphql';


/**
 * graphql-js's own executor instead of Yoga's default (graphql-tools'), which also snapshots every
 * variable value for incremental delivery that this schema never uses: a third of the cost of a
 * command with 20 data items.
 */
const useGraphQLJsExecute = (): Plugin => ({
  onExecute({ setExecuteFn }) {
    setExecuteFn(execute);
  },
});

const useValidationRules = (rules: ValidationRule[]): Plugin => ({
  onValidate({ addValidationRule }) {
    for (const rule of rules) addValidationRule(rule);
  },
});

/** Logs and counts each REST call; the line carries the request id, never ids of agents or interactions. */
function upstreamCallObserver(logger: Logger, metrics: GatewayMetrics, requestId: string) {
  return (call: UpstreamCall): void => {
    const outcome = String(call.outcome);
    metrics.upstreamCalls.inc({ endpoint: call.endpoint, outcome });
    metrics.upstreamDuration.observe({ endpoint: call.endpoint }, call.durationMs / 1000);
    logger.info(
      { requestId, endpoint: call.endpoint, organization: call.organization, outcome, attempts: call.attempts, durationMs: Math.round(call.durationMs * 1000) / 1000 },
      'upstream call',
    );
  };
}

export function createGateway(options: GatewayOptions): Gateway {
  const defaults = readConfig({});
  const upstreamLimits: UpstreamLimits = { ...defaults.upstream, ...options.upstream };
  const limits: OperationLimits = { ...defaults.limits, ...options.limits };
  const logger = options.logger ?? createLogger(defaults.logLevel);
  const metrics = new GatewayMetrics();
  const ownsDispatcher = options.dispatcher === undefined;
  const dispatcher =
    options.dispatcher ??
    createUpstreamAgent({
      connectTimeoutMs: upstreamLimits.connectTimeoutMs,
      headersTimeoutMs: upstreamLimits.headersTimeoutMs,
      bodyTimeoutMs: upstreamLimits.bodyTimeoutMs,
      connections: upstreamLimits.maxConnections,
    });
  const upstream: EngagementCenterOptions = {
    baseUrl: options.baseUrl,
    defaultOrganization: options.defaultOrganization,
    allowedOrganizations: options.allowedOrganizations,
    defaultApiKey: options.defaultApiKey,
    ...(options.maxErrorBodyBytes === undefined ? {} : { maxErrorBodyBytes: options.maxErrorBodyBytes }),
    timeoutMs: upstreamLimits.timeoutMs,
    dispatcher,
    coalescer: new CallCoalescer(),
  };
  let draining = false;
  const reporter = new GraphQLRequestReporter(logger, metrics, options.defaultOrganization);
  const buildContext = (requestId: string, headers: IncomingHeaders): GatewayContext => ({
    requestId,
    logger,
    engagementCenter: new EngagementCenterApi(upstream, headers, upstreamCallObserver(logger, metrics, requestId)),
  });

  const corsOrigins = options.corsOrigins ?? null;
  const yoga = createYoga<Record<string, never>, GatewayContext>({
    schema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    healthCheckEndpoint: '/health',
    landingPage: false,
    // GraphiQL's assets (9 MB) are inlined by the gateway, as many networks cannot reach a CDN;
    // loaded on the first visit, so an API-only deployment never holds them in memory.
    renderGraphiQL: async (graphiqlOptions) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(graphiqlOptions),
    graphiql:
      options.graphiql === false
        ? false
        : {
            title: 'Engagement Center GraphQL',
            defaultQuery: agentSessionExample,
            defaultTabs: [{ query: agentSessionExample }, { query: typedErrorExample }],
            headers: options.graphiqlHeaders ?? placeholderHeaders,
            defaultEditorToolsVisibility: 'headers',
          },
    batching: limits.batchLimit > 0 ? { limit: limits.batchLimit } : false,
    cors: corsOrigins
      ? {
          origin: corsOrigins.includes('*') ? '*' : [...corsOrigins],
          methods: ['GET', 'POST'],
          allowedHeaders: ['content-type', 'authorization', 'x-api-key', 'via-client-sessionid', 'x-alvaria-org-id', 'x-request-id', ...preflightHeaders],
          exposedHeaders: ['x-request-id'],
          credentials: false,
        }
      : false,
    // Never a stack trace or an upstream detail, whatever NODE_ENV says.
    maskedErrors: { isDev: false },
    logging: {
      debug: (...args: unknown[]) => logger.debug({ yoga: args.map(String) }),
      info: (...args: unknown[]) => logger.info({ yoga: args.map(String) }),
      warn: (...args: unknown[]) => logger.warn({ yoga: args.map(String) }),
      error: (...args: unknown[]) => logger.error({ err: args[0] }, 'graphql server error'),
    },
    plugins: [
      useGraphQLJsExecute(),
      useRequestId(),
      useReadinessCheck({ endpoint: '/ready', check: () => !draining }),
      useObservability({ reporter, metrics, graphqlEndpoint: GRAPHQL_ENDPOINT }),
      useCsrfPrevention(),
      useContentTypeCheck(),
      maxTokensPlugin({ n: limits.maxTokens }),
      useValidationRules([...operationLimitRules(limits), ...(limits.introspection ? [] : [NoSchemaIntrospectionCustomRule])]),
      ...(limits.suggestions ? [] : [useNoSuggestions()]),
      ...(options.persistedOperations ? [usePersistedOperationsFrom(options.persistedOperations)] : []),
    ],
    context: ({ request }) => buildContext(requestIdOf(request), request.headers),
  });
  // Only-known persisted operations must be checked by Yoga's plugin on every request.
  const fastPath = options.persistedOperations?.onlyKnown
    ? null
    : createFastGraphQL({ yoga, graphqlEndpoint: GRAPHQL_ENDPOINT, buildContext, reporter, suggestions: limits.suggestions });

  return {
    yoga,
    metrics,
    handle: (request, response) => {
      if (fastPath?.isEligible(request)) {
        fastPath.handle(request, response).catch((error: unknown) => {
          // A client that went away mid-request is no fault of ours.
          if (request.destroyed || (error as { code?: string }).code === 'ECONNRESET') logger.debug({ err: error }, 'client went away');
          else logger.error({ err: error }, 'fast path failed');
          response.destroy();
        });
      } else {
        void yoga.requestListener(request, response);
      }
    },
    startDraining: () => {
      draining = true;
    },
    close: async () => {
      draining = true;
      await yoga.dispose();
      if (ownsDispatcher) await dispatcher.close();
    },
  };
}
