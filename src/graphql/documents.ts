/**
 * Parsing and validation of GraphQL documents, cached by their text. The cache holds what the
 * document *is* (its AST, or the errors that make it invalid), never an answer: status codes and
 * `extensions.code` are given per request from the kind of failure, whatever route or `Accept`
 * the document first came with.
 */
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { LRUCache } from 'lru-cache';

export type DocumentCheck =
  | { readonly ok: true; readonly document: DocumentNode }
  | { readonly ok: false; readonly phase: 'parse' | 'validation'; readonly errors: readonly GraphQLError[] };

export interface DocumentOptions {
  readonly schema: GraphQLSchema;
  readonly rules: readonly ValidationRule[];
  readonly maxTokens: number;
  /** Distinct documents kept; the least recently used go first. */
  readonly cacheSize?: number;
}

export function createDocumentChecker({ schema, rules, maxTokens, cacheSize = 1_000 }: DocumentOptions): (query: string) => DocumentCheck {
  const allRules = [...specifiedRules, ...rules];
  // Bounded by entries and by text size, so that large invalid documents cannot fill memory.
  const cache = new LRUCache<string, DocumentCheck>({ max: cacheSize, maxSize: 8 * 1024 * 1024, sizeCalculation: (_value, key) => key.length + 1 });
  return (query) => {
    const known = cache.get(query);
    if (known) return known;
    let check: DocumentCheck;
    try {
      const document = parse(query, { maxTokens, noLocation: false });
      const errors = validate(schema, document, allRules);
      check = errors.length === 0 ? { ok: true, document } : { ok: false, phase: 'validation', errors };
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      check = { ok: false, phase: 'parse', errors: [error] };
    }
    cache.set(query, check);
    return check;
  };
}
