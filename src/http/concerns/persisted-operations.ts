/**
 * Persisted operations in the shape Apollo Client's link sends (`extensions.persistedQuery
 * { version: 1, sha256Hash }`). Without a manifest they are automatic (APQ): an unknown hash alone
 * answers `PersistedQueryNotFound`, so the link sends the document with its hash, which is checked,
 * run and remembered. With a manifest (`PERSISTED_OPERATIONS_FILE`), its documents are the trusted
 * ones, and with `PERSISTED_OPERATIONS_ONLY` nothing else runs.
 */
import { GraphQLError } from 'graphql';
import { RequestError } from '../graphql-params.js';
import { isHashOf, type PersistedQueryStore } from '../../state/persisted-queries.js';
import type { Concern } from '../exchange.js';


export type PersistedOperationsMode =
  | { readonly kind: 'automatic'; readonly store: PersistedQueryStore }
  | { readonly kind: 'manifest'; readonly documents: ReadonlyMap<string, string>; readonly onlyKnown: boolean };

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The message and code Apollo Client's persisted-query link looks for before it sends the document. */
const notFound = () => new GraphQLError('PersistedQueryNotFound', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });

function hashOf(extensions: Record<string, unknown> | undefined): string | null {
  const persisted = extensions?.persistedQuery;
  if (persisted === undefined || persisted === null) return null;
  if (typeof persisted !== 'object' || Array.isArray(persisted)) throw new RequestError('extensions.persistedQuery must be an object { version: 1, sha256Hash }.');
  const { version, sha256Hash } = persisted as Record<string, unknown>;
  if (version !== 1) throw new RequestError('Only version 1 of persisted queries is supported.', 400, 'PERSISTED_QUERY_NOT_SUPPORTED');
  if (typeof sha256Hash !== 'string' || !SHA256_HEX.test(sha256Hash)) throw new RequestError('extensions.persistedQuery.sha256Hash must be a sha256 hash in lowercase hex.');
  return sha256Hash;
}

export function persistedOperationsConcern(mode: PersistedOperationsMode): Concern {
  return {
    name: 'persisted-operations',
    async onParams(_exchange, params) {
      let hash: string | null;
      try {
        hash = hashOf(params.extensions);
      } catch (error) {
        return error as RequestError;
      }
      if (mode.kind === 'manifest') {
        if (hash === null) {
          return mode.onlyKnown
            ? new RequestError('Only persisted operations are accepted: send extensions.persistedQuery.sha256Hash of a known operation.', 400, 'PERSISTED_QUERY_ONLY')
            : undefined;
        }
        const known = mode.documents.get(hash);
        if (known !== undefined) {
          params.query = known;
          return undefined;
        }
        if (params.query === undefined || mode.onlyKnown) return notFound();
      }
      if (hash === null) return undefined;
      if (params.query === undefined) {
        if (mode.kind === 'manifest') return notFound();
        const remembered = await mode.store.get(hash);
        if (remembered === null) return notFound();
        params.query = remembered;
        return undefined;
      }
      if (!isHashOf(hash, params.query)) {
        return new RequestError('extensions.persistedQuery.sha256Hash is not the sha256 of the query: nothing was run.', 400, 'PERSISTED_QUERY_HASH_MISMATCH');
      }
      if (mode.kind === 'automatic') await mode.store.set(hash, params.query);
      return undefined;
    },
  };
}
