/**
 * The REST body: the GraphQL input as JSON, with fields the client omitted or set to null left out
 * (inside `interactionDataCollection` items too). Enum values already arrive as REST values (the
 * GraphQL enums carry them), and a `DateTime` is a `Date`, written as ISO-8601 by `JSON.stringify`.
 */

type JsonInput = { readonly [field: string]: unknown };

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== null && field !== undefined) result[key] = withoutNulls(field);
  }
  return result;
}

export const requestBody = (input: JsonInput): string => JSON.stringify(withoutNulls(input));
