/**
 * Persisted operations in the shape Apollo Client's link sends (`extensions.persistedQuery
 * { version: 1, sha256Hash }`), by Yoga's own plugins. Without a manifest they are automatic
 * (`@graphql-yoga/plugin-apq`, its store ours: in memory or in Redis, shared by replicas): an
 * unknown hash alone answers `PersistedQueryNotFound`, so the link sends the document with its
 * hash, which is checked, run and remembered. With a manifest (`PERSISTED_OPERATIONS_FILE`,
 * `@graphql-yoga/plugin-persisted-operations`) its documents run by hash; with
 * `PERSISTED_OPERATIONS_ONLY` nothing else does, and the refusal says so
 * (`PERSISTED_QUERY_NOT_ALLOWED`) rather than "not found", which the link would answer by sending
 * the text only to be refused again.
 */
import { useAPQ } from '@graphql-yoga/plugin-apq';
import { usePersistedOperations as usePersistedOperationsFrom } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import { refusalError } from '../refusals.js';
import { isHashOf, type PersistedQueryStore } from '../state/persisted-queries.js';

export type PersistedOperationsMode =
  | { readonly kind: 'automatic'; readonly store: PersistedQueryStore }
  | { readonly kind: 'manifest'; readonly documents: ReadonlyMap<string, string>; readonly onlyKnown: boolean };

function hashOf(extensions: unknown): string | null {
  const persisted = (extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | null | undefined)?.persistedQuery;
  return persisted?.version === 1 && typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : null;
}

/** A known hash runs the manifest's document, whatever text came with it. */
const preferManifest = (documents: ReadonlyMap<string, string>): Plugin => ({
  onParams({ params, setParams }) {
    const hash = hashOf(params.extensions);
    if (params.query !== undefined && hash !== null && documents.has(hash)) {
      const { query: _text, ...rest } = params;
      setParams(rest);
    }
  },
});

function fromManifest(documents: ReadonlyMap<string, string>, onlyKnown: boolean): Plugin[] {
  const notAllowed = () => refusalError('persistedQueryNotAllowed');
  return [
    preferManifest(documents),
    usePersistedOperationsFrom({
      getPersistedOperation: (hash) => documents.get(hash) ?? null,
      allowArbitraryOperations: !onlyKnown,
      customErrors: onlyKnown
        ? { notFound: notAllowed, keyNotFound: notAllowed, persistedQueryOnly: notAllowed }
        : { notFound: () => refusalError('persistedQueryNotFound') },
    }),
  ];
}

export interface OperationParams {
  readonly query?: string | null;
  readonly extensions?: Record<string, unknown> | null;
}

/**
 * The document of an operation that arrives outside Yoga's HTTP handling (over WebSocket), by the
 * same rules: a hash of the manifest or of the automatic store, the manifest alone when only it is
 * allowed. Throws the GraphQL error a client would get over HTTP.
 */
export async function persistedDocumentOf(mode: PersistedOperationsMode, params: OperationParams): Promise<string> {
  const hash = hashOf(params.extensions);
  const query = params.query ? params.query : null;
  if (mode.kind === 'manifest') {
    const known = hash === null ? undefined : mode.documents.get(hash);
    if (known !== undefined) return known;
    if (mode.onlyKnown) throw refusalError('persistedQueryNotAllowed');
    if (query !== null) return query;
    throw refusalError('persistedQueryNotFound');
  }
  if (hash === null) {
    if (query === null) throw refusalError('notAGraphQLRequest');
    return query;
  }
  if (query === null) {
    const remembered = await mode.store.get(hash);
    if (remembered === null) throw refusalError('persistedQueryNotFound');
    return remembered;
  }
  if (!isHashOf(hash, query)) throw refusalError('persistedQueryMismatch');
  await mode.store.set(hash, query);
  return query;
}

export function usePersistedOperations(mode: PersistedOperationsMode): Plugin[] {
  if (mode.kind === 'manifest') return fromManifest(mode.documents, mode.onlyKnown);
  return [useAPQ({ store: mode.store })];
}
