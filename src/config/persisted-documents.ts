/**
 * The manifest of trusted documents (`PERSISTED_OPERATIONS_FILE`): GraphQL Code Generator's
 * `persisted-documents.json` (sha256 hash -> document), read and checked once, when the settings
 * are read, so that a bad file stops the start with one line naming the variable.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error.js';
import type { Parser } from './parsers.js';

export interface PersistedDocuments {
  /** The file, as given. */
  readonly path: string;
  /** sha256 hash (lowercase hex) -> document. */
  readonly documents: ReadonlyMap<string, string>;
}

export const persistedDocumentsFile: Parser<PersistedDocuments> = {
  accepts: 'a persisted-documents.json file (sha256 hash -> document)',
  parse(path, name) {
    let manifest: unknown;
    try {
      manifest = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new ConfigError(`${name} cannot be read as JSON (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    }
    const entries = typeof manifest === 'object' && manifest !== null && !Array.isArray(manifest) ? Object.entries(manifest) : [];
    if (entries.length === 0 || entries.some(([hash, document]) => !/^[0-9a-f]{64}$/.test(hash) || typeof document !== 'string')) {
      throw new ConfigError(`${name} must map sha256 hashes to documents, as codegen persisted-documents.json does`);
    }
    return { path, documents: new Map(entries as Array<[string, string]>) };
  },
};
