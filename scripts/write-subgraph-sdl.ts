/**
 * Part of `npm run generate`: writes the subgraph SDL files a router composes, `subgraph.graphql`
 * (default) and `subgraph-requires-scopes.graphql` (`SUBGRAPH_REQUIRES_SCOPES=true`); checked by a test.
 */
import { writeFileSync } from 'node:fs';
import { subgraphSdl, subgraphSdlFiles } from '../src/schema/subgraph-sdl.js';

for (const { file, options } of subgraphSdlFiles) writeFileSync(new URL(`../${file}`, import.meta.url), `${await subgraphSdl(options)}\n`);
