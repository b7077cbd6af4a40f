/**
 * A fault the gateway did not foresee (an error that is not a GraphQL error) is shown as
 * "Unexpected error." with `INTERNAL_SERVER_ERROR`, never a stack or an upstream detail; the
 * original goes to the log with the request id.
 */
import { GraphQLError } from 'graphql';
import type { Logger } from '../../observability/logger.js';
import type { Concern } from '../exchange.js';

export function maskingConcern(logger: Logger): Concern {
  return {
    name: 'masked-errors',
    onResult(exchange, result) {
      if (!result.errors?.some((error) => error.originalError && !(error.originalError instanceof GraphQLError))) return result;
      const errors = result.errors.map((error) => {
        if (!error.originalError || error.originalError instanceof GraphQLError) return error;
        logger.error({ requestId: exchange.requestId, err: error.originalError, path: error.path }, 'unexpected error');
        return new GraphQLError('Unexpected error.', { nodes: error.nodes, path: error.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      });
      return { ...result, errors };
    },
  };
}
