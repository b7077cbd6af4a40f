/**
 * Content negotiation (RFC 9110 §8.3, §12.5.1): which body a request carries and which answer it
 * accepts. Media types are compared case-insensitively with their parameters parsed (by the
 * `content-type` package), so `Application/JSON; charset=utf-8` is JSON and
 * `application/json-patch+json` is not.
 */
import { parse } from 'content-type';

export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
export const JSON_TYPE = 'application/json';
export type ResponseMediaType = typeof GRAPHQL_RESPONSE_JSON | typeof JSON_TYPE;

export type RequestBodyKind = 'json' | 'form' | 'none' | 'unsupported';

interface MediaRange {
  readonly type: string;
  readonly quality: number;
  readonly charset: string | undefined;
}

const isUtf8 = (charset: string | undefined): boolean => charset === undefined || /^utf-?8$/i.test(charset);

function parseOrNull(text: string): ReturnType<typeof parse> | null {
  try {
    return parse(text.trim());
  } catch {
    return null;
  }
}

/** What a POST body is: JSON, a form (read only past the CSRF rule), absent, or unsupported. */
export function requestBodyKind(header: string | undefined): RequestBodyKind {
  if (header === undefined || header.trim() === '') return 'none';
  const parsed = parseOrNull(header);
  if (!parsed || !isUtf8(parsed.parameters.charset)) return 'unsupported';
  if (parsed.type === JSON_TYPE) return 'json';
  if (parsed.type === 'application/x-www-form-urlencoded') return 'form';
  return 'unsupported';
}

/** The form types a browser may send cross-site without a preflight (the CSRF rule's concern). */
export function isSimpleFormType(header: string | undefined): boolean {
  const type = header === undefined ? undefined : parseOrNull(header)?.type;
  return type === undefined || type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data' || type === 'text/plain';
}

function mediaRanges(accept: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const entry of accept.split(',')) {
    if (entry.trim() === '') continue;
    const parsed = parseOrNull(entry);
    if (!parsed) continue;
    const quality = parsed.parameters.q === undefined ? 1 : Number(parsed.parameters.q);
    ranges.push({ type: parsed.type, quality: Number.isFinite(quality) ? quality : 0, charset: parsed.parameters.charset });
  }
  return ranges;
}

/** The quality the client gives `type` (the most specific matching range wins), 0 when none admits it. */
function qualityOf(ranges: readonly MediaRange[], type: string): number {
  const [major] = type.split('/');
  const specificity = (range: MediaRange): number => (range.type === type ? 3 : range.type === `${major}/*` ? 2 : range.type === '*/*' ? 1 : 0);
  let best: MediaRange | null = null;
  for (const range of ranges) {
    if (specificity(range) > (best ? specificity(best) : 0)) best = range;
  }
  // We answer in UTF-8 only: a range that asks for another charset does not admit our answer.
  return best && isUtf8(best.charset) ? best.quality : 0;
}

/**
 * The answer's media type, or null when the client admits neither JSON type (406). The client's
 * preferred one wins (its quality, from the most specific range that matches it). At equal
 * quality a type the client names beats one it only admits by a wildcard, and when it names both,
 * `application/graphql-response+json`. No `Accept`, or wildcards alone (legacy clients):
 * `application/json`, as GraphQL over HTTP says.
 */
export function negotiateResponse(accept: string | undefined): ResponseMediaType | null {
  if (accept === undefined || accept.trim() === '') return JSON_TYPE;
  const ranges = mediaRanges(accept);
  const graphql = qualityOf(ranges, GRAPHQL_RESPONSE_JSON);
  const json = qualityOf(ranges, JSON_TYPE);
  if (graphql <= 0 && json <= 0) return null;
  if (graphql !== json) return graphql > json ? GRAPHQL_RESPONSE_JSON : JSON_TYPE;
  // A tie: graphql-response+json only when named (alone, or beside application/json).
  return ranges.some((range) => range.type === GRAPHQL_RESPONSE_JSON) ? GRAPHQL_RESPONSE_JSON : JSON_TYPE;
}

/** Whether a browser asks for a page rather than data (GraphiQL): HTML preferred over JSON. */
export function prefersHtml(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  const ranges = mediaRanges(accept);
  const html = ranges.find((range) => range.type === 'text/html')?.quality ?? 0;
  return html > 0 && html >= qualityOf(ranges, JSON_TYPE) && html >= qualityOf(ranges, GRAPHQL_RESPONSE_JSON);
}
