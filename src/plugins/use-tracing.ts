/**
 * The SERVER span of each request to `/graphql`, through Yoga's instrumentation API: started
 * around the whole handling of the request (continuing an incoming `traceparent`) and made current
 * there, so that every log line of the request carries its ids and the REST calls find it as their
 * parent; named after the operation once it is known, and ended with the status answered,
 * whatever answered (a refusal, a result, a masked fault). Ours: Hive's OpenTelemetry plugin
 * records the document and registers a global provider, both of which the contract rules out.
 */
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { DocumentNode } from 'graphql';
import type { RequestSpan, Tracing } from '../observability/tracing.js';
import { isGraphQLPath } from './graphql-path.js';
import { httpRequestOf } from './request-context.js';

export function useTracing(tracing: Tracing, graphqlEndpoint: string): Plugin {
  const spans = new WeakMap<Request, RequestSpan>();
  const named = new WeakSet<Request>();
  // A batch: the first operation names the span, the type says it was a batch.
  const name = (contextValue: unknown, document: DocumentNode, operationName: string | null | undefined): void => {
    const request = httpRequestOf(contextValue);
    const span = request && spans.get(request);
    if (!request || !span) return;
    const operation = getOperationAST(document, operationName);
    if (named.has(request)) span.setOperation('batch');
    else if (operation) span.setOperation(operation.operation, operation.name?.value);
    named.add(request);
  };
  return {
    instrumentation: {
      request({ request }, wrapped) {
        const target = new URL(request.url).pathname;
        if (!isGraphQLPath(target, graphqlEndpoint)) return wrapped();
        const span = tracing.startRequestSpan(request.headers, { method: request.method, target });
        spans.set(request, span);
        return span.run(wrapped);
      },
    },
    onExecute({ args }) {
      name(args.contextValue, args.document, args.operationName);
    },
    onSubscribe({ args }) {
      name(args.contextValue, args.document, args.operationName);
    },
    onResponse({ request, response }) {
      const span = spans.get(request);
      if (!span) return;
      span.end(response.status);
    },
  };
}

