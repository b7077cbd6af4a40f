import { builder } from './builder.js';
import { toSubgraphSchema } from './subgraph.js';
import './scalars.js';
import './errors.js';
import './entities.js';
import './inputs.js';
import './query.js';
import './mutations.js';

/** The Federation version the subgraph links; routers and composition must support it. */
export const federationLinkUrl = 'https://specs.apollo.dev/federation/v2.6';

// One schema serves both as the standalone API and as a Federation v2 subgraph (`_service`, `_entities`).
export const schema = toSubgraphSchema(builder, federationLinkUrl, ['@key', '@shareable', '@requiresScopes']);
