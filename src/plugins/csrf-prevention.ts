/**
 * CSRF prevention: a POST that a browser could send cross-site without a preflight (a form's
 * content types) must carry a header that only scripts can set: `x-graphql-yoga-csrf` or Apollo
 * clients' `apollo-require-preflight`. GET needs none: it can only run queries, which change nothing.
 */
import { createGraphQLError, type Plugin } from 'graphql-yoga';

const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
export const preflightHeaders = ['x-graphql-yoga-csrf', 'apollo-require-preflight'];

export const useCsrfPrevention = (): Plugin => ({
  onRequestParse({ request }) {
    if (request.method === 'GET') return;
    const contentType = request.headers.get('content-type')?.toLowerCase() ?? '';
    const preflighted = contentType !== '' && !SIMPLE_CONTENT_TYPES.some((type) => contentType.startsWith(type));
    if (preflighted || preflightHeaders.some((name) => request.headers.has(name))) return;
    throw createGraphQLError(
      `This request could come from another site: send it as application/json, or with the header ${preflightHeaders.join(' or ')}.`,
      { extensions: { http: { status: 403 }, code: 'CSRF_PREVENTED' } },
    );
  },
});
