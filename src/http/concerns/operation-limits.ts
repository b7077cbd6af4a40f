/**
 * The operation limits (mutations, depth, aliases; tokens are bounded by the parser) and, when
 * introspection is off, the refusal of `__schema`, `__type` and `_service`: `_entities` keeps
 * working, as routers need it at run time and compose from `subgraph.graphql`.
 */
import { GraphQLError, NoSchemaIntrospectionCustomRule, type ValidationRule } from 'graphql';
import type { OperationLimits } from '../../config/read-config.js';
import { operationLimitRules } from '../../graphql/operation-limits.js';
import type { Concern } from '../exchange.js';

const NoServiceSdlRule: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '_service' && context.getParentType()?.name === 'Query') {
      context.reportError(new GraphQLError('GraphQL introspection has been disabled, and _service with it.', { nodes: node }));
    }
  },
});

export const operationLimitsConcern = (limits: OperationLimits): Concern => ({
  name: 'operation-limits',
  validationRules: [...operationLimitRules(limits), ...(limits.introspection ? [] : [NoSchemaIntrospectionCustomRule, NoServiceSdlRule])],
});
