/**
 * Errors never suggest names ("Did you mean …?") unless `GRAPHQL_SUGGESTIONS` is on: suggestions
 * map a schema for someone who was not given it. Covers validation (fields, arguments, enum
 * values) and variable coercion (input fields, enum values), which graphql-js words alike. Ours:
 * graphql-armor's block-field-suggestions matches only `Did you mean "…"?`, so it lets graphql-js's
 * enum suggestions ("Did you mean the enum value …?") through, and never sees variable errors.
 */
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { resultRewrite } from './result-rewrite.js';

const SUGGESTION = /\s*Did you mean [^?]*\?/g;
const HAS_SUGGESTION = /Did you mean [^?]*\?/;

function withoutSuggestion<E extends Error>(error: E): E | GraphQLError {
  const message = error.message.replace(SUGGESTION, '');
  if (message === error.message || !(error instanceof GraphQLError)) return error;
  return new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions: error.extensions });
}

const cleaned = (result: ExecutionResult): ExecutionResult | undefined =>
  result.errors?.some((error) => HAS_SUGGESTION.test(error.message)) ? { ...result, errors: result.errors.map(withoutSuggestion) } : undefined;

export const useNoSuggestions = (): Plugin => {
  const variables = resultRewrite(cleaned);
  return {
    ...variables,
    onValidate() {
      return ({ valid, result, setResult }) => {
        if (!valid) setResult(result.map(withoutSuggestion));
      };
    },
  };
};
