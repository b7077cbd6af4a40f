/**
 * Real GraphQL clients receiving an agent's events through the gateway as `npm start` runs it
 * (`startGateway` with its own simulator, over real HTTP and WebSocket on loopback), each set up
 * as its documentation says, with no link or exchange of our own: Apollo Client 4 over its plain
 * `HttpLink` (Apollo's multipart subscription protocol), Apollo Client 4 over `GraphQLWsLink`
 * (graphql-ws, credentials in `connection_init`), and urql 6 with `subscriptionExchange` over
 * graphql-sse (distinct connections mode). Each creates a streaming session through the client,
 * subscribes to `agentEvents`, runs connect → ready → agentStatistics → keepAlive with the session
 * id in `via-client-sessionid`, and receives the session's events in order, each once; deleting
 * the session ends its subscription with `STREAMING_SESSION_GONE`, which the client sees.
 */
import { readFileSync } from 'node:fs';
import { ApolloClient, ApolloLink, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { isSubscriptionOperation } from '@apollo/client/utilities';
import { Client as UrqlClient, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readConfig } from '../src/config/read-config.js';
import { startGateway, type RunningGateway } from '../src/server/serve.js';
import { silentLogger } from './helpers/logs.js';
import { AGENT_EVENTS, AGENT_SESSION, AGENT_SESSION_KINDS, credentials, KEEP_ALIVE_AT, untilPolled, waitUntil, type AgentEventData, type SessionOperation } from './helpers/subscriptions.js';

// GraphQLWsLink reads the global WebSocket when an error arrives; Node 20 has none (apollo-client#11761).
const global = globalThis as { WebSocket?: unknown };
const globalWebSocket = global.WebSocket;
global.WebSocket ??= WebSocket;
afterAll(() => {
  if (globalWebSocket === undefined) delete global.WebSocket;
  else global.WebSocket = globalWebSocket;
});

const { possibleTypes } = JSON.parse(readFileSync(new URL('../possible-types.json', import.meta.url), 'utf8')) as { possibleTypes: Record<string, string[]> };

let running: RunningGateway;
/** The Accept of every HTTP request the gateway served: which transport a client chose. */
const accepts: string[] = [];
beforeAll(async () => {
  running = await startGateway(readConfig({ PORT: '0', HOST: '127.0.0.1' }), {
    logger: silentLogger(),
    plugins: [{ onRequest: ({ request }) => void accepts.push(request.headers.get('accept') ?? '') }],
  });
});
afterAll(async () => {
  await running?.close();
});

const endpoint = () => `${running.url}/graphql`;
const documents = Object.fromEntries(Object.entries(AGENT_SESSION).map(([name, text]) => [name, gql(text)])) as Record<SessionOperation, ReturnType<typeof gql>>;
const agentEvents = gql(AGENT_EVENTS);

/** What a test sees of one client: the session it created, and its subscription's events and ending. */
interface Received {
  readonly events: AgentEventData[];
  /** The error codes of the results that carried errors (the ending). */
  readonly errorCodes: (string | undefined)[];
  readonly completed: Promise<void>;
}

/** One client, driven the same way: create a session, subscribe, run a command, delete the session. */
interface EventsClient {
  createSession(): Promise<string>;
  subscribe(sessionId: string): Received;
  command(sessionId: string, operationName: SessionOperation, variables: Record<string, unknown>): Promise<string>;
  deleteSession(sessionId: string): Promise<string>;
  close(): Promise<void> | void;
}

function receiving(): Received & { push(data: unknown, codes?: (string | undefined)[]): void; done(): void } {
  const events: AgentEventData[] = [];
  const errorCodes: (string | undefined)[] = [];
  let done = () => {};
  const completed = new Promise<void>((resolve) => (done = resolve));
  return {
    events,
    errorCodes,
    completed,
    push(data, codes = []) {
      const event = (data as { agentEvents?: AgentEventData } | null | undefined)?.agentEvents;
      if (event) events.push(event);
      errorCodes.push(...codes);
    },
    done: () => done(),
  };
}

const codesOf = (error: unknown): (string | undefined)[] =>
  ((error as { errors?: { extensions?: { code?: string } }[] } | undefined)?.errors ?? [{}]).map((entry) => entry.extensions?.code);

/** Apollo Client 4 with `link`; commands go with the session in `context.headers`. */
function apolloClient(link: ApolloLink): EventsClient {
  const client = new ApolloClient({ cache: new InMemoryCache({ possibleTypes }), link });
  const run = async (operationName: SessionOperation, variables: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const { data } = await client.mutate<Record<string, { __typename: string; id?: string }>>({ mutation: documents[operationName], variables, context: { headers } });
    return Object.values(data ?? {})[0];
  };
  return {
    async createSession() {
      const created = await run('Create', {});
      expect(created?.__typename).toBe('StreamingSession');
      return created?.id ?? '';
    },
    subscribe(sessionId) {
      const received = receiving();
      client.subscribe({ query: agentEvents, context: { headers: { 'via-client-sessionid': sessionId } } }).subscribe({
        next: (result) => received.push(result.data, result.error ? codesOf(result.error) : []),
        error: (error: unknown) => {
          received.push(null, codesOf(error));
          received.done();
        },
        complete: () => received.done(),
      });
      return received;
    },
    command: async (sessionId, operationName, variables) => (await run(operationName, variables, { 'via-client-sessionid': sessionId }))?.__typename ?? '',
    deleteSession: async (sessionId) => (await run('Delete', {}, { 'via-client-sessionid': sessionId }))?.__typename ?? '',
    close: () => client.stop(),
  };
}

/** The Accept a subscription over HTTP goes with: Apollo's multipart, graphql-sse's SSE. */
const apolloMultipartAccept = /^multipart\/mixed;boundary=graphql;subscriptionSpec=1\.0,/;
const graphqlSseAccept = /^text\/event-stream$/;
const subscriptionAccepts = [apolloMultipartAccept, graphqlSseAccept];

describe.each([
  [
    'Apollo Client 4 over HttpLink (multipart subscriptions)',
    apolloMultipartAccept,
    (): EventsClient =>
      // README: Apollo Client over HTTP alone.
      apolloClient(new HttpLink({ uri: endpoint(), headers: { ...credentials } })),
  ],
  [
    'Apollo Client 4 over GraphQLWsLink (graphql-ws)',
    null,
    (): EventsClient => {
      // README: subscriptions over WebSocket, the rest over HTTP; the credentials of the socket go in connection_init.
      let sessionId = '';
      const http = new HttpLink({ uri: endpoint(), headers: { ...credentials } });
      const ws = new GraphQLWsLink(
        createWsClient({
          url: endpoint().replace(/^http/, 'ws'),
          connectionParams: () => ({ ...credentials, 'via-client-sessionid': sessionId }),
        }),
      );
      const client = apolloClient(ApolloLink.split(({ query }) => isSubscriptionOperation(query), ws, http));
      return {
        ...client,
        subscribe(id) {
          sessionId = id;
          return client.subscribe(id);
        },
      };
    },
  ],
  [
    'urql 6 with subscriptionExchange over graphql-sse',
    graphqlSseAccept,
    (): EventsClient => {
      // README: urql's subscriptionExchange over graphql-sse, one SSE connection per subscription (distinct connections).
      const client = new UrqlClient({
        url: endpoint(),
        fetchOptions: { headers: { ...credentials } },
        exchanges: [
          fetchExchange,
          subscriptionExchange({
            forwardSubscription(request, operation) {
              const { fetchOptions } = operation.context;
              const options = typeof fetchOptions === 'function' ? fetchOptions() : (fetchOptions ?? {});
              const sse = createSseClient({ url: operation.context.url, headers: options.headers as Record<string, string> });
              return {
                subscribe: (sink) => ({ unsubscribe: sse.subscribe({ ...request, query: request.query ?? '' }, sink) }),
              };
            },
          }),
        ],
      });
      const headersWith = (sessionId?: string) => ({ fetchOptions: { headers: { ...credentials, ...(sessionId ? { 'via-client-sessionid': sessionId } : {}) } } });
      const run = async (operationName: SessionOperation, variables: Record<string, unknown>, sessionId?: string) => {
        const result = await client.mutation(documents[operationName], variables, headersWith(sessionId)).toPromise();
        return Object.values((result.data ?? {}) as Record<string, { __typename: string; id?: string }>)[0];
      };
      let unsubscribe = () => {};
      return {
        async createSession() {
          const created = await run('Create', {});
          expect(created?.__typename).toBe('StreamingSession');
          return created?.id ?? '';
        },
        subscribe(sessionId) {
          const received = receiving();
          ({ unsubscribe } = client.subscription(agentEvents, {}, headersWith(sessionId)).subscribe((result) => {
            // urql keeps the last data beside a later error (an ending carries none of its own).
            if (!result.error) received.push(result.data);
            else {
              received.push(null, result.error.graphQLErrors.map((error) => error.extensions.code as string | undefined));
              received.done();
            }
          }));
          return received;
        },
        command: async (sessionId, operationName, variables) => (await run(operationName, variables, sessionId))?.__typename ?? '',
        deleteSession: async (sessionId) => (await run('Delete', {}, sessionId))?.__typename ?? '',
        close: () => unsubscribe(),
      };
    },
  ],
] as const)('%s', (_, subscriptionAccept, makeClient) => {
  it("receives the agent session's events in order, each once, and sees the ending when the session is deleted", async () => {
    accepts.length = 0;
    const client = makeClient();
    try {
      const userId = 'agent-1';
      const sessionId = await client.createSession();
      expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
      const received = client.subscribe(sessionId);
      await untilPolled(running, sessionId);
      // The transport the client chose (none over HTTP for the WebSocket link).
      const subscribedOverHttp = accepts.filter((accept) => subscriptionAccepts.some((pattern) => pattern.test(accept)));
      expect(subscribedOverHttp).toEqual(subscriptionAccept === null ? [] : [expect.stringMatching(subscriptionAccept)]);

      for (const [operationName, variables] of [
        ['Connect', { userId }],
        ['Ready', { userId }],
        ['Statistics', { userId }],
        ['KeepAlive', { userId, at: KEEP_ALIVE_AT }],
      ] as const) {
        expect(await client.command(sessionId, operationName, variables), operationName).toBe('UserCommandAccepted');
      }
      await waitUntil(`${AGENT_SESSION_KINDS.length} events (have ${received.events.length})`, () => received.events.length >= AGENT_SESSION_KINDS.length);

      const events = received.events;
      expect(events.map((event) => event.kind)).toEqual(AGENT_SESSION_KINDS);
      expect(events.map((event) => event.category)).toEqual(AGENT_SESSION_KINDS.map((kind) => kind.split('.')[0]));
      const sequence = events.map((event) => event.sequenceNumber);
      expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
      expect(new Set(sequence).size).toBe(sequence.length);
      expect(events.map((event) => event.id)).toEqual(sequence.map(String));
      for (const event of events) {
        expect(Date.parse(event.receivedAt)).not.toBeNaN();
        expect(event.occurredAt === null || !Number.isNaN(Date.parse(event.occurredAt))).toBe(true);
      }
      expect(events.slice(0, 3).map((event) => event.payload)).toEqual([
        { userId, workTypeId: 'wt-voice-inbound' },
        { userId, workTypeId: 'wt-chat' },
        { userId, workTypeId: 'wt-email' },
      ]);
      expect(events[3]?.payload).toMatchObject({ userId, state: 'NotReady' });
      expect(events[4]?.payload).toMatchObject({ userId, state: 'Idle' });
      expect(events[5]?.payload).toMatchObject({ userId });
      expect(new Date(String(events[6]?.payload.requestTimestamp)).toISOString()).toBe(KEEP_ALIVE_AT);

      // One more command: its event comes next, and nothing came twice in between.
      expect(await client.command(sessionId, 'Statistics', { userId })).toBe('UserCommandAccepted');
      await waitUntil('the eighth event', () => received.events.length >= 8);
      expect(received.events.slice(7).map((event) => [event.kind, event.sequenceNumber])).toEqual([['engagementCenter.AgentStatistics', (sequence.at(-1) ?? 0) + 1]]);

      // Deleting the session through the client ends its subscription, and the client is told why.
      expect(await client.deleteSession(sessionId)).toBe('StreamingSessionDeleted');
      await received.completed;
      expect(received.errorCodes).toEqual(['STREAMING_SESSION_GONE']);
      expect(received.events).toHaveLength(8);
    } finally {
      await client.close();
    }
  });
});
