/**
 * The time a REST call has as a whole (`ALVARIA_TIMEOUT_MS`). When it is up the call ends at once,
 * wherever it is: waiting for a pooled connection, for the connect retry, connecting, or waiting
 * for the answer. undici alone would only notice a queued request once a connection is free.
 */
export class CallDeadline {
  readonly #controller = new AbortController();
  readonly #expired: Promise<never>;
  // A timer cleared as soon as the call ends: AbortSignal.timeout() would keep each call's
  // objects reachable for the whole timeout, whatever the call's own length.
  readonly #timer: NodeJS.Timeout;

  constructor(readonly ms: number) {
    let expire: (reason: unknown) => void = () => {};
    this.#expired = new Promise<never>((_resolve, reject) => {
      expire = reject;
    });
    this.#expired.catch(() => {}); // a call that ended first never looks at it
    this.#timer = setTimeout(() => {
      this.#controller.abort();
      expire(this.#controller.signal.reason);
    }, ms);
  }

  /** Aborted when the time is up: for undici and for the retry pause. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get passed(): boolean {
    return this.#controller.signal.aborted;
  }

  /** `work`, or a rejection as soon as the time is up, whichever comes first. */
  within<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.#expired]);
  }

  clear(): void {
    clearTimeout(this.#timer);
  }
}
