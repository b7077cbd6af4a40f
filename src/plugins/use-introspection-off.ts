/**
 * `GRAPHQL_INTROSPECTION=false`: `__schema` and `__type` are refused by Yoga's own plugin, and
 * `_service` (the subgraph SDL, the same map of the schema) by a rule of ours beside it, which no
 * plugin covers. `_entities` keeps working: routers need it at run time, and compose from
 * `subgraph.graphql`.
 */
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { GraphQLError, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const NoServiceSdlRule: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '_service' && context.getParentType()?.name === 'Query') {
      context.reportError(new GraphQLError('GraphQL introspection has been disabled, and _service with it.', { nodes: node }));
    }
  },
});

export function useIntrospectionOff(): Plugin[] {
  return [
    useDisableIntrospection(),
    {
      onValidate({ addValidationRule }) {
        addValidationRule(NoServiceSdlRule);
      },
    },
  ];
}
