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

/** A measure of selection sets that flattens fragment spreads, memoized per fragment, cycle-safe. */
function measureWith(
  combine: (selectionSet: SelectionSetNode, measure: Measure, fragment: (node: FragmentDefinitionNode) => number) => number,
): Measure {
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const fragment = (node: FragmentDefinitionNode): number => {
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
  const measure: Measure = (selectionSet) => combine(selectionSet, measure, fragment);
  return (selectionSet) => measure(selectionSet);
}

function forEachSelection(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  onField: (selectionSet: SelectionSetNode | undefined, aliased: boolean) => void,
  onFragment: (selectionSet: SelectionSetNode | null, definition: FragmentDefinitionNode | null) => void,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) onField(selection.selectionSet, selection.alias !== undefined);
    else if (selection.kind === Kind.INLINE_FRAGMENT) onFragment(selection.selectionSet, null);
    else onFragment(null, context.getFragment(selection.name.value) ?? null);
  }
}

/** Fields reached from a selection set without descending into fields: the root fields. */
const countFields = (context: ValidationContext) =>
  measureWith((selectionSet, measure, fragment) => {
    let count = 0;
    forEachSelection(
      context,
      selectionSet,
      () => (count += 1),
      (inline, definition) => (count += inline ? measure(inline) : definition ? fragment(definition) : 0),
    );
    return count;
  });

const maxFieldDepth = (context: ValidationContext) =>
  measureWith((selectionSet, measure, fragment) => {
    let deepest = 0;
    forEachSelection(
      context,
      selectionSet,
      (child) => (deepest = Math.max(deepest, 1 + (child ? measure(child) : 0))),
      (inline, definition) => (deepest = Math.max(deepest, inline ? measure(inline) : definition ? fragment(definition) : 0)),
    );
    return deepest;
  });

const countAliases = (context: ValidationContext) =>
  measureWith((selectionSet, measure, fragment) => {
    let count = 0;
    forEachSelection(
      context,
      selectionSet,
      (child, aliased) => (count += (aliased ? 1 : 0) + (child ? measure(child) : 0)),
      (inline, definition) => (count += inline ? measure(inline) : definition ? fragment(definition) : 0),
    );
    return count;
  });

function limitRule(
  measureFor: (context: ValidationContext) => Measure,
  applies: (operation: 'query' | 'mutation' | 'subscription') => boolean,
  message: (found: number) => string,
  max: number,
): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      if (!applies(node.operation)) return;
      const found = measureFor(context)(node.selectionSet);
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
      countFields,
      (operation) => operation === 'mutation',
      (found) => `This operation sends ${found} commands; at most ${maxMutations} are allowed in one operation. Nothing was sent.`,
      maxMutations,
    ),
    limitRule(maxFieldDepth, () => true, (found) => `This operation nests fields ${found} deep; at most ${maxDepth} is allowed.`, maxDepth),
    limitRule(countAliases, () => true, (found) => `This operation uses ${found} aliases; at most ${maxAliases} are allowed.`, maxAliases),
  ];
}
