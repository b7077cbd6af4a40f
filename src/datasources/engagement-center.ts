/**
 * The Engagement Center REST API as one datasource: a catalog entry, a path id and an input
 * become one POST, sent at most once, whose answer becomes a result or a typed error.
 * One instance per GraphQL request: it holds that request's headers.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { request, type Dispatcher } from 'undici';
import { endpointTemplate, type EndpointSpec } from '../catalog/index.js';
import { callOutcomeOf, httpErrorFor, type CallOutcome } from '../errors.js';
import { errorTypeOf, restUrlTemplate, type RequestSpan, type Tracing } from '../observability/tracing.js';
import type { CommandGuard } from '../protection/command-guard.js';
import { CallDeadline } from './call-deadline.js';
import { isCoalescible, type CallCoalescer } from './coalescing.js';
import { parseErrorBody } from './error-response.js';
import { requestBody } from './request-body.js';
import { forwardedHeaders, type IncomingHeaders } from './request-headers.js';
import { resolveOrganization, restUrl, type OrganizationPolicy } from './rest-url.js';
import { parseRetryAfter } from './retry-after.js';
import { isConnectFailure, upstreamFailure } from './upstream-failure.js';
import { WriteTracker } from './write-tracking.js';

export interface EngagementCenterOptions extends OrganizationPolicy {
  /** The REST origin (and path prefix); may hold `{orgId}`. */
  readonly baseUrl: string;
  /** `ALVARIA_API_KEY`, for requests that carry no `x-api-key`. */
  readonly defaultApiKey: string | null;
  /** Bounds each call as a whole: connecting, the one connection retry, sending and reading the answer. */
  readonly timeoutMs: number;
  readonly dispatcher: Dispatcher;
  /** Error bodies larger than this are dropped unread (default 1 MiB): no memory spike. */
  readonly maxErrorBodyBytes?: number;
  /** Shares identical idempotent signals in flight (`coalescing.ts`); none when absent. */
  readonly coalescer?: CallCoalescer;
  /** Rate limits and the circuit breaker, judged before anything is sent; none when absent. */
  readonly guard?: CommandGuard;
  /** A CLIENT span per attempt, below the request's span; none when absent or off. */
  readonly tracing?: Tracing;
}

export interface CommandAccepted {
  readonly status: number;
}

/** One REST call as logs and metrics see it: no ids, no credentials. */
export interface UpstreamCall {
  readonly endpoint: string;
  readonly organization: string;
  /** The HTTP status, or how the call failed. */
  readonly outcome: CallOutcome;
  readonly durationMs: number;
  /** 2 when the connection was retried after it could not be established. */
  readonly attempts: number;
}

type ResponseBody = Dispatcher.ResponseData['body'];

/** One call's request, with what bounds it and what watches whether it was written. */
interface Exchange {
  readonly url: string;
  /** The path template, for the trace (`/via/v2/organizations/{orgId}/…/hold`). */
  readonly template: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly signal: AbortSignal;
  readonly writes: WriteTracker;
  readonly attempts: { count: number };
}

const DEFAULT_MAX_ERROR_BODY_BYTES = 1024 * 1024;

/** Before the one retry of a connection that could not be established: 50–150 ms. */
const retryPauseMs = (): number => 50 + Math.random() * 100;

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

export class EngagementCenterApi {
  /** The span of the request this instance serves: its REST calls' spans go below it. */
  private readonly requestSpan: RequestSpan | undefined;

  constructor(
    private readonly options: EngagementCenterOptions,
    private readonly incoming: IncomingHeaders,
    private readonly onCall: (call: UpstreamCall) => void = () => {},
  ) {
    this.requestSpan = options.tracing?.enabled ? options.tracing.current() : undefined;
  }

  /** The organization this request's commands go to (header, else the default). */
  organization(): string {
    return resolveOrganization(this.incoming, this.options);
  }

  async send(endpoint: EndpointSpec, pathId: string, input: Readonly<Record<string, unknown>>): Promise<CommandAccepted> {
    const organization = this.organization();
    const url = restUrl(this.options.baseUrl, endpoint, organization, pathId);
    const headers = forwardedHeaders(this.incoming, {
      defaultApiKey: this.options.defaultApiKey,
      sessionIdRequired: endpoint.sessionIdHeader?.required ?? true,
    });
    const body = requestBody(input);
    const template = restUrlTemplate(endpoint);
    const { coalescer, guard } = this.options;
    const observed = () => this.observed(endpointTemplate(endpoint), organization, (attempts) => this.post({ url, template, headers, body }, attempts));
    const call = guard ? () => guard.send(url, observed) : observed;
    // Each command is judged by the rate limits on its own, even when it then shares a call in flight.
    const judged = guard?.judge({ organization, authorization: headers.authorization ?? '', url });
    if (judged) await judged;
    if (!coalescer || !isCoalescible(endpoint, input)) return call();
    const key = [url, body, headers.authorization, headers['x-api-key'] ?? '', headers['via-client-sessionid'] ?? ''].join('\n');
    return coalescer.run({ key, send: call });
  }

  /** Reports the call (outcome, duration, attempts) whatever its end. */
  private async observed(
    endpoint: string,
    organization: string,
    post: (attempts: { count: number }) => Promise<CommandAccepted>,
  ): Promise<CommandAccepted> {
    const started = performance.now();
    const attempts = { count: 1 };
    let outcome: UpstreamCall['outcome'] = 'error';
    try {
      const accepted = await post(attempts);
      outcome = accepted.status;
      return accepted;
    } catch (error) {
      outcome = callOutcomeOf(error);
      throw error;
    } finally {
      this.onCall({ endpoint, organization, outcome, attempts: attempts.count, durationMs: performance.now() - started });
    }
  }

  private async post(
    { url, template, headers, body }: Pick<Exchange, 'url' | 'template' | 'headers' | 'body'>,
    attempts: { count: number },
  ): Promise<CommandAccepted> {
    const { timeoutMs } = this.options;
    const deadline = new CallDeadline(timeoutMs);
    const writes = new WriteTracker(deadline.signal);
    const signal = deadline.signal;
    let status: number;
    let retryAfter: string | string[] | undefined;
    let errorText: string | null = null;
    try {
      // Raced: undici would only notice the signal of a request waiting for a connection once it has one.
      const response = await deadline.within(this.sendOnce({ url, template, headers, body, signal, writes, attempts }));
      status = response.statusCode;
      if (status >= 200 && status < 300) {
        // The status line says the command was accepted; a body that then breaks changes nothing.
        await response.body.dump().catch(() => undefined);
        return { status };
      }
      retryAfter = response.headers['retry-after'];
      errorText = await readText(response.body, this.options.maxErrorBodyBytes ?? DEFAULT_MAX_ERROR_BODY_BYTES);
    } catch (error) {
      throw upstreamFailure(error, { timedOut: deadline.passed, written: writes.written, timeoutMs });
    } finally {
      deadline.clear();
    }
    const { message, details } = errorText === null ? { message: null, details: [] } : parseErrorBody(errorText);
    throw httpErrorFor(status, message, details, parseRetryAfter(retryAfter));
  }

  /** Writes the request at most once: only a request never written for want of a connection is tried again. */
  private async sendOnce(exchange: Exchange) {
    const { signal, writes, attempts } = exchange;
    const dispatcher = writes.over(this.options.dispatcher);
    try {
      return await this.attempt(exchange, dispatcher);
    } catch (error) {
      if (!isConnectFailure(error, writes.written) || signal.aborted) throw error;
      await sleep(retryPauseMs(), undefined, { signal });
      attempts.count = 2;
      return await this.attempt(exchange, dispatcher);
    }
  }

  /** One attempt, in a CLIENT span whose `traceparent` it carries when tracing is on. */
  private async attempt({ url, template, headers, body, signal }: Exchange, dispatcher: Dispatcher) {
    const { tracing } = this.options;
    if (!tracing || !this.requestSpan) return request(url, { method: 'POST', headers, body, dispatcher, signal });
    const span = tracing.clientSpan(this.requestSpan, { template, url });
    try {
      const response = await request(url, { method: 'POST', headers: { ...headers, ...span.headers() }, body, dispatcher, signal });
      span.end({ status: response.statusCode });
      return response;
    } catch (error) {
      span.end({ errorType: signal.aborted ? 'timeout' : errorTypeOf(error) });
      throw error;
    }
  }
}
