/**
 * Builds the gateway without listening: the request pipeline over the schema, the routes beside
 * it (`/health`, `/ready`, `/metrics`), and one upstream dispatcher that it owns. `src/server.ts`
 * puts it on a port.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import { readConfig, type OperationLimits, type ProtectionSettings, type UpstreamLimits } from './config/read-config.js';
import type { GatewayContext } from './resolvers/context.js';
import { CallCoalescer } from './datasources/coalescing.js';
import { EngagementCenterApi, type EngagementCenterOptions, type UpstreamCall } from './datasources/engagement-center.js';
import { createUpstreamAgent } from './datasources/upstream-agent.js';
import { placeholderHeaders } from './graphiql-examples.js';
import type { PersistedOperationsMode } from './http/concerns/persisted-operations.js';
import { refusal, type Concern } from './http/exchange.js';
import { hostRefusal } from './http/concerns/framing.js';
import { createGraphQLHandler } from './http/graphql-handler.js';
import { pipeline } from './http/pipeline.js';
import { requestIdFrom } from './http/request-id.js';
import { createLogger, type Logger } from './observability/logger.js';
import { GatewayMetrics } from './observability/metrics.js';
import { serveTraced } from './http/concerns/tracing.js';
import { createTracing, type Tracing } from './observability/tracing.js';
import { CircuitBreakers } from './protection/circuit-breaker.js';
import { CommandGuard } from './protection/command-guard.js';
import { createRateLimits } from './protection/rate-limits.js';
import { createPersistedQueryStore, type PersistedQueryStore } from './state/persisted-queries.js';
import { connectRedis } from './state/redis.js';
import { schemaFor } from './schema/index.js';

export interface GatewayOptions extends Omit<EngagementCenterOptions, 'dispatcher' | 'timeoutMs' | 'coalescer'> {
  readonly upstream?: Partial<UpstreamLimits>;
  readonly limits?: Partial<OperationLimits>;
  /** Serve GraphiQL to browsers; default true. */
  readonly graphiql?: boolean;
  /** Origins allowed cross-origin access (`*`: any); default none. */
  readonly corsOrigins?: readonly string[] | null;
  readonly corsMaxAgeSeconds?: number;
  readonly maxBodyBytes?: number;
  /** Default: JSON lines on stdout at `info`. */
  readonly logger?: Logger;
  /** Default: a keep-alive agent that the gateway creates and closes. */
  readonly dispatcher?: Dispatcher;
  /** A manifest of trusted documents; default: automatic persisted queries. */
  readonly persistedOperations?: { readonly documents: ReadonlyMap<string, string>; readonly onlyKnown: boolean };
  /** Automatic persisted queries kept at most (least recently used out). */
  readonly persistedQueriesMax?: number;
  /** Where automatic persisted queries are kept; default: Redis with `redisUrl`, else this process. */
  readonly persistedQueryStore?: PersistedQueryStore;
  /** The circuit breaker and the rate limits. */
  readonly protection?: Partial<ProtectionSettings>;
  /** `redis://host:port[/db]`: rate counters and persisted queries shared with every gateway naming it. */
  readonly redisUrl?: string | null;
  /** Longest wait for one Redis reply before failing open. */
  readonly redisTimeoutMs?: number;
  /** GraphiQL's preloaded headers (JSON text); default placeholders to fill in. */
  readonly graphiqlHeaders?: string;
  /** OpenTelemetry traces (`createTracing` from the OTEL_* variables); default off. */
  readonly tracing?: Tracing;
  /** Concerns added after the gateway's own (see `http/pipeline.ts`). */
  readonly concerns?: readonly Concern[];
  /** `@requiresScopes` in the subgraph SDL (`SUBGRAPH_REQUIRES_SCOPES`); default false. */
  readonly requiresScopes?: boolean;
}

export interface Gateway {
  /** Serves a node:http request. */
  handle(request: IncomingMessage, response: ServerResponse): void;
  readonly metrics: GatewayMetrics;
  /** From now on `/ready` answers 503: shutting down. */
  startDraining(): void;
  close(): Promise<void>;
}

const GRAPHQL_ENDPOINT = '/graphql';

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

function send(response: ServerResponse, status: number, contentType: string, body: string, requestId: string): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'x-request-id': requestId });
  response.end(body);
}

export function createGateway(options: GatewayOptions): Gateway {
  const defaults = readConfig({});
  const upstreamLimits: UpstreamLimits = { ...defaults.upstream, ...options.upstream };
  const limits: OperationLimits = { ...defaults.limits, ...options.limits };
  const logger = options.logger ?? createLogger(defaults.logLevel);
  const metrics = new GatewayMetrics();
  const tracing = options.tracing ?? createTracing({});
  const protection: ProtectionSettings = { ...defaults.protection, ...options.protection };
  // Connects in the background: the gateway serves (without shared limits) until Redis answers.
  const redis = options.redisUrl ? connectRedis({ url: options.redisUrl, logger, metrics, commandTimeoutMs: options.redisTimeoutMs ?? defaults.redisTimeoutMs }) : null;
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
      probeTimeoutMs: upstreamLimits.timeoutMs + 1_000,
    }),
  );
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
    guard,
    tracing,
  };
  const persistedOperations: PersistedOperationsMode = options.persistedOperations
    ? { kind: 'manifest', ...options.persistedOperations }
    : {
        kind: 'automatic',
        store: options.persistedQueryStore ?? createPersistedQueryStore({ maxEntries: options.persistedQueriesMax ?? defaults.persistedQueries.maxEntries, redis }),
      };

  const handleGraphQL = createGraphQLHandler({
    schema: schemaFor({ requiresScopes: options.requiresScopes ?? defaults.federation.requiresScopes }),
    logger,
    maxTokens: limits.maxTokens,
    batchLimit: limits.batchLimit,
    concerns: pipeline({
      logger,
      metrics,
      defaultOrganization: options.defaultOrganization,
      maxBodyBytes: options.maxBodyBytes ?? defaults.http.maxBodyBytes,
      cors: { origins: options.corsOrigins ?? null, maxAgeSeconds: options.corsMaxAgeSeconds ?? defaults.http.corsMaxAgeSeconds },
      graphiql: options.graphiql === false ? null : { headers: options.graphiqlHeaders ?? placeholderHeaders },
      limits,
      persistedOperations,
      tracing,
      ...(options.concerns ? { extra: options.concerns } : {}),
    }),
    buildContext: (exchange): GatewayContext => ({
      requestId: exchange.requestId,
      logger,
      engagementCenter: new EngagementCenterApi(upstream, exchange.headers, upstreamCallObserver(logger, metrics, exchange.requestId)),
    }),
  });

  let draining = false;
  const routes: Record<string, (request: IncomingMessage, response: ServerResponse, requestId: string) => void> = {
    '/health': (_request, response, requestId) => send(response, 200, 'application/json; charset=utf-8', '{"status":"ok"}', requestId),
    '/ready': (_request, response, requestId) =>
      draining
        ? send(response, 503, 'application/json; charset=utf-8', '{"status":"shutting down"}', requestId)
        : send(response, 200, 'application/json; charset=utf-8', '{"status":"ready"}', requestId),
    '/metrics': (_request, response, requestId) => {
      metrics.registry.metrics().then(
        (text) => send(response, 200, metrics.registry.contentType, text, requestId),
        (error: unknown) => {
          logger.error({ requestId, err: error }, 'metrics failed');
          send(response, 500, 'text/plain; charset=utf-8', 'metrics failed', requestId);
        },
      );
    },
  };

  return {
    metrics,
    handle: (request, response) => {
      const path = (request.url ?? '/').split('?', 1)[0];
      if (path === GRAPHQL_ENDPOINT) {
        void serveTraced(tracing, request, response, handleGraphQL);
        return;
      }
      const requestId = requestIdFrom(request.headers['x-request-id']);
      const badHost = hostRefusal(request);
      if (badHost) {
        response.setHeader('connection', 'close');
        send(response, badHost.status, 'application/json; charset=utf-8', JSON.stringify(badHost.body), requestId);
        return;
      }
      const route = path === undefined ? undefined : routes[path];
      if (route && (request.method === 'GET' || request.method === 'HEAD')) route(request, response, requestId);
      else send(response, 404, 'application/json; charset=utf-8', JSON.stringify(refusal(404, 'NOT_FOUND', `Nothing here: GraphQL is served at ${GRAPHQL_ENDPOINT}.`).body), requestId);
    },
    startDraining: () => {
      draining = true;
    },
    close: async () => {
      draining = true;
      if (ownsDispatcher) await dispatcher.close();
      await redis?.close();
    },
  };
}
