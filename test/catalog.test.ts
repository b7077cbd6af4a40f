/**
 * The catalog transcribes the page: the simulator's validation and the REST call come from it, so
 * every schema detail that GraphQL cannot show (maxItems, item shapes, optional headers) is checked here.
 */
import { describe, expect, it } from 'vitest';
import { apiVersion, endpoints, mutationName, type EndpointSpec } from '../src/catalog/index.js';
import { openapi, operations, type JsonSchemaProperty } from './helpers/openapi.js';

const routeOf = ({ resource, operation }: { resource: string; operation: string }) => `${resource}/${operation}`;
const byRoute = new Map(operations.map((op) => [routeOf(op), op]));

/** The JSON schema property a catalog field stands for, in the JSON's own shape. */
function asJsonSchema(spec: EndpointSpec['fields'][string]): JsonSchemaProperty {
  const { type, description } = spec;
  const property: JsonSchemaProperty = { type, description };
  if (spec.type === 'string') {
    if (spec.enum) property.enum = [...spec.enum];
    if (spec.format) property.format = spec.format;
    if (spec.deprecated) property.deprecated = true;
  }
  if (spec.type === 'array') {
    property.maxItems = spec.maxItems;
    property.items = {
      type: 'object',
      properties: Object.fromEntries(Object.entries(spec.items).map(([name, item]) => [name, { ...item }])),
    };
  }
  return property;
}

describe('the endpoint catalog', () => {
  it('lists the 50 operations in the page order', () => {
    expect(endpoints.map(routeOf)).toEqual(operations.map(routeOf));
  });

  it("transcribes the page's API version", () => {
    expect(apiVersion).toBe(openapi.info.version);
  });

  it('has unique mutation names', () => {
    expect(new Set(endpoints.map(mutationName)).size).toBe(50);
  });

  describe.each(endpoints.map((endpoint) => [mutationName(endpoint), endpoint] as const))('%s', (_name, endpoint) => {
    const op = byRoute.get(routeOf(endpoint));

    it('transcribes the body schema property by property', () => {
      expect(op).toBeDefined();
      expect(`${endpoint.schema}ParmsSchema`).toBe(op?.schemaName);
      expect([...endpoint.required]).toEqual(op?.schema.required ?? []);
      const transcribed = Object.fromEntries(Object.entries(endpoint.fields).map(([name, spec]) => [name, asJsonSchema(spec)]));
      expect(transcribed).toEqual(op?.schema.properties);
    });

    it('transcribes the texts and the headers the page requires', () => {
      expect(endpoint.summary).toBe(op?.summary);
      expect(endpoint.description).toBe(op?.description);
      expect(endpoint.bodyDescription).toBe(op?.bodyDescription);
      const sessionHeader = op?.parameters.find((parameter) => parameter.name === 'via-client-sessionid');
      expect(endpoint.sessionIdHeader?.required ?? true).toBe(sessionHeader?.required);
      if (endpoint.sessionIdHeader) expect(endpoint.sessionIdHeader.description).toBe(sessionHeader?.description);
    });
  });
});
