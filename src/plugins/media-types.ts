/**
 * Content negotiation (RFC 9110 §8.3, §12.5.1): which body a request carries and which answer it
 * accepts. Media types are compared case-insensitively with their parameters parsed (by the
 * `content-type` package), so `Application/JSON; charset=utf-8` is JSON and
 * `application/json-patch+json` is not. Yoga chooses the answer's type only after executing, by
 * the order of `Accept` alone; the contract decides it before anything runs, by quality first.
 */
import { parse } from 'content-type';

export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
export const JSON_TYPE = 'application/json';
export const EVENT_STREAM = 'text/event-stream';
export const MULTIPART_MIXED = 'multipart/mixed';
export type JsonMediaType = typeof GRAPHQL_RESPONSE_JSON | typeof JSON_TYPE;

/** How an answer is written: one JSON body, GraphQL over SSE, or multipart (Apollo's subscription protocol when asked). */
export type AnswerKind = 'json' | 'sse' | 'multipart';

export type RequestBodyKind = 'json' | 'form' | 'none' | 'unsupported';

interface MediaRange {
  readonly type: string;
  readonly quality: number;
  readonly charset: string | undefined;
  readonly parameters: Readonly<Record<string, string>>;
  readonly position: number;
}

/** What a request's `Accept` admits, decided once before anything runs. */
export interface Negotiation {
  /** The JSON type a JSON answer has. */
  readonly json: JsonMediaType;
  /** The kinds of answer admitted for a query or a mutation, most preferred first. */
  readonly single: readonly AnswerKind[];
  /** The kinds admitted for a subscription (streaming only), most preferred first. */
  readonly streams: readonly AnswerKind[];
  /** Multipart in Apollo's subscription protocol (`subscriptionSpec=1.0`): each part a `payload`. */
  readonly apolloMultipart: boolean;
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
export function requestBodyKind(header: string | null | undefined): RequestBodyKind {
  return header === undefined || header === null ? 'none' : bodyKindOf(header);
}

const bodyKindOf = remembered((header: string): RequestBodyKind => {
  if (header.trim() === '') return 'none';
  const parsed = parseOrNull(header);
  if (!parsed || !isUtf8(parsed.parameters.charset)) return 'unsupported';
  if (parsed.type === JSON_TYPE) return 'json';
  if (parsed.type === 'application/x-www-form-urlencoded') return 'form';
  return 'unsupported';
});

/** The types a browser may send cross-site without a preflight (CSRF's concern), or none. */
export function isSimpleFormType(header: string | null): boolean {
  const type = header === null ? undefined : parseOrNull(header)?.type;
  return type === undefined || type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data' || type === 'text/plain';
}

/** Splits `Accept` on the commas between ranges (a quoted parameter may hold a comma). */
function splitRanges(accept: string): string[] {
  return accept.match(/(?:[^,"]|"[^"]*")+/g) ?? [];
}

function mediaRanges(accept: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const entry of splitRanges(accept)) {
    if (entry.trim() === '') continue;
    const parsed = parseOrNull(entry);
    if (!parsed) continue;
    const quality = parsed.parameters.q === undefined ? 1 : Number(parsed.parameters.q);
    ranges.push({
      type: parsed.type,
      quality: Number.isFinite(quality) ? quality : 0,
      charset: parsed.parameters.charset,
      parameters: parsed.parameters,
      position: ranges.length,
    });
  }
  return ranges;
}

const specificity = (range: MediaRange, type: string): number => {
  const [major] = type.split('/');
  return range.type === type ? 3 : range.type === `${major}/*` ? 2 : range.type === '*/*' ? 1 : 0;
};

/** The most specific range that matches `type` (RFC 9110: it alone gives the quality), or null. */
function bestRange(ranges: readonly MediaRange[], type: string): MediaRange | null {
  let best: MediaRange | null = null;
  for (const range of ranges) {
    if (specificity(range, type) > (best ? specificity(best, type) : 0)) best = range;
  }
  return best;
}

/** The quality the client gives `type`; 0 when none admits it. We answer in UTF-8 only. */
function qualityOf(ranges: readonly MediaRange[], type: string): number {
  const best = bestRange(ranges, type);
  return best && isUtf8(best.charset) ? best.quality : 0;
}

/**
 * The JSON type: the client's preferred one (by quality, from the most specific range). At equal
 * quality a type the client names beats one it only admits by a wildcard, and when it names both,
 * `application/graphql-response+json`. Wildcards alone (legacy clients): `application/json`, as
 * GraphQL over HTTP says.
 */
function jsonType(ranges: readonly MediaRange[]): { readonly type: JsonMediaType; readonly quality: number } {
  const graphql = qualityOf(ranges, GRAPHQL_RESPONSE_JSON);
  const json = qualityOf(ranges, JSON_TYPE);
  if (graphql !== json) return graphql > json ? { type: GRAPHQL_RESPONSE_JSON, quality: graphql } : { type: JSON_TYPE, quality: json };
  return { type: ranges.some((range) => range.type === GRAPHQL_RESPONSE_JSON) ? GRAPHQL_RESPONSE_JSON : JSON_TYPE, quality: json };
}

interface Candidate {
  readonly kind: AnswerKind;
  readonly quality: number;
  /** Where the range that admits it stands in `Accept`; a wildcard's own place. */
  readonly position: number;
  /** Ties at one place (a wildcard): JSON, then SSE, then multipart. */
  readonly rank: number;
}

function candidate(ranges: readonly MediaRange[], kind: AnswerKind, type: string, quality: number, rank: number): Candidate | null {
  if (quality <= 0) return null;
  return { kind, quality, position: bestRange(ranges, type)?.position ?? 0, rank };
}

const byPreference = (left: Candidate, right: Candidate): number => right.quality - left.quality || left.position - right.position || left.rank - right.rank;

const SINGLE_DEFAULT: Negotiation = { json: JSON_TYPE, single: ['json'], streams: ['sse'], apolloMultipart: false };

/**
 * A client sends the same few header values with every request (Apollo Client's `Accept`, its
 * `Content-Type`): each is parsed once. Bounded, so that arbitrary values cannot fill memory.
 */
function remembered<T>(decide: (header: string) => T, max = 256): (header: string) => T {
  const known = new Map<string, T>();
  return (header) => {
    const hit = known.get(header);
    if (hit !== undefined || known.has(header)) return hit as T;
    const value = decide(header);
    if (known.size >= max) known.clear();
    known.set(header, value);
    return value;
  };
}

/**
 * What `accept` admits, or null when it admits no answer the gateway gives (406). No `Accept`
 * gets JSON for queries and mutations, SSE for subscriptions, as does `*\/*`.
 */
export function negotiate(accept: string | null | undefined): Negotiation | null {
  return accept === undefined || accept === null ? SINGLE_DEFAULT : negotiateAccept(accept);
}

const negotiateAccept = remembered((accept: string): Negotiation | null => {
  if (accept.trim() === '') return SINGLE_DEFAULT;
  const ranges = mediaRanges(accept);
  const json = jsonType(ranges);
  const multipartRange = bestRange(ranges, MULTIPART_MIXED);
  const candidates = [
    candidate(ranges, 'json', json.type, json.quality, 0),
    candidate(ranges, 'sse', EVENT_STREAM, qualityOf(ranges, EVENT_STREAM), 1),
    candidate(ranges, 'multipart', MULTIPART_MIXED, qualityOf(ranges, MULTIPART_MIXED), 2),
  ]
    .filter((entry): entry is Candidate => entry !== null)
    .sort(byPreference);
  if (candidates.length === 0) return null;
  const single = candidates.map((entry) => entry.kind);
  return {
    json: json.type,
    single,
    streams: single.filter((kind) => kind !== 'json'),
    apolloMultipart: multipartRange?.type === MULTIPART_MIXED && multipartRange.parameters.subscriptionspec !== undefined,
  };
});

/** What to tell a client whose `Accept` admits nothing we serve. */
export const SERVED_TYPES = `${GRAPHQL_RESPONSE_JSON} or ${JSON_TYPE} (or, for subscriptions, ${EVENT_STREAM} or ${MULTIPART_MIXED};subscriptionSpec=1.0)`;
