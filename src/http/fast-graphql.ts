/**
 * The HTTP fast path for the common request: a single GraphQL operation POSTed as JSON, answered
 * as JSON. It runs the same envelop pipeline as Yoga (parse cache, token and operation limits,
 * validation, masked errors, the same context and resolvers), without building Fetch Request and
 * Response objects, which cost more than the rest of the request. Anything else — other content
 * types or accept headers, batches, persisted-operation hashes, a document that does not parse or
 * validate, browsers (Origin, CORS) — goes to Yoga unchanged, before anything is executed.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { getOperationAST, GraphQLError, type ExecutionResult } from 'graphql';
import type { YogaServerInstance } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import type { IncomingHeaders } from '../datasources/request-headers.js';
import { withoutSuggestion } from '../plugins/no-suggestions.js';
import { operationNameOf, rootFieldOf, type GraphQLRequestReporter } from '../plugins/observability.js';
import { requestIdFrom } from '../plugins/request-id.js';

interface Params {
  readonly query: string;
  readonly variables: Record<string, unknown> | undefined;
  readonly operationName: string | undefined;
}

export interface FastPathOptions {
  readonly yoga: YogaServerInstance<Record<string, never>, GatewayContext>;
  readonly graphqlEndpoint: string;
  readonly buildContext: (requestId: string, headers: IncomingHeaders) => GatewayContext;
  readonly reporter: GraphQLRequestReporter;
  readonly suggestions: boolean;
}

/** Node's header object seen through the one method the datasource uses. */
const incomingHeaders = (headers: IncomingHttpHeaders): IncomingHeaders => ({
  get(name) {
    const value = headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  },
});

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

/** Requests whose answer the fast path gives exactly as Yoga would. */
function isEligible(request: IncomingMessage, graphqlEndpoint: string): boolean {
  if (request.method !== 'POST' || request.url !== graphqlEndpoint || request.headers.origin !== undefined) return false;
  if (!request.headers['content-type']?.toLowerCase().startsWith('application/json')) return false;
  const accept = request.headers.accept;
  return accept === undefined || (!accept.includes('graphql-response+json') && (accept.includes('application/json') || accept.includes('*/*')));
}

function paramsOf(body: Buffer): Params | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const { query, variables, operationName, extensions, ...others } = parsed as Record<string, unknown>;
  // Yoga refuses unknown parameters; a persisted-operation hash (extensions) is its plugin's to read.
  if (typeof query !== 'string' || extensions !== undefined || Object.values(others).some((value) => value !== undefined && value !== null)) return null;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return null;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return null;
  return {
    query,
    variables: (variables ?? undefined) as Record<string, unknown> | undefined,
    operationName: operationName ?? undefined,
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks);
}

/** As Yoga writes a result: errors without their internal `http` and `unexpected` extensions. */
function serialize(result: ExecutionResult, suggestions: boolean): string {
  if (!result.errors?.length) return JSON.stringify(result);
  const errors = result.errors.map((error) => {
    const shown = suggestions ? error : withoutSuggestion(error);
    const { http: _http, unexpected: _unexpected, ...extensions } = shown.extensions ?? {};
    return { ...shown.toJSON(), extensions: Object.keys(extensions).length > 0 ? extensions : undefined };
  });
  return JSON.stringify({ ...result, errors });
}

export function createFastGraphQL({ yoga, graphqlEndpoint, buildContext, reporter, suggestions }: FastPathOptions) {
  /** Hands the request, whose body was already read, to Yoga. */
  async function viaYoga(request: IncomingMessage, response: ServerResponse, body: Buffer): Promise<void> {
    // Headers as Node merged them (one Authorization, as the fast path sees it); a fixed origin,
    // since only the path matters and a Host header is the client's to garble.
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = `http://localhost${request.url ?? '/'}`;
    const answer = await yoga.fetch(url, { method: request.method ?? 'POST', headers, body: new Uint8Array(body) });
    const text = Buffer.from(await answer.arrayBuffer());
    response.writeHead(answer.status, { ...Object.fromEntries(answer.headers), 'content-length': text.length });
    response.end(text);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const body = await readBody(request);
    const params = paramsOf(body);
    if (!params) return viaYoga(request, response, body);
    const enveloped = yoga.getEnveloped({});
    let document;
    try {
      document = enveloped.parse(params.query);
    } catch {
      return viaYoga(request, response, body);
    }
    if (enveloped.validate(enveloped.schema, document).length > 0) return viaYoga(request, response, body);
    const operation = getOperationAST(document, params.operationName);
    if (!operation || operation.operation === 'subscription') return viaYoga(request, response, body);

    const requestId = requestIdFrom(request.headers['x-request-id']);
    const headers = incomingHeaders(request.headers);
    const contextValue = buildContext(requestId, headers);
    let result: ExecutionResult;
    let threw = false;
    try {
      result = (await enveloped.execute({
        schema: enveloped.schema,
        document,
        contextValue,
        variableValues: params.variables,
        operationName: params.operationName,
      })) as ExecutionResult;
    } catch (error) {
      threw = true;
      contextValue.logger.error({ requestId, err: error }, 'unexpected error');
      result = { data: null, errors: [new GraphQLError('Unexpected error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })] };
    }
    // A request error (variables that do not coerce) ran no resolver: Yoga words it, statuses
    // included. Once execution may have sent a command, nothing is run again.
    if (!threw && !('data' in result)) return viaYoga(request, response, body);
    const text = serialize(result, suggestions);
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'x-request-id': requestId,
    });
    response.end(text);
    reporter.report({
      requestId,
      method: 'POST',
      status: 200,
      durationMs: performance.now() - started,
      operationType: operation.operation,
      rootField: rootFieldOf(operation),
      operationName: operationNameOf(operation),
      organizationHeader: headers.get('x-alvaria-org-id'),
    });
  }

  return { isEligible: (request: IncomingMessage) => isEligible(request, graphqlEndpoint), handle };
}
