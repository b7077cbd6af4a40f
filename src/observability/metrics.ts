/**
 * Prometheus metrics, one registry per gateway. Labels are bounded and carry no ids, organizations
 * or credentials: operation types, root field names of this schema, endpoint templates, statuses.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class GatewayMetrics {
  readonly registry = new Registry();

  readonly graphqlRequests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests by operation type, root field (or "multiple") and HTTP status.',
    labelNames: ['operation_type', 'root_field', 'status'] as const,
    registers: [this.registry],
  });

  readonly graphqlDuration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time to answer a GraphQL request.',
    labelNames: ['operation_type', 'root_field'] as const,
    buckets: latencyBuckets,
    registers: [this.registry],
  });

  readonly upstreamCalls = new Counter({
    name: 'upstream_requests_total',
    help: 'REST calls to the Engagement Center by endpoint template and outcome (HTTP status, timeout, unavailable).',
    labelNames: ['endpoint', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly upstreamDuration = new Histogram({
    name: 'upstream_request_duration_seconds',
    help: 'Duration of REST calls to the Engagement Center by endpoint template.',
    labelNames: ['endpoint'] as const,
    buckets: latencyBuckets,
    registers: [this.registry],
  });

  /** Set by `CircuitBreakers` (`src/protection/circuit-breaker.ts`) on every change of state. */
  readonly circuitsOpen = new Gauge({
    name: 'upstream_circuits_open',
    help: 'Upstream origins whose circuit is not closed (open, or half-open with its one probe).',
    registers: [this.registry],
  });

  readonly circuitTransitions = new Counter({
    name: 'upstream_circuit_transitions_total',
    help: 'Circuit changes of state: open (failures in a row, or a failed probe), half_open (a probe sent), closed (the probe succeeded).',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });

  readonly commandsRefused = new Counter({
    name: 'commands_refused_total',
    help: 'Commands answered without a REST call, by reason: circuit (the upstream circuit is open) or rate_limit.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly redisErrors = new Counter({
    name: 'redis_errors_total',
    help: 'Redis failures by operation (connection, rate_limit, persisted_query, events); the gateway serves on without the shared state (fail open; agent events wait for it).',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });

  readonly subscriptionsActive = new Gauge({
    name: 'subscriptions_active',
    help: 'Open agentEvents subscriptions in this process.',
    registers: [this.registry],
  });

  readonly streamingPollersActive = new Gauge({
    name: 'streaming_pollers_active',
    help: 'Streaming sessions this process polls now (with REDIS_URL: those whose lease it holds).',
    registers: [this.registry],
  });

  readonly streamingEvents = new Counter({
    name: 'streaming_events_total',
    help: "Agent events stored by this process's pollers (each event once, however many subscribers).",
    registers: [this.registry],
  });

  readonly subscriptionsEnded = new Counter({
    name: 'subscriptions_ended_total',
    help: 'Subscriptions ended, by reason: client, or the ending code in lower case (streaming_session_gone, unauthenticated, forbidden, upstream_error, subscriber_too_slow, shutting_down, too_many_subscriptions).',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  // Each label set's child is kept: a sample then hashes no labels (the sets are few and bounded).
  readonly #children = new Map<string, { readonly count: { inc(): void }; readonly time: { observe(value: number): void } }>();

  /** One GraphQL request: `graphql_requests_total` and `graphql_request_duration_seconds`. */
  recordRequest(operationType: string, rootField: string, status: number, seconds: number): void {
    const key = `r\n${operationType}\n${rootField}\n${status}`;
    let child = this.#children.get(key);
    if (!child) {
      child = {
        count: this.graphqlRequests.labels({ operation_type: operationType, root_field: rootField, status: String(status) }),
        time: this.graphqlDuration.labels({ operation_type: operationType, root_field: rootField }),
      };
      this.#children.set(key, child);
    }
    child.count.inc();
    child.time.observe(seconds);
  }

  /** One REST call: `upstream_requests_total` and `upstream_request_duration_seconds`. */
  recordUpstreamCall(endpoint: string, outcome: string, seconds: number): void {
    const key = `u\n${endpoint}\n${outcome}`;
    let child = this.#children.get(key);
    if (!child) {
      child = { count: this.upstreamCalls.labels({ endpoint, outcome }), time: this.upstreamDuration.labels({ endpoint }) };
      this.#children.set(key, child);
    }
    child.count.inc();
    child.time.observe(seconds);
  }

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
