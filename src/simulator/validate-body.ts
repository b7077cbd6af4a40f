/**
 * The simulator's check of a REST body against its schema, derived from the catalog: required
 * properties, JSON types, enum values, date-times and the 20-item limit. Unknown properties are
 * ignored, as a JSON schema without `additionalProperties: false` allows.
 */
import type { DataItemSpec, EndpointSpec, FieldSpec } from '../catalog/index.js';

export interface BodyProblem {
  /** The property path, such as `interactionDataCollection[2].key`. */
  readonly field: string;
  readonly reason: 'required' | 'type' | 'enum' | 'format' | 'maxItems';
  readonly message: string;
}

const RFC_3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const typeProblem = (field: string, expected: string): BodyProblem => ({
  field,
  reason: 'type',
  message: `${field} must be ${expected}`,
});

function checkItem(item: unknown, path: string, spec: DataItemSpec): BodyProblem | null {
  if (!isObject(item)) return typeProblem(path, 'an object');
  for (const [property, fieldSpec] of Object.entries(spec)) {
    const problem = checkValue(item[property], `${path}.${property}`, fieldSpec);
    if (problem) return problem;
  }
  return null;
}

/** An absent value is fine here; requiredness is checked by the caller. */
function checkValue(value: unknown, path: string, spec: FieldSpec): BodyProblem | null {
  if (value === undefined) return null;
  switch (spec.type) {
    case 'string':
      if (typeof value !== 'string') return typeProblem(path, 'a string');
      if (spec.enum && !spec.enum.includes(value)) {
        return { field: path, reason: 'enum', message: `${path} must be one of ${spec.enum.join(', ')}` };
      }
      if (spec.format === 'date-time' && !RFC_3339.test(value)) {
        return { field: path, reason: 'format', message: `${path} must be an RFC 3339 date-time` };
      }
      return null;
    case 'boolean':
      return typeof value === 'boolean' ? null : typeProblem(path, 'a boolean');
    case 'integer':
      return Number.isInteger(value) ? null : typeProblem(path, 'an integer');
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : typeProblem(path, 'a number');
    case 'array':
      // The page's own samples send " " here for Consult, Dispose and Transfer: treat blank text as no items.
      if (typeof value === 'string' && value.trim() === '') return null;
      if (!Array.isArray(value)) return typeProblem(path, 'an array');
      if (value.length > spec.maxItems) {
        return { field: path, reason: 'maxItems', message: `${path} must have at most ${spec.maxItems} items` };
      }
      for (const [index, item] of value.entries()) {
        const problem = checkItem(item, `${path}[${index}]`, spec.items);
        if (problem) return problem;
      }
      return null;
  }
}

export function checkBody(endpoint: EndpointSpec, body: unknown): BodyProblem | null {
  if (!isObject(body)) return typeProblem('body', `a JSON object (${endpoint.schema}ParmsSchema)`);
  for (const property of endpoint.required) {
    if (body[property] === undefined || body[property] === null) {
      return { field: property, reason: 'required', message: `${property} is required` };
    }
  }
  for (const [property, spec] of Object.entries(endpoint.fields)) {
    const problem = checkValue(body[property], property, spec);
    if (problem) return problem;
  }
  return null;
}
