/**
 * The GraphQL-over-HTTP request parameters (`query`, `operationName`, `variables`, `extensions`)
 * read from a GET's query string, a JSON body or a form body. A malformed body is described, never
 * quoted: a request body can carry secrets.
 */
import { GraphQLError } from 'graphql';

export interface GraphQLParams {
  /** Absent when a persisted operation's hash stands in for it. */
  query: string | undefined;
  readonly operationName: string | undefined;
  readonly variables: Record<string, unknown> | undefined;
  readonly extensions: Record<string, unknown> | undefined;
}

/** A request that is not a GraphQL request: answered 400 whatever the `Accept`. */
export class RequestError extends GraphQLError {
  constructor(
    message: string,
    readonly status: number = 400,
    code = 'BAD_REQUEST',
  ) {
    super(message, { extensions: { code } });
  }
}

const KNOWN = new Set(['query', 'operationName', 'variables', 'extensions']);
const isMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new RequestError(`The "${name}" parameter must be a string.`);
  return value;
}

function optionalMap(value: unknown, name: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isMap(value)) throw new RequestError(`The "${name}" parameter must be a JSON object.`);
  return value;
}

/** One operation's parameters from a parsed JSON object (or a form's fields). */
export function paramsFrom(raw: unknown): GraphQLParams {
  if (!isMap(raw)) throw new RequestError('The request body must be a JSON object with a "query" string.');
  for (const name of Object.keys(raw)) {
    if (!KNOWN.has(name) && raw[name] !== undefined && raw[name] !== null) throw new RequestError(`Unknown parameter "${name.slice(0, 50)}".`);
  }
  return {
    query: optionalString(raw.query, 'query'),
    operationName: optionalString(raw.operationName, 'operationName'),
    variables: optionalMap(raw.variables, 'variables'),
    extensions: optionalMap(raw.extensions, 'extensions'),
  };
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestError(`${what} is invalid JSON.`);
  }
}

/** GET and form bodies: `variables` and `extensions` are JSON text. */
export function paramsFromSearch(search: URLSearchParams): GraphQLParams {
  const json = (name: string): unknown => {
    const text = search.get(name);
    return text === null || text === '' ? undefined : parseJson(text, `The "${name}" parameter`);
  };
  return paramsFrom({
    query: search.get('query') ?? undefined,
    operationName: search.get('operationName') || undefined,
    variables: json('variables'),
    extensions: json('extensions'),
  });
}

/** A JSON body: one operation, or a batch (an array) when batching is on. */
export function paramsFromJsonBody(body: string, batchLimit: number): GraphQLParams | GraphQLParams[] {
  if (body.trim() === '') throw new RequestError('The request body is empty: send {"query": "..."}.');
  const parsed = parseJson(body, 'The request body');
  if (!Array.isArray(parsed)) return paramsFrom(parsed);
  if (batchLimit === 0) throw new RequestError('Batching is not supported: send one operation per request.');
  if (parsed.length === 0) throw new RequestError('The batch is empty.');
  if (parsed.length > batchLimit) throw new RequestError(`A batch may hold at most ${batchLimit} operations.`, 413, 'PAYLOAD_TOO_LARGE');
  return parsed.map(paramsFrom);
}
