/**
 * A minimal OTLP/HTTP trace receiver on loopback: accepts `POST` exports in both encodings
 * (`application/x-protobuf`, decoded with protobufjs from the OTLP trace schema below, and
 * `application/json`) and keeps them as plain spans, ids in hex. It answers after decoding, so
 * once an exporter's flush has resolved, its spans are here.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import protobuf from 'protobufjs';

/**
 * The messages of `opentelemetry/proto/collector/trace/v1/trace_service.proto` and the trace,
 * resource and common protos it imports that an export holds, with their field numbers. Fields
 * not named here are skipped by the decoder, as protobuf does with unknown fields.
 */
const OTLP_TRACE_PROTO = `
syntax = "proto3";
package otlp;
message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; string schema_url = 3; }
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; string schema_url = 3; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; }
message Span {
  bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4;
  string name = 5; int32 kind = 6; fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9; uint32 dropped_attributes_count = 10; repeated Event events = 11;
  repeated Link links = 13; Status status = 15; fixed32 flags = 16;
}
message Event { fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3; }
message Link { bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; repeated KeyValue attributes = 4; }
message Status { string message = 2; int32 code = 3; }
message KeyValue { string key = 1; AnyValue value = 2; }
message AnyValue {
  oneof value {
    string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4;
    ArrayValue array_value = 5; KeyValueList kvlist_value = 6; bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
`;

const ExportRequest = protobuf.parse(OTLP_TRACE_PROTO, { keepCase: false }).root.lookupType('otlp.ExportTraceServiceRequest');

export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

export interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  /** Empty for a root span. */
  readonly parentSpanId: string;
  readonly traceState: string;
  readonly name: string;
  readonly kind: 'UNSPECIFIED' | 'INTERNAL' | 'SERVER' | 'CLIENT' | 'PRODUCER' | 'CONSUMER';
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly status: { readonly code: 'UNSET' | 'OK' | 'ERROR'; readonly message: string };
  readonly events: readonly { readonly name: string; readonly attributes: Readonly<Record<string, AttributeValue>> }[];
  /** The span's resource and instrumentation scope. */
  readonly resource: Readonly<Record<string, AttributeValue>>;
  readonly scope: string;
}

export interface ReceivedExport {
  readonly path: string;
  readonly contentType: string;
  readonly headers: IncomingHttpHeaders;
  /** The body as sent, for searching it byte for byte. */
  readonly body: Buffer;
  readonly spans: readonly ReceivedSpan[];
}

export interface OtlpReceiver {
  /** `http://127.0.0.1:<port>`, for `OTEL_EXPORTER_OTLP_ENDPOINT`. */
  readonly url: string;
  readonly exports: readonly ReceivedExport[];
  /** Every span received so far, in order. */
  spans(): ReceivedSpan[];
  /** Resolves on the next export received (rejects after `timeoutMs`): for tests of the batch timer. */
  nextExport(timeoutMs?: number): Promise<ReceivedExport>;
  close(): Promise<void>;
}

const KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const;
const STATUS_CODES = ['UNSET', 'OK', 'ERROR'] as const;

// Both encodings, read into one shape: protobufjs's `toObject` (camelCase, bytes as Buffers, longs
// as strings) and OTLP/JSON (camelCase, ids as hex, int64 as strings or numbers).
type Json = Record<string, unknown>;

function idOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (typeof value === 'string') return /^[0-9a-f]*$/i.test(value) ? value.toLowerCase() : Buffer.from(value, 'base64').toString('hex');
  throw new Error(`Unexpected id ${String(value)}`);
}

function anyValue(value: Json | undefined): AttributeValue {
  if (!value) return null;
  if ('stringValue' in value) return value.stringValue as string;
  if ('boolValue' in value) return value.boolValue as boolean;
  if ('intValue' in value) return Number(value.intValue);
  if ('doubleValue' in value) return Number(value.doubleValue);
  if ('bytesValue' in value) return idOf(value.bytesValue);
  if ('arrayValue' in value) return (((value.arrayValue as Json).values ?? []) as Json[]).map(anyValue);
  if ('kvlistValue' in value) return attributesOf((value.kvlistValue as Json).values as Json[]);
  return null;
}

function attributesOf(list: Json[] | undefined): Record<string, AttributeValue> {
  return Object.fromEntries((list ?? []).map((entry) => [entry.key as string, anyValue(entry.value as Json | undefined)]));
}

function spansOf(request: Json): ReceivedSpan[] {
  return ((request.resourceSpans ?? []) as Json[]).flatMap((resourceSpans) => {
    const resource = attributesOf(((resourceSpans.resource ?? {}) as Json).attributes as Json[]);
    return ((resourceSpans.scopeSpans ?? []) as Json[]).flatMap((scopeSpans) =>
      ((scopeSpans.spans ?? []) as Json[]).map((span): ReceivedSpan => {
        const status = (span.status ?? {}) as Json;
        return {
          traceId: idOf(span.traceId),
          spanId: idOf(span.spanId),
          parentSpanId: idOf(span.parentSpanId),
          traceState: (span.traceState as string | undefined) ?? '',
          name: span.name as string,
          kind: KINDS[Number(span.kind ?? 0)] ?? 'UNSPECIFIED',
          attributes: attributesOf(span.attributes as Json[]),
          status: { code: STATUS_CODES[Number(status.code ?? 0)] ?? 'UNSET', message: (status.message as string | undefined) ?? '' },
          events: ((span.events ?? []) as Json[]).map((event) => ({ name: event.name as string, attributes: attributesOf(event.attributes as Json[]) })),
          resource,
          scope: (((scopeSpans.scope ?? {}) as Json).name as string | undefined) ?? '',
        };
      }),
    );
  });
}

function decode(contentType: string, body: Buffer): ReceivedSpan[] {
  if (contentType.startsWith('application/x-protobuf')) {
    return spansOf(ExportRequest.toObject(ExportRequest.decode(body), { longs: String, enums: Number }) as Json);
  }
  if (contentType.startsWith('application/json')) return spansOf(JSON.parse(body.toString('utf8')) as Json);
  throw new Error(`Unsupported content type ${contentType}`);
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const exports: ReceivedExport[] = [];
  const waiting: Array<(received: ReceivedExport) => void> = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const contentType = request.headers['content-type'] ?? '';
      const body = Buffer.concat(chunks);
      let spans: ReceivedSpan[];
      try {
        if (request.method !== 'POST') throw new Error(`Unexpected ${request.method}`);
        spans = decode(contentType, body);
      } catch (error) {
        response.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
        return;
      }
      const received = { path: request.url ?? '', contentType, headers: request.headers, body, spans };
      exports.push(received);
      for (const resolve of waiting.splice(0)) resolve(received);
      // An empty ExportTraceServiceResponse, in the request's encoding.
      if (contentType.startsWith('application/json')) response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      else response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exports,
    spans: () => exports.flatMap((received) => received.spans),
    nextExport: (timeoutMs = 5_000) =>
      new Promise<ReceivedExport>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`No export within ${timeoutMs} ms`)), timeoutMs);
        waiting.push((received) => {
          clearTimeout(timer);
          resolve(received);
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
