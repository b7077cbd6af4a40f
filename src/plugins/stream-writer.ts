/**
 * A result, or a subscription's results, written as one streamed answer: an opening, one item per
 * result, a keep-alive while nothing happens (so that proxies keep the connection), a closing.
 * The stream is pulled, so a slow reader holds the next result back in the subscription instead
 * of filling memory. The two formats are `sse-writer.ts` and `multipart-writer.ts`.
 */
import type { ExecutionResult } from 'graphql';
import type { ResultProcessor } from './result-json.js';

type Results = Parameters<ResultProcessor>[0];

export interface StreamFormat {
  readonly headers: Readonly<Record<string, string>>;
  readonly opening: string;
  readonly item: (result: ExecutionResult) => string;
  readonly closing: string;
  /** Written every `everyMs` while the reader keeps up; none when null. */
  readonly keepAlive: { readonly chunk: string; readonly everyMs: number } | null;
}

/** The results a writer sends: a stream's, or the one result as a stream of one. */
function resultIterator(result: Results): AsyncIterator<ExecutionResult> {
  if (Symbol.asyncIterator in result) return (result as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]();
  return (async function* single() {
    yield result as ExecutionResult;
  })();
}

export const streamWriter =
  (formatOf: (result: Results) => StreamFormat): ResultProcessor =>
  (result, fetchAPI) => {
    const format = formatOf(result);
    const encoder = new fetchAPI.TextEncoder();
    const iterator = resultIterator(result);
    let keepingAlive: NodeJS.Timeout | undefined;
    const stream = new fetchAPI.ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(format.opening));
        const { keepAlive } = format;
        if (!keepAlive) return;
        keepingAlive = setInterval(() => {
          if ((controller.desiredSize ?? 0) > 0) controller.enqueue(encoder.encode(keepAlive.chunk));
        }, keepAlive.everyMs);
      },
      async pull(controller) {
        try {
          const { done, value } = await iterator.next();
          if (done) {
            clearInterval(keepingAlive);
            controller.enqueue(encoder.encode(format.closing));
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(format.item(value)));
        } catch (error) {
          clearInterval(keepingAlive);
          controller.error(error);
        }
      },
      async cancel() {
        clearInterval(keepingAlive);
        await iterator.return?.();
      },
    });
    return new fetchAPI.Response(stream, { status: 200, headers: format.headers });
  };
