/**
 * The Engagement Center REST API as one datasource: a catalog entry, a path id and an input
 * become one POST, sent at most once, whose answer becomes a result or a typed error.
 * One instance per GraphQL request: it holds that request's headers.
 */
import { request, type Dispatcher } from 'undici';
import type { EndpointSpec } from '../catalog/index.js';
import { httpErrorFor } from '../errors.js';
import { parseErrorBody } from './error-response.js';
import { requestBody } from './request-body.js';
import { forwardedHeaders, type IncomingHeaders } from './request-headers.js';
import { resolveOrganization, restUrl, type OrganizationPolicy } from './rest-url.js';
import { parseRetryAfter } from './retry-after.js';
import { upstreamFailure } from './upstream-failure.js';

export interface EngagementCenterOptions extends OrganizationPolicy {
  /** The REST origin (and path prefix); may hold `{orgId}`. */
  readonly baseUrl: string;
  /** `ALVARIA_API_KEY`, for requests that carry no `x-api-key`. */
  readonly defaultApiKey: string | null;
  /** Bounds each call as a whole: connecting, sending and reading the answer. */
  readonly timeoutMs: number;
  readonly dispatcher: Dispatcher;
  /** Error bodies larger than this are dropped unread (default 1 MiB): no memory spike. */
  readonly maxErrorBodyBytes?: number;
}

export interface CommandAccepted {
  readonly status: number;
}

type ResponseBody = Dispatcher.ResponseData['body'];

const DEFAULT_MAX_ERROR_BODY_BYTES = 1024 * 1024;

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
  constructor(
    private readonly options: EngagementCenterOptions,
    private readonly incoming: IncomingHeaders,
  ) {}

  /** The organization this request's commands go to (header, else the default). */
  organization(): string {
    return resolveOrganization(this.incoming, this.options);
  }

  async send(endpoint: EndpointSpec, pathId: string, input: Readonly<Record<string, unknown>>): Promise<CommandAccepted> {
    const url = restUrl(this.options.baseUrl, endpoint, this.organization(), pathId);
    const headers = forwardedHeaders(this.incoming, {
      defaultApiKey: this.options.defaultApiKey,
      sessionIdRequired: endpoint.sessionIdHeader?.required ?? true,
    });
    return this.post(url, headers, requestBody(input));
  }

  private async post(url: string, headers: Record<string, string>, body: string): Promise<CommandAccepted> {
    const { dispatcher, timeoutMs } = this.options;
    const signal = AbortSignal.timeout(timeoutMs);
    let status: number;
    let retryAfter: string | string[] | undefined;
    let errorText: string | null = null;
    try {
      const response = await request(url, { method: 'POST', headers, body, dispatcher, signal });
      status = response.statusCode;
      if (status >= 200 && status < 300) {
        await response.body.dump();
        return { status };
      }
      retryAfter = response.headers['retry-after'];
      errorText = await readText(response.body, this.options.maxErrorBodyBytes ?? DEFAULT_MAX_ERROR_BODY_BYTES);
    } catch (error) {
      throw upstreamFailure(error, signal.aborted, timeoutMs);
    }
    const { message, details } = errorText === null ? { message: null, details: [] } : parseErrorBody(errorText);
    throw httpErrorFor(status, message, details, parseRetryAfter(retryAfter));
  }
}
