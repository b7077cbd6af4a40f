/**
 * `agentEvents` subscriptions as plain clients send them over each transport of the gateway, read
 * in the background: GraphQL over SSE (read with `eventsource-parser`, so that the `id:` lines can
 * be seen), multipart (read with `meros`, as Apollo Client's own reader does) and
 * `graphql-transport-ws` (graphql-ws's client on `ws`). Plus the agent session that makes the
 * simulator emit events, and waits for conditions with bounds generous enough for a loaded machine.
 */
import { createParser } from 'eventsource-parser';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { meros } from 'meros/browser';
import WebSocket from 'ws';
import type { AgentEvent } from '../../src/events/agent-event.js';
import type { RunningGateway } from '../../src/server/serve.js';
import { metricValue, waitFor } from './event-hubs.js';

export const AGENT_EVENTS = `subscription Events($after: ID, $kinds: [String!]) {
  agentEvents(after: $after, kinds: $kinds) { id sequenceNumber kind category occurredAt receivedAt payload }
}`;

/** An `agentEvents` result as a client reads it: the gateway's event, its payload a JSON object. */
export type AgentEventData = Omit<AgentEvent, 'payload'> & { readonly payload: Record<string, unknown> };

export interface WireError {
  readonly message: string;
  readonly extensions?: { readonly code?: string } & Record<string, unknown>;
}

export interface StreamResult {
  readonly data?: { readonly agentEvents: AgentEventData } | null;
  readonly errors?: readonly WireError[];
}

export interface Operation {
  readonly query?: string;
  readonly variables?: Record<string, unknown>;
}

/** How a stream finished: the server completed it, the connection closed without completion, or it failed. */
export type Finish = 'complete' | 'closed' | { readonly failed: unknown };

export interface OpenStream {
  /** The HTTP status (101 over WebSocket). */
  readonly status: number;
  readonly contentType: string | null;
  /** A body that is no stream (a refusal), parsed as JSON. */
  readonly body?: unknown;
  /** Every result, in order (heartbeats left out). */
  readonly results: StreamResult[];
  /** SSE: each `next` event's `id:` line, in order (undefined where it has none). */
  readonly ids: (string | undefined)[];
  /** Settles when the stream has finished. */
  readonly finished: Promise<Finish>;
  /** The agent events received so far. */
  events(): AgentEventData[];
  /** Waits until `count` events have arrived; returns them. */
  until(count: number, withinMs?: number): Promise<AgentEventData[]>;
  /** Waits until the stream has finished; returns the ending code (or undefined) and how. */
  ended(withinMs?: number): Promise<{ readonly code: string | undefined; readonly finish: Finish }>;
  /** Leaves: aborts the request, or completes the subscription over WebSocket. */
  close(): Promise<void>;
}

/** `waitFor`, with the longer bound these end-to-end waits take on a loaded machine. */
export const waitUntil = (what: string, condition: () => boolean | Promise<boolean>, withinMs = 30_000): Promise<void> => waitFor(what, condition, withinMs);

function within<T>(what: string, promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Not within ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The parts every transport shares: the results, the waits. */
function streamOf(init: {
  status: number;
  contentType: string | null;
  body?: unknown;
  results: StreamResult[];
  ids: (string | undefined)[];
  finished: Promise<Finish>;
  close: () => Promise<void>;
}): OpenStream {
  const events = () => init.results.flatMap((result) => (result.data?.agentEvents ? [result.data.agentEvents] : []));
  return {
    ...init,
    events,
    until: async (count, withinMs = 30_000) => {
      let finish: Finish | undefined;
      void init.finished.then((value) => (finish = value));
      await waitUntil(`${count} events (have ${events().length})`, () => {
        if (events().length >= count) return true;
        if (finish !== undefined) throw new Error(`The stream finished (${JSON.stringify(finish)}) after ${events().length} events: ${JSON.stringify(init.results.at(-1))}`);
        return false;
      }, withinMs);
      return events().slice(0, count);
    },
    ended: async (withinMs = 30_000) => {
      const finish = await within('the stream to finish', init.finished, withinMs);
      return { code: init.results.at(-1)?.errors?.[0]?.extensions?.code, finish };
    },
  };
}

export interface HttpSubscribe extends Operation {
  readonly method?: 'GET' | 'POST';
  /** Default `text/event-stream`; null: no Accept header at all. */
  readonly accept?: string | null;
  readonly headers?: Record<string, string>;
}

function httpRequest(url: string, { method = 'POST', accept = 'text/event-stream', headers = {}, query = AGENT_EVENTS, variables = {} }: HttpSubscribe, signal: AbortSignal): Promise<Response> {
  const sent: Record<string, string> = { ...headers, ...(accept === null ? {} : { accept }) };
  if (method === 'GET') {
    const search = new URLSearchParams({ query, variables: JSON.stringify(variables) });
    return fetch(`${url}/graphql?${search.toString()}`, { headers: sent, signal });
  }
  return fetch(`${url}/graphql`, { method, headers: { 'content-type': 'application/json', ...sent }, body: JSON.stringify({ query, variables }), signal });
}

async function refusalOf(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Subscribes over HTTP and reads the answer as SSE or multipart, by its content type. */
export async function subscribeHttp(url: string, options: HttpSubscribe = {}): Promise<OpenStream> {
  const abort = new AbortController();
  const response = await httpRequest(url, options, abort.signal);
  const contentType = response.headers.get('content-type');
  const results: StreamResult[] = [];
  const ids: (string | undefined)[] = [];
  const close = async () => abort.abort();
  const base = { status: response.status, contentType, results, ids, close };
  if (contentType?.startsWith('text/event-stream')) return streamOf({ ...base, finished: readSse(response, results, ids) });
  if (contentType?.startsWith('multipart/mixed')) return streamOf({ ...base, finished: readMultipart(response, results) });
  return streamOf({ ...base, body: await refusalOf(response), finished: Promise.resolve('closed') });
}

async function readSse(response: Response, results: StreamResult[], ids: (string | undefined)[]): Promise<Finish> {
  let completed = false;
  const parser = createParser({
    onEvent(message) {
      if (message.event === 'complete') completed = true;
      else if (message.event === 'next') {
        ids.push(message.id);
        results.push(JSON.parse(message.data) as StreamResult);
      }
    },
  });
  try {
    const decoder = new TextDecoder();
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) parser.feed(decoder.decode(read.value, { stream: true }));
  } catch (error) {
    return completed ? 'complete' : { failed: error };
  }
  return completed ? 'complete' : 'closed';
}

async function readMultipart(response: Response, results: StreamResult[]): Promise<Finish> {
  // meros stops at the closing delimiter and at the end of the body alike: the tail tells them apart.
  let tail = '';
  const decoder = new TextDecoder();
  const watched = (response.body as ReadableStream<Uint8Array>).pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        tail = (tail + decoder.decode(chunk, { stream: true })).slice(-64);
        controller.enqueue(chunk);
      },
    }),
  );
  try {
    const parts = await meros<Record<string, unknown>>(new Response(watched, { headers: response.headers }));
    if (parts instanceof Response) return { failed: new Error('not a multipart answer') };
    for await (const part of parts) {
      if (!part.json) continue;
      const body = part.body;
      // Apollo's protocol: each result inside `payload`, `{}` a heartbeat.
      if ('payload' in body) results.push(body.payload as StreamResult);
      else if (Object.keys(body).length > 0) results.push(body as StreamResult);
    }
  } catch (error) {
    return { failed: error };
  }
  return /--graphql--\r\n$/.test(tail) ? 'complete' : 'closed';
}

export interface WebSocketSubscribe extends Operation {
  readonly connectionParams?: Record<string, unknown>;
  /** Headers of the upgrade request (which the gateway does not read). */
  readonly upgradeHeaders?: Record<string, string>;
}

/** Subscribes over `graphql-transport-ws` with graphql-ws's own client. */
export async function subscribeWebSocket(url: string, { connectionParams = {}, upgradeHeaders = {}, query = AGENT_EVENTS, variables = {} }: WebSocketSubscribe = {}): Promise<OpenStream & { readonly client: WsClient }> {
  const results: StreamResult[] = [];
  class UpgradeWithHeaders extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: upgradeHeaders });
    }
  }
  const client = createClient({ url: `${url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: UpgradeWithHeaders, connectionParams, retryAttempts: 0, lazy: true });
  let unsubscribe = () => {};
  const finished = new Promise<Finish>((resolve) => {
    unsubscribe = client.subscribe<StreamResult['data']>(
      { query, variables },
      {
        next: (result) => void results.push(result as StreamResult),
        complete: () => resolve('complete'),
        error: (error) => resolve({ failed: error }),
      },
    );
  });
  const stream = streamOf({
    status: 101,
    contentType: null,
    results,
    ids: [],
    finished,
    close: async () => {
      unsubscribe();
      await client.dispose();
    },
  });
  return { ...stream, client };
}

/** Waits until the gateway counts `count` open subscriptions (each is then established). */
export const untilActive = (running: RunningGateway, count: number): Promise<void> =>
  waitUntil(`subscriptions_active = ${count}`, async () => (await metricValue(running.gateway.metrics, 'subscriptions_active')) === count);

/** How many subscriptions the gateway has ended for `reason` (`client`, or an ending code in lower case). */
export const endedCount = (running: RunningGateway, reason: string): Promise<number> => metricValue(running.gateway.metrics, 'subscriptions_ended_total', { reason });

/** Waits until the gateway has ended `count` subscriptions for `reason`. */
export const untilEnded = (running: RunningGateway, reason: string, count: number): Promise<void> =>
  waitUntil(`subscriptions_ended_total{reason="${reason}"} = ${count}`, async () => (await endedCount(running, reason)) >= count);

/** Waits until the simulator holds a retrieval of `sessionId`: its poller is up. */
export const untilPolled = (running: RunningGateway, sessionId: string): Promise<void> =>
  waitUntil('a retrieval of the session held', () => (running.simulator?.streaming.get(sessionId)?.retrievalsInFlight ?? 0) > 0);

/** Waits until the simulator sees no retrieval of `sessionId`: the held one abandoned. */
export const untilNotPolled = (running: RunningGateway, sessionId: string): Promise<void> =>
  waitUntil('the held retrieval abandoned', () => (running.simulator?.streaming.get(sessionId)?.retrievalsInFlight ?? 0) === 0);

export const credentials = { authorization: 'Bearer test-access-token', 'x-api-key': 'test-api-key' } as const;

/** The commands of a short agent session and the session's own mutations, one document each (Apollo Client runs one operation per document). */
export const AGENT_SESSION = {
  Connect: 'mutation Connect($userId: ID!) { userConnect(userId: $userId, input: { attach: false, initialState: NOT_READY, station: "9785551212" }) { __typename } }',
  Ready: 'mutation Ready($userId: ID!) { userReady(userId: $userId, input: { ehubSessionId: "4875" }) { __typename } }',
  Statistics: 'mutation Statistics($userId: ID!) { userAgentStatistics(userId: $userId, input: { ehubSessionId: "4875" }) { __typename } }',
  KeepAlive: 'mutation KeepAlive($userId: ID!, $at: DateTime!) { userKeepAlive(userId: $userId, input: { ehubSessionId: "4875", requestTimestamp: $at }) { __typename } }',
  Create:
    'mutation Create($input: StreamingSessionInput) { streamingSessionCreate(input: $input) { __typename ... on StreamingSession { id creationTime inactivityDelay } ... on Error { message } ... on ValidationError { field } } }',
  Delete: 'mutation Delete { streamingSessionDelete { __typename ... on StreamingSessionDeleted { id } ... on Error { message } ... on ValidationError { field } } }',
} as const;

export type SessionOperation = keyof typeof AGENT_SESSION;

export const KEEP_ALIVE_AT = '2030-01-02T03:04:05.000Z';

/** The kinds the agent session makes the simulator emit, in order. */
export const AGENT_SESSION_KINDS = [
  'engagementCenter.NewWorkType',
  'engagementCenter.NewWorkType',
  'engagementCenter.NewWorkType',
  'simulator.AgentStateChanged',
  'simulator.AgentStateChanged',
  'engagementCenter.AgentStatistics',
  'engagementCenter.KeepAlive',
] as const;

/** Sends one operation of `AGENT_SESSION` as a plain client would; returns its JSON body. */
export async function sendOperation(url: string, operationName: SessionOperation, variables: Record<string, unknown>, headers: Record<string, string>): Promise<{ data?: Record<string, Record<string, unknown> | null>; errors?: unknown[] }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query: AGENT_SESSION[operationName], variables }),
  });
  return (await response.json()) as { data?: Record<string, Record<string, unknown> | null>; errors?: unknown[] };
}

/** Creates a streaming session through the gateway; returns its id. */
export async function createSession(url: string, headers: Record<string, string> = credentials): Promise<string> {
  const body = await sendOperation(url, 'Create', {}, headers);
  const created = body.data?.streamingSessionCreate;
  if (created?.__typename !== 'StreamingSession') throw new Error(`streamingSessionCreate answered ${JSON.stringify(body)}`);
  return created.id as string;
}

/** Runs connect → ready → agentStatistics → keepAlive for `userId` in the session; each must be accepted. */
export async function runAgentSession(url: string, sessionId: string, userId = 'agent-1', headers: Record<string, string> = credentials): Promise<void> {
  const steps: Array<[SessionOperation, Record<string, unknown>]> = [
    ['Connect', { userId }],
    ['Ready', { userId }],
    ['Statistics', { userId }],
    ['KeepAlive', { userId, at: KEEP_ALIVE_AT }],
  ];
  for (const [operationName, variables] of steps) {
    const body = await sendOperation(url, operationName, variables, { ...headers, 'via-client-sessionid': sessionId });
    const outcome = Object.values(body.data ?? {})[0];
    if (outcome?.__typename !== 'UserCommandAccepted') throw new Error(`${operationName} answered ${JSON.stringify(body)}`);
  }
}
