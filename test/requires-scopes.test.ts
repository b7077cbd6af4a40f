/**
 * The vendor's OAuth scopes in the subgraph SDL: with `SUBGRAPH_REQUIRES_SCOPES=true`,
 * `@requiresScopes` on every mutation, derived from the catalog, served by `_service { sdl }` and
 * kept by both federation compositions; by default none at all, and nothing else differs.
 */
import { readFileSync } from 'node:fs';
import { composeServices as composeWithApollo } from '@apollo/composition';
import { composeServices as composeWithGuild } from '@theguild/federation-composition';
import { buildASTSchema, Kind, parse, print, printSchema, visit, type DocumentNode, type FieldDefinitionNode, type ValueNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { endpoints, mutationName, streamingCommands } from '../src/catalog/index.js';
import { schema, schemaFor } from '../src/schema/index.js';
import { subgraphSdl } from '../src/schema/subgraph-sdl.js';
import { crmTypeDefs } from './federation/crm-subgraph.js';

const committed = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
const scopedSdl = committed('subgraph-requires-scopes.graphql');
const defaultSdl = committed('subgraph.graphql');

const CONNECT_ONLY = [['engagementcenterapi']];
const ANY_ENGAGEMENT_CENTER_SCOPE = [['engagementcenterapi'], ['engagementcenterapi.withoutconnect']];

/** A constant GraphQL value as plain data (lists and strings are all `scopes` holds). */
function valueOf(node: ValueNode): unknown {
  if (node.kind === Kind.LIST) return node.values.map(valueOf);
  if (node.kind === Kind.STRING) return node.value;
  throw new Error(`Unexpected ${node.kind} in @requiresScopes`);
}

/** Every Mutation field of a document (definitions and extensions alike). */
function mutationFields(document: DocumentNode): FieldDefinitionNode[] {
  return document.definitions.flatMap((definition) =>
    (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) && definition.name.value === 'Mutation'
      ? [...(definition.fields ?? [])]
      : [],
  );
}

/** `field name -> scopes` of each Mutation field's `@requiresScopes` (undefined where it has none). */
function scopesByMutation(document: DocumentNode): Map<string, unknown> {
  return new Map(
    mutationFields(document).map((field) => {
      const directives = (field.directives ?? []).filter((directive) => directive.name.value === 'requiresScopes');
      if (directives.length > 1) throw new Error(`${field.name.value} has ${directives.length} @requiresScopes`);
      const argument = directives[0]?.arguments?.find((arg) => arg.name.value === 'scopes');
      return [field.name.value, argument ? valueOf(argument.value) : undefined];
    }),
  );
}

/** Every command: the 50 endpoints and the streaming session's two. */
const commandNames = [...endpoints.map(mutationName), ...streamingCommands.map((command) => command.mutation)];

const expectedScopes = (name: string) => (name === 'userConnect' ? CONNECT_ONLY : ANY_ENGAGEMENT_CENTER_SCOPE);

describe('the catalog', () => {
  it('gives userConnect the full scope only, and every other operation either scope', () => {
    expect(endpoints).toHaveLength(50);
    for (const endpoint of endpoints) expect(endpoint.scopes, mutationName(endpoint)).toEqual(expectedScopes(mutationName(endpoint)));
  });
});

describe('the scoped subgraph SDL (SUBGRAPH_REQUIRES_SCOPES=true)', () => {
  it('declares @requiresScopes on each of the 52 mutations, as the contract words them', () => {
    const scopes = scopesByMutation(parse(scopedSdl));
    expect([...scopes.keys()].sort()).toEqual([...commandNames].sort());
    for (const [name, declared] of scopes) expect(declared, name).toEqual(expectedScopes(name));
    expect(scopedSdl).toMatch(/\): UserConnectResult @requiresScopes\(scopes: \[\["engagementcenterapi"\]\]\)\n/);
    expect(scopedSdl).toMatch(
      /\): InteractionHoldResult @requiresScopes\(scopes: \[\["engagementcenterapi"\], \["engagementcenterapi\.withoutconnect"\]\]\)\n/,
    );
  });

  it('puts it on mutations only: no query field or type carries a scope', () => {
    const document = parse(scopedSdl);
    const elsewhere = document.definitions.filter(
      (definition) =>
        !((definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) && definition.name.value === 'Mutation') &&
        definition.kind !== Kind.SCHEMA_EXTENSION &&
        print(definition).includes('@requiresScopes'),
    );
    expect(elsewhere.map((definition) => print(definition).split('\n')[0])).toEqual([]);
  });

  it('links Federation v2.5 or later and imports @requiresScopes', () => {
    const link = /@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.(\d+)", import: \[([^\]]*)\]\)/.exec(scopedSdl);
    expect(link).not.toBeNull();
    expect(Number(link?.[1])).toBeGreaterThanOrEqual(5);
    expect(link?.[2]?.split(',').map((name) => name.trim())).toContain('"@requiresScopes"');
  });

  it('is what `_service { sdl }` serves', async () => {
    const served = await subgraphSdl({ requiresScopes: true });
    expect(served.trimEnd()).toBe(scopedSdl.trimEnd());
    expect(scopesByMutation(parse(served)).get('userConnect')).toEqual(CONNECT_ONLY);
  });
});

/** The link's imports, e.g. `["@key", "@shareable"]`. */
function linkImports(sdl: string): string[] {
  const link = /@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+", import: \[([^\]]*)\]\)/.exec(sdl);
  if (!link) throw new Error('No federation @link');
  return (link[1] ?? '').split(',').map((name) => name.trim());
}

/** The SDL without any `@requiresScopes` and its import: what the default must be, to the letter. */
function withoutScopes(sdl: string): string {
  const document = visit(parse(sdl), {
    Directive: (node) => (node.name.value === 'requiresScopes' ? null : undefined),
    StringValue: (node) => (node.value === '@requiresScopes' ? null : undefined),
  });
  return print(document);
}

describe('the default subgraph SDL', () => {
  it('has no @requiresScopes anywhere, and does not import it', () => {
    expect(defaultSdl).not.toContain('requiresScopes');
    expect(linkImports(defaultSdl)).toEqual(['"@key"', '"@shareable"']);
    const scopes = scopesByMutation(parse(defaultSdl));
    expect(scopes.size).toBe(commandNames.length);
    expect([...scopes.values()].filter((declared) => declared !== undefined)).toEqual([]);
  });

  it('is the scoped SDL without the scopes, and nothing else', () => {
    expect(print(parse(defaultSdl))).toBe(withoutScopes(scopedSdl));
  });

  it('is what `_service { sdl }` serves by default', async () => {
    expect((await subgraphSdl()).trimEnd()).toBe(defaultSdl.trimEnd());
    expect((await subgraphSdl({ requiresScopes: false })).trimEnd()).toBe(defaultSdl.trimEnd());
  });

  it('belongs to the default schema; both schemas are built once and execute alike', () => {
    expect(schemaFor({ requiresScopes: false })).toBe(schema);
    expect(schemaFor({ requiresScopes: true })).toBe(schemaFor({ requiresScopes: true }));
    expect(schemaFor({ requiresScopes: true })).not.toBe(schema);
    expect(printSchema(schemaFor({ requiresScopes: true }))).toBe(printSchema(schema));
  });

  it('composes with either composition into a supergraph without the security feature', () => {
    const services = [
      { name: 'engagement-center', typeDefs: parse(defaultSdl), url: 'http://127.0.0.1:1/graphql' },
      { name: 'crm', typeDefs: parse(crmTypeDefs), url: 'http://127.0.0.1:2/graphql' },
    ];
    for (const result of [composeWithGuild(services), composeWithApollo(services)]) {
      expect((result.errors ?? []).map((error) => error.message)).toEqual([]);
      expect(result.supergraphSdl).not.toContain('requiresScopes');
      expect(result.supergraphSdl).not.toContain('for: SECURITY');
    }
  });
});

/** The supergraph's Mutation fields, as a router reads them (join directives and all). */
const supergraphScopes = (supergraphSdl: string) => scopesByMutation(parse(supergraphSdl));

describe('composition keeps the scopes of the scoped SDL', () => {
  const services = [
    { name: 'engagement-center', typeDefs: parse(scopedSdl), url: 'http://127.0.0.1:1/graphql' },
    { name: 'crm', typeDefs: parse(crmTypeDefs), url: 'http://127.0.0.1:2/graphql' },
  ];

  it('with @theguild/federation-composition', () => {
    const result = composeWithGuild(services);
    expect(result.errors ?? []).toEqual([]);
    const supergraphSdl = result.supergraphSdl ?? '';
    expect(supergraphSdl).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/requiresScopes\/v0\.1"/);
    const scopes = supergraphScopes(supergraphSdl);
    expect(scopes.size).toBe(commandNames.length);
    for (const [name, declared] of scopes) expect(declared, name).toEqual(expectedScopes(name));
  });

  it('with @apollo/composition', () => {
    const result = composeWithApollo(services);
    expect((result.errors ?? []).map((error) => error.message)).toEqual([]);
    const supergraphSdl = result.supergraphSdl ?? '';
    expect(supergraphSdl).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/requiresScopes\/v0\.1"/);
    const scopes = supergraphScopes(supergraphSdl);
    expect(scopes.size).toBe(commandNames.length);
    for (const [name, declared] of scopes) expect(declared, name).toEqual(expectedScopes(name));
    // The supergraph is a valid schema a router can load.
    expect(() => buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true })).not.toThrow();
  });

  it('fails without the import, so the import is what makes the directive compose', () => {
    const withoutImport = scopedSdl.replace(', "@requiresScopes"]', ']');
    expect(withoutImport).not.toBe(scopedSdl);
    const result = composeWithApollo([{ ...services[0]!, typeDefs: parse(withoutImport) }, services[1]!]);
    expect(result.errors?.length ?? 0).toBeGreaterThan(0);
  });
});
