/**
 * Puts the gateway on a port: starts the built-in simulator when no upstream is configured, serves
 * over node:http with timeouts against slow clients and a body limit, and shuts down gracefully.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { answerClientError } from './client-errors.js';
import type { GatewayConfig, HttpSettings } from '../config/read-config.js';
import { createGateway, type Gateway, type GatewayOptions } from '../gateway.js';
import { simulatorHeaders } from '../graphiql-examples.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { readPersistedDocuments } from '../config/persisted-documents.js';
import { startSimulator, type Simulator } from '../simulator/simulator.js';

export interface RunningGateway {
  /** Where it listens, e.g. `http://127.0.0.1:4000`. */
  readonly url: string;
  readonly gateway: Gateway;
  /** The in-process simulator, when no `ALVARIA_BASE_URL` was given. */
  readonly simulator: Simulator | null;
  /**
   * Shuts down: `/ready` answers 503 at once while the gateway keeps accepting and serving for
   * `delayMs` (load balancers deregister it meanwhile), then it stops accepting, lets requests in
   * flight finish (up to the grace period), and releases everything.
   */
  close(delayMs?: number): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * The gateway as `npm start` runs it. `overrides` are for tests and embedders: a dispatcher, extra
 * pipeline concerns, a store; everything else comes from the configuration.
 */
export async function startGateway(
  config: GatewayConfig,
  logger: Logger = createLogger(config.logLevel),
  overrides: Partial<GatewayOptions> = {},
): Promise<RunningGateway> {
  const persistedOperations =
    config.persistedOperationsFile === null
      ? undefined
      : { documents: readPersistedDocuments(config.persistedOperationsFile), onlyKnown: config.persistedOperationsOnly };
  const simulator = config.baseUrl === null ? await startSimulator(config.simulator) : null;
  const baseUrl = simulator?.url ?? config.baseUrl ?? '';
  if (simulator) logger.info({ simulator: simulator.url }, `No ALVARIA_BASE_URL set: using the built-in Engagement Center simulator at ${simulator.url}`);

  const { http } = config;
  const gateway = createGateway({
    baseUrl,
    defaultOrganization: config.defaultOrganization,
    allowedOrganizations: config.allowedOrganizations,
    defaultApiKey: config.apiKey,
    upstream: config.upstream,
    limits: config.limits,
    graphiql: http.graphiql,
    corsOrigins: http.corsOrigins,
    corsMaxAgeSeconds: http.corsMaxAgeSeconds,
    maxBodyBytes: http.maxBodyBytes,
    logger,
    persistedQueriesMax: config.persistedQueries.maxEntries,
    protection: config.protection,
    redisUrl: config.redisUrl,
    redisTimeoutMs: config.redisTimeoutMs,
    ...(persistedOperations ? { persistedOperations } : {}),
    ...(simulator ? { graphiqlHeaders: simulatorHeaders } : {}),
    ...overrides,
  });
  let served: ServedGateway;
  try {
    served = await serveGateway(gateway, http, config.port, config.host);
  } catch (error) {
    await gateway.close();
    await simulator?.close();
    throw error;
  }
  return {
    url: served.url,
    gateway,
    simulator,
    close: async (delayMs = 0) => {
      await served.close(delayMs);
      await simulator?.close();
    },
  };
}

export interface ServedGateway {
  readonly url: string;
  /** See `RunningGateway.close`; closes the gateway too. */
  close(delayMs?: number): Promise<void>;
}

/** Puts a gateway on a port: node:http with timeouts against slow clients, and a graceful stop. */
export async function serveGateway(gateway: Gateway, http: HttpSettings, port: number, hostname: string): Promise<ServedGateway> {
  let draining = false;

  const server = createServer(
    {
      headersTimeout: http.headersTimeoutMs,
      requestTimeout: http.requestTimeoutMs,
      // Node checks those two timeouts only this often (30 s by default).
      connectionsCheckingInterval: Math.max(50, Math.min(5_000, Math.floor(http.headersTimeoutMs / 2))),
    },
    (request, response) => {
      // Shutting down: clients are moved to new connections, which the load balancer sends elsewhere.
      if (draining) response.setHeader('connection', 'close');
      gateway.handle(request, response);
    },
  );
  server.keepAliveTimeout = http.keepAliveTimeoutMs;
  server.on('clientError', answerClientError);

  const address = await listen(server, port, hostname);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    close: async (delayMs = 0) => {
      draining = true;
      gateway.startDraining();
      if (delayMs > 0) await sleep(delayMs);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Connections go idle as their last request finishes; close each then, and every one at the end of the grace.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const deadline = setTimeout(() => server.closeAllConnections(), http.shutdownGraceMs);
      server.closeIdleConnections();
      await closed;
      clearInterval(sweep);
      clearTimeout(deadline);
      await gateway.close();
    },
  };
}
