/**
 * The few tracing decisions the OpenTelemetry SDK does not make itself from the environment:
 * whether tracing is on, and which OTLP/HTTP encoding to export with. Everything else (endpoint
 * paths, headers, resource, sampler, batch processor, timeouts) the SDK reads natively.
 */

export type OtlpProtocol = 'http/protobuf' | 'http/json';

export type TracingSettings = { readonly enabled: false } | { readonly enabled: true; readonly protocol: OtlpProtocol };

/** A tracing variable with a value the gateway cannot honour: the start stops with this one line. */
export class TracingConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'TracingConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** As the SDK reads a variable: unset, empty and blank are all "not set". */
const read = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value ? value : undefined;
};

const PROTOCOLS: readonly OtlpProtocol[] = ['http/protobuf', 'http/json'];

const SAMPLERS = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'];

type Check = (value: string) => string | null;
const oneOf =
  (values: readonly string[]): Check =>
  (value) =>
    values.includes(value.toLowerCase()) ? null : `must be one of ${values.join(', ')}`;
const wholeNumber: Check = (value) => (/^\d+$/.test(value) ? null : 'must be a whole number (milliseconds or a count)');
const ratio: Check = (value) => (/^(0(\.\d+)?|1(\.0+)?)$/.test(value) ? null : 'must be a number from 0 to 1');

/** One OTEL_* variable the gateway honours (read by the SDK or by this module), for `--help` and the start's checks. */
export interface OtelVariable {
  readonly name: string;
  readonly description: string;
  readonly shownDefault: string;
  /** A value the SDK would silently replace by its default is refused at start instead. */
  readonly check?: Check;
}

export const otelVariables: readonly OtelVariable[] = [
  { name: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', description: 'OTLP/HTTP traces URL, used as given; setting it (or the next) turns tracing on.', shownDefault: '(none: tracing off)' },
  { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', description: 'OTLP/HTTP base URL; /v1/traces is appended.', shownDefault: '(none)' },
  { name: 'OTEL_EXPORTER_OTLP_PROTOCOL', description: 'http/protobuf or http/json (OTEL_EXPORTER_OTLP_TRACES_PROTOCOL wins).', shownDefault: 'http/protobuf' },
  { name: 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', description: 'http/protobuf or http/json, for traces.', shownDefault: '(OTEL_EXPORTER_OTLP_PROTOCOL)' },
  { name: 'OTEL_EXPORTER_OTLP_HEADERS', description: 'key=value pairs sent with every export (e.g. a collector token).', shownDefault: '(none)' },
  { name: 'OTEL_EXPORTER_OTLP_TIMEOUT', description: 'Longest wait for one export, in ms.', shownDefault: '10000', check: wholeNumber },
  { name: 'OTEL_SERVICE_NAME', description: 'service.name of every span.', shownDefault: 'engagement-center-gateway' },
  { name: 'OTEL_RESOURCE_ATTRIBUTES', description: 'Further resource attributes, key=value pairs.', shownDefault: '(none)' },
  { name: 'OTEL_TRACES_SAMPLER', description: `One of ${SAMPLERS.join(', ')}.`, shownDefault: 'parentbased_always_on', check: oneOf(SAMPLERS) },
  { name: 'OTEL_TRACES_SAMPLER_ARG', description: 'The ratio of the *traceidratio samplers, 0 to 1.', shownDefault: '1', check: ratio },
  { name: 'OTEL_BSP_SCHEDULE_DELAY', description: 'Batch processor: ms between two exports.', shownDefault: '5000', check: wholeNumber },
  { name: 'OTEL_BSP_EXPORT_TIMEOUT', description: 'Batch processor: longest export, in ms.', shownDefault: '30000', check: wholeNumber },
  { name: 'OTEL_BSP_MAX_QUEUE_SIZE', description: 'Batch processor: spans kept waiting at most (more are dropped).', shownDefault: '2048', check: wholeNumber },
  { name: 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE', description: 'Batch processor: spans in one export at most.', shownDefault: '512', check: wholeNumber },
  { name: 'OTEL_SDK_DISABLED', description: 'true turns tracing off whatever else is set.', shownDefault: 'false', check: oneOf(['true', 'false']) },
  { name: 'OTEL_TRACES_EXPORTER', description: 'otlp, or none to turn tracing off.', shownDefault: 'otlp' },
];

/** Refuses a value the SDK would quietly replace with its default: one line naming the variable. */
function checkValues(env: Env): void {
  for (const variable of otelVariables) {
    const value = read(env, variable.name);
    const problem = value === undefined ? null : (variable.check?.(value) ?? null);
    if (problem) throw new TracingConfigError(variable.name, `${problem} (got "${(value ?? "").slice(0, 100)}").`);
  }
}

function checkEndpoint(env: Env, name: string): void {
  const value = read(env, name);
  if (value === undefined) return;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TracingConfigError(name, 'must be an http:// or https:// URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TracingConfigError(name, 'must be an http:// or https:// URL.');
}

/**
 * On when `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or `OTEL_EXPORTER_OTLP_ENDPOINT` is set, unless
 * `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none`. Values it cannot serve (gRPC, another
 * exporter, an endpoint that is no URL) are refused rather than silently ignored, as the SDK would.
 */
export function tracingSettings(env: Env): TracingSettings {
  checkValues(env);
  if (read(env, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return { enabled: false };
  const exporters = read(env, 'OTEL_TRACES_EXPORTER')
    ?.split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  if (exporters?.includes('none')) return { enabled: false };
  const unsupported = exporters?.find((name) => name !== 'otlp');
  if (unsupported !== undefined) {
    throw new TracingConfigError('OTEL_TRACES_EXPORTER', `"${unsupported}" is not supported; use otlp (the default) or none.`);
  }
  if (read(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') === undefined && read(env, 'OTEL_EXPORTER_OTLP_ENDPOINT') === undefined) {
    return { enabled: false };
  }
  checkEndpoint(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  checkEndpoint(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');

  const specific = read(env, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL');
  const variable = specific === undefined ? 'OTEL_EXPORTER_OTLP_PROTOCOL' : 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL';
  const protocol = specific ?? read(env, 'OTEL_EXPORTER_OTLP_PROTOCOL') ?? 'http/protobuf';
  if (!PROTOCOLS.includes(protocol as OtlpProtocol)) {
    throw new TracingConfigError(variable, `"${protocol}" is not supported; use http/protobuf (the default) or http/json.`);
  }
  return { enabled: true, protocol: protocol as OtlpProtocol };
}

/**
 * Runs `build` with the OTEL_* variables of `env` in `process.env` (the SDK reads only
 * `process.env`), then puts `process.env` back as it was. Synchronous, so nothing else runs in
 * between; a no-op when `env` is `process.env` itself.
 */
export function withOtelEnv<T>(env: Env, build: () => T): T {
  if (env === process.env) return build();
  const saved = new Map<string, string | undefined>();
  const names = new Set([...Object.keys(process.env), ...Object.keys(env)].filter((name) => name.startsWith('OTEL_')));
  for (const name of names) {
    saved.set(name, process.env[name]);
    const value = env[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  try {
    return build();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
