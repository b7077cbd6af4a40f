/**
 * A GraphQL result as the wire carries it: errors in their JSON form, without the internal
 * extensions Yoga keeps on them (`http`, `unexpected`), which only choose the status. For the
 * streaming writers of this folder; Yoga's own JSON writer does the same for single answers.
 */
import type { ExecutionResult, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

type ResultProcessHook = NonNullable<Plugin['onResultProcess']>;
/** Writes a result as a `Response` (Yoga's type, which its index does not export). */
export type ResultProcessor = Parameters<Parameters<ResultProcessHook>[0]['setResultProcessor']>[0];

export function wireError(error: GraphQLError): unknown {
  const json = typeof error.toJSON === 'function' ? error.toJSON() : error;
  const extensions = (json as { extensions?: Record<string, unknown> }).extensions;
  if (!extensions || (!('http' in extensions) && !('unexpected' in extensions))) return json;
  const { http: _http, unexpected: _unexpected, ...kept } = extensions;
  const { extensions: _all, ...rest } = json as unknown as Record<string, unknown>;
  return Object.keys(kept).length > 0 ? { ...rest, extensions: kept } : rest;
}

/** The result as it goes on the wire (an object, for writers that serialize it themselves). */
export function wireResult(result: ExecutionResult): ExecutionResult | Record<string, unknown> {
  return result.errors?.length ? { ...result, errors: result.errors.map(wireError) } : result;
}

export const resultJson = (result: ExecutionResult): string => JSON.stringify(wireResult(result));
