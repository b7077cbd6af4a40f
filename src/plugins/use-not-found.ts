/**
 * Any path but GraphQL's (and the routes served before it: `/health`, `/ready`, `/metrics`) is a
 * 404 whose JSON body says where GraphQL is. Ours: Yoga answers those with an empty body.
 */
import type { Plugin } from 'graphql-yoga';
import { refusalResponse } from '../refusals.js';
import { isGraphQLPath } from './graphql-path.js';

export const useNotFound = (graphqlEndpoint: string): Plugin => ({
  onRequest({ url, fetchAPI, endResponse }) {
    if (!isGraphQLPath(url.pathname, graphqlEndpoint)) endResponse(refusalResponse(fetchAPI, 'notFound', graphqlEndpoint));
  },
});
