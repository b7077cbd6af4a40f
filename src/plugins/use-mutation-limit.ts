/**
 * At most `MAX_MUTATIONS_PER_OPERATION` root mutation fields in one operation: each one is a REST
 * call, so one request must not become a burst against the Engagement Center. Aliases and fields
 * reached through fragments count; each fragment is counted once however often it is spread, so
 * fragment "bombs" cost linear time. Ours: graphql-armor limits depth, aliases, tokens and cost,
 * but nothing counts root mutation fields.
 */
import { GraphQLError, Kind, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Root fields of a selection set, fragments flattened, each fragment counted once (cycle-safe). */
function rootFieldCounter(context: ValidationContext): (selectionSet: SelectionSetNode) => number {
  const counted = new Map<string, number>();
  const visiting = new Set<string>();
  const fragment = (node: FragmentDefinitionNode | null | undefined): number => {
    if (!node) return 0;
    const name = node.name.value;
    const known = counted.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) return 0; // a cycle: NoFragmentCyclesRule reports it
    visiting.add(name);
    const value = count(node.selectionSet);
    visiting.delete(name);
    counted.set(name, value);
    return value;
  };
  const count = (selectionSet: SelectionSetNode): number =>
    selectionSet.selections.reduce(
      (total, selection) =>
        total +
        (selection.kind === Kind.FIELD ? 1 : selection.kind === Kind.INLINE_FRAGMENT ? count(selection.selectionSet) : fragment(context.getFragment(selection.name.value))),
      0,
    );
  return count;
}

function mutationLimitRule(maxMutations: number): ValidationRule {
  return function MaxRootMutationFieldsRule(context) {
    return {
    OperationDefinition(node) {
      if (node.operation !== 'mutation') return;
      const found = rootFieldCounter(context)(node.selectionSet);
      if (found > maxMutations) {
        context.reportError(
          new GraphQLError(`This operation sends ${found} commands; at most ${maxMutations} are allowed in one operation. Nothing was sent.`, {
            nodes: node,
            extensions: { code: 'OPERATION_LIMIT' },
          }),
        );
      }
    },
    };
  };
}

export function useMutationLimit(maxMutations: number): Plugin {
  const rule = mutationLimitRule(maxMutations);
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(rule);
    },
  };
}
