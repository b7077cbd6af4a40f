/**
 * A result without `data`, after validation, means the variables did not coerce and nothing ran:
 * its errors get `extensions.code` `BAD_USER_INPUT` and, under
 * `application/graphql-response+json`, the status 400 (GraphQL over HTTP). Ours: Yoga leaves
 * variable coercion errors without a code, answered 200.
 */
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { resultRewrite } from './result-rewrite.js';

const asBadUserInput = (error: GraphQLError): GraphQLError =>
  new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT', http: { spec: true, status: 400 } },
  });

/** Variable coercion errors: no data, and errors that name neither a field (path) nor a code of their own. */
const rewrite = (result: ExecutionResult): ExecutionResult | undefined =>
  result.data === undefined && result.errors?.length && result.errors.every((error) => error.path === undefined && error.extensions?.code === undefined)
    ? { ...result, errors: result.errors.map(asBadUserInput) }
    : undefined;

export const useBadUserInput = (): Plugin => resultRewrite(rewrite);
