import { LRUCache } from 'lru-cache';
import type { PersistedQueryStore } from '../http/concerns/persisted-operations.js';

/** Automatic persisted queries kept in this process: at most `maxEntries`, least recently used out. */
export function memoryPersistedQueryStore(maxEntries: number): PersistedQueryStore {
  const cache = new LRUCache<string, string>({ max: maxEntries });
  return {
    get: async (hash) => cache.get(hash) ?? null,
    set: async (hash, query) => {
      cache.set(hash, query);
    },
  };
}
