import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import ErrorsPlugin from '@pothos/plugin-errors';
import FederationPlugin from '@pothos/plugin-federation';
import type { GatewayContext } from '../resolvers/context.js';

const upperFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  Scalars: {
    /** Normalized UTC ISO-8601 text; see `date-time.ts`. */
    DateTime: { Input: string; Output: string };
    /** An agent event's payload, passed through. */
    JSON: { Input: unknown; Output: unknown };
    ID: { Input: string; Output: string };
  };
}>({
  // Errors wraps resolvers, so it goes first; Directives must precede Federation.
  plugins: [ErrorsPlugin, DirectivesPlugin, FederationPlugin],
  // Directives as graphql-tools reads them, so that codegen prints the schema as it is.
  directives: { useGraphQLToolsUnorderedDirectives: true },
  errors: {
    directResult: true,
    // `interactionHold` -> `InteractionHoldResult`
    defaultUnionOptions: { name: ({ fieldName }) => `${upperFirst(fieldName)}Result` },
  },
});

/** The builder's schema types, for helpers that take a field builder. */
export type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;
