/**
 * Errors never suggest names ("Did you mean …?") unless configured to: suggestions map a schema
 * for someone who was not given it. Covers validation (fields, arguments, enum values) and variable
 * coercion (input fields), which graphql-js words alike.
 */
import { GraphQLError } from 'graphql';
import type { Concern } from '../exchange.js';

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

function withoutSuggestion(error: GraphQLError): GraphQLError {
  const message = error.message.replace(SUGGESTION, '');
  if (message === error.message) return error;
  return new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions: error.extensions });
}

export const noSuggestionsConcern = (): Concern => ({
  name: 'no-suggestions',
  onResult(_exchange, result) {
    return result.errors ? { ...result, errors: result.errors.map(withoutSuggestion) } : result;
  },
});
