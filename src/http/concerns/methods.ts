/**
 * GraphQL is served over GET (queries only: a GET must change nothing) and POST. Subscriptions
 * are not served: the Engagement Center's events come from its own streaming API.
 */
import { GraphQLError } from 'graphql';
import { refusal, type Concern } from '../exchange.js';

export const methodsConcern = (): Concern => ({
  name: 'methods',
  onRequest({ method }) {
    if (method === 'GET' || method === 'POST') return undefined;
    return refusal(405, 'METHOD_NOT_ALLOWED', `${method} is not supported: send GraphQL as POST (or GET for queries).`, { allow: 'GET, POST' });
  },
  onOperation(exchange, operation) {
    if (operation.operation === 'subscription') {
      return { status: 400, error: new GraphQLError('Subscriptions are not served here: use the Engagement Center streaming API for events.', { extensions: { code: 'BAD_REQUEST' } }) };
    }
    if (exchange.method === 'GET' && operation.operation !== 'query') {
      exchange.responseHeaders.allow = 'POST';
      return { status: 405, error: new GraphQLError('Mutations must be sent with POST; nothing was sent.', { extensions: { code: 'METHOD_NOT_ALLOWED' } }) };
    }
    return undefined;
  },
});
