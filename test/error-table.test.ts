/**
 * `errorTable` is the one list of errors: the status map, every mutation's union, the schema's
 * error types and the resolver's idea of a typed error all come from it. Every check here iterates
 * the table and nothing else, so a new row is checked, and needs nothing more, once it is added.
 */
import { GraphQLObjectType, GraphQLUnionType, execute, isNonNullType, parse, type GraphQLField } from 'graphql';
import { streamingCommands } from '../src/catalog/index.js';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from '../src/resolvers/context.js';
import { errorTable, httpErrorFor, RateLimitedError, UpstreamUnavailableError, type ErrorRow } from '../src/errors.js';
import { schema } from '../src/schema/index.js';
import { captureLogs } from './helpers/logs.js';

const rows = errorTable.map((row) => [row.typeName, row] as const);
const statusRows = errorTable.flatMap((row) => (typeof row.status === 'number' ? [[row.status, row.typeName, row] as const] : []));
const otherRow = errorTable.find((row) => row.status === 'other');
const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});

/** A status for the row: its own, or one no row names. */
const statusOf = (row: ErrorRow): number => (typeof row.status === 'number' ? row.status : 599);

/** An instance of the row's class, as the datasource or the gateway would throw it. */
function instanceOf(row: ErrorRow): Error {
  const error: Error = row.status === null ? Reflect.construct(row.errorClass, ['boom', 7]) : Reflect.construct(row.errorClass, [statusOf(row), 'boom', [], 7]);
  for (const name of Object.keys(row.stringFields)) Reflect.set(error, name, `the ${name}`);
  return error;
}

const typeOf = (row: ErrorRow): GraphQLObjectType => {
  const type = schema.getType(row.typeName);
  if (!(type instanceof GraphQLObjectType)) throw new Error(`${row.typeName} is not an object type`);
  return type;
};

const isNullableNamed = (field: GraphQLField<unknown, unknown> | undefined, name: string) =>
  field !== undefined && !isNonNullType(field.type) && String(field.type) === name;

describe('the error table', () => {
  it('names each type and each status once, and has a row for every status it does not name', () => {
    expect(new Set(errorTable.map((row) => row.typeName)).size).toBe(errorTable.length);
    expect(new Set(statusRows.map(([status]) => status)).size).toBe(statusRows.length);
    expect(errorTable.filter((row) => row.status === 'other')).toHaveLength(1);
  });

  it('lists the contract’s errors in their order, RateLimitedError last', () => {
    expect(errorTable.map((row) => row.typeName).slice(-4)).toEqual(['ValidationError', 'UpstreamTimeoutError', 'UpstreamUnavailableError', 'RateLimitedError']);
  });

  it.each(rows)('%s is a member of every mutation’s union, in the table’s order', (_name, row) => {
    expect(mutations).toHaveLength(50 + streamingCommands.length);
    for (const mutation of mutations) {
      const union = mutation.type;
      expect(union).toBeInstanceOf(GraphQLUnionType);
      const members = (union as GraphQLUnionType).getTypes().map((type) => type.name);
      expect(members).toContain(row.typeName);
      expect(members.filter((name) => errorTable.some((other) => other.typeName === name))).toEqual(errorTable.map((other) => other.typeName));
    }
  });

  it.each(rows)('%s is an object type with the row’s description, interfaces and fields', (_name, row) => {
    const type = typeOf(row);
    expect(type.description).toBe(row.description);
    expect(type.getInterfaces().map(String).sort()).toEqual(row.status === null ? ['Error'] : ['Error', 'UpstreamError']);
    const fields = type.getFields();
    const expected = [
      'message',
      ...(row.status === null ? [] : ['status', 'details']),
      ...(row.retryAfterSeconds === null ? [] : ['retryAfterSeconds']),
      ...Object.keys(row.stringFields),
    ];
    expect(Object.keys(fields).sort()).toEqual(expected.sort());
    expect(String(fields.message?.type)).toBe('String!');
    if (row.retryAfterSeconds !== null) {
      expect(isNullableNamed(fields.retryAfterSeconds, 'Int')).toBe(true);
      expect(fields.retryAfterSeconds?.description).toBe(row.retryAfterSeconds);
    }
    for (const [name, description] of Object.entries(row.stringFields)) {
      expect(isNullableNamed(fields[name], 'String')).toBe(true);
      expect(fields[name]?.description).toBe(description);
    }
  });

  it.each(statusRows)('HTTP %i picks %s', (status, _name, row) => {
    const error = httpErrorFor(status, null, [], 9);
    expect(error).toBeInstanceOf(row.errorClass);
    expect(error.status).toBe(status);
    expect(Reflect.get(error, 'retryAfterSeconds')).toBe(row.retryAfterSeconds === null ? undefined : 9);
  });

  it.each([302, 409, 418, 502, 504, 599].filter((status) => !statusRows.some(([named]) => named === status)))(
    'HTTP %i, which no row names, picks the row for other statuses',
    (status) => {
      expect(otherRow).toBeDefined();
      expect(httpErrorFor(status, null, [], null)).toBeInstanceOf(otherRow?.errorClass ?? Error);
    },
  );

  it.each(rows)('a thrown %s is answered as that type, with its fields, and is not logged as a fault', async (_name, row) => {
    const selections = errorTable
      .map((each) => `... on ${each.typeName} { ${[...(each.retryAfterSeconds === null ? [] : ['retryAfterSeconds']), ...Object.keys(each.stringFields)].join(' ')} }`)
      .filter((selection) => !selection.endsWith('{  }'));
    const document = parse(
      `mutation { interactionHold(interactionId: "4320", input: { ehubSessionId: "4875" }) { __typename ... on Error { message } ... on UpstreamError { status } ${selections.join(' ')} } }`,
    );
    const logs = captureLogs();
    const error = instanceOf(row);
    const contextValue = {
      requestId: 'test',
      logger: logs.logger,
      engagementCenter: {
        organization: () => 'acme',
        send: () => Promise.reject(error),
      },
    } as unknown as GatewayContext;

    const result = await execute({ schema, document, contextValue });
    expect(result.errors).toBeUndefined();
    expect(result.data?.interactionHold).toEqual({
      __typename: row.typeName,
      message: 'boom',
      ...(row.status === null ? {} : { status: statusOf(row) }),
      ...(row.retryAfterSeconds === null ? {} : { retryAfterSeconds: 7 }),
      ...Object.fromEntries(Object.keys(row.stringFields).map((name) => [name, `the ${name}`])),
    });
    expect(logs.lines().filter((line) => line.msg === 'unexpected error')).toEqual([]);
  });
});

describe('the gateway’s own retryAfterSeconds', () => {
  it('is null on an UpstreamUnavailableError unless a circuit breaker set it', () => {
    expect(new UpstreamUnavailableError('unreachable').retryAfterSeconds).toBeNull();
    expect(new UpstreamUnavailableError('circuit open', 4).retryAfterSeconds).toBe(4);
  });

  it('is always whole seconds, at least 1, on a RateLimitedError', () => {
    expect(new RateLimitedError('slow down', 0).retryAfterSeconds).toBe(1);
    expect(new RateLimitedError('slow down', 0.2).retryAfterSeconds).toBe(1);
    expect(new RateLimitedError('slow down', 2.1).retryAfterSeconds).toBe(3);
  });
});
