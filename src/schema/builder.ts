import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import type { GatewayContext } from '../context.js';

const upperFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  Scalars: {
    /** Normalized UTC ISO-8601 text; see `date-time.ts`. */
    DateTime: { Input: string; Output: string };
    ID: { Input: string; Output: string };
  };
}>({
  plugins: [ErrorsPlugin],
  errors: {
    directResult: true,
    // `interactionHold` -> `InteractionHoldResult`
    defaultUnionOptions: { name: ({ fieldName }) => `${upperFirst(fieldName)}Result` },
  },
});
