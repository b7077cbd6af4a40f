/**
 * What a gateway owns besides its HTTP handling, built once from the configuration: the upstream
 * dispatchers (one for commands, one for held retrievals, so that pollers never starve commands of
 * connections), Redis, the rate limits and the origins' circuits (shared by commands and the
 * Streaming API), the REST datasource's options, the Streaming API client and the event engine.
 */
import type { Dispatcher } from 'undici';
import type { GatewayConfig } from '../config/read-config.js';
import { CallCoalescer } from '../datasources/coalescing.js';
import type { EngagementCenterOptions, UpstreamCall } from '../datasources/engagement-center.js';
import { StreamingClient } from '../datasources/streaming-client.js';
import { createUpstreamAgent } from '../datasources/upstream-agent.js';
import { createEventHub, type EventHub } from '../events/event-hub.js';
import type { Logger } from '../observability/logger.js';
import { upstreamCallFields } from '../observability/upstream-calls.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import type { Tracing } from '../observability/tracing.js';
import { CircuitBreakers } from '../protection/circuit-breaker.js';
import { CommandGuard } from '../protection/command-guard.js';
import { createRateLimits } from '../protection/rate-limits.js';
import { connectRedis, type SharedRedis } from '../state/redis.js';

export interface Resources {
  readonly redis: SharedRedis | null;
  /** What every request's REST datasource is built with. */
  readonly upstream: EngagementCenterOptions;
  readonly streaming: StreamingClient;
  readonly events: EventHub;
  /** Counts a REST call (`upstream_requests_total`, its duration); the request's log line tells it. */
  countCall(call: UpstreamCall): void;
  /** Ends every subscription (SHUTTING_DOWN) and stops the pollers: when the gateway stops accepting. */
  stopEvents(): Promise<void>;
  close(): Promise<void>;
}

export interface ResourceOptions {
  readonly config: GatewayConfig & { readonly baseUrl: string };
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  readonly tracing: Tracing;
  /** Used for every upstream call instead of the gateway's own agents (tests); the caller closes it. */
  readonly dispatcher?: Dispatcher;
}

const countCall = (metrics: GatewayMetrics) => (call: UpstreamCall): void => metrics.recordUpstreamCall(call.endpoint, String(call.outcome), call.durationMs / 1000);

/**
 * The Streaming API's calls, which no GraphQL request's line tells: counted, and logged (a poll's
 * routine retrieval and acknowledgement at debug; a session's create and delete at info).
 */
function streamingCallObserver(logger: Logger, metrics: GatewayMetrics) {
  const count = countCall(metrics);
  return (call: UpstreamCall): void => {
    count(call);
    const routine = call.endpoint === 'streaming/retrieveEvents' || call.endpoint === 'streaming/acknowledge';
    if (routine && !logger.isLevelEnabled('debug')) return;
    const line = { ...upstreamCallFields(call), organization: call.organization };
    if (routine) logger.debug(line, 'upstream call');
    else logger.info(line, 'upstream call');
  };
}

export function createResources({ config, logger, metrics, tracing, dispatcher }: ResourceOptions): Resources {
  const { protection, upstream: limits } = config;
  // Connects in the background: the gateway serves (without shared state) until Redis answers.
  const redis = config.redis ? connectRedis({ address: config.redis, logger, metrics, commandTimeoutMs: config.redisTimeoutMs }) : null;
  const breakers = new CircuitBreakers({
    failures: protection.circuitFailures,
    openMs: protection.circuitOpenMs,
    logger,
    metrics,
    // A probe that outlives the call's own bound is lost: let another command probe.
    probeTimeoutMs: limits.timeoutMs + 1_000,
  });
  const guard = new CommandGuard(
    createRateLimits({
      perCredential: protection.rateLimitPerCredential,
      perOrganization: protection.rateLimitPerOrganization,
      windowMs: protection.rateLimitWindowMs,
      metrics,
      redis,
    }),
    breakers,
  );
  const agent = (): Dispatcher =>
    createUpstreamAgent({
      connectTimeoutMs: limits.connectTimeoutMs,
      headersTimeoutMs: limits.headersTimeoutMs,
      bodyTimeoutMs: limits.bodyTimeoutMs,
      connections: limits.maxConnections,
    });
  const owned = dispatcher === undefined ? { commands: agent(), polls: agent() } : null;
  const commands = dispatcher ?? owned!.commands;
  const observeStreaming = streamingCallObserver(logger, metrics);
  const streaming = new StreamingClient({
    baseUrl: config.baseUrl,
    dispatcher: commands,
    pollDispatcher: dispatcher ?? owned!.polls,
    timeoutMs: limits.timeoutMs,
    pollTimeoutMs: config.streaming.pollTimeoutMs,
    guard,
    breakers,
    tracing,
    onCall: observeStreaming,
  });
  const events = createEventHub({ redis, client: streaming, settings: config.streaming, metrics, logger });
  return {
    redis,
    upstream: {
      baseUrl: config.baseUrl,
      defaultOrganization: config.defaultOrganization,
      allowedOrganizations: config.allowedOrganizations,
      defaultApiKey: config.apiKey,
      timeoutMs: limits.timeoutMs,
      dispatcher: commands,
      coalescer: new CallCoalescer(),
      guard,
      tracing,
    },
    streaming,
    events,
    countCall: countCall(metrics),
    stopEvents: () => events.close(),
    close: async () => {
      await events.close();
      if (owned) await Promise.all([owned.commands.close(), owned.polls.close()]);
      await redis?.close();
    },
  };
}

