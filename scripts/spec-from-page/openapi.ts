/** The page, read by `readPage`, as an OpenAPI 3.0.3 document (`spec/engagement-center-v2.json`). */
import { shareRepeated, type Named } from './components.js';
import type { OpenApiDocument, OperationObject, ParameterObject, ResponseObject } from './openapi-types.js';
import { schemaRef } from './openapi-types.js';
import { readPage, type Page } from './page.js';
import type { PageOperation } from './operations.js';
import { PageError } from './paragraphs.js';
import { serverUrlFrom } from './prose-rules.js';

const pascalCase = (words: string): string => words.replace(/(?:^|\s+)(\w)/g, (_match, letter: string) => letter.toUpperCase());

const parametersOf = (op: PageOperation): Array<Named<ParameterObject>> =>
  op.parameters
    .filter((row) => row.in !== 'body')
    .map(({ name, in: location, description, required, type }) => ({
      name,
      value: { name, in: location, description, required, schema: { type } },
    }));

/** Responses by status, each named after its reason phrase ("Bad Request" is `BadRequest`). */
function responsesOf(op: PageOperation): Array<Named<ResponseObject> & { status: string }> {
  return op.responses.map((row) => {
    const example = op.exampleResponses[row.status];
    const response: ResponseObject = { description: row.description };
    if (row.schema !== 'None') {
      response.content = { 'application/json': { schema: schemaRef(row.schema), ...(example !== undefined && { example }) } };
    }
    return { name: pascalCase(row.meaning), value: response, status: row.status };
  });
}

function bodyOf(op: PageOperation): OperationObject['requestBody'] {
  const rows = op.parameters.filter((row) => row.in === 'body');
  if (rows.length !== 1 || !rows[0]) throw new PageError(undefined, `${op.path} needs exactly one body parameter`);
  return {
    description: rows[0].description,
    required: rows[0].required,
    content: { 'application/json': { schema: schemaRef(rows[0].type), example: op.bodyExample } },
  };
}

function serversOf(page: Page): OpenApiDocument['servers'] {
  if (page.baseUrls.length > 0) return page.baseUrls.map((url) => ({ url, description: 'Listed under "Base URLs:" on the page.' }));
  const pathParameters = page.operations.flatMap((op) => op.parameters.filter((row) => row.in === 'path'));
  const origins = [...new Set(page.operations.map((op) => op.sampleOrigin))];
  return origins.map((origin) => {
    const { url, variables } = serverUrlFrom(origin, pathParameters.map((row) => row.name));
    return {
      url,
      description: "The code samples' host (the page lists no base URL).",
      variables: Object.fromEntries(
        variables.map((name) => [name, { default: name, description: pathParameters.find((row) => row.name === name)?.description ?? '' }]),
      ),
    };
  });
}

/** Every `$ref` must name something the document defines: a typo in a type cell must not pass. */
function assertReferencesResolve(document: OpenApiDocument): void {
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'example') continue;
        if (key === '$ref') {
          const [, section = '', name = ''] = /^#\/components\/(\w+)\/(.+)$/.exec(String(inner)) ?? [];
          const defined = (document.components as Record<string, Record<string, unknown> | undefined>)[section]?.[name];
          if (!defined) throw new PageError(undefined, `${String(inner)} is not defined on the page`);
        } else walk(inner);
      }
    }
  };
  walk(document);
}

export function openapiFromPage(text: string): OpenApiDocument {
  const page = readPage(text);
  const parameters = shareRepeated(page.operations.map(parametersOf), 'parameters');
  const responses = shareRepeated(page.operations.map(responsesOf), 'responses');

  const paths: OpenApiDocument['paths'] = {};
  const operationIds = new Set<string>();
  for (const op of page.operations) {
    const operationId = op.path.slice(op.path.lastIndexOf('/') + 1);
    if (paths[op.path] || operationIds.has(operationId)) {
      throw new PageError(undefined, `${op.path}: its path or its last segment names two operations`);
    }
    operationIds.add(operationId);
    paths[op.path] = {
      post: {
        tags: [op.tag],
        summary: op.summary,
        description: op.description,
        operationId,
        parameters: parametersOf(op).map(parameters.use),
        requestBody: bodyOf(op),
        responses: Object.fromEntries(responsesOf(op).map((response) => [response.status, responses.use(response)])),
      },
    };
  }

  const document: OpenApiDocument = {
    openapi: '3.0.3',
    info: { title: page.title, version: page.version, description: page.overview, license: { name: page.license } },
    servers: serversOf(page),
    tags: [...new Set(page.operations.map((op) => op.tag))].map((name) => ({ name })),
    paths,
    components: { schemas: page.schemas, parameters: parameters.components, responses: responses.components },
    'x-auth-scopes': Object.fromEntries(page.scopes.map((row) => [row.scope, row.description])),
  };
  assertReferencesResolve(document);
  return document;
}

/** The file as committed: two-space JSON with a final newline. */
export const openapiFileText = (pageText: string): string => `${JSON.stringify(openapiFromPage(pageText), null, 2)}\n`;
