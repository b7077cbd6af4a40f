/**
 * Content negotiation before anything is read or run: an `Accept` that admits no JSON type is
 * 406, a body in a type we do not read is 415, each saying what to send.
 */
import { negotiateResponse, requestBodyKind } from '../media-types.js';
import { refusal, type Concern } from '../exchange.js';

export const negotiationConcern = (): Concern => ({
  name: 'content-negotiation',
  onRequest(exchange) {
    const { request } = exchange;
    const mediaType = negotiateResponse(request.headers.accept);
    if (mediaType === null) {
      return refusal(406, 'NOT_ACCEPTABLE', 'Nothing here matches the Accept header: accept application/graphql-response+json or application/json (UTF-8).');
    }
    exchange.mediaType = mediaType;
    if (exchange.method !== 'POST') return undefined;
    const kind = requestBodyKind(request.headers['content-type']);
    if (kind === 'json' || kind === 'form') return undefined;
    const given = kind === 'none' ? 'no content type' : `the content type "${(request.headers['content-type'] ?? '').split(';')[0]?.trim().slice(0, 100)}"`;
    return refusal(415, 'UNSUPPORTED_MEDIA_TYPE', `Unsupported request body (${given}): send the request as application/json (UTF-8).`);
  },
});
