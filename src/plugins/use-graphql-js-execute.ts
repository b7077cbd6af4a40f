/**
 * Executes with graphql-js's own `execute` instead of Yoga's default executor (graphql-tools'
 * normalized executor), which copies every variable value for incremental delivery that this
 * schema never uses: a third of a command's CPU with 20 data items, measured with `npm run bench`.
 * Subscriptions keep Yoga's executor. `@envelop/graphql-jit` measured no better on the hold (322
 * and 361 µs of CPU per request against 323 and 320, two side-by-side runs) and 11 % better on the
 * 20-item transfer, for a compile per distinct document and a second executor's semantics: not
 * taken.
 */
import { execute } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export const useGraphQLJsExecute = (): Plugin => ({
  onExecute({ setExecuteFn }) {
    setExecuteFn(execute);
  },
});
