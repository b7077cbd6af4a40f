/** Part of `npm run generate`: writes `subgraph.graphql`, the SDL a router composes (checked by a test). */
import { writeFileSync } from 'node:fs';
import { subgraphSdl } from '../src/schema/subgraph-sdl.js';

writeFileSync(new URL('../subgraph.graphql', import.meta.url), `${await subgraphSdl()}\n`);
