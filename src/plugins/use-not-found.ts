/**
 * Any path but GraphQL's (and the routes served before it: `/health`, `/ready`, `/metrics`) is a
 * 404 whose JSON body says where GraphQL is. Ours: Yoga answers those with an empty body.
 */
import type { Plugin } from 'graphql-yoga';
import { refusalBody, refusals } from '../refusals.js';

export const useNotFound = (graphqlEndpoint: string): Plugin => ({
  onRequest({ url, fetchAPI, endResponse }) {
    if (url.pathname === graphqlEndpoint || url.pathname === `${graphqlEndpoint}/`) return;
    endResponse(
      new fetchAPI.Response(refusalBody('notFound', graphqlEndpoint), { status: refusals.notFound.status, headers: { 'content-type': 'application/json; charset=utf-8' } }),
    );
  },
});
