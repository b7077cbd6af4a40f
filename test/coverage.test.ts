/**
 * The schema covers the vendor's API field by field: every operation is a mutation, every body
 * property an input field with the same requiredness, type, enum values and description.
 */
import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLUnionType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
} from 'graphql';
import { streamingCommands } from '../src/catalog/index.js';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { openapi, operations, type JsonSchemaProperty, type Operation } from './helpers/openapi.js';

const mutationType = schema.getMutationType();
const mutationFields = mutationType?.getFields() ?? {};

const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const mutationNameOf = (op: Operation) => `${op.resource === 'interactions' ? 'interaction' : 'user'}${upperFirst(op.operation)}`;
const pathIdOf = (op: Operation) => (op.resource === 'interactions' ? 'interactionId' : 'userId');

function mutationOf(op: Operation): GraphQLField<unknown, unknown> {
  const field = mutationFields[mutationNameOf(op)];
  if (!field) throw new Error(`No mutation ${mutationNameOf(op)} for ${op.path}`);
  return field;
}

function inputTypeOf(op: Operation): GraphQLInputObjectType {
  const type = mutationOf(op).args.find((arg) => arg.name === 'input')?.type;
  if (!(type instanceof GraphQLNonNull) || !isInputObjectType(type.ofType)) throw new Error(`No input: ${op.path}`);
  return type.ofType;
}

/** The GraphQL type the contract prescribes for a JSON schema property. */
function expectedTypeName(name: string, property: JsonSchemaProperty): string {
  if (property.enum) return upperFirst(name);
  switch (property.type) {
    case 'string':
      return property.format === 'date-time' ? 'DateTime' : 'String';
    case 'boolean':
      return 'Boolean';
    case 'integer':
    case 'number': // both number properties are whole numbers by their text (seconds, an HTTP status)
      return 'Int';
    case 'array':
      return '[InteractionDataInput!]';
  }
}

const typeName = (type: GraphQLInputType): string => {
  const inner = type instanceof GraphQLNonNull ? type.ofType : type;
  return inner instanceof GraphQLList ? `[${String(inner.ofType)}]` : String(inner);
};

describe('coverage of the OpenAPI description', () => {
  it('reads all 50 operations of the page', () => {
    expect(operations).toHaveLength(50);
  });

  it('has exactly one mutation per operation, and no other', () => {
    expect(Object.keys(mutationFields).sort()).toEqual([...operations.map(mutationNameOf), ...streamingCommands.map((command) => command.mutation)].sort());
  });

  describe.each(operations.map((op) => [mutationNameOf(op), op] as const))('%s', (_name, op) => {
    it('takes the path id and the body as the contract names them', () => {
      const field = mutationOf(op);
      const pathParameter = op.parameters.find((parameter) => parameter.name === pathIdOf(op));
      expect(field.args.map((arg) => [arg.name, String(arg.type)])).toEqual([
        [pathIdOf(op), 'ID!'],
        ['input', `${op.schemaName.replace(/ParmsSchema$/, '')}Input!`],
      ]);
      expect(field.args[0]?.description).toBe(pathParameter?.description);
      expect(field.args[1]?.description).toBe(op.bodyDescription);
      expect(inputTypeOf(op).description).toBe(op.bodyDescription);
    });

    it("carries the page's summary and paragraph as its description", () => {
      expect(mutationOf(op).description).toBe(`${op.summary}\n\n${op.description}`);
    });

    it('is nullable and returns its success type or any of the 13 errors of the contract’s table, or RateLimitedError', () => {
      const type = mutationOf(op).type;
      expect(type).toBeInstanceOf(GraphQLUnionType);
      const members = (type as GraphQLUnionType).getTypes().map(String).sort();
      const success = op.resource === 'interactions' ? 'InteractionCommandAccepted' : 'UserCommandAccepted';
      expect(members).toEqual([success, ...allErrorTypes].sort());
    });

    it('has every body property as an input field with the same requiredness, type and description', () => {
      const fields = inputTypeOf(op).getFields();
      const required = new Set(op.schema.required ?? []);
      expect(Object.keys(fields)).toEqual(Object.keys(op.schema.properties));
      for (const [name, property] of Object.entries(op.schema.properties)) {
        const field = fields[name] as GraphQLInputField;
        expect(field.type instanceof GraphQLNonNull, `${name} requiredness`).toBe(required.has(name));
        expect(typeName(field.type), `${name} type`).toBe(expectedTypeName(name, property));
        expect(field.description, `${name} description`).toBe(property.description);
      }
    });

    it('sends the REST value of every enum value', () => {
      const fields = inputTypeOf(op).getFields();
      for (const [name, property] of Object.entries(op.schema.properties)) {
        if (!property.enum) continue;
        const enumType = getNamedType(fields[name]?.type) as GraphQLEnumType;
        expect(enumType.description).toBe(property.description);
        expect(enumType.getValues().map((value) => value.value)).toEqual(property.enum);
        for (const value of enumType.getValues()) expect(value.description).toContain(`\`${String(value.value)}\``);
      }
    });
  });

  it('names enum values in SCREAMING_SNAKE_CASE as the contract spells them', () => {
    const valueName = (enumName: string, rest: string) =>
      (schema.getType(enumName) as GraphQLEnumType).getValues().find((value) => value.value === rest)?.name;
    expect(valueName('NotReadyType', 'NotReady')).toBe('NOT_READY');
    expect(valueName('TransferType', 'ExternalBlind')).toBe('EXTERNAL_BLIND');
    expect(valueName('ConsultType', 'Worktype')).toBe('WORKTYPE');
    expect(valueName('DialType', 'WorkType')).toBe('WORK_TYPE');
    expect(valueName('Language', 'en-US')).toBe('EN_US');
    expect(valueName('MonitorType', 'StartBargeIn')).toBe('START_BARGE_IN');
  });

  it('has one enum per enumerated property: 12 enums with 44 values', () => {
    const enums = Object.values(schema.getTypeMap()).filter(
      (type): type is GraphQLEnumType => isEnumType(type) && !isIntrospectionType(type),
    );
    expect(enums).toHaveLength(12);
    expect(enums.reduce((count, type) => count + type.getValues().length, 0)).toBe(44);
  });

  it("describes InteractionDataInput's fields in the interaction schemas' words", () => {
    const item = openapi.components.schemas.ConsultParmsSchema?.properties.interactionDataCollection?.items;
    const fields = (schema.getType('InteractionDataInput') as GraphQLInputObjectType).getFields();
    expect(Object.keys(fields)).toEqual(Object.keys(item?.properties ?? {}));
    for (const [name, property] of Object.entries(item?.properties ?? {})) {
      expect(fields[name]?.description).toBe(property.description);
      expect(fields[name]?.type instanceof GraphQLNonNull).toBe(false);
    }
  });

  it('gives every type, field, argument and enum value a description, federation fields included', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
      if (isUnionType(type) && !type.description) missing.push(type.name);
    }
    expect(missing).toEqual([]);
  });
});

const allErrorTypes = [
  'BadRequestError',
  'UnauthorizedError',
  'NotFoundError',
  'MethodNotAllowedError',
  'GoneError',
  'UnprocessableEntityError',
  'TooManyRequestsError',
  'InternalServerError',
  'ServiceUnavailableError',
  'UnexpectedStatusError',
  'ValidationError',
  'UpstreamTimeoutError',
  'UpstreamUnavailableError',
  'RateLimitedError',
];
