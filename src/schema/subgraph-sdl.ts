import { graphql } from 'graphql';
import { schema } from './index.js';

/** The subgraph SDL exactly as `query { _service { sdl } }` serves it to a router or composition. */
export async function subgraphSdl(): Promise<string> {
  const result = await graphql({ schema, source: '{ _service { sdl } }' });
  const data = result.data as { _service?: { sdl?: unknown } } | null | undefined;
  const sdl = data?._service?.sdl;
  if (typeof sdl !== 'string') throw new Error(`No subgraph SDL: ${JSON.stringify(result.errors)}`);
  return sdl;
}
