/**
 * OpenTelemetry tracing, as the contract words it: one SERVER span per request to `/graphql`
 * (continuing an incoming W3C `traceparent`/`tracestate`), one CLIENT span per REST call attempt
 * below it, whose `traceparent` the REST call carries; exported over OTLP/HTTP by a batch processor.
 * Calls made outside any request (the agent events' pollers) get a CLIENT span in a new trace.
 *
 * Nothing is registered globally (no global tracer provider, propagator or context manager), so
 * several instances can live in one process, and there is no auto-instrumentation: no span or
 * header appears that this module did not make. With tracing off, `createTracing` loads none of the
 * SDK and returns shared no-op objects: no span, no header, nothing allocated per call.
 */
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span, type TextMapGetter, type Tracer } from '@opentelemetry/api';
import type { EndpointSpec } from '../catalog/index.js';
import { endpointTemplate } from '../catalog/index.js';
import { activeScope, runInScope, type TraceIds, type TraceScope } from './trace-context.js';
import { tracingSettings, withOtelEnv, type OtlpProtocol } from './tracing-config.js';

export { otelVariables, TracingConfigError, tracingSettings } from './tracing-config.js';
export type { TraceIds } from './trace-context.js';

/** The one method of a header bag this module reads (Fetch `Headers` and the fast path's both have it). */
export interface HeaderReader {
  get(name: string): string | null;
}


/** The request as its span records it: no header value, no query string (a GET carries variables there). */
export interface RequestInfo {
  /** Default `POST`. */
  readonly method?: string;
  /** The request target; only its path is kept. Default `/graphql`. */
  readonly target?: string;
}

/** The SERVER span of one request to `/graphql`. */
export interface RequestSpan {
  /** False when tracing is off or the request is not sampled: then nothing of it is exported. */
  readonly recording: boolean;
  /** `graphql.operation.type` (`query`, `mutation`, …) and, when named, `graphql.operation.name`. */
  setOperation(type: string, name?: string | null): void;
  /** Marks the request failed (status ERROR, `error.type`); a type, never a message (messages may quote variables). */
  recordError(errorType: string): void;
  /** Ends the span with the HTTP status answered (5xx: status ERROR). Later calls do nothing. */
  end(httpStatus?: number): void;
  /** The ids for log lines, when the request is sampled; else undefined. */
  traceIds(): TraceIds | undefined;
  /**
   * Runs `fn` with this span active: log lines written inside (awaited continuations included)
   * carry its `trace_id`/`span_id`, and `tracing.current()` returns it.
   */
  run<T>(fn: () => T): T;
}

/** How one REST call attempt ended: an HTTP answer, or a failure without one. */
export type ClientOutcome = { readonly status: number } | { readonly errorType: string };

/** The CLIENT span of one REST call attempt. */
export interface ClientSpan {
  /** The headers to add to that attempt: `traceparent` (and `tracestate`), or none with tracing off. Shared: do not modify. */
  headers(): Readonly<Record<string, string>>;
  /** Later calls do nothing. */
  end(outcome: ClientOutcome): void;
}

export interface ClientCall {
  /** `http.request.method`, and the span's name (`GET {url.template}`). Default `POST`. */
  readonly method?: string;
  /** `url.template`: `/via/v2/organizations/{orgId}/engagementCenter/interactions/{interactionId}/hold` (see `restUrlTemplate`). */
  readonly template: string;
  /** The URL the attempt goes to; `url.full` without user info, query or fragment. */
  readonly url: string;
}

export interface Tracing {
  readonly enabled: boolean;
  /** The SERVER span of a request; `headers` supplies the incoming `traceparent`/`tracestate`. */
  startRequestSpan(headers: HeaderReader, request?: RequestInfo): RequestSpan;
  /**
   * A CLIENT span below `parent` for one REST call attempt (each retry is another); in a new
   * trace when `parent` is null (a call no request made, such as a poll of the Streaming API).
   */
  clientSpan(parent: RequestSpan | null, call: ClientCall): ClientSpan;
  /** The request span whose `run` the caller is inside, else the no-op span. */
  current(): RequestSpan;
  /** Exports every span ended so far. */
  forceFlush(): Promise<void>;
  /** Exports what is left and stops; waits at most `timeoutMs` (default 5000) for the collector. */
  shutdown(options?: { readonly timeoutMs?: number }): Promise<void>;
}

export interface ResourceInfo {
  /** `service.name` when `OTEL_SERVICE_NAME` (or `service.name` in `OTEL_RESOURCE_ATTRIBUTES`) does not set one. */
  readonly serviceName?: string;
  readonly serviceVersion?: string;
}

export const DEFAULT_SERVICE_NAME = 'engagement-center-gateway';

/** `url.template` of an endpoint: the REST path with `{orgId}` and the path id's name. */
export const restUrlTemplate = (endpoint: EndpointSpec): string => `/via/v2/organizations/{orgId}/engagementCenter/${endpointTemplate(endpoint)}`;

/**
 * A low-cardinality `error.type` for a failed call: the error's code (`ECONNREFUSED`,
 * `UND_ERR_HEADERS_TIMEOUT`) or class name, never its message.
 */
export function errorTypeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(code)) return code;
  const name = (error as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(name)) return name;
  return '_OTHER';
}

// ---------------------------------------------------------------------------------------------
// Tracing off: shared objects, nothing allocated per call.

const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

const NOOP_REQUEST_SPAN: RequestSpan = Object.freeze({
  recording: false,
  setOperation: () => {},
  recordError: () => {},
  end: () => {},
  traceIds: () => undefined,
  run: <T>(fn: () => T): T => fn(),
});

const NOOP_CLIENT_SPAN: ClientSpan = Object.freeze({ headers: () => NO_HEADERS, end: () => {} });

const NOOP_TRACING: Tracing = Object.freeze({
  enabled: false,
  startRequestSpan: () => NOOP_REQUEST_SPAN,
  clientSpan: () => NOOP_CLIENT_SPAN,
  current: () => NOOP_REQUEST_SPAN,
  forceFlush: async () => {},
  shutdown: async () => {},
});

// ---------------------------------------------------------------------------------------------
// Tracing on.

type Propagator = import('@opentelemetry/core').W3CTraceContextPropagator;

const headerGetter: TextMapGetter<HeaderReader> = {
  get: (carrier, key) => carrier.get(key) ?? undefined,
  keys: () => [],
};

/** The path of a request target, without its query string. */
function pathOf(target: string): string {
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

class SdkRequestSpan implements RequestSpan {
  readonly recording: boolean;
  readonly context: Context;
  private ended = false;
  private failed = false;
  private ids: TraceIds | undefined | null = null;
  private scope: TraceScope | undefined;

  constructor(readonly span: Span) {
    this.recording = span.isRecording();
    this.context = trace.setSpan(ROOT_CONTEXT, span);
  }

  setOperation(type: string, name?: string | null): void {
    if (!this.recording || this.ended) return;
    this.span.setAttribute('graphql.operation.type', type);
    if (name) this.span.setAttribute('graphql.operation.name', name);
  }

  recordError(errorType: string): void {
    if (!this.recording || this.ended) return;
    this.failed = true;
    this.span.setAttribute('error.type', errorType);
    this.span.setStatus({ code: SpanStatusCode.ERROR });
  }

  end(httpStatus?: number): void {
    if (this.ended) return;
    this.ended = true;
    if (this.recording && httpStatus !== undefined) {
      this.span.setAttribute('http.response.status_code', httpStatus);
      if (httpStatus >= 500 && !this.failed) {
        this.span.setAttribute('error.type', String(httpStatus));
        this.span.setStatus({ code: SpanStatusCode.ERROR });
      }
    }
    this.span.end();
  }

  traceIds(): TraceIds | undefined {
    if (this.ids === null) {
      const { traceId, spanId } = this.span.spanContext();
      this.ids = this.recording ? Object.freeze({ trace_id: traceId, span_id: spanId }) : undefined;
    }
    return this.ids;
  }

  run<T>(fn: () => T): T {
    this.scope ??= { span: this, logFields: this.traceIds() };
    return runInScope(this.scope, fn);
  }
}

class SdkClientSpan implements ClientSpan {
  private ended = false;
  private readonly injected: Readonly<Record<string, string>>;

  constructor(
    private readonly span: Span,
    propagator: Propagator,
  ) {
    const headers: Record<string, string> = {};
    propagator.inject(trace.setSpan(ROOT_CONTEXT, span), headers, { set: (carrier, key, value) => (carrier[key] = value) });
    this.injected = Object.freeze(headers);
  }

  headers(): Readonly<Record<string, string>> {
    return this.injected;
  }

  end(outcome: ClientOutcome): void {
    if (this.ended) return;
    this.ended = true;
    if (this.span.isRecording()) {
      if ('status' in outcome) {
        this.span.setAttribute('http.response.status_code', outcome.status);
        if (outcome.status < 200 || outcome.status > 299) {
          this.span.setAttribute('error.type', String(outcome.status));
          this.span.setStatus({ code: SpanStatusCode.ERROR });
        }
      } else {
        this.span.setAttribute('error.type', outcome.errorType);
        this.span.setStatus({ code: SpanStatusCode.ERROR });
      }
    }
    this.span.end();
  }
}

/** `url.full` and `server.*` of a REST URL: never its user info, query or fragment. */
function clientAttributes(call: ClientCall) {
  const url = new URL(call.url);
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return {
    'http.request.method': call.method ?? 'POST',
    'url.template': call.template,
    'url.full': `${url.protocol}//${url.host}${url.pathname}`,
    'server.address': url.hostname,
    'server.port': port,
  };
}

// The SDK is loaded only when tracing is on (CommonJS builds, so synchronously).
const require = createRequire(import.meta.url);

function createExporter(protocol: OtlpProtocol) {
  type Exporter = typeof import('@opentelemetry/exporter-trace-otlp-proto');
  const { OTLPTraceExporter } = (
    protocol === 'http/json' ? require('@opentelemetry/exporter-trace-otlp-http') : require('@opentelemetry/exporter-trace-otlp-proto')
  ) as Exporter;
  // URL, headers, timeout and compression come from the OTEL_EXPORTER_OTLP_* variables.
  return new OTLPTraceExporter();
}

function createSdkTracing(protocol: OtlpProtocol, info: ResourceInfo): Tracing {
  const { BasicTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  const { W3CTraceContextPropagator } = require('@opentelemetry/core') as typeof import('@opentelemetry/core');
  const { defaultResource, detectResources, envDetector, resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');

  // Precedence: OTEL_SERVICE_NAME, then OTEL_RESOURCE_ATTRIBUTES, then ours, then the SDK's.
  const resource = defaultResource()
    .merge(
      resourceFromAttributes({
        'service.name': info.serviceName ?? DEFAULT_SERVICE_NAME,
        // One per process: with WORKERS > 1 each worker is its own instance.
        'service.instance.id': randomUUID(),
        ...(info.serviceVersion ? { 'service.version': info.serviceVersion } : {}),
      }),
    )
    .merge(detectResources({ detectors: [envDetector] }));
  // Sampler (OTEL_TRACES_SAMPLER/_ARG), span limits and OTEL_BSP_* are read by the SDK.
  const provider = new BasicTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(createExporter(protocol))] });
  const tracer: Tracer = provider.getTracer(DEFAULT_SERVICE_NAME, info.serviceVersion);
  const propagator = new W3CTraceContextPropagator();
  let stopped: Promise<void> | undefined;

  return {
    enabled: true,
    startRequestSpan(headers, request = {}) {
      const parent = propagator.extract(ROOT_CONTEXT, headers, headerGetter);
      const method = request.method ?? 'POST';
      const path = request.target === undefined ? '/graphql' : pathOf(request.target);
      const span = tracer.startSpan(
        `${method} ${path}`,
        { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.path': path, 'http.route': path } },
        parent,
      );
      return new SdkRequestSpan(span);
    },
    clientSpan(parent, call) {
      const context = parent instanceof SdkRequestSpan ? parent.context : ROOT_CONTEXT;
      const probe = tracer.startSpan(`${call.method ?? 'POST'} ${call.template}`, { kind: SpanKind.CLIENT }, context);
      // Attributes only for spans that are recorded (parsing the URL costs a little).
      if (probe.isRecording()) probe.setAttributes(clientAttributes(call));
      return new SdkClientSpan(probe, propagator);
    },
    current() {
      const span = activeScope()?.span;
      return span instanceof SdkRequestSpan ? span : NOOP_REQUEST_SPAN;
    },
    forceFlush: () => provider.forceFlush(),
    shutdown({ timeoutMs = 5_000 } = {}) {
      stopped ??= new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        timer.unref();
        provider.shutdown().then(
          () => {
            clearTimeout(timer);
            resolve();
          },
          () => {
            clearTimeout(timer);
            resolve();
          },
        );
      });
      return stopped;
    },
  };
}

/**
 * Tracing as the environment sets it (see `tracingSettings`); `env` defaults to `process.env`.
 * Throws `TracingConfigError` for a value it cannot honour. Tracing off: the shared no-op.
 */
export function createTracing(env: Readonly<Record<string, string | undefined>> = process.env, info: ResourceInfo = {}): Tracing {
  const settings = tracingSettings(env);
  if (!settings.enabled) return NOOP_TRACING;
  return withOtelEnv(env, () => createSdkTracing(settings.protocol, info));
}
