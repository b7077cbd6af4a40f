/**
 * Puts the gateway on a port: starts the built-in simulator when no upstream is configured, serves
 * over node:http with timeouts against slow clients, and shuts down gracefully (`/ready` first).
 */
import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GatewayConfig, HttpSettings } from '../config/read-config.js';
import { SIMULATOR_ORGANIZATION } from '../config/table.js';
import { createGateway, GRAPHQL_ENDPOINT, type Gateway, type GatewayOptions } from '../gateway/index.js';
import { createLogger } from '../observability/logger.js';
import { simulatorHeaders } from '../plugins/graphiql-tabs.js';
import { requestIdFrom } from '../plugins/use-request-id.js';
import { refusalBody, refusals, type RefusalName } from '../refusals.js';
import { startSimulator, type Simulator } from '../simulator/simulator.js';
import { answerClientError } from './client-errors.js';
import { serveWebSocket } from './websocket.js';

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

/** A host name or address with an optional port: most Host headers are judged by this alone. */
const PLAIN_HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$/;
const hostIsValid = (host: string | undefined): boolean => host === undefined || PLAIN_HOST.test(host) || URL.canParse(`http://${host}/`);

/** A refusal from the table, answered before Yoga sees the request; the connection is not reused. */
function refuse(response: ServerResponse, name: RefusalName, requestId: string | string[] | undefined): void {
  const body = refusalBody(name);
  response.writeHead(refusals[name].status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-request-id': requestIdFrom(Array.isArray(requestId) ? requestId[0] : requestId),
    connection: 'close',
  });
  response.end(body);
}

/** Listens, or rejects with the server's error (a port taken, an address not ours). */
async function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  server.listen(port, host);
  await once(server, 'listening');
  return server.address() as AddressInfo;
}

/**
 * The gateway as `npm start` runs it: the configuration as read (`readConfig`), with the built-in
 * simulator as its upstream when `ALVARIA_BASE_URL` is unset. `options` are for tests and embedders:
 * a logger, tracing, a dispatcher, plugins of their own.
 */
export async function startGateway(config: GatewayConfig, options: Omit<GatewayOptions, 'config'> = {}): Promise<RunningGateway> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const simulator = config.baseUrl === null ? await startSimulator(config.simulator) : null;
  if (simulator) logger.info({ simulator: simulator.url }, `No ALVARIA_BASE_URL set: using the built-in Engagement Center simulator at ${simulator.url}`);
  const gateway = createGateway({
    // A session of the simulator's, kept a day without polling, so that GraphiQL's Events tab works at once.
    ...(simulator ? { graphiqlHeaders: simulatorHeaders(simulator.createSession(config.defaultOrganization ?? SIMULATOR_ORGANIZATION, { inactivityDelay: 86_400 })) } : {}),
    ...options,
    logger,
    config: simulator ? { ...config, baseUrl: simulator.url } : config,
  });
  let served: ServedGateway;
  try {
    served = await serveGateway(gateway, config.http, config.port, config.host);
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
      // A Host that names no host cannot become a request URL: refused here, on every path (RFC 9112 §3.2).
      if (!hostIsValid(request.headers.host)) {
        refuse(response, 'badHost', request.headers['x-request-id']);
        return;
      }
      gateway.handle(request, response);
    },
  );
  server.keepAliveTimeout = http.keepAliveTimeoutMs;
  server.on('clientError', answerClientError);
  const websocket = serveWebSocket(server, gateway, GRAPHQL_ENDPOINT);

  const address = await listen(server, port, hostname);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    close: async (delayMs = 0) => {
      draining = true;
      gateway.startDraining();
      if (delayMs > 0) await sleep(delayMs);
      // Stops accepting: open subscriptions end (SHUTTING_DOWN), so their streams and sockets close too.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.stopSubscriptions();
      await websocket.close();
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
