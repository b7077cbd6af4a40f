/**
 * Serves `/graphql`: every request, whatever its method, body or headers, meets the concerns of
 * `pipeline.ts` in their order, then its operations are parsed, validated and executed here. There
 * is no other route to the schema. Status codes follow GraphQL over HTTP: under
 * `application/graphql-response+json` a result without `data` is 4xx; under `application/json`
 * GraphQL errors are 200 and only requests that are not GraphQL requests are 4xx.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { execute, getOperationAST, GraphQLError, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { GatewayContext } from '../resolvers/context.js';
import type { Logger } from '../observability/logger.js';
import { rootFieldOf, operationNameOf } from './operation-info.js';
import { createDocumentChecker } from '../graphql/documents.js';
import type { Answer, Concern, Exchange, Outcome } from './exchange.js';
import { incomingHeaders } from './incoming-headers.js';
import { paramsFromJsonBody, paramsFromSearch, RequestError, type GraphQLParams } from './graphql-params.js';
import { GRAPHQL_RESPONSE_JSON, JSON_TYPE, requestBodyKind } from './media-types.js';
import { requestIdFrom } from './request-id.js';

export interface GraphQLHandlerOptions {
  readonly schema: GraphQLSchema;
  readonly concerns: readonly Concern[];
  readonly buildContext: (exchange: Exchange) => GatewayContext;
  readonly maxTokens: number;
  readonly batchLimit: number;
  readonly logger: Logger;
}

interface OperationAnswer {
  readonly status: number;
  readonly result: ExecutionResult;
}

const codeByPhase = { parse: 'GRAPHQL_PARSE_FAILED', validation: 'GRAPHQL_VALIDATION_FAILED' } as const;

/** The same error with an `extensions.code`, leaving the cached original untouched. */
const withCode = (error: GraphQLError, code: string): GraphQLError =>
  new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions: { code, ...error.extensions } });

const masked500 = (): ExecutionResult => ({ errors: [new GraphQLError('Unexpected error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })] });

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(chunks.length === 1 && chunks[0] ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}


export function createGraphQLHandler(options: GraphQLHandlerOptions) {
  const { schema, concerns, buildContext, logger } = options;
  // Each hook's concerns, in list order, found once rather than on every request.
  const requestHooks = concerns.filter((concern) => concern.onRequest);
  const paramsHooks = concerns.filter((concern) => concern.onParams);
  const operationHooks = concerns.filter((concern) => concern.onOperation);
  // Innermost last: the first concern's wrapper runs outermost.
  const executeWrappers = concerns.filter((concern) => concern.wrapExecute).reverse();
  const resultHooks = concerns.filter((concern) => concern.onResult);
  const responseHooks = concerns.filter((concern) => concern.onResponse);
  const checkDocument = createDocumentChecker({
    schema,
    rules: concerns.flatMap((concern) => concern.validationRules ?? []),
    maxTokens: options.maxTokens,
  });

  /** A result without data: 4xx under graphql-response+json, 200 under application/json. */
  const failure = (exchange: Exchange, errors: readonly GraphQLError[]): OperationAnswer => ({
    status: exchange.mediaType === GRAPHQL_RESPONSE_JSON ? 400 : 200,
    result: { errors },
  });

  const finish = (exchange: Exchange, answer: OperationAnswer): OperationAnswer => {
    let { result } = answer;
    for (const concern of resultHooks) result = concern.onResult!(exchange, result);
    return { status: answer.status, result };
  };

  async function runOperation(exchange: Exchange, params: GraphQLParams): Promise<OperationAnswer> {
    for (const concern of paramsHooks) {
      const refusal = await concern.onParams!(exchange, params);
      if (refusal) return refusal instanceof RequestError ? { status: refusal.status, result: { errors: [refusal] } } : failure(exchange, [refusal]);
    }
    if (params.query === undefined || params.query.trim() === '') {
      return { status: 400, result: { errors: [new RequestError('Must provide query string.')] } };
    }
    const check = checkDocument(params.query);
    if (!check.ok) return failure(exchange, check.errors.map((error) => withCode(error, codeByPhase[check.phase])));
    const operation = getOperationAST(check.document, params.operationName);
    if (!operation) return { status: 400, result: { errors: [new RequestError('Could not determine what operation to execute.')] } };
    exchange.operations.push({ type: operation.operation, name: operationNameOf(operation), rootField: rootFieldOf(operation) });
    for (const concern of operationHooks) {
      const refusal = concern.onOperation!(exchange, operation);
      if (refusal) return { status: refusal.status, result: { errors: [refusal.error] } };
    }

    const contextValue = buildContext(exchange);
    let run = async (): Promise<ExecutionResult> =>
      execute({ schema, document: check.document, contextValue, variableValues: params.variables, operationName: params.operationName }) as Promise<ExecutionResult>;
    for (const concern of executeWrappers) {
      const inner = run;
      run = () => concern.wrapExecute!(exchange, inner);
    }
    const result = await run();
    // No data: the variables did not coerce, and nothing ran.
    if (result.data === undefined) return failure(exchange, (result.errors ?? []).map((error) => withCode(error, 'BAD_USER_INPUT')));
    return { status: 200, result };
  }

  function readParams(exchange: Exchange, body: string): GraphQLParams | GraphQLParams[] {
    if (exchange.method === 'GET') return paramsFromSearch(exchange.url.searchParams);
    if (requestBodyKind(exchange.request.headers['content-type']) === 'form') return paramsFromSearch(new URLSearchParams(body));
    return paramsFromJsonBody(body, options.batchLimit);
  }

  async function serve(exchange: Exchange): Promise<Answer> {
    for (const concern of requestHooks) {
      const answer = await concern.onRequest!(exchange);
      if (answer) return answer;
    }
    const body = exchange.method === 'POST' ? await readBody(exchange.request) : '';
    let params: GraphQLParams | GraphQLParams[];
    try {
      params = readParams(exchange, body);
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      const answer = finish(exchange, { status: error.status, result: { errors: [error] } });
      return { status: answer.status, body: answer.result };
    }
    if (!Array.isArray(params)) {
      const answer = finish(exchange, await runOperation(exchange, params));
      return { status: answer.status, body: answer.result };
    }
    const answers = await Promise.all(params.map(async (single) => finish(exchange, await runOperation(exchange, single))));
    // A batch is a success when any of its operations ran.
    const status = answers.some((answer) => answer.status === 200) ? 200 : (answers[0]?.status ?? 400);
    return { status, body: answers.map((answer) => answer.result) };
  }

  function write(exchange: Exchange, response: ServerResponse, answer: Answer, bodyRead: boolean): void {
    // GraphQLError has its own toJSON.
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    const contentType = answer.contentType ?? `${exchange.mediaType}; charset=utf-8`;
    const headers: Record<string, string | number> = { ...exchange.responseHeaders, ...answer.headers, 'content-type': contentType, 'content-length': Buffer.byteLength(text) };
    // An unread body would be taken for the next request on this connection.
    if (!bodyRead && exchange.request.headers['content-length'] !== undefined && exchange.request.headers['content-length'] !== '0') headers.connection = 'close';
    response.writeHead(answer.status, headers);
    response.end(exchange.method === 'HEAD' ? undefined : text);
  }

  return async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const exchange: Exchange = {
      request,
      method: request.method ?? 'GET',
      url: new URL(request.url ?? '/', 'http://gateway'),
      headers: incomingHeaders(request.headers),
      requestId: requestIdFrom(request.headers['x-request-id']),
      startedAt: performance.now(),
      mediaType: JSON_TYPE,
      responseHeaders: {},
      operations: [],
      state: new Map(),
    };
    let outcome: Outcome;
    try {
      const answer = await serve(exchange);
      write(exchange, response, answer, request.readableEnded);
      outcome = { status: answer.status };
    } catch (fault) {
      logger.error({ requestId: exchange.requestId, err: fault }, 'unexpected error');
      if (!response.headersSent && !response.destroyed) write(exchange, response, { status: 500, body: masked500() }, request.readableEnded);
      outcome = { status: 500, fault };
    }
    for (const concern of responseHooks) {
      try {
        concern.onResponse!(exchange, outcome);
      } catch (error) {
        logger.error({ requestId: exchange.requestId, err: error, concern: concern.name }, 'a response hook failed');
      }
    }
  };
}
