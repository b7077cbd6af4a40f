/**
 * Whether a call's request was (or may have been) written to a connection, known for any undici
 * dispatcher (our pool, a `MockAgent`, a `ProxyAgent`, a custom one): each dispatch goes through a
 * handler that notes the moment the request is bound to a connection, which undici signals with
 * `onRequestStart` (legacy: `onConnect`) just before writing it. An error before that moment means
 * nothing was written. The tracker rides in the request's options, which undici hands to its
 * interceptors untouched, so each dispatcher is composed once, not once per call (`compose` makes
 * a Proxy and a bound dispatch each time). No state of a call outside it: the cache of composed
 * dispatchers holds none.
 */
import type { Dispatcher } from 'undici';

type Controller = Dispatcher.DispatchController;
type Handler = Dispatcher.DispatchHandler;
type Headers = Parameters<NonNullable<Handler['onResponseStart']>>[2];
/** `request()`'s handler passes a context to `onConnect` too; the type omits it. */
type InnerHandler = Omit<Handler, 'onConnect'> & { onConnect?(abort: (error?: Error) => void, context?: unknown): void };

/** The key of a tracked request's options under which its tracker rides. */
export const TRACKED_BY: unique symbol = Symbol('tracked by');

/** Request options that may carry their call's tracker. */
interface MaybeTracked {
  readonly [TRACKED_BY]?: WriteTracker;
}

const trackingDispatchers = new WeakMap<Dispatcher, Dispatcher>();

/** `dispatcher`, composed once, tracking each request whose options carry a tracker (`[TRACKED_BY]`). */
export function trackingDispatcher(dispatcher: Dispatcher): Dispatcher {
  let tracking = trackingDispatchers.get(dispatcher);
  if (!tracking) {
    tracking = dispatcher.compose((dispatch) => (options, handler) => {
      const tracker = (options as MaybeTracked)[TRACKED_BY];
      return dispatch(options, tracker ? new TrackingHandler(handler, tracker) : handler);
    });
    trackingDispatchers.set(dispatcher, tracking);
  }
  return tracking;
}

export class WriteTracker {
  #written = false;

  /**
   * Once `signal` is aborted the call has given up: a request reaching a connection later is
   * stopped unwritten. `onWritten` is told the first time a request reaches a connection.
   */
  constructor(
    private readonly signal: AbortSignal,
    private readonly onWritten?: () => void,
  ) {}

  /** True once a request of this call reached a connection: it may have been written. */
  get written(): boolean {
    return this.#written;
  }

  /** Called as a request is about to be written: false (and it must not be) when the call gave up. */
  start(): boolean {
    if (this.signal.aborted) return false;
    if (!this.#written) {
      this.#written = true;
      this.onWritten?.();
    }
    return true;
  }

  get reason(): Error {
    return this.signal.reason instanceof Error ? this.signal.reason : new Error('The call gave up.');
  }
}

/**
 * Passes everything through to the handler undici's `request()` gave (which speaks both handler
 * interfaces), noting the start of the request on whichever interface the dispatcher uses.
 */
class TrackingHandler implements InnerHandler {
  constructor(
    private readonly inner: InnerHandler,
    private readonly tracker: WriteTracker,
  ) {}

  onRequestStart(controller: Controller, context: unknown): void {
    if (this.tracker.start()) this.inner.onRequestStart?.(controller, context);
    else controller.abort(this.tracker.reason);
  }

  onRequestUpgrade(controller: Controller, statusCode: number, headers: Headers, socket: Parameters<NonNullable<Handler['onRequestUpgrade']>>[3]): void {
    this.inner.onRequestUpgrade?.(controller, statusCode, headers, socket);
  }

  onResponseStart(controller: Controller, statusCode: number, headers: Headers, statusMessage?: string): void {
    this.inner.onResponseStart?.(controller, statusCode, headers, statusMessage);
  }

  onResponseData(controller: Controller, chunk: Buffer): void {
    this.inner.onResponseData?.(controller, chunk);
  }

  onResponseEnd(controller: Controller, trailers: Headers): void {
    this.inner.onResponseEnd?.(controller, trailers);
  }

  onResponseError(controller: Controller, error: Error): void {
    this.inner.onResponseError?.(controller, error);
  }

  // The legacy interface, for dispatchers that still call it directly (MockAgent's pools do,
  // behind the Agent that translates; a hand-written dispatcher may).

  onConnect(abort: (error?: Error) => void, context?: unknown): void {
    if (!this.tracker.start()) {
      abort(this.tracker.reason);
      return;
    }
    this.inner.onConnect?.(abort, context);
  }

  onError(error: Error): void {
    this.inner.onError?.(error);
  }

  onUpgrade(...args: Parameters<NonNullable<Handler['onUpgrade']>>): void {
    this.inner.onUpgrade?.(...args);
  }

  onResponseStarted(): void {
    this.inner.onResponseStarted?.();
  }

  onHeaders(...args: Parameters<NonNullable<Handler['onHeaders']>>): boolean {
    return this.inner.onHeaders?.(...args) ?? true;
  }

  onData(chunk: Buffer): boolean {
    return this.inner.onData?.(chunk) ?? true;
  }

  onComplete(trailers: string[] | null): void {
    this.inner.onComplete?.(trailers);
  }

  onBodySent(chunkSize: number, totalBytesSent: number): void {
    this.inner.onBodySent?.(chunkSize, totalBytesSent);
  }
}
