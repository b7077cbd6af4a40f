/**
 * One log line and one metric sample per GraphQL request (operation, status, duration,
 * organization), and `/metrics` for Prometheus. Nothing here carries a credential or a path id.
 */
import { getOperationAST, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { isOrganizationId } from '../datasources/rules.js';
import type { Logger } from '../observability/logger.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { requestIdOf } from './request-id.js';

interface RequestRecord {
  readonly started: number;
  operationType: string;
  rootField: string;
  operationName: string | null;
}

const UNKNOWN = 'unknown';

/** The root field's name when there is one (bounded by the schema), else `multiple`. */
function rootFieldOf(operation: OperationDefinitionNode | null | undefined): string {
  const names = new Set<string>();
  for (const selection of operation?.selectionSet.selections ?? []) {
    names.add(selection.kind === 'Field' ? selection.name.value : 'fragment');
  }
  const [only] = names;
  return names.size === 1 && only ? only : names.size === 0 ? UNKNOWN : 'multiple';
}

export interface ObservabilityOptions {
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  readonly graphqlEndpoint: string;
  readonly defaultOrganization: string | null;
}

export function useObservability({ logger, metrics, graphqlEndpoint, defaultOrganization }: ObservabilityOptions): Plugin {
  const records = new WeakMap<Request, RequestRecord>();
  const organizationOf = (request: Request): string | null => {
    const header = request.headers.get('x-alvaria-org-id');
    return header && isOrganizationId(header) ? header : defaultOrganization;
  };

  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname === '/metrics' && request.method === 'GET') {
        const body = await metrics.registry.metrics();
        endResponse(new fetchAPI.Response(body, { status: 200, headers: { 'content-type': metrics.registry.contentType } }));
        return;
      }
      if (url.pathname === graphqlEndpoint) {
        records.set(request, { started: performance.now(), operationType: UNKNOWN, rootField: UNKNOWN, operationName: null });
      }
    },
    onExecute({ args }) {
      const record = records.get(args.contextValue.request);
      if (!record) return;
      const operation = getOperationAST(args.document as DocumentNode, args.operationName);
      const rootField = rootFieldOf(operation);
      // A batch runs several operations in one request.
      const first = record.operationType === UNKNOWN;
      record.operationType = first ? (operation?.operation ?? UNKNOWN) : 'batch';
      record.rootField = first ? rootField : 'multiple';
      record.operationName = operation?.name?.value.slice(0, 100) ?? null;
    },
    onResponse({ request, response }) {
      const record = records.get(request);
      if (!record) return;
      const durationMs = performance.now() - record.started;
      const labels = { operation_type: record.operationType, root_field: record.rootField };
      metrics.graphqlRequests.inc({ ...labels, status: String(response.status) });
      metrics.graphqlDuration.observe(labels, durationMs / 1000);
      logger.info(
        {
          requestId: requestIdOf(request),
          method: request.method,
          status: response.status,
          durationMs: Math.round(durationMs * 1000) / 1000,
          operationType: record.operationType,
          rootField: record.rootField,
          operationName: record.operationName,
          organization: organizationOf(request),
        },
        'graphql request',
      );
    },
  };
}
