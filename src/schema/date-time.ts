/**
 * RFC 3339 date-times (`2021-06-30T20:15:07.134Z`, `2021-06-30T22:15:07+02:00`), parsed strictly
 * (no rolled-over dates such as February 31) and normalized to UTC ISO-8601 text of the same
 * instant, sub-millisecond digits kept.
 */

const RFC_3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

export class DateTimeFormatError extends TypeError {}

export function normalizeDateTime(text: string): string {
  const match = RFC_3339.exec(text);
  if (!match) {
    throw new DateTimeFormatError(`DateTime must be an RFC 3339 date-time such as 2021-06-30T20:15:07.134Z (got "${text}")`);
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = match[7] ?? '';
  // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999.
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, 0);
  const fieldsHold =
    local.getUTCFullYear() === year &&
    local.getUTCMonth() === month - 1 &&
    local.getUTCDate() === day &&
    local.getUTCHours() === hour &&
    local.getUTCMinutes() === minute &&
    local.getUTCSeconds() === second;
  const offsetHours = Number(match[10] ?? 0);
  const offsetMinutes = Number(match[11] ?? 0);
  if (!fieldsHold || offsetHours > 23 || offsetMinutes > 59) {
    throw new DateTimeFormatError(`DateTime names no real instant (got "${text}")`);
  }
  const sign = match[9] === '-' ? -1 : 1;
  const utc = new Date(local.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000);
  if (utc.getUTCFullYear() < 0 || utc.getUTCFullYear() > 9999) {
    throw new DateTimeFormatError(`DateTime must fall within the years 0000 to 9999 in UTC (got "${text}")`);
  }
  const digits = fraction.length >= 3 ? fraction : fraction.padEnd(3, '0');
  return `${utc.toISOString().slice(0, 19)}.${digits}Z`;
}
