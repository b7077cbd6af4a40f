/**
 * CSRF prevention: a POST that a browser could send cross-site without a preflight (a form's
 * content types, or none) must carry a header that only scripts can set: `x-graphql-yoga-csrf`
 * or Apollo clients' `apollo-require-preflight`. GET needs none: it can only run queries.
 */
import { isSimpleFormType } from '../media-types.js';
import { refusal, type Concern } from '../exchange.js';

export const preflightHeaders = ['x-graphql-yoga-csrf', 'apollo-require-preflight'];

export const csrfConcern = (): Concern => ({
  name: 'csrf',
  onRequest({ method, request }) {
    if (method !== 'POST' || !isSimpleFormType(request.headers['content-type'])) return undefined;
    if (preflightHeaders.some((name) => request.headers[name] !== undefined)) return undefined;
    return refusal(403, 'CSRF_PREVENTED', `This request could come from another site: send it as application/json, or with the header ${preflightHeaders.join(' or ')}.`);
  },
});
