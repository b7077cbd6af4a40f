/** A POST in a content type no GraphQL parser here reads gets a 415 that says what to send. */
import { createGraphQLError, type Plugin } from 'graphql-yoga';

const READABLE = ['application/json', 'application/graphql-response+json', 'application/graphql+json', 'application/graphql', 'application/x-www-form-urlencoded', 'multipart/form-data'];

export const useContentTypeCheck = (): Plugin => ({
  onRequestParse({ request }) {
    if (request.method !== 'POST') return;
    const contentType = request.headers.get('content-type')?.toLowerCase() ?? '';
    if (contentType === '' || READABLE.some((type) => contentType.startsWith(type))) return;
    throw createGraphQLError(`Unsupported content type "${contentType.split(';')[0]}": send the request as application/json.`, {
      extensions: { http: { status: 415 }, code: 'UNSUPPORTED_MEDIA_TYPE' },
    });
  },
});
