/**
 * Subscribers of `agentEvents` as clients open them: over SSE with graphql-sse's client (distinct
 * connections, on Node's fetch), over WebSocket with graphql-ws's client on `ws`, one connection
 * each. Each records what it gets: markers (events that only show that it is established and
 * delivering), then the measured events, checked as they come (consecutive sequence numbers from
 * the first measured one, so none is lost, repeated or out of order), and how it ended.
 */
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';

/** Kinds the events benchmark emits: a marker, and the events it measures. */
export const MARKER_KIND = 'bench.Marker';
export const MEASURED_KIND = 'bench.Measured';

/** Every field of the type, as a client showing events would select them. */
export const agentEventsQuery = 'subscription Events { agentEvents { id sequenceNumber kind category occurredAt receivedAt payload } }';

export type Transport = 'sse' | 'ws';

/** The three credentials of a subscription; the session is `via-client-sessionid`. */
export interface Credentials {
  readonly authorization: string;
  readonly 'x-api-key': string;
  readonly 'via-client-sessionid': string;
}

interface AgentEventData {
  readonly sequenceNumber: number;
  readonly kind: string;
}

interface Result {
  readonly data?: { readonly agentEvents?: AgentEventData } | null;
  readonly errors?: ReadonlyArray<{ readonly extensions?: { readonly code?: unknown } }>;
}

/** What one subscriber received, checked as it arrives. */
export class EventRecord {
  markers = 0;
  /** The sequence number of the first measured event, then of the last one. */
  firstMeasured = 0;
  lastMeasured = 0;
  measured = 0;
  /** Measured events that did not follow the previous one (lost, repeated or out of order). */
  outOfOrder = 0;
  /** `complete`, an ending's code, or a transport error; null while open. */
  ending: string | null = null;
  private waiters: Array<{ readonly done: () => boolean; readonly resolve: () => void }> = [];

  take(result: Result): void {
    const event = result.data?.agentEvents;
    if (event) {
      if (event.kind === MARKER_KIND) this.markers += 1;
      else if (event.kind === MEASURED_KIND) {
        if (this.measured === 0) this.firstMeasured = event.sequenceNumber;
        else if (event.sequenceNumber !== this.lastMeasured + 1) this.outOfOrder += 1;
        this.lastMeasured = event.sequenceNumber;
        this.measured += 1;
      }
    } else {
      const code = result.errors?.[0]?.extensions?.code;
      this.end(typeof code === 'string' ? code : 'an error without a code');
    }
    this.check();
  }

  end(ending: string): void {
    this.ending ??= ending;
    this.check();
  }

  /** Whether it got exactly the measured events `first`…`last`, in order. */
  gotExactly(first: number, last: number): boolean {
    return this.outOfOrder === 0 && this.firstMeasured === first && this.lastMeasured === last && this.measured === last - first + 1;
  }

  /** Settles once `done()` holds (checked on every event) or it ends. */
  until(done: () => boolean): Promise<void> {
    if (done() || this.ending !== null) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ done, resolve }));
  }

  private check(): void {
    if (this.waiters.length === 0) return;
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.done() && this.ending === null) return true;
      waiter.resolve();
      return false;
    });
  }
}

export interface Subscriber {
  readonly record: EventRecord;
  /** Settles once the transport is connected (SSE: the answer's headers; WebSocket: the acknowledged `connection_init`), or it ended. */
  readonly connected: Promise<void>;
  close(): void;
}

function sseSubscriber(url: string, credentials: Credentials): Subscriber {
  const record = new EventRecord();
  const client = createSseClient({ url: `${url}/graphql`, headers: { ...credentials }, retryAttempts: 0 });
  let connected: () => void = () => undefined;
  const connecting = new Promise<void>((resolve) => (connected = resolve));
  const unsubscribe = client.subscribe<never>(
    { query: agentEventsQuery },
    {
      next: (result) => record.take(result as Result),
      error: (error) => record.end(`transport error: ${String(error)}`),
      complete: () => record.end('complete'),
    },
    { connected: () => connected() },
  );
  return {
    record,
    connected: Promise.race([connecting, record.until(() => false)]),
    close: () => {
      unsubscribe();
      client.dispose();
    },
  };
}

function wsSubscriber(url: string, credentials: Credentials): Subscriber {
  const record = new EventRecord();
  let connected: () => void = () => undefined;
  const connecting = new Promise<void>((resolve) => (connected = resolve));
  const client = createWsClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { ...credentials },
    retryAttempts: 0,
    on: { connected: () => connected() },
  });
  client.subscribe(
    { query: agentEventsQuery },
    {
      next: (result) => record.take(result as Result),
      error: (error) => record.end(`transport error: ${error instanceof Error ? error.message : String(error)}`),
      complete: () => record.end('complete'),
    },
  );
  return { record, connected: Promise.race([connecting, record.until(() => false)]), close: () => void client.dispose() };
}

/** `count` subscribers of the session over `transport`, opened `batch` at a time, each connected. */
export async function openSubscribers(transport: Transport, url: string, credentials: Credentials, count: number, batch = 100): Promise<Subscriber[]> {
  const open = transport === 'sse' ? sseSubscriber : wsSubscriber;
  const subscribers: Subscriber[] = [];
  while (subscribers.length < count) {
    const opened = Array.from({ length: Math.min(batch, count - subscribers.length) }, () => open(url, credentials));
    subscribers.push(...opened);
    await Promise.all(opened.map((subscriber) => subscriber.connected));
  }
  return subscribers;
}
