import type { InputFieldRef } from '@pothos/core';
import {
  deprecationReason,
  endpoints,
  enumTypeName,
  enumValueName,
  inputTypeName,
  interactionDataItem,
  type EndpointSpec,
  type FieldSpec,
} from '../catalog/index.js';
import { builder } from './builder.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type InputField = InputFieldRef<Types, unknown>;
type FieldBuilder = PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>;

export const InteractionDataInput = builder.inputType('InteractionDataInput', {
  description: 'One of the up to 20 user fields of an interaction: a key value pair, optionally masked.',
  fields: (t) => ({
    key: t.string({ description: interactionDataItem.key.description }),
    value: t.string({ description: interactionDataItem.value.description }),
    isMasked: t.boolean({ description: interactionDataItem.isMasked.description }),
  }),
});

/** One GraphQL enum per enumerated property, named after it; its values carry the REST values. */
const enumRefs = new Map<string, ReturnType<typeof enumFor>>();

function enumFor(property: string, restValues: readonly string[], description: string) {
  const values = Object.fromEntries(
    restValues.map((restValue) => [
      enumValueName(restValue),
      { value: restValue, description: `Sends \`${restValue}\` to the REST API.` },
    ]),
  );
  return builder.enumType(enumTypeName(property), { description, values });
}

function enumRef(property: string, restValues: readonly string[], description: string) {
  const existing = enumRefs.get(property);
  if (existing) return existing;
  const created = enumFor(property, restValues, description);
  enumRefs.set(property, created);
  return created;
}

function inputField(t: FieldBuilder, property: string, spec: FieldSpec, required: boolean): InputField {
  const reason = deprecationReason(spec);
  const options = { required, description: spec.description, ...(reason === undefined ? {} : { deprecationReason: reason }) };
  switch (spec.type) {
    case 'string':
      if (spec.enum) return t.field({ ...options, type: enumRef(property, spec.enum, spec.description) });
      return spec.format === 'date-time' ? t.field({ ...options, type: 'DateTime' }) : t.string(options);
    case 'boolean':
      return t.boolean(options);
    case 'integer':
    case 'number':
      return t.int(options);
    case 'array':
      return t.field({ ...options, type: [InteractionDataInput] });
  }
}

const inputFor = (endpoint: EndpointSpec) =>
  builder.inputType(inputTypeName(endpoint), {
    description: endpoint.bodyDescription,
    fields: (t) =>
      Object.fromEntries(
        Object.entries(endpoint.fields).map(([property, spec]) => [
          property,
          inputField(t, property, spec, endpoint.required.includes(property)),
        ]),
      ),
  });

/** The body schema's input type for every endpoint. */
export const inputTypes = new Map<EndpointSpec, ReturnType<typeof inputFor>>(
  endpoints.map((endpoint) => [endpoint, inputFor(endpoint)]),
);
