/**
 * A root type without one directive on its fields, for an SDL that must not declare it: the
 * default subgraph SDL leaves Federation's `@requiresScopes` out (see `subgraph.ts`). Only the
 * printed form and the directive extensions change; the fields resolve as before.
 */
import { GraphQLObjectType, type ConstDirectiveNode, type FieldDefinitionNode, type GraphQLFieldConfig } from 'graphql';

/** Directives as the directives plugin keeps them: a map by name (graphql-tools' form) or a list. */
function withoutInExtensions(directives: unknown, name: string): unknown {
  if (Array.isArray(directives)) return directives.filter((directive: { name?: string }) => directive.name !== name);
  if (typeof directives !== 'object' || directives === null) return directives;
  return Object.fromEntries(Object.entries(directives).filter(([key]) => key !== name));
}

const withoutInAst = (directives: readonly ConstDirectiveNode[] | undefined, name: string) => directives?.filter((directive) => directive.name.value !== name);

function fieldNodeWithout(node: FieldDefinitionNode, name: string): FieldDefinitionNode {
  const directives = withoutInAst(node.directives, name);
  return directives ? { ...node, directives } : node;
}

function fieldWithout<Source, Context>(field: GraphQLFieldConfig<Source, Context>, name: string): GraphQLFieldConfig<Source, Context> {
  return {
    ...field,
    astNode: field.astNode && fieldNodeWithout(field.astNode, name),
    extensions: { ...field.extensions, directives: withoutInExtensions(field.extensions?.directives, name) },
  };
}

/** A copy of `type` whose fields do not carry `@name`. */
export function withoutFieldDirective(type: GraphQLObjectType, name: string): GraphQLObjectType {
  const config = type.toConfig();
  return new GraphQLObjectType({
    ...config,
    astNode: config.astNode && { ...config.astNode, fields: config.astNode.fields?.map((node) => fieldNodeWithout(node, name)) },
    fields: Object.fromEntries(Object.entries(config.fields).map(([fieldName, field]) => [fieldName, fieldWithout(field, name)])),
  });
}
