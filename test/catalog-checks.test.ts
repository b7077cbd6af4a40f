/**
 * The catalog's own rules: compile-time checks that `satisfies EndpointSpec` alone would miss (the
 * `@ts-expect-error` lines fail `npm run typecheck` once the check stops rejecting them), and the
 * per-endpoint behaviour read from the entries (coalescing, JSON-object fields).
 */
import { describe, expect, it } from 'vitest';
import { endpoints, mutationName, type CheckedCatalog, type EndpointSpec } from '../src/catalog/index.js';
import { isCoalescible } from '../src/datasources/coalescing.js';
import { ValidationError } from '../src/errors.js';
import { validateCommand } from '../src/resolvers/validate-input.js';

const texts = { summary: '', description: '', bodyDescription: '', scopes: [['engagementcenterapi']] } as const;
const attachField = { attach: { type: 'boolean', description: '' }, station: { type: 'string', description: '' } } as const;

const sound = [
  { resource: 'users', operation: 'connect', schema: 'Connect', tag: 'Users', ...texts, coalesce: { whenTrue: 'attach' }, required: ['attach'], fields: attachField },
] as const satisfies readonly EndpointSpec[];
sound satisfies CheckedCatalog<typeof sound>;

const unknownRequired = [
  { resource: 'users', operation: 'connect', schema: 'Connect', tag: 'Users', ...texts, required: ['atach'], fields: attachField },
] as const satisfies readonly EndpointSpec[];
// @ts-expect-error `atach` is not a field of its entry
unknownRequired satisfies CheckedCatalog<typeof unknownRequired>;

const coalesceOnString = [
  { resource: 'users', operation: 'connect', schema: 'Connect', tag: 'Users', ...texts, coalesce: { whenTrue: 'station' }, required: [], fields: attachField },
] as const satisfies readonly EndpointSpec[];
// @ts-expect-error `station` is not a boolean field
coalesceOnString satisfies CheckedCatalog<typeof coalesceOnString>;

const byName = new Map(endpoints.map((endpoint) => [mutationName(endpoint), endpoint]));

describe('the catalog entries', () => {
  it.each(endpoints.map((endpoint) => [mutationName(endpoint), endpoint] as const))('%s requires only its own fields', (_name, endpoint) => {
    for (const name of endpoint.required) expect(Object.keys(endpoint.fields)).toContain(name);
  });

  it('coalesce keepAlive and agentStatistics always, connect only with attach: true', () => {
    const coalesced = (input: Record<string, unknown>) => endpoints.filter((endpoint) => isCoalescible(endpoint, input)).map(mutationName);
    expect(coalesced({})).toEqual(['userKeepAlive', 'userAgentStatistics']);
    expect(coalesced({ attach: false })).toEqual(['userKeepAlive', 'userAgentStatistics']);
    expect(coalesced({ attach: 'true' })).toEqual(['userKeepAlive', 'userAgentStatistics']);
    expect(coalesced({ attach: true })).toEqual(['userConnect', 'userKeepAlive', 'userAgentStatistics']);
  });

  const jsonFields = endpoints.flatMap((endpoint) =>
    Object.entries(endpoint.fields).map(([property, spec]) => [mutationName(endpoint), property, spec] as const),
  );

  it('mark as JSON objects exactly the fields the page calls a JSON string', () => {
    const marked = jsonFields.filter(([, , spec]) => spec.type === 'string' && spec.jsonObject).map(([name, property]) => `${name}.${property}`);
    const byText = jsonFields.filter(([, , spec]) => spec.description.startsWith('JSON string')).map(([name, property]) => `${name}.${property}`);
    expect(marked).toEqual(byText);
    expect(marked).toEqual(['interactionConsult.entity', 'interactionDial.entity', 'interactionTransfer.entity']);
  });

  it.each(jsonFields.filter(([, , spec]) => spec.type === 'string' && spec.jsonObject))('%s.%s takes the JSON text of an object only', (name, property) => {
    const endpoint = byName.get(name) as EndpointSpec;
    expect(() => validateCommand(endpoint, 'id1', { [property]: '{"kind":"via#user","id":"user1"}' })).not.toThrow();
    for (const text of ['[1]', 'null', '"text"', 'not json']) {
      expect(() => validateCommand(endpoint, 'id1', { [property]: text })).toThrow(ValidationError);
    }
  });

  it('checks no other string field for JSON', () => {
    const hold = byName.get('interactionHold') as EndpointSpec;
    expect(() => validateCommand(hold, 'id1', { ehubSessionId: 'not json' })).not.toThrow();
  });
});
