/**
 * A real HTTP server on loopback that records every request and answers as told: the stand-in
 * for the REST API in wire tests. It knows nothing of the catalog, so it checks the gateway
 * independently of the code under test.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The client's port: one per connection. */
  remotePort: number | undefined;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Answer after this long. */
  delayMs?: number;
  /** Answer (or reset) only once this settles: holds the answer until the test has seen what it needs. */
  until?: Promise<unknown>;
  /** Drop the connection instead of answering. */
  reset?: boolean;
}

export interface RecordingUpstream {
  url: string;
  requests: Recorded[];
  /** How the next requests are answered (default: 202, no body). */
  reply(reply: Reply | ((request: Recorded) => Reply)): void;
  /** Settles once `requests` holds `count` (tests may empty it between steps). */
  received(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startRecordingUpstream(): Promise<RecordingUpstream> {
  const requests: Recorded[] = [];
  let replyWith: (request: Recorded) => Reply = () => ({ status: 202 });
  const waiting: Array<{ count: number; resolve: () => void }> = [];
  const record = (recorded: Recorded) => {
    requests.push(recorded);
    for (const waiter of waiting.filter((entry) => requests.length >= entry.count)) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve();
    }
  };

  const send = (response: ServerResponse, reply: Reply) => {
    response.writeHead(reply.status, reply.headers);
    response.end(reply.body);
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const recorded = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        remotePort: request.socket.remotePort,
      };
      record(recorded);
      const reply = replyWith(recorded);
      const act = () => (reply.reset ? request.socket.destroy() : send(response, reply));
      const answer = () => (reply.delayMs ? setTimeout(act, reply.delayMs) : act());
      if (reply.until) void reply.until.then(answer, answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (reply) => {
      replyWith = typeof reply === 'function' ? reply : () => reply;
    },
    received: (count) =>
      requests.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
