/**
 * Limits that keep one GraphQL request from becoming an attack on the Engagement Center: root
 * mutation fields (each one a REST call), depth (introspection included) and aliases. Fragments
 * are flattened and measured once each, so fragment "bombs" cost linear time.
 */
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

type Measure = (selectionSet: SelectionSetNode) => number;

/** How a measure folds a selection set: the value of one field, and how siblings combine. */
interface Fold {
  readonly field: (measureChildren: () => number, aliased: boolean) => number;
  readonly combine: (left: number, right: number) => number;
}

const sum = (left: number, right: number): number => left + right;

/** Root fields: fields reached without descending into fields. */
const rootFields: Fold = { field: () => 1, combine: sum };
const depth: Fold = { field: (measureChildren) => 1 + measureChildren(), combine: Math.max };
const aliases: Fold = { field: (measureChildren, aliased) => (aliased ? 1 : 0) + measureChildren(), combine: sum };

/** Measures selection sets, flattening fragment spreads, each fragment measured once, cycle-safe. */
function measureWith(fold: Fold, context: ValidationContext): Measure {
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const fragment = (node: FragmentDefinitionNode | null | undefined): number => {
    if (!node) return 0;
    const name = node.name.value;
    const known = memo.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) return 0; // a cycle: NoFragmentCyclesRule reports it
    visiting.add(name);
    const value = measure(node.selectionSet);
    visiting.delete(name);
    memo.set(name, value);
    return value;
  };
  const measure: Measure = (selectionSet) =>
    selectionSet.selections.reduce((total, selection) => {
      const value =
        selection.kind === Kind.FIELD
          ? fold.field(() => (selection.selectionSet ? measure(selection.selectionSet) : 0), selection.alias !== undefined)
          : selection.kind === Kind.INLINE_FRAGMENT
            ? measure(selection.selectionSet)
            : fragment(context.getFragment(selection.name.value));
      return fold.combine(total, value);
    }, 0);
  return measure;
}

function limitRule(
  fold: Fold,
  applies: (operation: 'query' | 'mutation' | 'subscription') => boolean,
  message: (found: number) => string,
  max: number,
): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      if (!applies(node.operation)) return;
      const found = measureWith(fold, context)(node.selectionSet);
      if (found > max) context.reportError(new GraphQLError(message(found), { nodes: node, extensions: { code: 'OPERATION_LIMIT' } }));
    },
  });
}

export interface OperationLimitOptions {
  readonly maxMutations: number;
  readonly maxDepth: number;
  readonly maxAliases: number;
}

export function operationLimitRules({ maxMutations, maxDepth, maxAliases }: OperationLimitOptions): ValidationRule[] {
  return [
    limitRule(
      rootFields,
      (operation) => operation === 'mutation',
      (found) => `This operation sends ${found} commands; at most ${maxMutations} are allowed in one operation. Nothing was sent.`,
      maxMutations,
    ),
    limitRule(depth, () => true, (found) => `This operation nests fields ${found} deep; at most ${maxDepth} is allowed.`, maxDepth),
    limitRule(aliases, () => true, (found) => `This operation uses ${found} aliases; at most ${maxAliases} are allowed.`, maxAliases),
  ];
}
