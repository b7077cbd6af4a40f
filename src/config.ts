/**
 * The gateway's settings, read from the environment once at start. A bad value stops the start
 * with a one-line message naming the variable (`ConfigError`); secrets are never echoed.
 * `settings` below is the one list of variables: the README's tables and `--help` follow it.
 */
import { isOrganizationId, isPrintableHeaderValue } from './datasources/rules.js';

export interface GatewayConfig {
  readonly port: number;
  readonly host: string;
  /** `ALVARIA_BASE_URL` without trailing slashes; null means: start the built-in simulator. */
  readonly baseUrl: string | null;
  readonly defaultOrganization: string | null;
  /** null when every valid organization is allowed. */
  readonly allowedOrganizations: ReadonlySet<string> | null;
  readonly apiKey: string | null;
  readonly upstream: UpstreamLimits;
  readonly limits: OperationLimits;
  readonly http: HttpSettings;
  readonly logLevel: LogLevel;
  /** `PERSISTED_OPERATIONS_FILE`: a codegen persisted-documents.json, or null. */
  readonly persistedOperationsFile: string | null;
  /** `PERSISTED_OPERATIONS_ONLY`: refuse documents that are not in that file. */
  readonly persistedOperationsOnly: boolean;
  readonly persistedQueries: { readonly maxEntries: number };
  /** `WORKERS`: processes serving the port (node:cluster); 1 runs the gateway in this process. */
  readonly workers: number;
}

export interface UpstreamLimits {
  /** Bounds each REST call as a whole: connecting, any retry of the connection, sending, the answer. */
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
  /** Longest wait for the answer's headers, and between two chunks of its body. */
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  /** Sockets per upstream origin. */
  readonly maxConnections: number;
}

export interface OperationLimits {
  readonly maxMutations: number;
  readonly maxDepth: number;
  readonly maxTokens: number;
  readonly maxAliases: number;
  /** 0: HTTP batching off. */
  readonly batchLimit: number;
  readonly suggestions: boolean;
  readonly introspection: boolean;
}

export interface HttpSettings {
  readonly maxBodyBytes: number;
  readonly graphiql: boolean;
  /** null: no cross-origin access; `['*']`: any origin. */
  readonly corsOrigins: readonly string[] | null;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly shutdownGraceMs: number;
  readonly shutdownDelayMs: number;
  readonly corsMaxAgeSeconds: number;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const logLevels: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

/** One environment variable: its default as shown to people, and what it is for. */
export interface Setting {
  readonly name: string;
  readonly default: string;
  readonly description: string;
}

export const settings: readonly Setting[] = [
  { name: 'PORT', default: '4000', description: 'Port to listen on (0: any free port).' },
  { name: 'HOST', default: '0.0.0.0', description: 'Address to listen on.' },
  { name: 'ALVARIA_BASE_URL', default: '(built-in simulator)', description: 'REST origin, optionally with a path prefix; may hold {orgId}, e.g. https://{orgId}.via.aspect-cloud.net.' },
  { name: 'ALVARIA_ORG_ID', default: 'demo with the simulator, else none', description: 'Default organization.' },
  { name: 'ALVARIA_ALLOWED_ORG_IDS', default: '(any)', description: 'Comma-separated organizations a request may name.' },
  { name: 'ALVARIA_API_KEY', default: '(none)', description: 'x-api-key for requests that carry none.' },
  { name: 'ALVARIA_TIMEOUT_MS', default: '10000', description: 'Bound on each REST call as a whole.' },
  { name: 'ALVARIA_CONNECT_TIMEOUT_MS', default: '3000', description: 'Time to establish a connection to the API.' },
  { name: 'ALVARIA_HEADERS_TIMEOUT_MS', default: '10000', description: "Longest wait for the answer's headers." },
  { name: 'ALVARIA_BODY_TIMEOUT_MS', default: '10000', description: "Longest pause while reading the answer's body." },
  { name: 'ALVARIA_MAX_CONNECTIONS', default: '64', description: 'Connections per upstream origin; further calls wait for one.' },
  { name: 'MAX_MUTATIONS_PER_OPERATION', default: '5', description: 'Root mutation fields (each a REST call) in one operation.' },
  { name: 'GRAPHQL_MAX_DEPTH', default: '15', description: 'Field nesting, introspection included (the standard introspection query needs 15).' },
  { name: 'GRAPHQL_MAX_TOKENS', default: '2000', description: 'Tokens in one GraphQL document.' },
  { name: 'GRAPHQL_MAX_ALIASES', default: '15', description: 'Aliases in one operation.' },
  { name: 'GRAPHQL_BATCH_LIMIT', default: '0', description: 'Operations in one batched HTTP request (0: batching off; at most 10).' },
  { name: 'GRAPHQL_SUGGESTIONS', default: 'false', description: 'Whether errors may suggest names ("Did you mean …?").' },
  { name: 'GRAPHQL_INTROSPECTION', default: 'true', description: 'Whether the schema can be introspected.' },
  { name: 'GRAPHIQL', default: 'true', description: 'Whether browsers get GraphiQL at /graphql.' },
  { name: 'CORS_ORIGINS', default: '(none)', description: 'Comma-separated origins allowed cross-origin access, or *.' },
  { name: 'MAX_BODY_BYTES', default: '65536', description: 'Largest request body; larger is answered 413.' },
  { name: 'SERVER_HEADERS_TIMEOUT_MS', default: '10000', description: "Time for a client to send a request's headers." },
  { name: 'SERVER_REQUEST_TIMEOUT_MS', default: '35000', description: 'Time for a client to send a whole request.' },
  { name: 'SERVER_KEEP_ALIVE_TIMEOUT_MS', default: '65000', description: 'Idle keep-alive time; longer than load balancers\' 60 s.' },
  { name: 'SHUTDOWN_GRACE_MS', default: '20000', description: 'On SIGTERM, how long in-flight requests may take to finish.' },
  { name: 'LOG_LEVEL', default: 'info', description: `One of ${logLevels.join(', ')}.` },
  { name: 'PERSISTED_OPERATIONS_FILE', default: '(none)', description: 'A persisted-documents.json (sha256 hash -> document) from GraphQL Code Generator; clients may then send the hash alone.' },
  { name: 'WORKERS', default: '1', description: 'Processes serving the port (node:cluster), e.g. one per core.' },
  { name: 'SHUTDOWN_DELAY_MS', default: '5000', description: 'On SIGTERM, how long /ready answers 503 while the gateway keeps serving, so load balancers deregister it before it stops accepting.' },
  { name: 'CORS_MAX_AGE_SECONDS', default: '600', description: 'How long browsers may cache a preflight (Access-Control-Max-Age).' },
  { name: 'PERSISTED_QUERIES_MAX', default: '1000', description: 'Automatic persisted queries kept (least recently used out) when PERSISTED_OPERATIONS_FILE is not set.' },
  { name: 'PERSISTED_OPERATIONS_ONLY', default: 'false', description: 'Accept only the operations in PERSISTED_OPERATIONS_FILE.' },
];

const SIMULATOR_ORGANIZATION = 'demo';

/** Empty and unset are the same: "use the default". */
function read(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = read(env, name);
  if (text === null) return fallback;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${text}")`);
  }
  return value;
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const text = read(env, name)?.toLowerCase() ?? null;
  if (text === null) return fallback;
  if (['true', '1', 'yes', 'on'].includes(text)) return true;
  if (['false', '0', 'no', 'off'].includes(text)) return false;
  throw new ConfigError(`${name} must be true or false (got "${text}")`);
}

function readList(env: Env, name: string): string[] | null {
  const text = read(env, name);
  if (text === null) return null;
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function readOrganization(name: string, text: string): string {
  if (!isOrganizationId(text)) {
    throw new ConfigError(`${name} must hold DNS labels (letters, digits, inner hyphens; at most 63 characters), got "${text}"`);
  }
  return text;
}

/** Accepts `http(s)://host[:port][/prefix]`, where `{orgId}` may stand in the host or the prefix. */
function readBaseUrl(env: Env): string | null {
  const text = read(env, 'ALVARIA_BASE_URL');
  if (text === null) return null;
  // Credentials and query strings are not repeated back: they may hold secrets.
  const shown = text.replace(/\/\/[^/@]*@/, '//***@').replace(/[?#].*$/, '?…');
  const fail = (why: string): never => {
    throw new ConfigError(`ALVARIA_BASE_URL ${why} (got "${shown}")`);
  };
  let url: URL;
  try {
    url = new URL(text.replaceAll('{orgId}', 'org'));
  } catch {
    return fail('must be an absolute http(s) URL such as https://{orgId}.via.aspect-cloud.net');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail('must use http or https');
  if (url.username || url.password) fail('must not carry credentials');
  if (url.search || url.hash || text.includes('?') || text.includes('#')) fail('must not have a query or fragment');
  return text.replace(/\/+$/, '');
}

function readCorsOrigins(env: Env): string[] | null {
  const origins = readList(env, 'CORS_ORIGINS');
  for (const origin of origins ?? []) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError(`CORS_ORIGINS must list origins such as https://desk.example.com, or * (got "${origin}")`);
    }
  }
  return origins && origins.length > 0 ? origins : null;
}

function readLogLevel(env: Env): LogLevel {
  const text = read(env, 'LOG_LEVEL') ?? 'info';
  const level = logLevels.find((candidate) => candidate === text);
  if (!level) throw new ConfigError(`LOG_LEVEL must be one of ${logLevels.join(', ')} (got "${text}")`);
  return level;
}

export function readConfig(env: Env = process.env): GatewayConfig {
  const baseUrl = readBaseUrl(env);
  const orgText = read(env, 'ALVARIA_ORG_ID');
  const defaultOrganization = orgText
    ? readOrganization('ALVARIA_ORG_ID', orgText)
    : baseUrl === null
      ? SIMULATOR_ORGANIZATION
      : null;

  const allowedList = readList(env, 'ALVARIA_ALLOWED_ORG_IDS');
  const allowedOrganizations = allowedList
    ? new Set(allowedList.map((item) => readOrganization('ALVARIA_ALLOWED_ORG_IDS', item)))
    : null;
  if (allowedOrganizations && defaultOrganization && !allowedOrganizations.has(defaultOrganization)) {
    throw new ConfigError(`ALVARIA_ORG_ID "${defaultOrganization}" is not one of ALVARIA_ALLOWED_ORG_IDS`);
  }

  const apiKey = read(env, 'ALVARIA_API_KEY');
  if (apiKey !== null && !isPrintableHeaderValue(apiKey)) {
    throw new ConfigError('ALVARIA_API_KEY must be printable ASCII of at most 4096 characters (value not shown)');
  }

  const host = read(env, 'HOST') ?? '0.0.0.0';
  if (/\s|\//.test(host)) throw new ConfigError(`HOST must be a host name or IP address (got "${host}")`);

  const timeoutMs = readInteger(env, 'ALVARIA_TIMEOUT_MS', 10_000, 1, 600_000);
  const headersTimeoutMs = readInteger(env, 'SERVER_HEADERS_TIMEOUT_MS', 10_000, 1, 600_000);
  const requestTimeoutMs = readInteger(env, 'SERVER_REQUEST_TIMEOUT_MS', 35_000, 1, 3_600_000);
  if (requestTimeoutMs < headersTimeoutMs) {
    throw new ConfigError('SERVER_REQUEST_TIMEOUT_MS must be at least SERVER_HEADERS_TIMEOUT_MS');
  }

  const persistedOperationsFile = read(env, 'PERSISTED_OPERATIONS_FILE');
  const persistedOperationsOnly = readBoolean(env, 'PERSISTED_OPERATIONS_ONLY', false);
  if (persistedOperationsOnly && persistedOperationsFile === null) {
    throw new ConfigError('PERSISTED_OPERATIONS_ONLY needs PERSISTED_OPERATIONS_FILE');
  }

  return {
    port: readInteger(env, 'PORT', 4000, 0, 65535),
    host,
    baseUrl,
    defaultOrganization,
    allowedOrganizations,
    apiKey,
    upstream: {
      timeoutMs,
      connectTimeoutMs: readInteger(env, 'ALVARIA_CONNECT_TIMEOUT_MS', 3_000, 1, 600_000),
      headersTimeoutMs: readInteger(env, 'ALVARIA_HEADERS_TIMEOUT_MS', 10_000, 1, 600_000),
      bodyTimeoutMs: readInteger(env, 'ALVARIA_BODY_TIMEOUT_MS', 10_000, 1, 600_000),
      maxConnections: readInteger(env, 'ALVARIA_MAX_CONNECTIONS', 64, 1, 10_000),
    },
    limits: {
      maxMutations: readInteger(env, 'MAX_MUTATIONS_PER_OPERATION', 5, 1, 100),
      maxDepth: readInteger(env, 'GRAPHQL_MAX_DEPTH', 15, 1, 1000),
      maxTokens: readInteger(env, 'GRAPHQL_MAX_TOKENS', 2_000, 1, 1_000_000),
      maxAliases: readInteger(env, 'GRAPHQL_MAX_ALIASES', 15, 0, 10_000),
      batchLimit: readInteger(env, 'GRAPHQL_BATCH_LIMIT', 0, 0, 10),
      suggestions: readBoolean(env, 'GRAPHQL_SUGGESTIONS', false),
      introspection: readBoolean(env, 'GRAPHQL_INTROSPECTION', true),
    },
    http: {
      maxBodyBytes: readInteger(env, 'MAX_BODY_BYTES', 65_536, 1_024, 64 * 1024 * 1024),
      graphiql: readBoolean(env, 'GRAPHIQL', true),
      corsOrigins: readCorsOrigins(env),
      headersTimeoutMs,
      requestTimeoutMs,
      keepAliveTimeoutMs: readInteger(env, 'SERVER_KEEP_ALIVE_TIMEOUT_MS', 65_000, 1, 3_600_000),
      shutdownGraceMs: readInteger(env, 'SHUTDOWN_GRACE_MS', 20_000, 0, 600_000),
      shutdownDelayMs: readInteger(env, 'SHUTDOWN_DELAY_MS', 5_000, 0, 600_000),
      corsMaxAgeSeconds: readInteger(env, 'CORS_MAX_AGE_SECONDS', 600, 0, 86_400),
    },
    logLevel: readLogLevel(env),
    persistedOperationsFile,
    persistedOperationsOnly,
    persistedQueries: { maxEntries: readInteger(env, 'PERSISTED_QUERIES_MAX', 1_000, 1, 1_000_000) },
    workers: readInteger(env, 'WORKERS', 1, 1, 64),
  };
}
