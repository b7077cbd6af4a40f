/** Reads the API's `ErrorResponse` body into the contract's `message` and `details`, defensively. */
import type { ErrorDetail } from '../errors.js';

export interface ParsedErrorBody {
  readonly message: string | null;
  readonly details: readonly ErrorDetail[];
}

const NOTHING: ParsedErrorBody = { message: null, details: [] };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const stringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** A body that is not JSON, or not an object, says nothing; it is never echoed. */
export function parseErrorBody(text: string): ParsedErrorBody {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return NOTHING;
  }
  if (!isObject(body)) return NOTHING;
  const message = typeof body.message === 'string' && body.message !== '' ? body.message : null;
  const details = Array.isArray(body.errors)
    ? body.errors.filter(isObject).map((entry) => ({
        scope: stringOrNull(entry.scope),
        reason: stringOrNull(entry.reason),
        message: stringOrNull(entry.message),
      }))
    : [];
  return { message, details };
}
