/**
 * Content negotiation before anything is read or run, and the answer's type after. Ours: Yoga
 * decides the answer's type only after executing, by the order of `Accept` alone (never by its
 * quality), answers 415 with an empty body, and matches `application/json` case-sensitively; the
 * contract wants a 406 or 415 with a JSON body before the body is read, and the client's preferred
 * type by quality. So: a body in a type we do not read is 415 and an `Accept` that admits nothing
 * we serve is 406, both decided on the request line and headers; then each result is written in
 * the type negotiated for its operation (Yoga's own writers for JSON and SSE).
 */
import { isAsyncIterable, processRegularResult, type Plugin } from 'graphql-yoga';
import type { ResultProcessor } from './result-json.js';
import { PREFLIGHT_HEADERS, refusalError, refusalResponse } from '../refusals.js';
import { existingEventStream } from './event-streams.js';
import { isGraphQLPath } from './graphql-path.js';
import { httpRequestOf } from './request-context.js';
import { multipartWriter } from './multipart-writer.js';
import { sseWriter } from './sse-writer.js';
import { GRAPHQL_RESPONSE_JSON, isSimpleFormType, JSON_TYPE, negotiate, requestBodyKind, SERVED_TYPES, type AnswerKind, type JsonMediaType, type Negotiation } from './media-types.js';

const negotiations = new WeakMap<Request, Negotiation>();

function describeContentType(header: string | null): string {
  if (header === null || header.trim() === '') return 'no content type';
  return `the content type "${(header.split(';')[0] ?? '').trim().slice(0, 100)}"`;
}

/** A result without `data` under graphql-response+json is a 4xx, whatever made it (GraphQL over HTTP). */
const jsonWriter =
  (type: JsonMediaType): ResultProcessor =>
  (result, fetchAPI) => {
    const response = processRegularResult(result, fetchAPI, type) as Response;
    if (type !== GRAPHQL_RESPONSE_JSON || response.status >= 400 || Array.isArray(result) || 'data' in result) return response;
    return new fetchAPI.Response(response.body, { status: 400, headers: response.headers });
  };

const json: Readonly<Record<JsonMediaType, ResultProcessor>> = { [GRAPHQL_RESPONSE_JSON]: jsonWriter(GRAPHQL_RESPONSE_JSON), [JSON_TYPE]: jsonWriter(JSON_TYPE) };

const multipart = { apollo: multipartWriter({ apollo: true }), plain: multipartWriter({ apollo: false }) };

/** A subscription that no admitted type can stream is refused before it runs (Yoga subscribes only to a subscription). */
function refuseUnstreamable(contextValue: unknown): void {
  const request = httpRequestOf(contextValue);
  const negotiation = request && negotiations.get(request);
  if (negotiation && negotiation.streams.length === 0) throw refusalError('notAcceptable', SERVED_TYPES);
}

const singleSse = sseWriter();

export function useContentNegotiation(graphqlEndpoint: string): Plugin {
  const writer = (kind: AnswerKind, negotiation: Negotiation, request: Request): ResultProcessor => {
    if (kind === 'json') return json[negotiation.json];
    if (kind === 'multipart') return negotiation.apolloMultipart ? multipart.apollo : multipart.plain;
    const events = existingEventStream(request);
    return events ? sseWriter(events.nextId) : singleSse;
  };
  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      if (!isGraphQLPath(url.pathname, graphqlEndpoint)) return;
      if (request.method === 'POST') {
        const contentType = request.headers.get('content-type');
        const kind = requestBodyKind(contentType);
        // A body a form could send without a preflight header is CSRF's to refuse (403), next.
        const csrfDecides = () => isSimpleFormType(contentType) && !PREFLIGHT_HEADERS.some((name) => request.headers.has(name));
        if ((kind === 'unsupported' || kind === 'none') && !csrfDecides()) {
          endResponse(refusalResponse(fetchAPI, 'unsupportedMediaType', describeContentType(contentType)));
          return;
        }
      }
      const negotiation = negotiate(request.headers.get('accept'));
      if (negotiation === null) {
        endResponse(refusalResponse(fetchAPI, 'notAcceptable', SERVED_TYPES));
        return;
      }
      negotiations.set(request, negotiation);
    },
    onSubscribe({ args }) {
      refuseUnstreamable(args.contextValue);
    },
    onResultProcess({ request, result, setResultProcessor }) {
      const negotiation = negotiations.get(request);
      if (!negotiation) return;
      const [kind] = isAsyncIterable(result) ? negotiation.streams : negotiation.single;
      // Nothing admitted for this result: plain JSON. (A subscription that nothing admitted can
      // stream was refused in onSubscribe, and its refusal is a single result.)
      if (kind === undefined) setResultProcessor(json[JSON_TYPE], JSON_TYPE);
      else setResultProcessor(writer(kind, negotiation, request), kind === 'json' ? negotiation.json : kind);
    },
  };
}
