/**
 * Every setting of the gateway, once: variable, default, parser with its bounds, description. The
 * tree has the shape of `GatewayConfig` (derived from it); `readConfig`, `--help` and the README's
 * tables follow it. Rules between settings live in `src/config.ts`.
 */
import { persistedDocumentsFile } from './persisted-documents.js';
import { boolean, corsOrigins, hostName, integer, oneOf, organization, organizations, secretHeaderValue } from './parsers.js';
import { setting, type SettingTree } from './setting.js';
import { httpBaseUrl, redisUrl } from './url-parsers.js';

/** The organization the built-in simulator serves unless told otherwise: the default organization in simulator mode. */
export const SIMULATOR_ORGANIZATION = 'demo';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

const MINUTES_10 = 600_000;
const HOUR = 3_600_000;

export const settingTable = {
  port: setting({ name: 'PORT', default: 4000, parser: integer(0, 65_535), description: 'Port to listen on (0: any free port).' }),
  host: setting({ name: 'HOST', default: '0.0.0.0', parser: hostName, description: 'Address to listen on.' }),
  /** Without trailing slashes; null means: start the built-in simulator. */
  baseUrl: setting({
    name: 'ALVARIA_BASE_URL',
    default: null,
    defaultText: '(built-in simulator)',
    parser: httpBaseUrl,
    description: 'REST origin, optionally with a path prefix; may hold {orgId}, e.g. https://{orgId}.via.aspect-cloud.net.',
  }),
  defaultOrganization: setting({ name: 'ALVARIA_ORG_ID', default: null, defaultText: 'demo with the simulator, else none', parser: organization, description: 'Default organization.' }),
  /** null when every valid organization is allowed. */
  allowedOrganizations: setting({ name: 'ALVARIA_ALLOWED_ORG_IDS', default: null, defaultText: '(any)', parser: organizations, description: 'Comma-separated organizations a request may name.' }),
  apiKey: setting({ name: 'ALVARIA_API_KEY', default: null, parser: secretHeaderValue, secret: true, description: 'x-api-key for requests that carry none.' }),
  upstream: {
    /** Bounds each REST call as a whole: connecting, any retry of the connection, sending, the answer. */
    timeoutMs: setting({ name: 'ALVARIA_TIMEOUT_MS', default: 10_000, parser: integer(1, MINUTES_10), description: 'Bound on each REST call as a whole.' }),
    connectTimeoutMs: setting({ name: 'ALVARIA_CONNECT_TIMEOUT_MS', default: 3_000, parser: integer(1, MINUTES_10), description: 'Time to establish a connection to the API.' }),
    /** Longest wait for the answer's headers, and between two chunks of its body. */
    headersTimeoutMs: setting({ name: 'ALVARIA_HEADERS_TIMEOUT_MS', default: 10_000, parser: integer(1, MINUTES_10), description: "Longest wait for the answer's headers." }),
    bodyTimeoutMs: setting({ name: 'ALVARIA_BODY_TIMEOUT_MS', default: 10_000, parser: integer(1, MINUTES_10), description: "Longest pause while reading the answer's body." }),
    /** Sockets per upstream origin. */
    maxConnections: setting({ name: 'ALVARIA_MAX_CONNECTIONS', default: 64, parser: integer(1, 10_000), description: 'Connections per upstream origin; further calls wait for one.' }),
  },
  limits: {
    maxMutations: setting({ name: 'MAX_MUTATIONS_PER_OPERATION', default: 5, parser: integer(1, 100), description: 'Root mutation fields (each a REST call) in one operation.' }),
    maxDepth: setting({ name: 'GRAPHQL_MAX_DEPTH', default: 15, parser: integer(1, 1000), description: 'Field nesting, introspection included (the standard introspection query needs 15).' }),
    maxTokens: setting({ name: 'GRAPHQL_MAX_TOKENS', default: 2_000, parser: integer(1, 1_000_000), description: 'Tokens in one GraphQL document.' }),
    maxAliases: setting({ name: 'GRAPHQL_MAX_ALIASES', default: 15, parser: integer(0, 10_000), description: 'Aliases in one operation.' }),
    /** 0: HTTP batching off. */
    batchLimit: setting({ name: 'GRAPHQL_BATCH_LIMIT', default: 0, parser: integer(0, 10), description: 'Operations in one batched HTTP request (0: batching off).' }),
    suggestions: setting({ name: 'GRAPHQL_SUGGESTIONS', default: false, parser: boolean, description: 'Whether errors may suggest names ("Did you mean …?").' }),
    introspection: setting({ name: 'GRAPHQL_INTROSPECTION', default: true, parser: boolean, description: 'Whether the schema can be introspected.' }),
  },
  federation: {
    /** Off: a router must enforce `@requiresScopes` or refuse the supergraph, and Apollo's without an Enterprise licence refuse it. */
    requiresScopes: setting({
      name: 'SUBGRAPH_REQUIRES_SCOPES',
      default: false,
      parser: boolean,
      description:
        "Whether the subgraph SDL declares the vendor's OAuth scopes with Federation's @requiresScopes (as subgraph-requires-scopes.graphql); the router must then enforce them, and @apollo/gateway and Apollo Router without an Enterprise licence refuse such a supergraph.",
    }),
  },
  http: {
    maxBodyBytes: setting({ name: 'MAX_BODY_BYTES', default: 65_536, parser: integer(1_024, 64 * 1024 * 1024), description: 'Largest request body; larger is answered 413.' }),
    graphiql: setting({ name: 'GRAPHIQL', default: true, parser: boolean, description: 'Whether browsers get GraphiQL at /graphql.' }),
    /** null: no cross-origin access; `['*']`: any origin. */
    corsOrigins: setting({ name: 'CORS_ORIGINS', default: null, parser: corsOrigins, description: 'Origins allowed cross-origin access, or * for any.' }),
    corsMaxAgeSeconds: setting({ name: 'CORS_MAX_AGE_SECONDS', default: 600, parser: integer(0, 86_400), description: 'How long browsers may cache the answer to a CORS preflight (Access-Control-Max-Age).' }),
    headersTimeoutMs: setting({ name: 'SERVER_HEADERS_TIMEOUT_MS', default: 10_000, parser: integer(1, MINUTES_10), description: "Time for a client to send a request's headers." }),
    requestTimeoutMs: setting({ name: 'SERVER_REQUEST_TIMEOUT_MS', default: 35_000, parser: integer(1, HOUR), description: 'Time for a client to send a whole request (at least SERVER_HEADERS_TIMEOUT_MS).' }),
    keepAliveTimeoutMs: setting({ name: 'SERVER_KEEP_ALIVE_TIMEOUT_MS', default: 65_000, parser: integer(1, HOUR), description: "Idle keep-alive time; longer than load balancers' 60 s." }),
    shutdownDelayMs: setting({
      name: 'SHUTDOWN_DELAY_MS',
      default: 5_000,
      parser: integer(0, MINUTES_10),
      description: 'On SIGTERM, how long /ready answers 503 while the gateway keeps serving, so load balancers deregister it before it stops accepting.',
    }),
    shutdownGraceMs: setting({ name: 'SHUTDOWN_GRACE_MS', default: 20_000, parser: integer(0, MINUTES_10), description: 'After SHUTDOWN_DELAY_MS, how long requests in flight may take to finish.' }),
  },
  logLevel: setting({ name: 'LOG_LEVEL', default: 'info', parser: oneOf(logLevels), description: 'The least severe log lines written (silent: none).' }),
  /** A codegen persisted-documents.json, read; or null. */
  persistedOperations: setting({
    name: 'PERSISTED_OPERATIONS_FILE',
    default: null,
    parser: persistedDocumentsFile,
    description: 'A persisted-documents.json (sha256 hash -> document) from GraphQL Code Generator; clients may then send the hash alone.',
  }),
  /** Refuse documents that are not in that file. */
  persistedOperationsOnly: setting({ name: 'PERSISTED_OPERATIONS_ONLY', default: false, parser: boolean, description: 'Accept only the operations in PERSISTED_OPERATIONS_FILE.' }),
  persistedQueries: {
    maxEntries: setting({
      name: 'PERSISTED_QUERIES_MAX',
      default: 1_000,
      parser: integer(1, 1_000_000),
      description: 'Automatic persisted queries kept (least recently used out) when PERSISTED_OPERATIONS_FILE is not set.',
    }),
  },
  protection: {
    /** 0: breaker off. */
    circuitFailures: setting({ name: 'ALVARIA_CIRCUIT_FAILURES', default: 5, parser: integer(0, 1_000), description: 'Failures in a row to one upstream origin that open its circuit breaker (0: breaker off).' }),
    circuitOpenMs: setting({
      name: 'ALVARIA_CIRCUIT_OPEN_MS',
      default: 5_000,
      parser: integer(1, MINUTES_10),
      description: "How long an open circuit refuses commands before one is sent as a probe (longer when the 503 that opened it says so in Retry-After, up to 60 s).",
    }),
    /** 0: off. */
    rateLimitPerCredential: setting({
      name: 'RATE_LIMIT_PER_CREDENTIAL',
      default: 0,
      parser: integer(0, 1_000_000),
      description: 'Commands per RATE_LIMIT_WINDOW_MS for one Authorization value in one organization (0: off).',
    }),
    /** 0: off. */
    rateLimitPerOrganization: setting({
      name: 'RATE_LIMIT_PER_ORGANIZATION',
      default: 0,
      parser: integer(0, 1_000_000),
      description: 'Commands per RATE_LIMIT_WINDOW_MS for one organization, all credentials together (0: off).',
    }),
    rateLimitWindowMs: setting({ name: 'RATE_LIMIT_WINDOW_MS', default: 1_000, parser: integer(1, HOUR), description: 'The sliding window both rate limits count in.' }),
  },
  /** Agent events: the pollers of the Streaming API and the subscriptions they feed. */
  streaming: {
    maxEvents: setting({ name: 'STREAMING_MAX_EVENTS', default: 50, parser: integer(1, 100), description: 'maxEvents a poller asks the Streaming API for in one retrieval.' }),
    /** Not ALVARIA_TIMEOUT_MS: the API holds a retrieval (about 30 s) while it has nothing to deliver. */
    pollTimeoutMs: setting({
      name: 'STREAMING_POLL_TIMEOUT_MS',
      default: 40_000,
      parser: integer(1_000, MINUTES_10),
      description: 'Bound on one retrieval of events, which the API holds while it has none (create, acknowledge and delete are bounded by ALVARIA_TIMEOUT_MS).',
    }),
    leaseMs: setting({
      name: 'STREAMING_LEASE_MS',
      default: 10_000,
      parser: integer(1_000, MINUTES_10),
      description: 'With REDIS_URL: the time within which another replica with subscribers takes over polling a session when the replica polling it stops.',
    }),
    retainEvents: setting({
      name: 'STREAMING_RETAIN_EVENTS',
      default: 1_000,
      parser: integer(1, 100_000),
      description: 'Events kept per session for subscribers that resume (after, Last-Event-ID); in Redis with REDIS_URL.',
    }),
    retainMs: setting({ name: 'STREAMING_RETAIN_MS', default: MINUTES_10, parser: integer(1_000, 86_400_000), description: 'How long a stored event is kept for subscribers that resume.' }),
    subscriberBufferEvents: setting({
      name: 'SUBSCRIBER_BUFFER_EVENTS',
      default: 1_000,
      parser: integer(1, 100_000),
      description: 'Events queued for one subscriber (the replay of after not counted) beyond which it is ended with SUBSCRIBER_TOO_SLOW.',
    }),
    maxSubscriptionsPerCredential: setting({
      name: 'MAX_SUBSCRIPTIONS_PER_CREDENTIAL',
      default: 20,
      parser: integer(1, 100_000),
      description: 'Open subscriptions of one Authorization value in one organization, per process; more end at once with TOO_MANY_SUBSCRIPTIONS.',
    }),
    maxSubscriptions: setting({
      name: 'MAX_SUBSCRIPTIONS',
      default: 10_000,
      parser: integer(1, 1_000_000),
      description: 'Open subscriptions per process; more end at once with TOO_MANY_SUBSCRIPTIONS.',
    }),
  },
  /** null: rate counters and automatic persisted queries live in each process. */
  redis: setting({
    name: 'REDIS_URL',
    default: null,
    parser: redisUrl,
    secret: true,
    description: 'Redis holding the rate counters and automatic persisted queries, shared by every gateway that names it (unset: each process keeps its own).',
  }),
  /** Short: while Redis is slow, each command waits this long at most, then is served unlimited. */
  redisTimeoutMs: setting({
    name: 'REDIS_TIMEOUT_MS',
    default: 50,
    parser: integer(1, 1_000),
    description: 'Longest wait for one Redis reply; past it the command is served without shared limits (fail open).',
  }),
  /** The built-in simulator's (`npm start` without ALVARIA_BASE_URL) and `npm run simulator`'s. */
  simulator: {
    /** The vendor's API holds a retrieval about 30 s; a little less keeps it under STREAMING_POLL_TIMEOUT_MS. */
    pollHoldMs: setting({
      name: 'SIMULATOR_POLL_HOLD_MS',
      default: 25_000,
      parser: integer(0, MINUTES_10),
      description: "The simulator's longest hold of a Streaming API retrieval while there is no event (0: answer at once).",
    }),
    /** 0: off. */
    offerEveryMs: setting({
      name: 'SIMULATOR_OFFER_EVERY_MS',
      default: 0,
      parser: integer(0, HOUR),
      description: 'How often the simulator offers an interaction to every ready agent with a streaming session (0: never).',
    }),
  },
  /** Processes serving the port (node:cluster); 1 runs the gateway in this process. */
  workers: setting({ name: 'WORKERS', default: 1, parser: integer(1, 64), description: 'Processes serving the port (node:cluster), e.g. one per core.' }),
} satisfies SettingTree;
