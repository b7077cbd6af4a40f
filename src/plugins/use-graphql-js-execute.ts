/**
 * Executes with graphql-js's own `execute` instead of Yoga's default executor (graphql-tools'
 * normalized executor), which copies every variable value for incremental delivery that this
 * schema never uses: a third of a command's CPU with 20 data items, measured with `npm run bench`.
 * Subscriptions keep Yoga's executor.
 */
import { execute } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export const useGraphQLJsExecute = (): Plugin => ({
  onExecute({ setExecuteFn }) {
    setExecuteFn(execute);
  },
});
