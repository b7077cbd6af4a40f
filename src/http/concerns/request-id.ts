import type { Concern } from '../exchange.js';

/** The request's id on every answer, refusals included. */
export const requestIdConcern = (): Concern => ({
  name: 'request-id',
  onRequest(exchange) {
    exchange.responseHeaders['x-request-id'] = exchange.requestId;
    return undefined;
  },
});
