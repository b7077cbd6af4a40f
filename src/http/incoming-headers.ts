import type { IncomingHttpHeaders } from 'node:http';
import type { IncomingHeaders } from '../datasources/request-headers.js';

/** Node's header object seen through the one method the datasource uses. */
export const incomingHeaders = (headers: IncomingHttpHeaders): IncomingHeaders => ({
  get(name) {
    const value = headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  },
});
