/**
 * Every answer carries `x-request-id`: the client's own when it is sane, else a new UUID. The same
 * id is in every log line about the request.
 */
import { randomUUID } from 'node:crypto';

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const requestIdFrom = (value: string | string[] | null | undefined): string => {
  const text = Array.isArray(value) ? value[0] : value;
  return text && SANE_REQUEST_ID.test(text) ? text : randomUUID();
};
