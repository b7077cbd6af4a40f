/**
 * The Engagement Center REST API as one datasource: a catalog entry, a path id and an input
 * become one POST, sent at most once, whose answer becomes a result or a typed error.
 * One instance per GraphQL request: it holds that request's headers.
 */
import type { Dispatcher } from 'undici';
import { endpointTemplate, type EndpointSpec } from '../catalog/index.js';
import { restUrlTemplate, type RequestSpan, type Tracing } from '../observability/tracing.js';
import type { CommandGuard } from '../protection/command-guard.js';
import { isCoalescible, type CallCoalescer } from './coalescing.js';
import { sendCommand, type CallObserver } from './command-call.js';
import { requestBody } from './request-body.js';
import { forwardedHeaders, type IncomingHeaders } from './request-headers.js';
import { errorOfAnswer, isSuccessStatus, sendRestCall, type RestRequest } from './rest-call.js';
import { resolveOrganization, restUrl, type OrganizationPolicy } from './rest-url.js';

export type { UpstreamCall } from './command-call.js';

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

export class EngagementCenterApi {
  /** The span of the request this instance serves: its REST calls' spans go below it. */
  private readonly requestSpan: RequestSpan | undefined;

  constructor(
    private readonly options: EngagementCenterOptions,
    private readonly incoming: IncomingHeaders,
    private readonly onCall: CallObserver = () => {},
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
    const command = { endpoint: endpointTemplate(endpoint), organization, authorization: headers.authorization ?? '', url };
    const post = (attempts: { count: number }) => this.post({ url, template, headers, body }, attempts);
    // Each command is judged by the rate limits on its own, even when it then shares a call in flight.
    if (!coalescer || !isCoalescible(endpoint, input)) return sendCommand(command, { guard, onCall: this.onCall }, post);
    const key = [url, body, headers.authorization, headers['x-api-key'] ?? '', headers['via-client-sessionid'] ?? ''].join('\n');
    return sendCommand(command, { guard, onCall: this.onCall }, post, (send) => coalescer.run({ key, send }));
  }

  private async post(call: Pick<RestRequest, 'url' | 'template' | 'headers' | 'body'>, attempts: { count: number }): Promise<CommandAccepted> {
    const { tracing, dispatcher, timeoutMs } = this.options;
    const answer = await sendRestCall(
      { method: 'POST', ...call },
      {
        dispatcher,
        timeoutMs,
        ...(this.options.maxErrorBodyBytes === undefined ? {} : { maxErrorBodyBytes: this.options.maxErrorBodyBytes }),
        ...(tracing && this.requestSpan ? { trace: { tracing, parent: this.requestSpan } } : {}),
      },
      attempts,
    );
    if (isSuccessStatus(answer.status)) return { status: answer.status };
    throw errorOfAnswer(answer);
  }
}
