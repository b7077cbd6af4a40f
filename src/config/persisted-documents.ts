/**
 * The manifest of trusted documents (`PERSISTED_OPERATIONS_FILE`): GraphQL Code Generator's
 * `persisted-documents.json` (sha256 hash -> document). `http/concerns/persisted-operations.ts`
 * serves them.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from './read-config.js';

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
