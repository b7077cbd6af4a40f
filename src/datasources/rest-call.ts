/**
 * One HTTP call to the API, whatever it is for (a command, a streaming session's create, poll,
 * acknowledgement or delete): written at most once (only a request never written for want of a
 * connection is tried again), bounded as a whole by its deadline, given up at once when its
 * caller aborts, one CLIENT span per attempt carrying `traceparent`, and a failure of the call
 * itself told truthfully as never sent (`UpstreamUnavailableError`) or maybe sent
 * (`UpstreamTimeoutError`). What an answer means is the caller's business.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import { httpErrorFor, type UpstreamHttpError } from '../errors.js';
import { errorTypeOf, type RequestSpan, type Tracing } from '../observability/tracing.js';
import { CallDeadline } from './call-deadline.js';
import { parseErrorBody } from './error-response.js';
import { parseRetryAfter } from './retry-after.js';
import { isConnectFailure, upstreamFailure } from './upstream-failure.js';
import { trackingDispatcher, TRACKED_BY, WriteTracker } from './write-tracking.js';

type RestMethod = 'GET' | 'POST' | 'DELETE';

export interface RestRequest {
  readonly method: RestMethod;
  readonly url: string;
  /** `url.template` for the trace (`/via/v2/organizations/{orgId}/…/hold`). */
  readonly template: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface RestCallOptions {
  readonly dispatcher: Dispatcher;
  /** Bounds the call as a whole: connecting, the one connection retry, sending and the answer. */
  readonly timeoutMs: number;
  /** Error bodies larger than this are dropped unread: no memory spike. Default 1 MiB. */
  readonly maxErrorBodyBytes?: number;
  /** Read the body of a 2xx answer, up to this many bytes (larger: the call fails); default: discarded. */
  readonly maxSuccessBodyBytes?: number;
  /** A CLIENT span per attempt below `parent` (in a new trace when null); none when absent. */
  readonly trace?: { readonly tracing: Tracing; readonly parent: RequestSpan | null };
  /** Aborting it gives the call up at once; the call then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /**
   * undici's wait for the answer's headers and between two body chunks, when the dispatcher's
   * own would cut the call short (a held retrieval waits for events longer than a command).
   */
  readonly idleTimeoutMs?: number;
  /** Told when the request reaches a connection (it is being written): the API has it from then on. */
  readonly onWritten?: () => void;
}

export interface RestAnswer {
  readonly status: number;
  /** An error answer's body (null when larger than allowed), or a 2xx's when asked for. */
  readonly text: string | null;
  /** `Retry-After` in whole seconds, when the answer has a readable one. */
  readonly retryAfterSeconds: number | null;
}

type ResponseBody = Dispatcher.ResponseData['body'];

const DEFAULT_MAX_ERROR_BODY_BYTES = 1024 * 1024;

/** Before the one retry of a connection that could not be established: 50–150 ms. */
const retryPauseMs = (): number => 50 + Math.random() * 100;

/** The body as text, or null when it grows beyond `limit` (reading stops there). */
async function readText(body: ResponseBody, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) return null; // leaving the loop destroys the stream
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export const isSuccessStatus = (status: number): boolean => status >= 200 && status < 300;

/** The typed error of a non-2xx answer (`ErrorResponse` message and details, `Retry-After`). */
export function errorOfAnswer(answer: RestAnswer): UpstreamHttpError {
  const { message, details } = answer.text === null ? { message: null, details: [] } : parseErrorBody(answer.text);
  return httpErrorFor(answer.status, message, details, answer.retryAfterSeconds);
}

/** Thrown when a 2xx answer's body is larger than the caller allows. */
export class AnswerTooLargeError extends Error {
  override readonly name = 'AnswerTooLargeError';
  readonly code = 'ANSWER_TOO_LARGE';
}

/**
 * Sends `call` and returns the answer, whatever its status. Rejects with the caller's abort
 * reason when its signal aborts, else with the typed failure of the call (`upstreamFailure`).
 * `attempts.count` becomes 2 when the connection was retried.
 */
export async function sendRestCall(call: RestRequest, options: RestCallOptions, attempts: { count: number } = { count: 1 }): Promise<RestAnswer> {
  const { timeoutMs } = options;
  const deadline = new CallDeadline(timeoutMs, options.signal);
  const writes = new WriteTracker(deadline.signal, options.onWritten);
  try {
    // Raced: undici would only notice the signal of a request waiting for a connection once it has one.
    const response = await deadline.within(sendOnce(call, options, deadline, writes, attempts));
    const status = response.statusCode;
    const retryAfterSeconds = parseRetryAfter(response.headers['retry-after']);
    if (isSuccessStatus(status)) {
      if (options.maxSuccessBodyBytes === undefined) {
        // The status line says it was accepted; a body that then breaks changes nothing.
        await response.body.dump().catch(() => undefined);
        return { status, text: null, retryAfterSeconds };
      }
      const text = await deadline.within(readText(response.body, options.maxSuccessBodyBytes));
      if (text === null) throw new AnswerTooLargeError(`The answer is larger than ${options.maxSuccessBodyBytes} bytes.`);
      return { status, text, retryAfterSeconds };
    }
    const text = await deadline.within(readText(response.body, options.maxErrorBodyBytes ?? DEFAULT_MAX_ERROR_BODY_BYTES));
    return { status, text, retryAfterSeconds };
  } catch (error) {
    if (error instanceof AnswerTooLargeError) throw error;
    if (deadline.cancelled) throw options.signal?.reason ?? error;
    throw upstreamFailure(error, { timedOut: deadline.passed, written: writes.written, timeoutMs });
  } finally {
    deadline.clear();
  }
}

/** Writes the request at most once: only a request never written for want of a connection is tried again. */
async function sendOnce(call: RestRequest, options: RestCallOptions, deadline: CallDeadline, writes: WriteTracker, attempts: { count: number }) {
  const { signal } = deadline;
  try {
    return await attempt(call, options, writes, deadline);
  } catch (error) {
    if (!isConnectFailure(error, writes.written) || signal.aborted) throw error;
    await sleep(retryPauseMs(), undefined, { signal });
    attempts.count = 2;
    return await attempt(call, options, writes, deadline);
  }
}

/** `https://host:port` and `/path?query` of an absolute URL, without parsing it (ours are built checked). */
function originAndPath(url: string): { readonly origin: string; readonly path: string } {
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  return slash === -1 ? { origin: url, path: '/' } : { origin: url.slice(0, slash), path: url.slice(slash) };
}

/** One attempt, in a CLIENT span whose `traceparent` it carries when tracing is on. */
async function attempt(call: RestRequest, options: RestCallOptions, writes: WriteTracker, deadline: CallDeadline) {
  const { method, url, template, headers, body } = call;
  const { signal } = deadline;
  const { origin, path } = originAndPath(url);
  const dispatcher = trackingDispatcher(options.dispatcher);
  const idle = options.idleTimeoutMs === undefined ? {} : { headersTimeout: options.idleTimeoutMs, bodyTimeout: options.idleTimeoutMs };
  const send = (sent: Readonly<Record<string, string>>) => {
    // A variable, not a literal: undici's options type does not name the tracker's key.
    const request = { origin, path, method, headers: sent, ...(body === undefined ? {} : { body }), signal, ...idle, [TRACKED_BY]: writes };
    return dispatcher.request(request);
  };
  const trace = options.trace;
  if (!trace?.tracing.enabled) return send(headers);
  const span = trace.tracing.clientSpan(trace.parent, { method, template, url });
  try {
    const response = await send({ ...headers, ...span.headers() });
    span.end({ status: response.statusCode });
    return response;
  } catch (error) {
    span.end({ errorType: deadline.passed ? 'timeout' : deadline.cancelled ? 'cancelled' : errorTypeOf(error) });
    throw error;
  }
}
