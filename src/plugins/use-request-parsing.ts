/**
 * Reads the GraphQL parameters of a request, within `MAX_BODY_BYTES`: a JSON body
 * (`application/json` in any case, with parameters), a form body (past the CSRF rule), or a GET's
 * query string. Ours, through Yoga's parser hook, for three reasons:
 * - Yoga's parsers match `application/json` case-sensitively, answer a malformed body with the
 *   JSON parser's own message (which can quote the body, and a body can carry secrets), and let a
 *   malformed `variables` in a query string become a masked 500; here each is a 400 that describes
 *   the fault and quotes nothing.
 * - Yoga's body limit pipes every POST body through a TransformStream (a stream pipeline, an
 *   AbortController and a DOMException per request: about 5 % of a command's CPU in a profile of
 *   `npm run bench`'s hold). A declared length is judged here before anything is read (Node never
 *   reads past it), and only a body of undeclared length (chunked) is counted as it is read.
 * Yoga's checks of the parameters' shapes still run after.
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

/** A body of undeclared length, read chunk by chunk up to `limit` bytes. */
async function readCounted(request: Request, limit: number): Promise<string> {
  if (!request.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw refusalError('payloadTooLarge', String(limit), { connection: 'close' });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function useRequestParsing(maxBodyBytes: number): Plugin {
  const textOf = (request: Request): Promise<string> => (request.headers.has('content-length') ? request.text() : readCounted(request, maxBodyBytes));
  const fromJsonBody = async (request: Request): Promise<Params | Params[]> => {
    const body = parseJson(await textOf(request), () => refusalError('invalidJson'));
    if (typeof body !== 'object' || body === null) throw refusalError('notAGraphQLRequest');
    return body as Params | Params[];
  };
  const fromForm = async (request: Request): Promise<Params> => fromSearch(new URLSearchParams(await textOf(request)));
  const fromGet = (request: Request): Params => {
    const at = request.url.indexOf('?');
    return fromSearch(new URLSearchParams(at === -1 ? '' : request.url.slice(at + 1)));
  };
  return {
    onRequestParse({ request, setRequestParser }) {
      if (request.method === 'GET') {
        setRequestParser(fromGet);
        return;
      }
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        // The body is left unread: this connection cannot carry another request.
        if (!/^\d+$/.test(declared)) throw refusalError('invalidContentLength', undefined, { connection: 'close' });
        if (Number(declared) > maxBodyBytes) throw refusalError('payloadTooLarge', String(maxBodyBytes), { connection: 'close' });
      }
      const kind = requestBodyKind(request.headers.get('content-type'));
      if (kind === 'json') setRequestParser(fromJsonBody);
      else if (kind === 'form') setRequestParser(fromForm);
    },
  };
}
