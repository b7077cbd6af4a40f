/**
 * Every one of the 50 mutations end to end: Yoga -> resolver -> undici -> a real HTTP upstream on
 * loopback. The REST call must be exactly what the page prescribes for the page's example body.
 */
import type { GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { clientHeaders, execute, useRecordingGateway } from './helpers/graphql-client.js';
import { openapi, operations, type Operation } from './helpers/openapi.js';

const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const mutationNameOf = (op: Operation) => `${op.resource === 'interactions' ? 'interaction' : 'user'}${upperFirst(op.operation)}`;

/** The page's own well-formed collection (the Email schemas'), used where its example says `" "`. */
const sampleCollection = openapi.components.schemas.SendEmailParmsSchema?.example.interactionDataCollection;

/** The page's example as a JSON body, and as GraphQL variables (enum values by their GraphQL names). */
function exampleOf(op: Operation): { body: Record<string, unknown>; input: Record<string, unknown> } {
  const body: Record<string, unknown> = {};
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(op.example)) {
    const property = op.schema.properties[name];
    // Consult, Dispose and Transfer give " " for an array: the page contradicts its own type.
    const restValue = property?.type === 'array' && !Array.isArray(value) ? sampleCollection : value;
    body[name] = restValue;
    input[name] = property?.enum
      ? (schema.getType(upperFirst(name)) as GraphQLEnumType).getValues().find((v) => v.value === restValue)?.name
      : restValue;
  }
  return { body, input };
}

/** What undici itself adds to a request, besides what the gateway chooses to send. */
const transportHeaders = ['host', 'connection', 'content-length'];

describe.each(operations.map((op) => [mutationNameOf(op), op] as const))('%s', (name, op) => {
  const suite = useRecordingGateway();

  it("sends the page's example as exactly the REST call the page prescribes", async () => {
    const idName = op.resource === 'interactions' ? 'interactionId' : 'userId';
    const pathId = op.resource === 'interactions' ? 'ixn-4320.a_b~c' : '999d97b0c00d99';
    const { body, input } = exampleOf(op);
    const inputType = `${op.schemaName.replace(/ParmsSchema$/, '')}Input`;
    const successType = op.resource === 'interactions' ? 'InteractionCommandAccepted' : 'UserCommandAccepted';
    const entity = op.resource === 'interactions' ? 'interaction' : 'agent';

    const result = await execute(
      suite.gateway,
      `mutation Command($id: ID!, $input: ${inputType}!) {
        ${name}(${idName}: $id, input: $input) {
          __typename
          ... on ${successType} { status ${entity} { id } }
          ... on Error { message }
        }
      }`,
      { id: pathId, input },
      { ...clientHeaders, cookie: 'session=secret', 'x-forwarded-for': '10.0.0.1', 'x-custom': 'nope' },
    );

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ [name]: { __typename: successType, status: 202, [entity]: { id: pathId } } });
    expect(suite.upstream.requests).toHaveLength(1);
    const [request] = suite.upstream.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(
      op.path.replace('{orgId}', 'acme').replace(`{${idName}}`, pathId),
    );
    expect(JSON.parse(request?.body ?? '')).toEqual(body);
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      accept: 'application/json',
      ...clientHeaders,
    });
    const unexpected = Object.keys(request?.headers ?? {}).filter(
      (header) => !transportHeaders.includes(header) && !['content-type', 'accept', ...Object.keys(clientHeaders)].includes(header),
    );
    expect(unexpected).toEqual([]);
  });
});
