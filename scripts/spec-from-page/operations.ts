/**
 * The operation sections of the page. Each reads: summary, "Code samples" (curl, Node, HTTP),
 * `POST <path>`, the description, "Body parameter" and its example, "Parameters", "Example
 * responses", "Responses". A tag's name stands alone before the summary of its first operation.
 */
import { Cursor, PageError, jsonOf, singleLine, textOf, type Paragraph } from './paragraphs.js';
import { parameterRows, responseRows, type ParameterRow, type ResponseRow } from './tables.js';

export interface PageOperation {
  tag: string;
  summary: string;
  path: string;
  description: string;
  /** The origin the curl sample posts to, e.g. `https://orgId.via.aspect-cloud.net`. */
  sampleOrigin: string;
  bodyExample: unknown;
  parameters: ParameterRow[];
  /** The "Example responses" bodies by status. */
  exampleResponses: Record<string, unknown>;
  responses: ResponseRow[];
}

const pathLine = /^POST (\/\S+)$/;

function curlOrigin(samples: Paragraph[], path: string): string {
  for (const paragraph of samples) {
    for (const line of paragraph.lines) {
      const match = /^curl -X POST (https?:\/\/[^/\s]+)(\/\S*)/.exec(line);
      if (!match) continue;
      if (match[2] !== path) throw new PageError(paragraph, `the curl sample posts to ${match[2]}, not ${path}`);
      return match[1] ?? '';
    }
  }
  throw new PageError(samples[0], `no curl sample for ${path}`);
}

function readOperation(cursor: Cursor, previousTag: string | undefined): PageOperation {
  const headings = cursor.until('Code samples');
  const lines = headings.map(singleLine);
  if (lines.length < 1 || lines.length > 2 || lines.includes(undefined)) {
    throw new PageError(headings[0] ?? cursor.peek(), 'expected an operation summary (after a tag name for the first of a tag)');
  }
  const summary = lines.at(-1) ?? '';
  const tag = lines.length === 2 ? (lines[0] ?? '') : previousTag;
  if (!tag) throw new PageError(headings[0], `"${summary}" comes before any tag`);

  cursor.expect('Code samples');
  const samples = cursor.until(pathLine);
  const path = pathLine.exec(singleLine(cursor.next('the path')) ?? '')?.[1] ?? '';
  const sampleOrigin = curlOrigin(samples, path);
  const description = cursor.until('Body parameter').map(textOf).join('\n\n');
  if (!description) throw new PageError(cursor.peek(), `${path} has no description`);

  cursor.expect('Body parameter');
  const bodyExample = jsonOf(cursor.next(`the body example of ${path}`));
  cursor.expect('Parameters');
  const parameters = parameterRows(cursor.next(`the parameters of ${path}`));
  cursor.expect('Example responses');
  const exampleResponses: Record<string, unknown> = {};
  while (cursor.at(/^\d{3} Response$/)) {
    const status = singleLine(cursor.next('an example response'))?.slice(0, 3) ?? '';
    exampleResponses[status] = jsonOf(cursor.next(`the ${status} example of ${path}`));
  }
  cursor.expect('Responses');
  const responses = responseRows(cursor.next(`the responses of ${path}`));
  return { tag, summary, path, description, sampleOrigin, bodyExample, parameters, exampleResponses, responses };
}

/** Reads operations up to the "Schemas" heading. */
export function readOperations(cursor: Cursor): PageOperation[] {
  const operations: PageOperation[] = [];
  while (!cursor.at('Schemas')) operations.push(readOperation(cursor, operations.at(-1)?.tag));
  return operations;
}
