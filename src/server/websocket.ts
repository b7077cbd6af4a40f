/**
 * GraphQL over WebSocket (the `graphql-transport-ws` protocol, `graphql-ws` on `ws`) on the same
 * port and path as HTTP, running every operation through the same Yoga instance (its parse and
 * validation cache, its plugins, its masking). The connection's credentials are the
 * `connection_init` payload's (`connectionHeaders`); the upgrade request's headers are not read.
 * A subscription's ending (a GraphQL error with its code) is sent as its last `next` result, then
 * `complete`, as over SSE: graphql-ws would send it as an `error` message without its code. At
 * shutdown the sockets close only once the operations have sent their last message (the
 * `SHUTTING_DOWN` ending and `complete`), or after a while.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { isAsyncIterable, mapAsyncIterator } from 'graphql-yoga';
import { WebSocketServer, type WebSocket } from 'ws';
import { connectionHeaders, type ConnectionContext, type Gateway } from '../gateway/index.js';
import { isGraphQLPath } from '../plugins/graphql-path.js';
import { wireError, wireResult } from '../plugins/result-json.js';

interface Enveloped {
  readonly execute: (args: ExecutionArgs) => unknown;
  readonly subscribe: (args: ExecutionArgs) => unknown;
}

/**
 * A stream whose ending is a GraphQL error: that error becomes the last result. Not an async
 * generator: one waiting for the next event queues `return()` (the client closed the socket)
 * behind that event, so the subscription would stay open until its session's next event.
 */
const endingAsResult = (results: AsyncIterable<ExecutionResult>): AsyncIterableIterator<ExecutionResult> =>
  mapAsyncIterator(
    results,
    (result: ExecutionResult) => result,
    (error: unknown): ExecutionResult => {
      if (!(error instanceof GraphQLError)) throw error;
      return { errors: [error] };
    },
  );

/** The longest wait at shutdown for the operations' last messages before the sockets close. */
const LAST_MESSAGES_MS = 5_000;

/** The operations under way on each connection, each settled once its last message is on its way. */
class OperationsUnderWay {
  private readonly byConnection = new Map<object, Map<string, () => void>>();
  private readonly pending = new Set<Promise<void>>();

  start(connection: object, id: string): void {
    const operations = this.byConnection.get(connection) ?? new Map<string, () => void>();
    this.byConnection.set(connection, operations);
    const done = new Promise<void>((resolve) => operations.set(id, resolve));
    this.pending.add(done);
    void done.then(() => this.pending.delete(done));
  }

  finish(connection: object, id?: string): void {
    const operations = this.byConnection.get(connection);
    for (const [key, resolve] of operations ?? []) {
      if (id !== undefined && key !== id) continue;
      resolve();
      operations?.delete(key);
    }
    if (operations?.size === 0) this.byConnection.delete(connection);
  }

  /** Settles once every operation has settled, or after `ms`; then once the messages sent in reaction are written. */
  async drained(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(this.pending), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
    // graphql-ws sends `complete` right after `onComplete` returns: one turn later it has been handed to the socket.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

export interface WebSocketEndpoint {
  /** Ends every connection (subscriptions have ended first) and stops accepting. */
  close(): Promise<void>;
}

export function serveWebSocket(server: Server, gateway: Gateway, path: string): WebSocketEndpoint {
  const sockets = new WebSocketServer({ noServer: true });
  const underWay = new OperationsUnderWay();
  const disposable = useServer(
    {
      execute: (args) => (args.rootValue as Enveloped).execute(args) as never,
      subscribe: async (args) => {
        const result = await (args.rootValue as Enveloped).subscribe(args);
        return (isAsyncIterable<ExecutionResult>(result) ? endingAsResult(result) : result) as never;
      },
      // Yoga's internal extensions (`http`, `unexpected`) choose HTTP statuses; they never go out.
      onNext: (_context, _id, _payload, _args, result) => wireResult(result) as never,
      // An operation's last message is an `error`, or a `complete`; or the connection closed.
      onError: (context, id, _payload, errors) => {
        underWay.finish(context, id);
        return errors.map(wireError) as never;
      },
      onComplete: (context, id) => underWay.finish(context, id),
      onClose: (context) => underWay.finish(context),
      onSubscribe: async (context, id, payload) => {
        underWay.start(context, id);
        const socket = context.extra.socket as WebSocket;
        const connection: ConnectionContext['connection'] = {
          headers: connectionHeaders(context.connectionParams),
          // graphql-ws waits for each message to be written before the next: at most one is on its way.
          transport: { buffered: () => (socket.bufferedAmount > 0 ? 1 : 0) },
        };
        const enveloped = gateway.yoga.getEnveloped({ connection, params: payload } as never);
        let document;
        try {
          document = enveloped.parse(await gateway.documentOf(payload));
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('The document does not parse.')];
        }
        const errors = enveloped.validate(enveloped.schema, document);
        if (errors.length > 0) return errors;
        return {
          schema: enveloped.schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
          contextValue: await enveloped.contextFactory(),
          rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe } satisfies Enveloped,
        };
      },
    },
    sockets,
  );
  const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const target = (request.url ?? '/').split('?', 1)[0];
    if (!isGraphQLPath(target ?? '', path)) {
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) => sockets.emit('connection', client, request));
  };
  server.on('upgrade', upgrade);
  return {
    close: async () => {
      server.off('upgrade', upgrade);
      await underWay.drained(LAST_MESSAGES_MS);
      for (const client of sockets.clients) client.close(1001, 'Going away: the gateway is shutting down');
      // Closes the WebSocket server too.
      await disposable.dispose();
    },
  };
}
