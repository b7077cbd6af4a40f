/**
 * Puts the gateway on a port: starts the built-in simulator when no upstream is configured, serves
 * over node:http with timeouts against slow clients and a body limit, and shuts down gracefully.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerClientError } from './client-errors.js';
import type { GatewayConfig } from './config.js';
import { createGateway, type Gateway } from './gateway.js';
import { simulatorHeaders } from './graphiql-examples.js';
import { refusalFor, type Refusal } from './http/refusals.js';
import { createLogger, type Logger } from './observability/logger.js';
import { readPersistedDocuments } from './persisted-operations.js';
import { requestIdFrom } from './plugins/request-id.js';
import { startSimulator, type Simulator } from './simulator/simulator.js';

export interface RunningGateway {
  /** Where it listens, e.g. `http://127.0.0.1:4000`. */
  readonly url: string;
  readonly gateway: Gateway;
  /** The in-process simulator, when no `ALVARIA_BASE_URL` was given. */
  readonly simulator: Simulator | null;
  /** Stops accepting, lets requests in flight finish (up to the grace period), then releases everything. */
  close(): Promise<void>;
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

function refuse(response: ServerResponse, refusal: Refusal, requestId: string): void {
  const body = JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
  response.writeHead(refusal.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-request-id': requestId,
    // The body was not read: this connection cannot carry another request.
    connection: 'close',
  });
  response.end(body);
}

export async function startGateway(config: GatewayConfig, logger: Logger = createLogger(config.logLevel)): Promise<RunningGateway> {
  const persistedOperations =
    config.persistedOperationsFile === null
      ? undefined
      : { documents: readPersistedDocuments(config.persistedOperationsFile), onlyKnown: config.persistedOperationsOnly };
  const simulator = config.baseUrl === null ? await startSimulator() : null;
  const baseUrl = simulator?.url ?? config.baseUrl ?? '';
  if (simulator) logger.info({ simulator: simulator.url }, `No ALVARIA_BASE_URL set: using the built-in Engagement Center simulator at ${simulator.url}`);

  const gateway = createGateway({
    baseUrl,
    defaultOrganization: config.defaultOrganization,
    allowedOrganizations: config.allowedOrganizations,
    defaultApiKey: config.apiKey,
    upstream: config.upstream,
    limits: config.limits,
    graphiql: config.http.graphiql,
    corsOrigins: config.http.corsOrigins,
    logger,
    ...(persistedOperations ? { persistedOperations } : {}),
    ...(simulator ? { graphiqlHeaders: simulatorHeaders } : {}),
  });
  const { http } = config;
  let draining = false;

  const server = createServer(
    {
      headersTimeout: http.headersTimeoutMs,
      requestTimeout: http.requestTimeoutMs,
      // Node checks those two timeouts only this often (30 s by default).
      connectionsCheckingInterval: Math.max(50, Math.min(5_000, Math.floor(http.headersTimeoutMs / 2))),
    },
    (request, response) => {
      if (draining) response.setHeader('connection', 'close');
      const refusal = refusalFor(request, http.maxBodyBytes);
      if (refusal) {
        const requestId = requestIdFrom(request.headers['x-request-id']);
        gateway.metrics.graphqlRequests.inc({ operation_type: 'unknown', root_field: 'unknown', status: String(refusal.status) });
        logger.info({ requestId, method: request.method, status: refusal.status, reason: refusal.code }, 'request refused');
        refuse(response, refusal, requestId);
        return;
      }
      gateway.handle(request, response);
    },
  );
  server.keepAliveTimeout = http.keepAliveTimeoutMs;
  server.on('clientError', answerClientError);

  let address: AddressInfo;
  try {
    address = await listen(server, config.port, config.host);
  } catch (error) {
    await gateway.close();
    await simulator?.close();
    throw error;
  }
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    gateway,
    simulator,
    close: async () => {
      draining = true;
      gateway.startDraining();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Connections go idle as their last request finishes; close each then, and every one at the end of the grace.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const deadline = setTimeout(() => server.closeAllConnections(), http.shutdownGraceMs);
      server.closeIdleConnections();
      await closed;
      clearInterval(sweep);
      clearTimeout(deadline);
      await gateway.close();
      await simulator?.close();
    },
  };
}
