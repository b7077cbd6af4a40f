/**
 * Tracing as a concern of the request pipeline (`http/pipeline.ts`): it names the operation on the
 * request's SERVER span and ends the span with the status answered, whatever answered (a refusal,
 * a result, a masked fault). The span itself is started, and made current, around the whole
 * handling of the request (`serveTraced`), so that every log line of the request, the ones that
 * `onResponse` hooks write included, carries its ids, and the REST calls find it as their parent.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Concern } from '../exchange.js';
import { incomingHeaders as nodeHeaderReader } from '../incoming-headers.js';
import { errorTypeOf, type Tracing } from '../../observability/tracing.js';

/** Runs `handle` for one request to `/graphql` inside its SERVER span (no span with tracing off). */
export function serveTraced<T>(tracing: Tracing, request: IncomingMessage, response: ServerResponse, handle: (request: IncomingMessage, response: ServerResponse) => T): T {
  if (!tracing.enabled) return handle(request, response);
  const span = tracing.startRequestSpan(nodeHeaderReader(request.headers), { method: request.method ?? 'GET', target: request.url ?? '/graphql' });
  return span.run(() => handle(request, response));
}

export function tracingConcern(tracing: Tracing): Concern {
  return {
    name: 'tracing',
    onOperation(exchange, operation) {
      // A batch: the first operation names the span, the type says it was a batch.
      const first = exchange.operations.length <= 1;
      tracing.current().setOperation(first ? operation.operation : 'batch', first ? operation.name?.value : undefined);
      return undefined;
    },
    onResponse(_exchange, outcome) {
      const span = tracing.current();
      if (outcome.fault !== undefined) span.recordError(errorTypeOf(outcome.fault));
      span.end(outcome.status);
    },
  };
}
