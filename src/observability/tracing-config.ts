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
