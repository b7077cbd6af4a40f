/** Configuration from the environment: defaults, and a one-line error naming the variable for each bad value. */
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../src/config.js';

describe('readConfig', () => {
  it('defaults to port 4000 on 0.0.0.0, the simulator and its demo organization', () => {
    expect(readConfig({})).toEqual({
      port: 4000,
      host: '0.0.0.0',
      baseUrl: null,
      defaultOrganization: 'demo',
      allowedOrganizations: null,
      apiKey: null,
      upstream: { timeoutMs: 10_000, connectTimeoutMs: 3_000, headersTimeoutMs: 10_000, bodyTimeoutMs: 10_000, maxConnections: 64 },
      limits: { maxMutations: 5, maxDepth: 15, maxTokens: 2_000, maxAliases: 15, batchLimit: 0, suggestions: false, introspection: true },
      http: {
        maxBodyBytes: 65_536,
        graphiql: true,
        corsOrigins: null,
        headersTimeoutMs: 10_000,
        requestTimeoutMs: 35_000,
        keepAliveTimeoutMs: 65_000,
        shutdownGraceMs: 20_000,
      },
      logLevel: 'info',
      persistedOperationsFile: null,
      persistedOperationsOnly: false,
      workers: 1,
    });
  });

  it('reads every variable', () => {
    expect(
      readConfig({
        PORT: '8080',
        HOST: '127.0.0.1',
        ALVARIA_BASE_URL: 'https://{orgId}.via.aspect-cloud.net/',
        ALVARIA_ORG_ID: 'Acme',
        ALVARIA_ALLOWED_ORG_IDS: ' Acme , globex,',
        ALVARIA_API_KEY: 'key-1',
        ALVARIA_TIMEOUT_MS: '2500',
        ALVARIA_MAX_CONNECTIONS: '8',
        MAX_MUTATIONS_PER_OPERATION: '3',
        GRAPHQL_BATCH_LIMIT: '4',
        GRAPHQL_SUGGESTIONS: 'true',
        GRAPHQL_INTROSPECTION: 'off',
        GRAPHIQL: 'false',
        CORS_ORIGINS: 'https://desk.example.com, http://localhost:5173',
        MAX_BODY_BYTES: '2048',
        SHUTDOWN_GRACE_MS: '0',
        LOG_LEVEL: 'warn',
      }),
    ).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      baseUrl: 'https://{orgId}.via.aspect-cloud.net',
      defaultOrganization: 'Acme',
      allowedOrganizations: new Set(['Acme', 'globex']),
      apiKey: 'key-1',
      upstream: { timeoutMs: 2500, maxConnections: 8 },
      limits: { maxMutations: 3, batchLimit: 4, suggestions: true, introspection: false },
      http: { graphiql: false, corsOrigins: ['https://desk.example.com', 'http://localhost:5173'], maxBodyBytes: 2048, shutdownGraceMs: 0 },
      logLevel: 'warn',
    });
  });

  it('has no default organization with a real upstream and no ALVARIA_ORG_ID', () => {
    expect(readConfig({ ALVARIA_BASE_URL: 'http://127.0.0.1:9000' }).defaultOrganization).toBeNull();
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
  ])('%j stops the start with a one-line message naming %s', (env, name) => {
    let error: unknown;
    try {
      readConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(name);
    expect((error as Error).message).not.toContain('\n');
  });

  it('never echoes credentials or a query string of ALVARIA_BASE_URL', () => {
    for (const url of ['https://user:s3cret@api.example.com', 'https://api.example.com/?api_key=s3cret']) {
      expect(() => readConfig({ ALVARIA_BASE_URL: url })).toThrow(/^(?!.*s3cret).*ALVARIA_BASE_URL/);
    }
  });

  it('never echoes the API key', () => {
    expect(() => readConfig({ ALVARIA_API_KEY: 'secret\u00e9' })).toThrow(/^(?!.*secret)/);
  });
});
