/** The committed generated files (written by `npm run generate`) match what the code produces now. */
import { readFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { expect, it } from 'vitest';
import { renderOperationsDoc } from '../scripts/operations-doc.js';
import { schema } from '../src/schema/index.js';

const committed = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

it('schema.graphql is current (run `npm run generate` after changing the schema)', () => {
  expect(committed('schema.graphql').trimEnd()).toBe(printSchema(lexicographicSortSchema(schema)).trimEnd());
});

it('docs/operations.md is current and covers all 50 mutations', () => {
  const doc = committed('docs/operations.md');
  expect(doc).toBe(renderOperationsDoc());
  expect(doc.match(/^## /gm)).toHaveLength(50);
});
