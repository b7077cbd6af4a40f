/** `Retry-After` as whole seconds: delta-seconds, or an HTTP-date counted from now (rounded up, 0 if past). */

const DELTA_SECONDS = /^\d+$/;
// IMF-fixdate, RFC 850 and asctime, the three forms RFC 9110 allows.
const HTTP_DATE =
  /^(?:[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4})$/;
const MAX_INT = 2 ** 31 - 1; // GraphQL Int

export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return null;
  if (DELTA_SECONDS.test(text)) return Math.min(Number(text), MAX_INT);
  if (!HTTP_DATE.test(text)) return null;
  const at = Date.parse(text.endsWith('GMT') ? text : `${text} GMT`);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, Math.ceil((at - now) / 1000)), MAX_INT);
}
