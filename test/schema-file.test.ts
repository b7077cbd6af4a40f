/** The committed generated files (written by `npm run generate`) match what the code produces now. */
import { readFileSync } from 'node:fs';
import { plugin as fragmentMatcher } from '@graphql-codegen/fragment-matcher';
import { plugin as urqlIntrospection } from '@graphql-codegen/urql-introspection';
import { isAbstractType, lexicographicSortSchema, printSchema } from 'graphql';
import { expect, it } from 'vitest';
import { renderOperationsDoc } from '../scripts/operations-doc.js';
import { schema } from '../src/schema/index.js';
import { subgraphSdl, subgraphSdlFiles } from '../src/schema/subgraph-sdl.js';

const committed = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
/** GraphQL Code Generator sorts the schema it loads. */
const sortedSchema = lexicographicSortSchema(schema);

it('schema.graphql is current (run `npm run generate` after changing the schema)', () => {
  expect(committed('schema.graphql').trimEnd()).toBe(printSchema(sortedSchema).trimEnd());
});

it.each(subgraphSdlFiles)('$file is current', async ({ file, options }) => {
  const current = `${await subgraphSdl(options)}\n`;
  expect(committed(file), `${file} is stale: run \`npm run generate\``).toBe(current);
});

it('docs/operations.md is current and covers all 50 mutations', () => {
  const doc = committed('docs/operations.md');
  expect(doc).toBe(renderOperationsDoc());
  expect(doc.match(/^## /gm)).toHaveLength(50);
});

// The two plugins with the config codegen.yml gives them.
it('possible-types.json is current (run `npm run generate` after changing the schema)', async () => {
  const generated = await fragmentMatcher(sortedSchema, [], { apolloClientVersion: 3, deterministic: true }, { outputFile: 'possible-types.json' });
  expect(committed('possible-types.json').trimEnd()).toBe(String(generated).trimEnd());
});

it('possible-types.json maps every union and interface to the object types that can stand for it', () => {
  const { possibleTypes } = JSON.parse(committed('possible-types.json')) as { possibleTypes: Record<string, string[]> };
  const abstractTypes = Object.values(schema.getTypeMap()).filter(isAbstractType);
  const expected = Object.fromEntries(abstractTypes.map((type) => [type.name, schema.getPossibleTypes(type).map((member) => member.name).sort((a, b) => a.localeCompare(b))]));
  expect(possibleTypes).toEqual(expected);
  // What a client cache needs to match `... on Error` and `... on UpstreamError` on a concrete error.
  expect(possibleTypes.Error).toContain('ValidationError');
  expect(possibleTypes.UpstreamError).toContain('NotFoundError');
  expect(possibleTypes.UpstreamError).not.toContain('ValidationError');
});

it('urql-introspection.json is current (run `npm run generate` after changing the schema)', async () => {
  const generated = await urqlIntrospection(sortedSchema, [], {}, { outputFile: 'urql-introspection.json' });
  expect(committed('urql-introspection.json').trimEnd()).toBe(String(generated).trimEnd());
});
