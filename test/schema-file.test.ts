/** The committed `schema.graphql` (written by `npm run generate`) is the schema that runs. */
import { readFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';

it('schema.graphql is current (run `npm run generate` after changing the schema)', () => {
  const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
  expect(committed.trimEnd()).toBe(printSchema(lexicographicSortSchema(schema)).trimEnd());
});
