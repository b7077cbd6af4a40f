/**
 * The simulator's behaviour is catalog data: the compiler holds each entry's `simulator` to its own
 * fields and resource (the `@ts-expect-error` lines fail `npm run typecheck` once a check stops
 * rejecting them), and the entries say what the contract says: which commands emit which vendor
 * events, in which order, the vendor's category for the contract's kinds only. Also: the
 * deprecations of the catalog reach the schema with the page's words.
 */
import { describe, expect, it } from 'vitest';
import {
  deprecationReason,
  endpoints,
  mutationName,
  vendorEventKinds,
  type CheckedCatalog,
  type EndpointSpec,
  type InteractionState,
} from '../src/catalog/index.js';
import { schema } from '../src/schema/index.js';
import { operations } from './helpers/openapi.js';
import { isInputObjectType } from 'graphql';

const texts = { summary: '', description: '', bodyDescription: '', scopes: [['engagementcenterapi']], schema: 'X', tag: 'Users' } as const;
const userFields = {
  attach: { type: 'boolean', description: '' },
  station: { type: 'string', description: '' },
  initialState: { type: 'string', enum: ['Idle', 'NotReady'], description: '' },
  consultType: { type: 'string', enum: ['User', 'External'], description: '' },
} as const;
const users = { ...texts, resource: 'users', operation: 'connect', required: [], fields: userFields } as const;
const interactions = { ...texts, resource: 'interactions', operation: 'hold', tag: 'Interactions', required: [], fields: userFields } as const;

const sound = [
  {
    ...users,
    simulator: {
      agent: { change: 'login', state: { field: 'initialState', otherwise: 'NotReady' } },
      attachWhenTrue: 'attach',
      events: [{ kind: 'engagementCenter.NewWorkType', each: 'workType', payload: ['userId', 'workTypeId'], echo: ['station'] }],
    },
  },
  { ...interactions, simulator: { interaction: { from: ['active'], to: 'held' }, events: [{ kind: 'simulator.InteractionHeld', payload: ['interactionId'] }] } },
] as const satisfies readonly EndpointSpec[];
sound satisfies CheckedCatalog<typeof sound>;

const echoUnknown = [{ ...users, simulator: { events: [{ kind: 'simulator.X', payload: [], echo: ['stattion'] }] } }] as const satisfies readonly EndpointSpec[];
// @ts-expect-error `stattion` is not a field of its entry
echoUnknown satisfies CheckedCatalog<typeof echoUnknown>;

const stateFromOtherEnum = [{ ...users, simulator: { agent: { change: 'state', state: { field: 'consultType' } }, events: [] } }] as const satisfies readonly EndpointSpec[];
// @ts-expect-error `consultType`'s values are not agent states
stateFromOtherEnum satisfies CheckedCatalog<typeof stateFromOtherEnum>;

const attachOnString = [{ ...users, simulator: { attachWhenTrue: 'station', events: [] } }] as const satisfies readonly EndpointSpec[];
// @ts-expect-error `station` is not a boolean field
attachOnString satisfies CheckedCatalog<typeof attachOnString>;

const interactionOnUser = [{ ...users, simulator: { interaction: { from: ['active'], to: 'held' }, events: [] } }] as const satisfies readonly EndpointSpec[];
// @ts-expect-error a user command does not move interactions
interactionOnUser satisfies CheckedCatalog<typeof interactionOnUser>;

const agentOnInteraction = [{ ...interactions, simulator: { agent: { change: 'logout' }, events: [] } }] as const satisfies readonly EndpointSpec[];
// @ts-expect-error an interaction command does not change the agent
agentOnInteraction satisfies CheckedCatalog<typeof agentOnInteraction>;

const userIdOnInteraction = [{ ...interactions, simulator: { events: [{ kind: 'simulator.X', payload: ['userId'] }] } }] as const satisfies readonly EndpointSpec[];
// @ts-expect-error an interaction command's payload names the interaction
userIdOnInteraction satisfies CheckedCatalog<typeof userIdOnInteraction>;

// @ts-expect-error the vendor's category holds only the kinds the contract lists
[{ ...users, simulator: { events: [{ kind: 'engagementCenter.Ringing', payload: [] }] } }] as const satisfies readonly EndpointSpec[];

/** The contract's "The simulator": the vendor's kinds each command emits, in order. */
const contractVendorEvents: Readonly<Record<string, readonly string[]>> = {
  'users/connect': ['engagementCenter.NewWorkType'],
  'interactions/accept': ['engagementCenter.Active'],
  'interactions/messageActive': ['engagementCenter.Active'],
  'interactions/emailActive': ['engagementCenter.Active'],
  'interactions/terminate': ['engagementCenter.InteractionClear', 'engagementCenter.Wrap'],
  'users/agentStatistics': ['engagementCenter.AgentStatistics'],
  'users/keepAlive': ['engagementCenter.KeepAlive'],
};
/** The state changes the contract names a `simulator.` kind for. */
const contractSimulatorEvents: Readonly<Record<string, string>> = {
  'users/ready': 'simulator.AgentStateChanged',
  'users/notReady': 'simulator.AgentStateChanged',
  'interactions/hold': 'simulator.InteractionHeld',
};

const routeOf = (endpoint: { resource: string; operation: string }) => `${endpoint.resource}/${endpoint.operation}`;
const withBehaviour = endpoints.filter((endpoint) => endpoint.simulator !== undefined);
const kindsOf = (endpoint: EndpointSpec) => (endpoint.simulator?.events ?? []).map((event) => event.kind);

describe("the simulator's behaviour in the catalog", () => {
  it('sits on operations of the page only', () => {
    const pageRoutes = new Set(operations.map(routeOf));
    expect(withBehaviour.length).toBeGreaterThan(0);
    for (const endpoint of withBehaviour) expect(pageRoutes).toContain(routeOf(endpoint));
  });

  it('lists the vendor kinds the contract lists, and no other', () => {
    expect([...vendorEventKinds].sort()).toEqual([...new Set(Object.values(contractVendorEvents).flat())].sort());
  });

  it.each(endpoints.map((endpoint) => [mutationName(endpoint), endpoint] as const))(
    '%s emits the vendor events the contract names for it, in its order, and only kinds of the two categories',
    (_name, endpoint) => {
      const kinds = kindsOf(endpoint);
      expect(kinds.filter((kind) => kind.startsWith('engagementCenter.'))).toEqual(contractVendorEvents[routeOf(endpoint)] ?? []);
      for (const kind of kinds) expect(kind).toMatch(/^(engagementCenter|simulator)\.[A-Z][A-Za-z]+$/);
      const named = contractSimulatorEvents[routeOf(endpoint)];
      if (named) expect(kinds).toContain(named);
    },
  );

  it('emits nothing after cancel, as the page says ("There will be no cancel related event")', () => {
    const cancel = endpoints.find((endpoint) => endpoint.operation === 'cancel');
    expect(cancel?.description).toContain('There will be no cancel related event');
    expect(cancel?.simulator).toEqual({ events: [] });
  });

  it("follows the page's texts: InteractionClear then Wrap after terminate, AgentStatistics after agentStatistics, the keep-alive's requestTimestamp passed back", () => {
    const byOperation = new Map(endpoints.map((endpoint) => [endpoint.operation, endpoint]));
    expect(byOperation.get('terminate')?.description).toMatch(/send an InteractionClear event\. .*follow with a Wrap event/);
    expect(byOperation.get('agentStatistics')?.description).toContain('responds to this request with an AgentStatistics event');
    const keepAlive = byOperation.get('keepAlive');
    const requestTimestamp = keepAlive?.fields.requestTimestamp;
    expect(requestTimestamp?.description).toContain('it will be passed back in the subsequent keep alive event');
    expect(keepAlive?.simulator?.events).toEqual([{ kind: 'engagementCenter.KeepAlive', payload: ['userId'], echo: ['requestTimestamp'] }]);
  });

  it('moves interactions as the agent flow needs, every state reachable from presented', () => {
    const transitions = Object.fromEntries(
      endpoints.flatMap((endpoint) => (endpoint.simulator?.interaction ? [[endpoint.operation, endpoint.simulator.interaction]] : [])),
    );
    expect(transitions).toEqual({
      accept: { from: ['presented'], to: 'active' },
      dispose: { from: ['ended'], to: null },
      hold: { from: ['active'], to: 'held' },
      reject: { from: ['presented'], to: null },
      retrieve: { from: ['held'], to: 'active' },
      terminate: { from: ['active', 'held'], to: 'ended' },
    });
    const reachable = new Set<InteractionState>(['presented']);
    for (const { to } of Object.values(transitions)) if (to) reachable.add(to);
    for (const { from } of Object.values(transitions)) for (const state of from) expect(reachable).toContain(state);
  });
});

describe('deprecations', () => {
  const deprecated = endpoints.flatMap((endpoint) =>
    Object.entries(endpoint.fields).flatMap(([property, spec]) => (spec.type === 'string' && spec.deprecated ? [[endpoint, property] as const] : [])),
  );

  it("give every deprecated input field of the catalog the page's reason, and no other field one", () => {
    expect(deprecated.map(([endpoint, property]) => `${endpoint.schema}Input.${property}`)).toEqual(['ConnectInput.workgroupId']);
    for (const endpoint of endpoints) {
      const type = schema.getType(`${endpoint.schema}Input`);
      if (!isInputObjectType(type)) throw new Error(`${endpoint.schema}Input is missing`);
      for (const [property, field] of Object.entries(type.getFields())) {
        const spec = endpoint.fields[property];
        expect(field.deprecationReason, `${type.name}.${property}`).toBe(spec ? deprecationReason(spec) : undefined);
      }
    }
    expect(schema.getType('ConnectInput')?.toConfig()).toMatchObject({ fields: { workgroupId: { deprecationReason: 'Not used. This property is being deprecated.' } } });
  });
});
