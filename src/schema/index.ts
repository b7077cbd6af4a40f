import type { GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import { toSubgraphSchema } from './subgraph.js';
import './scalars.js';
import './errors.js';
import './entities.js';
import './inputs.js';
import './query.js';
import './mutations.js';
import './events.js';

/** The Federation version the subgraph links; routers and composition must support it (v2.5+ for `@requiresScopes`). */
export const federationLinkUrl = 'https://specs.apollo.dev/federation/v2.6';

export interface SchemaOptions {
  /** Declare the vendor's OAuth scopes with Federation's `@requiresScopes` in the subgraph SDL (`SUBGRAPH_REQUIRES_SCOPES`). */
  readonly requiresScopes: boolean;
}

/** Every type and resolver, with the mutations' `@requiresScopes`; the subgraph variants derive from it. */
const built = builder.toSchema({ sortSchema: false });
const variants = new Map<boolean, GraphQLSchema>();

/**
 * The schema, both the standalone API and a Federation v2 subgraph (`_service`, `_entities`). The
 * two variants execute alike; only their subgraph SDL differs (built once each, on first use).
 */
export function schemaFor({ requiresScopes }: SchemaOptions): GraphQLSchema {
  let schema = variants.get(requiresScopes);
  if (!schema) {
    schema = toSubgraphSchema(built, { linkUrl: federationLinkUrl, imports: ['@key', '@shareable'], requiresScopes });
    variants.set(requiresScopes, schema);
  }
  return schema;
}

/** The default schema: its subgraph SDL has no `@requiresScopes`, so every Federation v2 router serves it. */
export const schema = schemaFor({ requiresScopes: false });
