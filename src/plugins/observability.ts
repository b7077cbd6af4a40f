/**
 * One log line and one metric sample per GraphQL request (operation, status, duration,
 * organization), and `/metrics` for Prometheus. Nothing here carries a credential or a path id.
 * `GraphQLRequestReporter` is shared with the HTTP fast path, so both report alike.
 */
import { getOperationAST, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { isOrganizationId } from '../datasources/rules.js';
import type { Logger } from '../observability/logger.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { requestIdOf } from './request-id.js';

const UNKNOWN = 'unknown';

export interface GraphQLRequestReport {
  readonly requestId: string;
  readonly method: string;
  readonly status: number;
  readonly durationMs: number;
  readonly operationType: string;
  readonly rootField: string;
  readonly operationName: string | null;
  /** The `x-alvaria-org-id` header's value. */
  readonly organizationHeader: string | null;
}

/** The root field's name when there is one (bounded by the schema), else `multiple`. */
export function rootFieldOf(operation: OperationDefinitionNode | null | undefined): string {
  const names = new Set<string>();
  for (const selection of operation?.selectionSet.selections ?? []) {
    names.add(selection.kind === 'Field' ? selection.name.value : 'fragment');
  }
  const [only] = names;
  return names.size === 1 && only ? only : names.size === 0 ? UNKNOWN : 'multiple';
}

export const operationNameOf = (operation: OperationDefinitionNode | null | undefined): string | null =>
  operation?.name?.value.slice(0, 100) ?? null;

export class GraphQLRequestReporter {
  constructor(
    private readonly logger: Logger,
    private readonly metrics: GatewayMetrics,
    private readonly defaultOrganization: string | null,
  ) {}

  report(report: GraphQLRequestReport): void {
    const labels = { operation_type: report.operationType, root_field: report.rootField };
    this.metrics.graphqlRequests.inc({ ...labels, status: String(report.status) });
    this.metrics.graphqlDuration.observe(labels, report.durationMs / 1000);
    const header = report.organizationHeader;
    this.logger.info(
      {
        requestId: report.requestId,
        method: report.method,
        status: report.status,
        durationMs: Math.round(report.durationMs * 1000) / 1000,
        operationType: report.operationType,
        rootField: report.rootField,
        operationName: report.operationName,
        organization: header && isOrganizationId(header) ? header : this.defaultOrganization,
      },
      'graphql request',
    );
  }
}

interface RequestRecord {
  readonly started: number;
  operationType: string;
  rootField: string;
  operationName: string | null;
}

export interface ObservabilityOptions {
  readonly reporter: GraphQLRequestReporter;
  readonly metrics: GatewayMetrics;
  readonly graphqlEndpoint: string;
}

export function useObservability({ reporter, metrics, graphqlEndpoint }: ObservabilityOptions): Plugin {
  const records = new WeakMap<Request, RequestRecord>();
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
      const request = (args.contextValue as { request?: Request }).request;
      const record = request && records.get(request);
      if (!record) return;
      const operation = getOperationAST(args.document as DocumentNode, args.operationName);
      // A batch runs several operations in one request.
      const first = record.operationType === UNKNOWN;
      record.operationType = first ? (operation?.operation ?? UNKNOWN) : 'batch';
      record.rootField = first ? rootFieldOf(operation) : 'multiple';
      record.operationName = operationNameOf(operation);
    },
    onResponse({ request, response }) {
      const record = records.get(request);
      if (!record) return;
      reporter.report({
        requestId: requestIdOf(request),
        method: request.method,
        status: response.status,
        durationMs: performance.now() - record.started,
        operationType: record.operationType,
        rootField: record.rootField,
        operationName: record.operationName,
        organizationHeader: request.headers.get('x-alvaria-org-id'),
      });
    },
  };
}
