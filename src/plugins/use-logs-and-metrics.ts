/**
 * One log line and one metric sample per GraphQL request (operation, status, duration,
 * organization, and the REST calls it made: endpoint template, outcome, attempts, duration), and
 * `GET /metrics` for Prometheus. Ours: Yoga's Prometheus plugin names its own
 * metrics and labels and logs nothing; the contract's lines and labels are these, and carry no
 * credential, path id or payload. A client that goes away before the answer is counted apart
 * (status 499, logged at info), never as a server fault.
 */
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { IncomingMessage } from 'node:http';
import { markLogged } from '../observability/logged-faults.js';
import { upstreamCallFields, type CallSummary } from '../observability/upstream-calls.js';
import type { Logger } from '../observability/logger.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import type { GatewayContext } from '../resolvers/context.js';
import { refusals } from '../refusals.js';
import { isOrganizationId } from '../rules.js';
import { isGraphQLPath } from './graphql-path.js';
import { httpRequestOf, nodeServerContext } from './request-context.js';
import { requestIdOf } from './use-request-id.js';

const UNKNOWN = 'unknown';

interface RequestRecord {
  readonly started: number;
  operationType: string;
  rootField: string;
  operationName: string | null;
  /** The REST calls made for it, as its line tells them; null until one is made. */
  calls: CallSummary[] | null;
}

const records = new WeakMap<Request, RequestRecord>();

/** Notes a REST call made for `request`: its log line will tell it. */
export function noteUpstreamCall(request: Request, call: CallSummary): void {
  const record = records.get(request);
  if (record) (record.calls ??= []).push(call);
}

/** The root field's name when there is one (bounded by the schema), else `multiple`. */
function rootFieldOf(operation: OperationDefinitionNode | null | undefined): string {
  const names = new Set<string>();
  for (const selection of operation?.selectionSet.selections ?? []) names.add(selection.kind === 'Field' ? selection.name.value : 'fragment');
  const [only] = names;
  return names.size === 1 && only ? only : names.size === 0 ? UNKNOWN : 'multiple';
}

const operationNameOf = (operation: OperationDefinitionNode | null | undefined): string | null => operation?.name?.value.slice(0, 100) ?? null;

/** The client went away before its request was read whole: nothing it could be answered. */
const clientWentAway = (request: IncomingMessage | undefined): boolean => request !== undefined && request.destroyed && !request.complete;

export interface LogsAndMetricsOptions {
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  readonly graphqlEndpoint: string;
  /** For the log line's `organization` when the request names none. */
  readonly defaultOrganization: string | null;
}

export function useLogsAndMetrics({ logger, metrics, graphqlEndpoint, defaultOrganization }: LogsAndMetricsOptions): Plugin {
  return {
    instrumentation: {
      // A fault of execution itself (not of a field): logged here, with the operation's request id
      // (its context's, which an operation over WebSocket has too: it has no HTTP request).
      execute({ context }, wrapped) {
        const fault = (error: unknown): never => {
          logger.error({ requestId: (context as Partial<Pick<GatewayContext, 'requestId'>>).requestId, err: error }, 'unexpected error');
          markLogged(error);
          throw error;
        };
        try {
          const running = wrapped();
          return running instanceof Promise ? running.catch(fault) : running;
        } catch (error) {
          return fault(error);
        }
      },
    },
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname === '/metrics' && (request.method === 'GET' || request.method === 'HEAD')) {
        return metrics.registry.metrics().then((text) => {
          endResponse(new fetchAPI.Response(text, { status: 200, headers: { 'content-type': metrics.registry.contentType } }));
        });
      }
      if (isGraphQLPath(url.pathname, graphqlEndpoint)) {
        records.set(request, { started: performance.now(), operationType: UNKNOWN, rootField: UNKNOWN, operationName: null, calls: null });
      }
      return undefined;
    },
    onExecute({ args }) {
      noteOperation(args.contextValue, args.document, args.operationName);
    },
    onSubscribe({ args }) {
      noteOperation(args.contextValue, args.document, args.operationName);
    },
    onResponse({ request, response, serverContext }) {
      const record = records.get(request);
      if (!record) return;
      const away = clientWentAway(nodeServerContext(serverContext).req);
      const status = away ? refusals.clientClosedRequest.status : response.status;
      const durationMs = performance.now() - record.started;
      metrics.recordRequest(record.operationType, record.rootField, status, durationMs / 1000);
      const header = request.headers.get('x-alvaria-org-id');
      logger.info(
        {
          requestId: requestIdOf(request),
          method: request.method,
          status,
          durationMs: Math.round(durationMs * 1000) / 1000,
          operationType: record.operationType,
          rootField: record.rootField,
          operationName: record.operationName,
          organization: header && isOrganizationId(header) ? header : defaultOrganization,
          ...(record.calls ? { upstream: record.calls.map(upstreamCallFields) } : {}),
        },
        away ? 'graphql request: the client went away' : 'graphql request',
      );
    },
  };
}

function noteOperation(contextValue: unknown, document: DocumentNode, operationName: string | null | undefined): void {
  const request = httpRequestOf(contextValue);
  const record = request && records.get(request);
  if (!record) return;
  const operation = getOperationAST(document, operationName);
  // A batch runs several operations in one request.
  const first = record.operationType === UNKNOWN;
  record.operationType = first ? (operation?.operation ?? UNKNOWN) : 'batch';
  record.rootField = first ? rootFieldOf(operation) : 'multiple';
  record.operationName = first ? operationNameOf(operation) : record.operationName;
}
