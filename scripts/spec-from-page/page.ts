/**
 * The page in reading order: title and version, Overview, Base URLs, License, Authentication
 * scopes, the operations by tag, then Schemas.
 */
import type { ObjectSchema } from './openapi-types.js';
import { readOperations, type PageOperation } from './operations.js';
import { Cursor, PageError, paragraphsOf, singleLine, textOf } from './paragraphs.js';
import { licenseNameFrom } from './prose-rules.js';
import { readSchemas } from './schemas.js';
import { scopeRows, type ScopeRow } from './tables.js';

export interface Page {
  title: string;
  version: string;
  overview: string;
  baseUrls: string[];
  license: string;
  scopes: ScopeRow[];
  operations: PageOperation[];
  schemas: Record<string, ObjectSchema>;
}

const titleLine = /^(.+) v(\d+\.\d+\.\d+)$/;

export function readPage(text: string): Page {
  const cursor = new Cursor(paragraphsOf(text));
  cursor.until(titleLine); // the navigation bar
  const [, title = '', version = ''] = titleLine.exec(singleLine(cursor.next('the title')) ?? '') ?? [];
  cursor.until('Overview'); // "Scroll down for code samples…"
  cursor.expect('Overview');
  const overview = cursor.until('Base URLs:').map(textOf).join('\n\n');
  cursor.expect('Base URLs:');
  const baseUrls = cursor.until(/^License: /).flatMap((paragraph) => paragraph.lines);
  const license = licenseNameFrom(singleLine(cursor.next('the license')) ?? '');
  cursor.expect('Authentication');
  const scopes = scopeRows(cursor.next('the scopes'));
  const operations = readOperations(cursor);
  cursor.expect('Schemas');
  const schemas = readSchemas(cursor);
  if (!overview || operations.length === 0) throw new PageError(undefined, 'the page has no overview or no operations');
  return { title, version, overview, baseUrls, license, scopes, operations, schemas };
}
