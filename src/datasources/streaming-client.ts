/**
 * The Streaming API on the wire: sends the requests `streaming-api.ts` builds to
 * `{ALVARIA_BASE_URL with {orgId} replaced}{path}` through `rest-call.ts`, through the circuit of
 * the origin. Creating and deleting a session are commands (rate limits, at most once, typed
 * errors, as `engagement-center.ts` sends them); a retrieval and an acknowledgement are the
 * pollers' own calls, answered as they come (the event engine decides what an answer means).
 * One instance per gateway: it holds no caller's credentials.
 */
import type { Dispatcher } from 'undici';
import { callOutcomeOf, UnexpectedStatusError, UpstreamUnavailableError } from '../errors.js';
import type { Tracing } from '../observability/tracing.js';
import { circuitOpenMessage, originOf, type CircuitBreakers } from '../protection/circuit-breaker.js';
import type { CommandGuard } from '../protection/command-guard.js';
import { observeCall, sendCommand, type CallObserver } from './command-call.js';
import { errorOfAnswer, isSuccessStatus, sendRestCall, type RestAnswer } from './rest-call.js';
import { organizationBaseUrl } from './rest-url.js';
import {
  acknowledgeRequest,
  createSessionRequest,
  deleteSessionRequest,
  isSuccess,
  parseCreatedSession,
  retrieveEventsRequest,
  type CreatedSession,
  type SessionSettings,
  type StreamingCredentials,
  type StreamingRequest,
} from './streaming-api.js';

export type { CreatedSession, SessionSettings, StreamingCredentials } from './streaming-api.js';
export type { RestAnswer } from './rest-call.js';

export interface StreamingClientOptions {
  /** `ALVARIA_BASE_URL`: the REST origin (and path prefix); may hold `{orgId}`. */
  readonly baseUrl: string;
  /** The gateway's upstream dispatcher: creates, acknowledgements, deletes. */
  readonly dispatcher: Dispatcher;
  /**
   * For held retrievals; default `dispatcher`. Each held retrieval occupies a connection for up
   * to 30 s, so a pool of their own keeps them from starving commands of connections.
   */
  readonly pollDispatcher?: Dispatcher;
  /** `ALVARIA_TIMEOUT_MS`: bounds a create, an acknowledgement, a delete. */
  readonly timeoutMs: number;
  /** `STREAMING_POLL_TIMEOUT_MS`: bounds a retrieval (the API holds it while it has nothing). */
  readonly pollTimeoutMs: number;
  /** Rate limits and the circuit, for create and delete (commands); none when absent. */
  readonly guard?: CommandGuard;
  /** The origins' circuits (the instance `guard` uses), for retrievals and acknowledgements; none when absent. */
  readonly breakers?: CircuitBreakers;
  /** A CLIENT span per attempt: below the request's span for create and delete, in a new trace for the pollers' calls. */
  readonly tracing?: Tracing;
  /** Error bodies larger than this are dropped unread (default 1 MiB). */
  readonly maxErrorBodyBytes?: number;
  /** A retrieval's answer larger than this is a failed call (default 16 MiB). */
  readonly maxEventsBodyBytes?: number;
  /** Every call, reported whatever its end (endpoint `streaming/<operation>`, no ids). */
  readonly onCall?: CallObserver;
}

export interface SessionDeleted {
  readonly status: number;
}

const DEFAULT_MAX_EVENTS_BODY_BYTES = 16 * 1024 * 1024;
/**
 * A retrieval sent as the circuit's probe that the API has held this long is a success: the API
 * works (it waits for events), and commands need not wait up to 30 s for the probe's end.
 */
const PROBE_HELD_MS = 1_000;
/** A create's answer is a few fields. */
const MAX_CREATED_BODY_BYTES = 64 * 1024;

const endpointOf = (request: StreamingRequest): string => `streaming/${request.operation}`;

export class StreamingClient {
  private readonly onCall: CallObserver;

  constructor(private readonly options: StreamingClientOptions) {
    this.onCall = options.onCall ?? (() => {});
  }

  /** `POST …/streaming/session`, as a command: the created session, or a typed error. */
  async createSession(organization: string, credentials: StreamingCredentials, settings: SessionSettings): Promise<CreatedSession> {
    const request = createSessionRequest(organization, credentials, settings);
    const { session } = await this.command(organization, credentials, request, async (url, attempts) => {
      const answer = await this.send(request, url, { parent: this.requestSpan(), maxSuccessBodyBytes: MAX_CREATED_BODY_BYTES }, attempts);
      if (!isSuccessStatus(answer.status)) throw errorOfAnswer(answer);
      const created = isSuccess(request.operation, answer.status) ? parseCreatedSession(answer.text ?? '', settings) : null;
      if (!created) {
        throw new UnexpectedStatusError(answer.status, `The API answered ${answer.status} to the creation of a streaming session, but not with a session this gateway can read: a session may have been created.`, []);
      }
      return { status: answer.status, session: created };
    });
    return session;
  }

  /** `DELETE …/streaming/session` of `sessionId`, as a command. */
  async deleteSession(organization: string, credentials: StreamingCredentials, sessionId: string): Promise<SessionDeleted> {
    const request = deleteSessionRequest(organization, credentials, sessionId);
    return this.command(organization, credentials, request, async (url, attempts) => {
      const answer = await this.send(request, url, { parent: this.requestSpan() }, attempts);
      if (!isSuccess(request.operation, answer.status)) throw errorOfAnswer(answer);
      return { status: answer.status };
    });
  }

  /**
   * `GET …/streaming/events`: the answer whatever its status (a 200's body read), bounded by
   * `pollTimeoutMs`. Rejects with `signal`'s reason when it aborts (the held request is
   * abandoned), `UpstreamUnavailableError` (with `retryAfterSeconds` when the circuit refused it)
   * or `UpstreamTimeoutError`.
   */
  retrieveEvents(organization: string, credentials: StreamingCredentials, sessionId: string, maxEvents: number, signal?: AbortSignal): Promise<RestAnswer> {
    const { pollTimeoutMs, pollDispatcher, maxEventsBodyBytes } = this.options;
    return this.polled(retrieveEventsRequest(organization, credentials, sessionId, maxEvents), organization, {
      timeoutMs: pollTimeoutMs,
      idleTimeoutMs: pollTimeoutMs,
      maxSuccessBodyBytes: maxEventsBodyBytes ?? DEFAULT_MAX_EVENTS_BODY_BYTES,
      ...(pollDispatcher ? { dispatcher: pollDispatcher } : {}),
      ...(signal ? { signal } : {}),
    });
  }

  /** `POST …/streaming/acknowledge` of every event up to `sequenceNumber`: the answer whatever its status. */
  acknowledge(organization: string, credentials: StreamingCredentials, sessionId: string, sequenceNumber: number, signal?: AbortSignal): Promise<RestAnswer> {
    return this.polled(acknowledgeRequest(organization, credentials, sessionId, sequenceNumber), organization, signal ? { signal } : {});
  }

  private requestSpan() {
    const { tracing } = this.options;
    return tracing?.enabled ? tracing.current() : null;
  }

  private command<T extends { readonly status: number }>(
    organization: string,
    credentials: StreamingCredentials,
    request: StreamingRequest,
    post: (url: string, attempts: { count: number }) => Promise<T>,
  ): Promise<T> {
    const url = this.urlOf(organization, request);
    const command = { endpoint: endpointOf(request), organization, authorization: credentials.authorization, url };
    return sendCommand(command, { guard: this.options.guard, onCall: this.onCall }, (attempts) => post(url, attempts));
  }

  /**
   * A poller's call: through the origin's circuit (an answer of any status but 500–504 is a
   * success, and so is a retrieval probe the API holds), observed.
   */
  private async polled(request: StreamingRequest, organization: string, overrides: SendOverrides): Promise<RestAnswer> {
    const { breakers } = this.options;
    const url = this.urlOf(organization, request);
    const observed = (onWritten?: () => void) =>
      observeCall({ endpoint: endpointOf(request), organization }, this.onCall, (attempts) =>
        this.send(request, url, { parent: null, ...overrides, ...(onWritten ? { onWritten } : {}) }, attempts),
      );
    if (!breakers) return observed();
    const admission = breakers.admit(originOf(url));
    if (!admission.admitted) throw new UpstreamUnavailableError(circuitOpenMessage(admission.retryAfterSeconds), admission.retryAfterSeconds);
    let held: NodeJS.Timeout | undefined;
    const heldProbe = admission.probe && request.operation === 'retrieveEvents' ? () => (held ??= setTimeout(() => admission.settle(200), PROBE_HELD_MS)) : undefined;
    try {
      const answer = await observed(heldProbe);
      admission.settle(answer.status, answer.status === 503 ? answer.retryAfterSeconds : null);
      return answer;
    } catch (error) {
      admission.settle(callOutcomeOf(error));
      throw error;
    } finally {
      clearTimeout(held);
    }
  }

  private send(request: StreamingRequest, url: string, overrides: SendOverrides & { parent: ReturnType<StreamingClient['requestSpan']> }, attempts: { count: number }) {
    const { tracing, maxErrorBodyBytes } = this.options;
    const { parent, ...rest } = overrides;
    return sendRestCall(
      { method: request.method, url, template: request.template, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) },
      {
        dispatcher: this.options.dispatcher,
        timeoutMs: this.options.timeoutMs,
        ...(maxErrorBodyBytes === undefined ? {} : { maxErrorBodyBytes }),
        ...(tracing ? { trace: { tracing, parent } } : {}),
        ...rest,
      },
      attempts,
    );
  }

  /** The organization lands in the host (`{orgId}`) and the path: checked before any URL is built. */
  private urlOf(organization: string, request: StreamingRequest): string {
    return organizationBaseUrl(this.options.baseUrl, organization) + request.path;
  }
}

interface SendOverrides {
  readonly onWritten?: () => void;
  readonly dispatcher?: Dispatcher;
  readonly timeoutMs?: number;
  readonly idleTimeoutMs?: number;
  readonly maxSuccessBodyBytes?: number;
  readonly signal?: AbortSignal;
}
