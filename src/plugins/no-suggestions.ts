/**
 * Errors never suggest names ("Did you mean …?") unless configured to: suggestions map a schema
 * for someone who was not given it. Covers validation (fields, arguments, enum values) and variable
 * coercion (input fields), which graphql-js words alike.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export function withoutSuggestion(error: GraphQLError): GraphQLError {
  const message = error.message.replace(SUGGESTION, '');
  if (message === error.message) return error;
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

export const useNoSuggestions = (): Plugin => ({
  onResultProcess({ result, setResult }) {
    if (Symbol.asyncIterator in result) return;
    const strip = <T extends { errors?: readonly GraphQLError[] }>(single: T): T =>
      single.errors ? { ...single, errors: single.errors.map(withoutSuggestion) } : single;
    setResult(Array.isArray(result) ? result.map(strip) : strip(result));
  },
});
