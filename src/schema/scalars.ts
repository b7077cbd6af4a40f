import { GraphQLError, Kind } from 'graphql';
import { builder } from './builder.js';
import { DateTimeFormatError, normalizeDateTime } from './date-time.js';

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string') throw new GraphQLError('DateTime must be a string such as 2021-06-30T20:15:07.134Z');
  try {
    return normalizeDateTime(value);
  } catch (error) {
    if (error instanceof DateTimeFormatError) throw new GraphQLError(error.message);
    throw error;
  }
}

builder.scalarType('DateTime', {
  description:
    'An instant as RFC 3339 text with a time zone, such as `2021-06-30T20:15:07.134Z`. ' +
    'The REST call carries the same instant as UTC ISO-8601 text.',
  serialize: (value) => value,
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('JSON', {
  description: 'Any JSON value, as the Streaming API gave it: an agent event’s payload, unchanged.',
  serialize: (value) => value,
  parseValue: (value) => value,
});
