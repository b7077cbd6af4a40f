/**
 * The schema as an Apollo Federation v2 subgraph: `@link`, the entities' `@key`, `_service` and
 * `_entities`. Pothos's own toSubGraphSchema sorts every field, argument and enum value
 * alphabetically; this keeps the page's order (what GraphiQL's docs show) and describes the
 * federation fields like every other.
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
  type GraphQLNamedType,
} from 'graphql';

interface FederationBuilder {
  toSchema(options: { sortSchema: boolean; extensions: Record<string, unknown> }): GraphQLSchema;
}

/** Directives as the directives plugin keeps them: a map by name (graphql-tools' form) or a list. */
function hasKey(type: GraphQLNamedType): boolean {
  const directives: unknown = type.extensions.directives;
  if (Array.isArray(directives)) return directives.some((directive: { name?: string }) => directive.name === 'key');
  return typeof directives === 'object' && directives !== null && 'key' in directives;
}

export function toSubgraphSchema(builder: FederationBuilder, linkUrl: string, imports: readonly string[]): GraphQLSchema {
  const base = builder.toSchema({ sortSchema: false, extensions: { directives: { link: { url: linkUrl, import: [...imports] } } } });
  const query = base.getQueryType();
  if (!query) throw new Error('The schema has no Query type');
  const entities = Object.values(base.getTypeMap()).filter((type): type is GraphQLObjectType => isObjectType(type) && hasKey(type));

  const anyType = new GraphQLScalarType({ ...AnyType.toConfig(), description: 'A reference to an entity: its `__typename` and key fields, as a federation router sends it.' });
  const entityType = new GraphQLUnionType({ ...EntityType.toConfig(), description: 'The entities this subgraph resolves: `Interaction` and `Agent`.', types: entities });
  const serviceType = new GraphQLObjectType({
    ...ServiceType.toConfig(),
    description: "This subgraph's description for a federation router.",
    fields: { sdl: { type: GraphQLString, description: 'The subgraph SDL (Federation v2), as `subgraph.graphql` holds it.' } },
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

  const schema = new GraphQLSchema({
    ...base.toConfig(),
    query: federatedQuery,
    types: [...Object.values(base.getTypeMap()).filter((type) => type !== query), federatedQuery],
  });
  sdl = printSubgraphSchema(schema);
  return schema;
}
