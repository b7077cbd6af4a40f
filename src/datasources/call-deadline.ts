/**
 * The time a REST call has as a whole (`ALVARIA_TIMEOUT_MS`, or `STREAMING_POLL_TIMEOUT_MS` for a
 * held retrieval). When it is up, or when the caller gives the call up (its own signal), the call
 * ends at once, wherever it is: waiting for a pooled connection, for the connect retry, connecting,
 * or waiting for the answer. undici alone would only notice a queued request once a connection is
 * free.
 */
export class CallDeadline {
  readonly #controller = new AbortController();
  readonly #expired: Promise<never>;
  // A timer cleared as soon as the call ends: AbortSignal.timeout() would keep each call's
  // objects reachable for the whole timeout, whatever the call's own length.
  readonly #timer: NodeJS.Timeout;
  #passed = false;
  readonly #cancel: (() => void) | undefined;
  readonly #caller: AbortSignal | undefined;

  /** `caller`: aborting it gives the call up (its reason is what the call rejects with). */
  constructor(
    readonly ms: number,
    caller?: AbortSignal,
  ) {
    let expire: (reason: unknown) => void = () => {};
    this.#expired = new Promise<never>((_resolve, reject) => {
      expire = reject;
    });
    this.#expired.catch(() => {}); // a call that ended first never looks at it
    this.#timer = setTimeout(() => {
      this.#passed = true;
      this.#controller.abort();
      expire(this.#controller.signal.reason);
    }, ms);
    this.#caller = caller;
    if (caller) {
      const cancel = () => {
        clearTimeout(this.#timer);
        this.#controller.abort(caller.reason);
        expire(caller.reason);
      };
      if (caller.aborted) cancel();
      else {
        caller.addEventListener('abort', cancel, { once: true });
        this.#cancel = () => caller.removeEventListener('abort', cancel);
      }
    }
  }

  /** Aborted when the time is up or the caller gave up: for undici and for the retry pause. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The time ran out (not the caller's giving up). */
  get passed(): boolean {
    return this.#passed;
  }

  /** The caller gave the call up before its time ran out. */
  get cancelled(): boolean {
    return !this.#passed && this.#caller?.aborted === true;
  }

  /** `work`, or a rejection as soon as the time is up or the caller gives up, whichever comes first. */
  within<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.#expired]);
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#cancel?.();
  }
}
