/**
 * Reads the GraphQL parameters of a request: a JSON body (`application/json` in any case, with
 * parameters), a form body (past the CSRF rule), or a GET's query string. Ours, through Yoga's
 * parser hook: Yoga's parsers match `application/json` case-sensitively, answer a malformed body
 * with the JSON parser's own message (which can quote the body, and a body can carry secrets), and
 * let a malformed `variables` in a query string become a masked 500. Here each is a 400 that
 * describes the fault and quotes nothing. Yoga's checks of the parameters' shapes still run after.
 */
import type { Plugin } from 'graphql-yoga';
import { refusalError } from '../refusals.js';
import { requestBodyKind } from './media-types.js';

type Params = Record<string, unknown>;

function parseJson(text: string, onError: () => Error): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw onError();
  }
}

function fromSearch(search: URLSearchParams): Params {
  const json = (name: string): unknown => {
    const text = search.get(name);
    return text === null || text === '' ? undefined : parseJson(text, () => refusalError('invalidParameter', name));
  };
  return {
    query: search.get('query') ?? undefined,
    operationName: search.get('operationName') || undefined,
    variables: json('variables'),
    extensions: json('extensions'),
  };
}

async function fromJsonBody(request: Request): Promise<Params | Params[]> {
  const text = await request.text();
  const body = parseJson(text, () => refusalError('invalidJson'));
  if (typeof body !== 'object' || body === null) throw refusalError('notAGraphQLRequest');
  return body as Params | Params[];
}

const fromGet = (request: Request): Params => {
  const at = request.url.indexOf('?');
  return fromSearch(new URLSearchParams(at === -1 ? '' : request.url.slice(at + 1)));
};

const fromForm = async (request: Request): Promise<Params> => fromSearch(new URLSearchParams(await request.text()));

export const useRequestParsing = (): Plugin => ({
  onRequestParse({ request, setRequestParser }) {
    if (request.method === 'GET') {
      setRequestParser(fromGet);
      return;
    }
    const kind = requestBodyKind(request.headers.get('content-type'));
    if (kind === 'json') setRequestParser(fromJsonBody);
    else if (kind === 'form') setRequestParser(fromForm);
  },
});
