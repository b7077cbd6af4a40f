/**
 * The schema as an Apollo Federation v2 subgraph: `@link`, the entities' `@key`, `_service` and
 * `_entities`. Pothos's own toSubGraphSchema sorts every field, argument and enum value
 * alphabetically; this keeps the page's order (what GraphiQL's docs show) and describes the
 * federation fields like every other. Federation's `@requiresScopes` (declared on the mutations)
 * is in the SDL only when asked for: a router must enforce it or refuse the supergraph, and
 * `@apollo/gateway` or Apollo Router without an Enterprise licence refuse it.
 */
import { printSubgraphSchema } from '@apollo/subgraph';
import { AnyType, EntityType, entitiesField, serviceField, ServiceType } from '@apollo/subgraph/dist/types.js';
import {
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  GraphQLUnionType,
  isObjectType,
  Kind,
  parse,
  type GraphQLNamedType,
  type SchemaExtensionNode,
} from 'graphql';
import { withoutFieldDirective } from './without-directive.js';

/** Directives as the directives plugin keeps them: a map by name (graphql-tools' form) or a list. */
function hasKey(type: GraphQLNamedType): boolean {
  const directives: unknown = type.extensions.directives;
  if (Array.isArray(directives)) return directives.some((directive: { name?: string }) => directive.name === 'key');
  return typeof directives === 'object' && directives !== null && 'key' in directives;
}

export interface SubgraphOptions {
  /** The Federation spec the SDL links, e.g. `https://specs.apollo.dev/federation/v2.6`. */
  readonly linkUrl: string;
  /** The federation directives the SDL uses, `@requiresScopes` aside. */
  readonly imports: readonly string[];
  /** Keep the mutations' `@requiresScopes` (and import it); otherwise the SDL has none. */
  readonly requiresScopes: boolean;
}

const REQUIRES_SCOPES = 'requiresScopes';

/** `extend schema @link(…)`, as the printed SDL opens. */
function linkExtension(url: string, imports: readonly string[]): SchemaExtensionNode {
  const [extension] = parse(`extend schema @link(url: ${JSON.stringify(url)}, import: ${JSON.stringify(imports)})`).definitions;
  if (extension?.kind !== Kind.SCHEMA_EXTENSION) throw new Error('Unreadable @link');
  return extension;
}

/**
 * `built` (the builder's schema, built once, with every directive) as a subgraph. Both variants share
 * its types; only `Query` (with the federation fields) and, without scopes, `Mutation` are new.
 */
export function toSubgraphSchema(built: GraphQLSchema, { linkUrl, imports, requiresScopes }: SubgraphOptions): GraphQLSchema {
  const query = built.getQueryType();
  if (!query) throw new Error('The schema has no Query type');
  const mutation = built.getMutationType();
  const scopeless = mutation && !requiresScopes ? withoutFieldDirective(mutation, REQUIRES_SCOPES) : mutation;
  const entities = Object.values(built.getTypeMap()).filter((type): type is GraphQLObjectType => isObjectType(type) && hasKey(type));

  const anyType = new GraphQLScalarType({ ...AnyType.toConfig(), description: 'A reference to an entity: its `__typename` and key fields, as a federation router sends it.' });
  const entityType = new GraphQLUnionType({ ...EntityType.toConfig(), description: 'The entities this subgraph resolves: `Interaction` and `Agent`.', types: entities });
  const serviceType = new GraphQLObjectType({
    ...ServiceType.toConfig(),
    description: "This subgraph's description for a federation router.",
    fields: { sdl: { type: GraphQLString, description: 'The subgraph SDL (Federation v2): as `subgraph.graphql` holds it, or `subgraph-requires-scopes.graphql` with `SUBGRAPH_REQUIRES_SCOPES=true`.' } },
  });

  let sdl = '';
  const federatedQuery = new GraphQLObjectType({
    ...query.toConfig(),
    fields: () => ({
      ...query.toConfig().fields,
      _entities: {
        ...entitiesField,
        description: 'Resolves entity references for a federation router.',
        type: new GraphQLNonNull(new GraphQLList(entityType)),
        args: {
          representations: {
            type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(anyType))),
            description: 'The references to resolve.',
          },
        },
      },
      _service: { ...serviceField, type: new GraphQLNonNull(serviceType), description: 'This subgraph, for a federation router.', resolve: () => ({ sdl }) },
    }),
  });

  const link = linkExtension(linkUrl, requiresScopes ? [...imports, `@${REQUIRES_SCOPES}`] : imports);
  const schema = new GraphQLSchema({
    ...built.toConfig(),
    query: federatedQuery,
    mutation: scopeless,
    // Mutation in its place, Query last: the order the SDL lists the types in.
    types: [...Object.values(built.getTypeMap()).flatMap((type) => (type === query ? [] : type === mutation && scopeless ? [scopeless] : [type])), federatedQuery],
    extensionASTNodes: [link],
  });
  sdl = printSubgraphSchema(schema);
  // Scopes declared anywhere but on the mutations' fields would still be here: refuse to serve them.
  if (!requiresScopes && sdl.includes(`@${REQUIRES_SCOPES}`)) throw new Error(`The subgraph SDL without scopes still has @${REQUIRES_SCOPES}`);
  return schema;
}
