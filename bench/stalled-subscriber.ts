/**
 * A subscriber that stops reading while events flow, over SSE (node:http, its response paused) or
 * WebSocket (`ws`, speaking `graphql-transport-ws`, its socket paused): the gateway must end it
 * with SUBSCRIBER_TOO_SLOW rather than hold its events without bound. The client libraries keep
 * reading whatever their caller does, so this one is written against the wire: pausing the stream
 * stops reading the socket, and the operating system's buffers fill. Resumed, it reads what was
 * held and the ending.
 */
import { request, type IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { agentEventsQuery, MARKER_KIND, type Credentials, type Transport } from './event-subscribers.js';

export interface StalledSubscriber {
  /** Settles once it has received a marker: it is established and delivering. */
  readonly established: Promise<void>;
  /** Stops reading. */
  stall(): void;
  /** Reads again, to the end: the events it got before its ending, and the ending's code (`complete` without one). */
  resume(): Promise<{ readonly events: number; readonly ending: string }>;
  close(): void;
}

interface Received {
  events: number;
  /** The last `next` result: the ending when it carries errors. */
  last: unknown;
}

const codeOf = (result: unknown): string | undefined => {
  const code = (result as { errors?: Array<{ extensions?: { code?: unknown } }> } | undefined)?.errors?.[0]?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
};

/** The events before the ending, and its code. */
const outcome = (received: Received) => {
  const code = codeOf(received.last);
  return { events: received.events - (code ? 1 : 0), ending: code ?? 'complete' };
};

const isMarker = (result: unknown): boolean => (result as { data?: { agentEvents?: { kind?: unknown } } }).data?.agentEvents?.kind === MARKER_KIND;

function stalledSse(url: string, credentials: Credentials): StalledSubscriber {
  const received: Received = { events: 0, last: undefined };
  let established: () => void = () => undefined;
  let finished: (error?: Error) => void = () => undefined;
  const establishing = new Promise<void>((resolve) => (established = resolve));
  const finishing = new Promise<void>((resolve, reject) => (finished = (error) => (error ? reject(error) : resolve())));
  finishing.catch(() => undefined);
  const body = JSON.stringify({ query: agentEventsQuery });
  const target = new URL('/graphql', url);
  const outgoing = request(target, {
    method: 'POST',
    headers: { ...credentials, 'content-type': 'application/json', accept: 'text/event-stream', 'content-length': Buffer.byteLength(body) },
  });
  let response: IncomingMessage | undefined;
  outgoing.on('response', (incoming) => {
    response = incoming;
    incoming.setEncoding('utf8');
    let carry = '';
    incoming.on('data', (chunk: string) => {
      const blocks = (carry + chunk).split('\n\n');
      carry = blocks.pop() ?? '';
      for (const block of blocks) {
        if (!block.startsWith('event: next')) continue;
        const data = block.slice(block.indexOf('\ndata: ') + 7);
        received.events += 1;
        // Only the first few and the last need parsing: the markers come first.
        if (received.events <= 10) {
          const result: unknown = JSON.parse(data);
          if (isMarker(result)) established();
        }
        received.last = data;
      }
    });
    incoming.on('end', () => {
      if (typeof received.last === 'string') received.last = JSON.parse(received.last);
      finished();
    });
    incoming.on('error', (error) => finished(error));
  });
  outgoing.on('error', (error) => finished(error));
  outgoing.end(body);
  return {
    established: establishing,
    stall: () => response?.pause(),
    resume: async () => {
      response?.resume();
      await finishing;
      return outcome(received);
    },
    close: () => outgoing.destroy(),
  };
}

function stalledWs(url: string, credentials: Credentials): StalledSubscriber {
  const received: Received = { events: 0, last: undefined };
  let established: () => void = () => undefined;
  let finished: (error?: Error) => void = () => undefined;
  const establishing = new Promise<void>((resolve) => (established = resolve));
  const finishing = new Promise<void>((resolve, reject) => (finished = (error) => (error ? reject(error) : resolve())));
  finishing.catch(() => undefined);
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: credentials })));
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { type: string; payload?: unknown };
    if (message.type === 'connection_ack') socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: agentEventsQuery } }));
    else if (message.type === 'next') {
      received.events += 1;
      received.last = message.payload;
      if (isMarker(message.payload)) established();
    } else if (message.type === 'complete') finished();
    else if (message.type === 'error') finished(new Error(`subscription refused: ${JSON.stringify(message.payload)}`));
  });
  socket.on('close', (code) => finished(new Error(`the socket closed (${code}) before the subscription completed`)));
  socket.on('error', (error) => finished(error));
  return {
    established: establishing,
    stall: () => socket.pause(),
    resume: async () => {
      socket.resume();
      await finishing;
      return outcome(received);
    },
    close: () => socket.terminate(),
  };
}

export const openStalledSubscriber = (transport: Transport, url: string, credentials: Credentials): StalledSubscriber =>
  transport === 'sse' ? stalledSse(url, credentials) : stalledWs(url, credentials);
