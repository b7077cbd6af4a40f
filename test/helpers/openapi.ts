/**
 * The vendor's API as machine-readable facts: `spec/engagement-center-v2.json`, generated from the
 * vendor's page by `npm run spec` (test/spec-file.test.ts keeps it current), never from our catalog.
 * A missing file fails the test run loudly: coverage must never pass by reading nothing.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const openapiPath = fileURLToPath(new URL('../../spec/engagement-center-v2.json', import.meta.url));

export interface JsonSchemaProperty {
  type: 'string' | 'boolean' | 'integer' | 'number' | 'array';
  format?: string;
  description: string;
  enum?: string[];
  maxItems?: number;
  deprecated?: boolean;
  items?: { type: 'object'; properties: Record<string, JsonSchemaProperty> };
}

export interface BodySchema {
  type: 'object';
  required?: string[];
  properties: Record<string, JsonSchemaProperty>;
  example: Record<string, unknown>;
}

export interface Parameter {
  name: string;
  in: 'path' | 'header';
  description: string;
  required: boolean;
}

export interface Operation {
  /** e.g. `/via/v2/organizations/{orgId}/engagementCenter/interactions/{interactionId}/accept` */
  path: string;
  resource: 'interactions' | 'users';
  operation: string;
  summary: string;
  description: string;
  parameters: Parameter[];
  bodyDescription: string;
  schemaName: string;
  schema: BodySchema;
  example: Record<string, unknown>;
}

interface OpenApiDocument {
  info: { version: string };
  paths: Record<string, { post: RawOperation }>;
  components: { schemas: Record<string, BodySchema>; parameters: Record<string, Parameter> };
}

interface RawOperation {
  summary: string;
  description: string;
  operationId: string;
  parameters: Array<Parameter | { $ref: string }>;
  requestBody: {
    description: string;
    content: { 'application/json': { schema: { $ref: string }; example: Record<string, unknown> } };
  };
}

function load(): OpenApiDocument {
  let text: string;
  try {
    text = readFileSync(openapiPath, 'utf8');
  } catch (error) {
    throw new Error(`The API description is missing at ${openapiPath}: coverage cannot be checked (${String(error)})`);
  }
  return JSON.parse(text) as OpenApiDocument;
}

export const openapi = load();

const refName = (ref: string): string => ref.slice(ref.lastIndexOf('/') + 1);

export const operations: Operation[] = Object.entries(openapi.paths).map(([path, { post }]) => {
  const body = post.requestBody.content['application/json'];
  const schemaName = refName(body.schema.$ref);
  const schema = openapi.components.schemas[schemaName];
  if (!schema) throw new Error(`No schema ${schemaName}`);
  const segments = path.split('/');
  return {
    path,
    resource: segments[6] as 'interactions' | 'users',
    operation: segments[8] ?? '',
    summary: post.summary,
    description: post.description,
    parameters: post.parameters.map((parameter) => {
      if (!('$ref' in parameter)) return parameter;
      const resolved = openapi.components.parameters[refName(parameter.$ref)];
      if (!resolved) throw new Error(`No parameter ${parameter.$ref}`);
      return resolved;
    }),
    bodyDescription: post.requestBody.description,
    schemaName,
    schema,
    example: body.example,
  };
});
