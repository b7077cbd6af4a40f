/**
 * Builds the gateway without listening: graphql-yoga over the Pothos schema with the gateway's
 * plugins (`src/plugins/`) and a deployment's own after them, and the resources it owns
 * (`resources.ts`). Everything comes from one configuration object (`readConfig`);
 * `src/server/serve.ts` puts the gateway on a port, with `graphql-ws` beside Yoga on the same path.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Dispatcher } from 'undici';
import type { GatewayConfig } from '../config/read-config.js';
import { wasLogged } from '../observability/logged-faults.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { GatewayMetrics } from '../observability/metrics.js';
import { createTracing, type Tracing } from '../observability/tracing.js';
import { graphiqlOptions, renderGraphiQL } from '../plugins/graphiql.js';
import { corsFor, gatewayPlugins, persistedDocumentOf, type GatewayPlugin, type PersistedOperationsMode } from '../plugins/index.js';
import type { EventTransport, GatewayContext } from '../resolvers/context.js';
import type { IncomingHeaders } from '../datasources/request-headers.js';
import { schemaFor } from '../schema/index.js';
import { createPersistedQueryStore, type PersistedQueryStore } from '../state/persisted-queries.js';
import { contextFactory } from './context.js';
import { createResources } from './resources.js';

export { connectionHeaders } from './context.js';

export const GRAPHQL_ENDPOINT = '/graphql';

export interface GatewayOptions {
  /** Everything the environment sets, read once (`readConfig`); `baseUrl` must be set (the server fills in the simulator's). */
  readonly config: GatewayConfig;
  /** Default: JSON lines on stdout at `LOG_LEVEL`. */
  readonly logger?: Logger;
  /** OpenTelemetry traces (`createTracing` from the OTEL_* variables); default off. */
  readonly tracing?: Tracing;
  /** Default: keep-alive agents that the gateway creates and closes (one for commands, one for held retrievals). */
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

/** The initial context of an operation over WebSocket (`server/websocket.ts`): no HTTP request. */
export interface ConnectionContext {
  readonly connection: { readonly headers: IncomingHeaders; readonly transport: EventTransport };
}

export interface Gateway {
  readonly yoga: YogaServerInstance<ServerContext, GatewayContext>;
  /** Serves a node:http request. */
  handle(request: IncomingMessage, response: ServerResponse): void;
  readonly metrics: GatewayMetrics;
  /** From now on `/ready` answers 503: shutting down. */
  startDraining(): void;
  /** Ends every subscription with `SHUTTING_DOWN`: the gateway stops accepting. */
  stopSubscriptions(): Promise<void>;
  /** The document of an operation sent over WebSocket, by the persisted operations' rules (throws a GraphQL error). */
  documentOf(params: { readonly query?: string | null; readonly extensions?: Record<string, unknown> | null }): Promise<string>;
  close(): Promise<void>;
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
  const { baseUrl } = config;
  if (baseUrl === null) throw new Error('createGateway needs config.baseUrl (the server starts the simulator when it is unset)');
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = new GatewayMetrics();
  const tracing = options.tracing ?? createTracing({});
  const resources = createResources({ config: { ...config, baseUrl }, logger, metrics, tracing, ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}) });
  const contexts = contextFactory(config, resources, logger);
  const persistedOperations: PersistedOperationsMode = config.persistedOperations
    ? { kind: 'manifest', documents: config.persistedOperations.documents, onlyKnown: config.persistedOperationsOnly }
    : { kind: 'automatic', store: options.persistedQueryStore ?? createPersistedQueryStore({ maxEntries: config.persistedQueries.maxEntries, redis: resources.redis }) };

  let draining = false;
  const { http } = config;
  const cors = { origins: http.corsOrigins, maxAgeSeconds: http.corsMaxAgeSeconds };
  const yoga = createYoga<ServerContext, GatewayContext>({
    schema: schemaFor({ requiresScopes: config.federation.requiresScopes }),
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    healthCheckEndpoint: '/health',
    landingPage: false,
    multipart: false,
    batching: config.limits.batchLimit > 0 ? { limit: config.limits.batchLimit } : false,
    // Judged by our request parsing (`use-request-parsing.ts` says why).
    maxRequestBodySize: false,
    cors: corsFor(cors),
    graphiql: http.graphiql ? graphiqlOptions(options.graphiqlHeaders) : false,
    renderGraphiQL,
    // Never a stack trace or an upstream detail, whatever NODE_ENV says.
    maskedErrors: { isDev: false },
    logging: yogaLogging(logger),
    context: (initial) => {
      const { connection } = initial as unknown as Partial<ConnectionContext>;
      return connection ? contexts.forConnection(connection.headers, connection.transport) : contexts.forRequest(initial.request, initial.res);
    },
    plugins: [
      ...gatewayPlugins({
        graphqlEndpoint: GRAPHQL_ENDPOINT,
        logger,
        metrics,
        tracing,
        defaultOrganization: config.defaultOrganization,
        cors,
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
    stopSubscriptions: () => resources.stopEvents(),
    documentOf: (params) => persistedDocumentOf(persistedOperations, params),
    close: async () => {
      draining = true;
      await resources.stopEvents();
      await yoga.dispose();
      await resources.close();
    },
  };
}
