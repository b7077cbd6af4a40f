/** How logs, metrics and traces name an operation: bounded values, never ids. */
import type { OperationDefinitionNode } from 'graphql';

/** The root field's name when there is one (bounded by the schema), else `multiple`. */
export function rootFieldOf(operation: OperationDefinitionNode | null | undefined): string {
  const names = new Set<string>();
  for (const selection of operation?.selectionSet.selections ?? []) {
    names.add(selection.kind === 'Field' ? selection.name.value : 'fragment');
  }
  const [only] = names;
  return names.size === 1 && only ? only : names.size === 0 ? 'unknown' : 'multiple';
}

export const operationNameOf = (operation: OperationDefinitionNode | null | undefined): string | null =>
  operation?.name?.value.slice(0, 100) ?? null;
