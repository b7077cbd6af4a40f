/**
 * The REST body: the GraphQL input as JSON, with fields the client omitted or set to null left out
 * (inside `interactionDataCollection` items too). Enum values already arrive as REST values (the
 * GraphQL enums carry them) and a `DateTime` as normalized ISO-8601 text (the scalar parses it).
 */

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== null && field !== undefined) result[key] = withoutNulls(field);
  }
  return result;
}

export const requestBody = (input: Readonly<Record<string, unknown>>): string => JSON.stringify(withoutNulls(input));
