/** The parts of OpenAPI 3.0.3 the generator writes. */

export interface Reference {
  $ref: string;
}

export interface PropertySchema {
  type: string;
  format?: string;
  description?: string;
  enum?: string[];
  items?: ObjectSchema | Reference;
  maxItems?: number;
  deprecated?: true;
}

export interface ObjectSchema {
  type: 'object';
  required?: string[];
  properties: Record<string, PropertySchema>;
  example?: unknown;
}

export interface ParameterObject {
  name: string;
  in: string;
  description: string;
  required: boolean;
  schema: { type: string };
}

export interface ResponseObject {
  description: string;
  content?: { 'application/json': { schema: Reference; example?: unknown } };
}

export interface OperationObject {
  tags: string[];
  summary: string;
  description: string;
  operationId: string;
  parameters: Array<ParameterObject | Reference>;
  requestBody: {
    description: string;
    required: boolean;
    content: { 'application/json': { schema: Reference; example: unknown } };
  };
  responses: Record<string, ResponseObject | Reference>;
}

export interface OpenApiDocument {
  openapi: '3.0.3';
  info: { title: string; version: string; description: string; license: { name: string } };
  servers: Array<{ url: string; description: string; variables?: Record<string, { default: string; description: string }> }>;
  tags: Array<{ name: string }>;
  paths: Record<string, { post: OperationObject }>;
  components: {
    schemas: Record<string, ObjectSchema>;
    parameters: Record<string, ParameterObject>;
    responses: Record<string, ResponseObject>;
  };
  'x-auth-scopes': Record<string, string>;
}

export const schemaRef = (name: string): Reference => ({ $ref: `#/components/schemas/${name}` });
