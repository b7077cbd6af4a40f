/**
 * A plugin that rewrites single execution results (of queries, mutations, and a subscription that
 * ended before it began): the shape `use-bad-user-input` and `use-no-suggestions` share.
 */
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** `rewrite` returns the new result, or undefined to leave it as it is. */
export function resultRewrite(rewrite: (result: ExecutionResult) => ExecutionResult | undefined): Plugin {
  const done = ({ result, setResult }: { result: ExecutionResult | AsyncIterableIterator<ExecutionResult>; setResult: (result: ExecutionResult) => void }) => {
    const rewritten = Symbol.asyncIterator in result ? undefined : rewrite(result);
    if (rewritten) setResult(rewritten);
  };
  return {
    onExecute: () => ({ onExecuteDone: done }),
    onSubscribe: () => ({ onSubscribeResult: done }),
  };
}
