import type { IncomingHttpHeaders } from 'node:http';
import type { IncomingHeaders } from '../datasources/request-headers.js';

/** Node's header object seen through its one method (a repeated header joined with `, `, as Fetch does). */
export const incomingHeaders = (headers: Readonly<IncomingHttpHeaders>): IncomingHeaders => ({
  get(name) {
    const value = headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  },
});
