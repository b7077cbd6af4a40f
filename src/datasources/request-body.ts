/**
 * The REST body: the GraphQL input as JSON, with fields the client omitted or set to null left out
 * (inside `interactionDataCollection` items too). Enum values already arrive as REST values (the
 * GraphQL enums carry them) and a `DateTime` as normalized ISO-8601 text (the scalar parses it).
 * One pass: a replacer drops nulls while serializing, instead of copying the input first.
 */

const withoutNulls = (_key: string, value: unknown): unknown => (value === null ? undefined : value);

export const requestBody = (input: Readonly<Record<string, unknown>>): string => JSON.stringify(input, withoutNulls);
