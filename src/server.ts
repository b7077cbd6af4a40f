/**
 * Puts the gateway on a port: starts the built-in simulator when no upstream is configured,
 * then serves `/graphql` and `/health` over node:http.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerClientError } from './client-errors.js';
import type { GatewayConfig } from './config.js';
import { createGateway } from './gateway.js';
import { startSimulator, type Simulator } from './simulator/simulator.js';

export interface RunningGateway {
  /** Where it listens, e.g. `http://127.0.0.1:4000`. */
  readonly url: string;
  /** The in-process simulator, when no `ALVARIA_BASE_URL` was given. */
  readonly simulator: Simulator | null;
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

export async function startGateway(config: GatewayConfig, log: (line: string) => void = () => {}): Promise<RunningGateway> {
  const simulator = config.baseUrl === null ? await startSimulator() : null;
  const baseUrl = simulator?.url ?? config.baseUrl ?? '';
  if (simulator) log(`No ALVARIA_BASE_URL set: using the built-in Engagement Center simulator at ${simulator.url}`);

  const gateway = createGateway({
    baseUrl,
    defaultOrganization: config.defaultOrganization,
    allowedOrganizations: config.allowedOrganizations,
    defaultApiKey: config.apiKey,
    timeoutMs: config.timeoutMs,
  });
  const server = createServer(gateway.yoga);
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
    simulator,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await gateway.close();
      await simulator?.close();
    },
  };
}
