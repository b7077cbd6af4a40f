/**
 * Builds the gateway without listening: graphql-yoga over the Pothos schema with the gateway's
 * plugins (`src/plugins/`) and a deployment's own after them, and the resources it owns (the
 * upstream dispatcher, Redis). Everything comes from one configuration object (`readConfig`);
 * `src/server/serve.ts` puts the gateway on a port.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Dispatcher } from 'undici';
import type { GatewayConfig } from './config/read-config.js';
import { CallCoalescer } from './datasources/coalescing.js';
import { EngagementCenterApi, type EngagementCenterOptions, type UpstreamCall } from './datasources/engagement-center.js';
import { createUpstreamAgent } from './datasources/upstream-agent.js';
import { wasLogged } from './observability/logged-faults.js';
import { createLogger, type Logger } from './observability/logger.js';
import { GatewayMetrics } from './observability/metrics.js';
import { createTracing, type Tracing } from './observability/tracing.js';
import { graphiqlOptions, renderGraphiQL } from './plugins/graphiql.js';
import { corsFor, gatewayPlugins, requestIdOf, type GatewayPlugin, type PersistedOperationsMode } from './plugins/index.js';
import { CircuitBreakers } from './protection/circuit-breaker.js';
import { CommandGuard } from './protection/command-guard.js';
import { createRateLimits } from './protection/rate-limits.js';
import type { GatewayContext } from './resolvers/context.js';
import { schemaFor } from './schema/index.js';
import { createPersistedQueryStore, type PersistedQueryStore } from './state/persisted-queries.js';
import { connectRedis } from './state/redis.js';

export const GRAPHQL_ENDPOINT = '/graphql';

export interface GatewayOptions {
  /** Everything the environment sets, read once (`readConfig`); `baseUrl` must be set (the server fills in the simulator's). */
  readonly config: GatewayConfig;
  /** Default: JSON lines on stdout at `LOG_LEVEL`. */
  readonly logger?: Logger;
  /** OpenTelemetry traces (`createTracing` from the OTEL_* variables); default off. */
  readonly tracing?: Tracing;
  /** Default: a keep-alive agent that the gateway creates and closes. */
  readonly dispatcher?: Dispatcher;
  /** A deployment's own Yoga or envelop plugins, met after the gateway's (authorization, usage reporting, a response cache…). */
  readonly plugins?: readonly GatewayPlugin[];
  /** Where automatic persisted queries are kept; default: Redis with `REDIS_URL`, else this process. */
  readonly persistedQueryStore?: PersistedQueryStore;
  /** GraphiQL's preloaded headers (JSON text); default: placeholders to fill in. */
  readonly graphiqlHeaders?: string;
}

/** What node:http gives Yoga for each request. */
export interface ServerContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
}

export interface Gateway {
  readonly yoga: YogaServerInstance<ServerContext, GatewayContext>;
  /** Serves a node:http request. */
  handle(request: IncomingMessage, response: ServerResponse): void;
  readonly metrics: GatewayMetrics;
  /** From now on `/ready` answers 503: shutting down. */
  startDraining(): void;
  close(): Promise<void>;
}

/** Logs and counts each REST call; the line carries the request id, never ids of agents or interactions. */
function upstreamCallObserver(logger: Logger, metrics: GatewayMetrics, requestId: string) {
  return (call: UpstreamCall): void => {
    const outcome = String(call.outcome);
    metrics.recordUpstreamCall(call.endpoint, outcome, call.durationMs / 1000);
    logger.info(
      { requestId, endpoint: call.endpoint, organization: call.organization, outcome, attempts: call.attempts, durationMs: Math.round(call.durationMs * 1000) / 1000 },
      'upstream call',
    );
  };
}

/** Yoga's own log lines, as pino lines; a client that went away is no error of ours. */
function yogaLogging(logger: Logger) {
  const text = (args: unknown[]) => args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' ');
  return {
    // Yoga writes several debug lines per request: worded only when they will be written.
    debug: (...args: unknown[]) => logger.isLevelEnabled('debug') && logger.debug({ yoga: text(args) }, 'yoga'),
    info: (...args: unknown[]) => logger.isLevelEnabled('info') && logger.info({ yoga: text(args) }, 'yoga'),
    warn: (...args: unknown[]) => logger.warn({ yoga: text(args) }, 'yoga'),
    error: (...args: unknown[]) => {
      const [error] = args;
      if (wasLogged(error)) return;
      if (isClientAbort(error)) logger.debug({ err: error }, 'the client went away');
      else logger.error({ err: error }, 'unexpected error');
    },
  };
}

const isClientAbort = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  return code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || message === 'aborted' || (error instanceof Error && error.name === 'AbortError');
};

export function createGateway(options: GatewayOptions): Gateway {
  const { config } = options;
  if (config.baseUrl === null) throw new Error('createGateway needs config.baseUrl (the server starts the simulator when it is unset)');
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = new GatewayMetrics();
  const tracing = options.tracing ?? createTracing({});
  const { protection, upstream: limits } = config;
  // Connects in the background: the gateway serves (without shared state) until Redis answers.
  const redis = config.redis ? connectRedis({ address: config.redis, logger, metrics, commandTimeoutMs: config.redisTimeoutMs }) : null;
  const guard = new CommandGuard(
    createRateLimits({
      perCredential: protection.rateLimitPerCredential,
      perOrganization: protection.rateLimitPerOrganization,
      windowMs: protection.rateLimitWindowMs,
      metrics,
      redis,
    }),
    new CircuitBreakers({
      failures: protection.circuitFailures,
      openMs: protection.circuitOpenMs,
      logger,
      metrics,
      // A probe that outlives the call's own bound is lost: let another command probe.
      probeTimeoutMs: limits.timeoutMs + 1_000,
    }),
  );
  const ownsDispatcher = options.dispatcher === undefined;
  const dispatcher =
    options.dispatcher ??
    createUpstreamAgent({
      connectTimeoutMs: limits.connectTimeoutMs,
      headersTimeoutMs: limits.headersTimeoutMs,
      bodyTimeoutMs: limits.bodyTimeoutMs,
      connections: limits.maxConnections,
    });
  const upstream: EngagementCenterOptions = {
    baseUrl: config.baseUrl,
    defaultOrganization: config.defaultOrganization,
    allowedOrganizations: config.allowedOrganizations,
    defaultApiKey: config.apiKey,
    timeoutMs: limits.timeoutMs,
    dispatcher,
    coalescer: new CallCoalescer(),
    guard,
    tracing,
  };
  const persistedOperations: PersistedOperationsMode = config.persistedOperations
    ? { kind: 'manifest', documents: config.persistedOperations.documents, onlyKnown: config.persistedOperationsOnly }
    : { kind: 'automatic', store: options.persistedQueryStore ?? createPersistedQueryStore({ maxEntries: config.persistedQueries.maxEntries, redis }) };

  let draining = false;
  const { http } = config;
  const yoga = createYoga<ServerContext, GatewayContext>({
    schema: schemaFor({ requiresScopes: config.federation.requiresScopes }),
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    healthCheckEndpoint: '/health',
    landingPage: false,
    multipart: false,
    batching: config.limits.batchLimit > 0 ? { limit: config.limits.batchLimit } : false,
    // Judged by our request parsing (`use-request-parsing.ts` says why).
    maxRequestBodySize: false,
    cors: corsFor({ origins: http.corsOrigins, maxAgeSeconds: http.corsMaxAgeSeconds }),
    graphiql: http.graphiql ? graphiqlOptions(options.graphiqlHeaders) : false,
    renderGraphiQL,
    // Never a stack trace or an upstream detail, whatever NODE_ENV says.
    maskedErrors: { isDev: false },
    logging: yogaLogging(logger),
    context: ({ request }) => {
      const requestId = requestIdOf(request);
      return { requestId, logger, engagementCenter: new EngagementCenterApi(upstream, request.headers, upstreamCallObserver(logger, metrics, requestId)) };
    },
    plugins: [
      ...gatewayPlugins({
        graphqlEndpoint: GRAPHQL_ENDPOINT,
        logger,
        metrics,
        tracing,
        defaultOrganization: config.defaultOrganization,
        cors: { origins: http.corsOrigins, maxAgeSeconds: http.corsMaxAgeSeconds },
        limits: config.limits,
        maxBodyBytes: http.maxBodyBytes,
        persistedOperations,
        ready: () => !draining,
      }),
      ...(options.plugins ?? []),
    ],
  });

  return {
    yoga,
    metrics,
    handle: (request, response) => void yoga.requestListener(request, response),
    startDraining: () => {
      draining = true;
    },
    close: async () => {
      draining = true;
      await yoga.dispose();
      if (ownsDispatcher) await dispatcher.close();
      await redis?.close();
    },
  };
}
