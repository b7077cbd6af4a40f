/**
 * One log line and one metric sample per GraphQL request (operation, status, duration,
 * organization). Nothing here carries a credential or a path id.
 */
import { isOrganizationId } from '../../rules.js';
import type { Logger } from '../../observability/logger.js';
import type { GatewayMetrics } from '../../observability/metrics.js';
import type { Concern, OperationInfo } from '../exchange.js';

const UNKNOWN: OperationInfo = { type: 'unknown', name: null, rootField: 'unknown' };

/** A batch is reported as one request of type `batch`. */
function summary(operations: readonly OperationInfo[]): OperationInfo {
  const [first] = operations;
  if (!first) return UNKNOWN;
  return operations.length === 1 ? first : { type: 'batch', name: first.name, rootField: 'multiple' };
}

export function observabilityConcern(logger: Logger, metrics: GatewayMetrics, defaultOrganization: string | null): Concern {
  return {
    name: 'logs-and-metrics',
    onResponse(exchange, outcome) {
      const operation = summary(exchange.operations);
      const durationMs = performance.now() - exchange.startedAt;
      const labels = { operation_type: operation.type, root_field: operation.rootField };
      metrics.graphqlRequests.inc({ ...labels, status: String(outcome.status) });
      metrics.graphqlDuration.observe(labels, durationMs / 1000);
      const header = exchange.headers.get('x-alvaria-org-id');
      logger.info(
        {
          requestId: exchange.requestId,
          method: exchange.method,
          status: outcome.status,
          durationMs: Math.round(durationMs * 1000) / 1000,
          operationType: operation.type,
          rootField: operation.rootField,
          operationName: operation.name,
          organization: header && isOrganizationId(header) ? header : defaultOrganization,
        },
        'graphql request',
      );
    },
  };
}
