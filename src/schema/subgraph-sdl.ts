/** The subgraph SDL as a router reads it, and the committed files that hold each variant. */
import { graphql } from 'graphql';
import { schemaFor, type SchemaOptions } from './index.js';

/** The committed SDL files (`npm run generate` writes them; a test holds them to `_service { sdl }`). */
export const subgraphSdlFiles = [
  { file: 'subgraph.graphql', options: { requiresScopes: false } },
  { file: 'subgraph-requires-scopes.graphql', options: { requiresScopes: true } },
] as const satisfies readonly { file: string; options: SchemaOptions }[];

/** The subgraph SDL exactly as `query { _service { sdl } }` serves it to a router or composition. */
export async function subgraphSdl(options: SchemaOptions = { requiresScopes: false }): Promise<string> {
  const result = await graphql({ schema: schemaFor(options), source: '{ _service { sdl } }' });
  const data = result.data as { _service?: { sdl?: unknown } } | null | undefined;
  const sdl = data?._service?.sdl;
  if (typeof sdl !== 'string') throw new Error(`No subgraph SDL: ${JSON.stringify(result.errors)}`);
  return sdl;
}
