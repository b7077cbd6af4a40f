/** Configuration from the environment: defaults, and a one-line error naming the variable for each bad value. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig, settings, type GatewayConfig } from '../src/config/read-config.js';
import type { IntegerParser } from '../src/config/parsers.js';

const defaults = readConfig({});
/** A real manifest: the setting reads and checks the file. */
const manifestFile = fileURLToPath(new URL('../examples/generated/persisted-documents.json', import.meta.url));

const valueAt = (config: GatewayConfig, path: readonly string[]): unknown =>
  path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], config);

function configErrorOf(env: Record<string, string>): Error {
  let error: unknown;
  try {
    readConfig(env);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ConfigError);
  return error as Error;
}

/** A valid value other than the default for every setting; each one distinct, so that a mix-up shows. */
const samples: Readonly<Record<string, string>> = {
  PORT: '8080',
  HOST: '127.0.0.1',
  ALVARIA_BASE_URL: 'https://{orgId}.via.aspect-cloud.net/',
  ALVARIA_ORG_ID: 'Acme',
  ALVARIA_ALLOWED_ORG_IDS: ' Acme , globex,',
  ALVARIA_API_KEY: 'key-1',
  ALVARIA_TIMEOUT_MS: '2500',
  ALVARIA_CONNECT_TIMEOUT_MS: '1500',
  ALVARIA_HEADERS_TIMEOUT_MS: '2000',
  ALVARIA_BODY_TIMEOUT_MS: '2100',
  ALVARIA_MAX_CONNECTIONS: '8',
  MAX_MUTATIONS_PER_OPERATION: '3',
  GRAPHQL_MAX_DEPTH: '12',
  GRAPHQL_MAX_TOKENS: '900',
  GRAPHQL_MAX_ALIASES: '4',
  GRAPHQL_BATCH_LIMIT: '6',
  GRAPHQL_SUGGESTIONS: 'true',
  GRAPHQL_INTROSPECTION: 'off',
  SUBGRAPH_REQUIRES_SCOPES: 'true',
  MAX_BODY_BYTES: '2048',
  GRAPHIQL: 'false',
  CORS_ORIGINS: 'https://desk.example.com, http://localhost:5173',
  CORS_MAX_AGE_SECONDS: '120',
  SERVER_HEADERS_TIMEOUT_MS: '7000',
  SERVER_REQUEST_TIMEOUT_MS: '30000',
  SERVER_KEEP_ALIVE_TIMEOUT_MS: '61000',
  SHUTDOWN_DELAY_MS: '0',
  SHUTDOWN_GRACE_MS: '15000',
  LOG_LEVEL: 'warn',
  PERSISTED_OPERATIONS_FILE: manifestFile,
  PERSISTED_OPERATIONS_ONLY: 'yes',
  PERSISTED_QUERIES_MAX: '250',
  ALVARIA_CIRCUIT_FAILURES: '0',
  ALVARIA_CIRCUIT_OPEN_MS: '30000',
  RATE_LIMIT_PER_CREDENTIAL: '20',
  RATE_LIMIT_PER_ORGANIZATION: '200',
  RATE_LIMIT_WINDOW_MS: '60000',
  STREAMING_MAX_EVENTS: '25',
  STREAMING_POLL_TIMEOUT_MS: '45000',
  STREAMING_LEASE_MS: '15000',
  STREAMING_RETAIN_EVENTS: '500',
  STREAMING_RETAIN_MS: '300000',
  SUBSCRIBER_BUFFER_EVENTS: '400',
  MAX_SUBSCRIPTIONS_PER_CREDENTIAL: '5',
  MAX_SUBSCRIPTIONS: '2000',
  REDIS_URL: 'rediss://gateway:pw@redis.internal:6380/2',
  REDIS_TIMEOUT_MS: '200',
  SIMULATOR_POLL_HOLD_MS: '1000',
  SIMULATOR_OFFER_EVERY_MS: '5000',
  WORKERS: '2',
};

describe('readConfig', () => {
  it('defaults to port 4000 on 0.0.0.0, the simulator and its demo organization', () => {
    expect(defaults).toEqual({
      port: 4000,
      host: '0.0.0.0',
      baseUrl: null,
      defaultOrganization: 'demo',
      allowedOrganizations: null,
      apiKey: null,
      upstream: { timeoutMs: 10_000, connectTimeoutMs: 3_000, headersTimeoutMs: 10_000, bodyTimeoutMs: 10_000, maxConnections: 64 },
      limits: { maxMutations: 5, maxDepth: 15, maxTokens: 2_000, maxAliases: 15, batchLimit: 0, suggestions: false, introspection: true },
      federation: { requiresScopes: false },
      http: {
        maxBodyBytes: 65_536,
        graphiql: true,
        corsOrigins: null,
        corsMaxAgeSeconds: 600,
        headersTimeoutMs: 10_000,
        requestTimeoutMs: 35_000,
        keepAliveTimeoutMs: 65_000,
        shutdownDelayMs: 5_000,
        shutdownGraceMs: 20_000,
      },
      logLevel: 'info',
      persistedOperations: null,
      persistedOperationsOnly: false,
      persistedQueries: { maxEntries: 1_000 },
      protection: { circuitFailures: 5, circuitOpenMs: 5_000, rateLimitPerCredential: 0, rateLimitPerOrganization: 0, rateLimitWindowMs: 1_000 },
      redis: null,
      streaming: {
        maxEvents: 50,
        pollTimeoutMs: 40_000,
        leaseMs: 10_000,
        retainEvents: 1_000,
        retainMs: 600_000,
        subscriberBufferEvents: 1_000,
        maxSubscriptionsPerCredential: 20,
        maxSubscriptions: 10_000,
      },
      redisTimeoutMs: 50,
      simulator: { pollHoldMs: 25_000, offerEveryMs: 0 },
      workers: 1,
    });
  });

  it('reads every variable of the list', () => {
    const env = Object.fromEntries(settings.map((setting) => [setting.name, samples[setting.name] ?? '']));
    const config = readConfig(env);
    // A setting without a sample, or one that lands nowhere, keeps its default: that fails here.
    for (const setting of settings) {
      expect(valueAt(config, setting.path), `${setting.name} (${setting.path.join('.')})`).not.toEqual(valueAt(defaults, setting.path));
    }
    expect(Object.keys(samples).sort()).toEqual(settings.map((setting) => setting.name).sort());
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      baseUrl: 'https://{orgId}.via.aspect-cloud.net',
      defaultOrganization: 'Acme',
      allowedOrganizations: new Set(['Acme', 'globex']),
      apiKey: 'key-1',
      upstream: { timeoutMs: 2500, connectTimeoutMs: 1500, headersTimeoutMs: 2000, bodyTimeoutMs: 2100, maxConnections: 8 },
      limits: { maxMutations: 3, maxDepth: 12, maxTokens: 900, maxAliases: 4, batchLimit: 6, suggestions: true, introspection: false },
      federation: { requiresScopes: true },
      http: {
        maxBodyBytes: 2048,
        graphiql: false,
        corsOrigins: ['https://desk.example.com', 'http://localhost:5173'],
        corsMaxAgeSeconds: 120,
        headersTimeoutMs: 7000,
        requestTimeoutMs: 30_000,
        keepAliveTimeoutMs: 61_000,
        shutdownDelayMs: 0,
        shutdownGraceMs: 15_000,
      },
      logLevel: 'warn',
      persistedOperations: { path: manifestFile, documents: expect.any(Map) },
      persistedOperationsOnly: true,
      persistedQueries: { maxEntries: 250 },
      protection: { circuitFailures: 0, circuitOpenMs: 30_000, rateLimitPerCredential: 20, rateLimitPerOrganization: 200, rateLimitWindowMs: 60_000 },
      redis: { host: 'redis.internal', port: 6380, db: 2, tls: true, username: 'gateway', password: 'pw' },
      streaming: {
        maxEvents: 25,
        pollTimeoutMs: 45_000,
        leaseMs: 15_000,
        retainEvents: 500,
        retainMs: 300_000,
        subscriberBufferEvents: 400,
        maxSubscriptionsPerCredential: 5,
        maxSubscriptions: 2_000,
      },
      redisTimeoutMs: 200,
      simulator: { pollHoldMs: 1_000, offerEveryMs: 5_000 },
      workers: 2,
    });
  });

  it('treats an empty or blank variable as unset', () => {
    expect(readConfig(Object.fromEntries(settings.map((setting) => [setting.name, ' ']))).port).toBe(4000);
    expect(readConfig(Object.fromEntries(settings.map((setting) => [setting.name, ' '])))).toEqual(defaults);
  });

  it.each(settings.map((setting) => [setting.name, setting] as const))('%s: its default is what the list says, and a value its parser accepts', (_name, setting) => {
    if (setting.name !== 'ALVARIA_ORG_ID') expect(valueAt(defaults, setting.path)).toEqual(setting.default);
    if (setting.literalDefault) expect(setting.parser.parse(setting.shownDefault, setting.name)).toEqual(setting.default);
  });

  const integers = settings.filter((setting) => 'min' in setting.parser).map((setting) => [setting.name, setting.parser as IntegerParser] as const);

  it.each(integers)('%s takes its bounds and refuses one beyond either', (name, parser) => {
    const { min, max } = parser;
    expect(parser.parse(String(max), name)).toBe(max);
    expect(parser.parse(String(min), name)).toBe(min);
    expect(configErrorOf({ [name]: String(max + 1) }).message).toContain(`${name} must be a whole number from ${min} to ${max}`);
    if (min > 0) expect(configErrorOf({ [name]: String(min - 1) }).message).toContain(name);
  });

  it('has no default organization with a real upstream and no ALVARIA_ORG_ID', () => {
    expect(readConfig({ ALVARIA_BASE_URL: 'http://127.0.0.1:9000' }).defaultOrganization).toBeNull();
  });

  it.each([
    'redis://localhost:6379',
    'redis://localhost:6379/',
    'redis://127.0.0.1:6379/15',
    'redis://[::1]:6379/0',
    'rediss://:pw@redis.internal:6380',
    'rediss://user:p%40ss@redis.internal:6380/3',
  ])('reads REDIS_URL %s', (url) => {
    expect(readConfig({ REDIS_URL: url }).redis).toMatchObject({ host: expect.any(String), port: expect.any(Number), db: expect.any(Number) });
  });

  it('reads REDIS_URL once, into the address every user of Redis takes', () => {
    expect(readConfig({ REDIS_URL: 'redis://127.0.0.1:6380/2' }).redis).toEqual({ host: '127.0.0.1', port: 6380, db: 2, tls: false });
    expect(readConfig({ REDIS_URL: 'redis://cache:6379' }).redis).toEqual({ host: 'cache', port: 6379, db: 0, tls: false });
    expect(readConfig({ REDIS_URL: 'rediss://cache:6380' }).redis).toMatchObject({ host: 'cache', port: 6380, tls: true });
    expect(readConfig({ REDIS_URL: 'rediss://user:p%40ss@cache:6380/3' }).redis).toEqual({ host: 'cache', port: 6380, db: 3, tls: true, username: 'user', password: 'p@ss' });
    expect(readConfig({ REDIS_URL: 'redis://[::1]:7000' }).redis).toMatchObject({ host: '::1', port: 7000 });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '-1' }, 'PORT'],
    [{ HOST: 'a b' }, 'HOST'],
    [{ ALVARIA_TIMEOUT_MS: '0' }, 'ALVARIA_TIMEOUT_MS'],
    [{ ALVARIA_TIMEOUT_MS: '1.5' }, 'ALVARIA_TIMEOUT_MS'],
    [{ ALVARIA_BASE_URL: 'not a url' }, 'ALVARIA_BASE_URL'],
    [{ ALVARIA_BASE_URL: 'ftp://example.com' }, 'ALVARIA_BASE_URL'],
    [{ ALVARIA_BASE_URL: 'https://user:pw@example.com' }, 'ALVARIA_BASE_URL'],
    [{ ALVARIA_BASE_URL: 'https://example.com/?a=1' }, 'ALVARIA_BASE_URL'],
    [{ ALVARIA_ORG_ID: 'evil.com#' }, 'ALVARIA_ORG_ID'],
    [{ ALVARIA_ALLOWED_ORG_IDS: 'acme,a@b' }, 'ALVARIA_ALLOWED_ORG_IDS'],
    [{ ALVARIA_ORG_ID: 'acme', ALVARIA_ALLOWED_ORG_IDS: 'globex' }, 'ALVARIA_ALLOWED_ORG_IDS'],
    [{ ALVARIA_API_KEY: 'k\u00e9y' }, 'ALVARIA_API_KEY'],
    [{ GRAPHQL_BATCH_LIMIT: '11' }, 'GRAPHQL_BATCH_LIMIT'],
    [{ GRAPHIQL: 'maybe' }, 'GRAPHIQL'],
    [{ CORS_ORIGINS: 'desk.example.com' }, 'CORS_ORIGINS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ PERSISTED_OPERATIONS_ONLY: 'true' }, 'PERSISTED_OPERATIONS_ONLY'],
    [{ SERVER_HEADERS_TIMEOUT_MS: '5000', SERVER_REQUEST_TIMEOUT_MS: '1000' }, 'SERVER_REQUEST_TIMEOUT_MS'],
    [{ STREAMING_MAX_EVENTS: '80', SUBSCRIBER_BUFFER_EVENTS: '40' }, 'SUBSCRIBER_BUFFER_EVENTS'],
    [{ PERSISTED_QUERIES_MAX: '0' }, 'PERSISTED_QUERIES_MAX'],
    [{ RATE_LIMIT_PER_CREDENTIAL: '-1' }, 'RATE_LIMIT_PER_CREDENTIAL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ REDIS_URL: 'http://redis.internal:6379' }, 'REDIS_URL'],
    [{ REDIS_URL: 'redis://redis.internal' }, 'REDIS_URL'],
    [{ REDIS_URL: 'redis://:6379' }, 'REDIS_URL'],
    [{ REDIS_URL: 'redis://redis.internal:6379/zero' }, 'REDIS_URL'],
    [{ REDIS_URL: 'redis://redis.internal:6379/0/1' }, 'REDIS_URL'],
    [{ REDIS_URL: 'redis://redis.internal:6379?db=1' }, 'REDIS_URL'],
  ])('%j stops the start with a one-line message naming %s', (env, name) => {
    const { message } = configErrorOf(env);
    expect(message).toContain(name);
    expect(message).not.toContain('\n');
  });

  it('keeps a request timeout equal to the headers timeout', () => {
    expect(readConfig({ SERVER_HEADERS_TIMEOUT_MS: '5000', SERVER_REQUEST_TIMEOUT_MS: '5000' }).http.requestTimeoutMs).toBe(5000);
  });

  it('never echoes credentials or a query string of ALVARIA_BASE_URL', () => {
    for (const url of ['https://user:s3cret@api.example.com', 'https://api.example.com/?api_key=s3cret']) {
      expect(() => readConfig({ ALVARIA_BASE_URL: url })).toThrow(/^(?!.*s3cret).*ALVARIA_BASE_URL/);
    }
  });

  /** An invalid value holding `s3cret` for every setting marked secret. */
  const badSecrets: Readonly<Record<string, readonly string[]>> = {
    ALVARIA_API_KEY: ['s3cret\u00e9', `s3cret${'x'.repeat(4096)}`],
    REDIS_URL: [
      'redis://user:s3cret@redis.internal',
      'redis://:s3cret@redis.internal:6379/x',
      'rediss://user:s3cret@redis.internal:6379?tls=1',
      'redis:user:s3cret@redis.internal',
      'redis://redis.internal:6379/?password=s3cret',
      'redis://us3cret@:6379',
    ],
  };

  it.each(settings.filter((setting) => setting.secret).map((setting) => [setting.name] as const))('never echoes a bad value of %s', (name) => {
    const values = badSecrets[name] ?? [];
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) {
      const { message } = configErrorOf({ [name]: value });
      expect(message).toContain(name);
      expect(message).not.toContain('s3cret');
    }
  });
});
