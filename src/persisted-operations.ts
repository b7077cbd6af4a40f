/**
 * Persisted operations for production frontends: a client sends the sha256 hash of a known
 * document instead of the document (the `extensions.persistedQuery` shape of Apollo Client's APQ
 * link). The manifest is GraphQL Code Generator's `persisted-documents.json` (hash -> document).
 */
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import { ConfigError } from './config.js';

export interface PersistedOperations {
  /** sha256 hash -> document. */
  readonly documents: ReadonlyMap<string, string>;
  /** Refuse any operation that is not in `documents`. */
  readonly onlyKnown: boolean;
}

export function readPersistedDocuments(path: string): ReadonlyMap<string, string> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`PERSISTED_OPERATIONS_FILE cannot be read as JSON (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  const entries = typeof manifest === 'object' && manifest !== null ? Object.entries(manifest) : [];
  if (entries.length === 0 || entries.some(([hash, document]) => !/^[0-9a-f]{64}$/.test(hash) || typeof document !== 'string')) {
    throw new ConfigError('PERSISTED_OPERATIONS_FILE must map sha256 hashes to documents, as codegen persisted-documents.json does');
  }
  return new Map(entries as Array<[string, string]>);
}

export const usePersistedOperationsFrom = ({ documents, onlyKnown }: PersistedOperations): Plugin =>
  usePersistedOperations({
    getPersistedOperation: (hash) => documents.get(hash) ?? null,
    allowArbitraryOperations: !onlyKnown,
    customErrors: {
      // The message and code Apollo Client's persisted-query link looks for.
      notFound: { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
      persistedQueryOnly: {
        message: 'Only persisted operations are accepted: send extensions.persistedQuery.sha256Hash of a known operation.',
        extensions: { code: 'PERSISTED_QUERY_ONLY' },
      },
    },
  }) as Plugin;
