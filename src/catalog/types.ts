/**
 * The shape of the endpoint catalog: each entry mirrors one operation of the vendor's page
 * (and its JSON schema) closely enough that a test can compare the two field by field.
 */
import type { AgentState, InteractionEventField, SimulatorBehaviour, UserEventField } from './simulator-behaviour.js';

export type Resource = 'interactions' | 'users';

interface FieldBase {
  readonly description: string;
}

export interface StringFieldSpec extends FieldBase {
  readonly type: 'string';
  readonly format?: 'date-time';
  /** The REST values, in the page's order. */
  readonly enum?: readonly string[];
  readonly deprecated?: true;
  /** The text must be JSON of an object (the contract's rule for `entity`); else `ValidationError`, nothing sent. */
  readonly jsonObject?: true;
}

export interface BooleanFieldSpec extends FieldBase {
  readonly type: 'boolean';
}

export interface IntegerFieldSpec extends FieldBase {
  readonly type: 'integer';
}

/** A JSON number whose text makes it a whole number (seconds, an HTTP status): GraphQL `Int`. */
export interface WholeNumberFieldSpec extends FieldBase {
  readonly type: 'number';
  readonly whole: true;
}

export interface DataItemSpec {
  readonly key: StringFieldSpec;
  readonly value: StringFieldSpec;
  readonly isMasked: BooleanFieldSpec;
}

export interface DataCollectionFieldSpec extends FieldBase {
  readonly type: 'array';
  readonly maxItems: number;
  readonly items: DataItemSpec;
}

export type FieldSpec =
  | StringFieldSpec
  | BooleanFieldSpec
  | IntegerFieldSpec
  | WholeNumberFieldSpec
  | DataCollectionFieldSpec;

export interface EndpointSpec {
  readonly resource: Resource;
  /** The path's last segment: `POST …/{resource}/{id}/{operation}`. */
  readonly operation: string;
  /**
   * The vendor's OAuth scopes that allow the call, as Federation's `@requiresScopes` takes them:
   * any one of the inner lists, each of whose scopes the token must hold.
   */
  readonly scopes: readonly (readonly string[])[];
  /** The body schema's name without `ParmsSchema`. */
  readonly schema: string;
  readonly tag: 'Interactions' | 'Users' | 'Email';
  readonly summary: string;
  readonly description: string;
  readonly bodyDescription: string;
  /** Set where the page words the path id's description for this operation alone. */
  readonly pathIdDescription?: string;
  /** Set where the page makes `via-client-sessionid` optional (it is required elsewhere). */
  readonly sessionIdHeader?: { readonly required: false; readonly description: string };
  readonly required: readonly string[];
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /**
   * Identical calls in flight share one REST call: set on idempotent signals only, `always` or
   * when the named boolean field of the input is true (`connect` with `attach: true` renews).
   */
  readonly coalesce?: Coalesce;
  /** What the simulator does with the command besides answering it (`simulator-behaviour.ts`). */
  readonly simulator?: SimulatorBehaviour;
}

export type Coalesce = 'always' | { readonly whenTrue: string };

type BooleanFieldNames<Fields> = { [K in keyof Fields]: Fields[K] extends { readonly type: 'boolean' } ? K : never }[keyof Fields];

/** The string fields whose every enumerated value is one of `Values`. */
type EnumFieldNames<Fields, Values> = {
  [K in keyof Fields]: Fields[K] extends { readonly type: 'string'; readonly enum: readonly (infer V)[] } ? ([V] extends [Values] ? K : never) : never;
}[keyof Fields];

type CheckedStateSource<Fields> = AgentState | { readonly field: EnumFieldNames<Fields, AgentState> & string; readonly otherwise?: AgentState };

/**
 * The simulator's behaviour of one entry, checked against its own fields and resource: echoed
 * properties are fields of the body, a state read from the body comes from an enum of agent states,
 * an interaction's entry moves interactions and fills interaction payloads, a user's the agent.
 */
type CheckedBehaviour<Resource, Fields> = {
  readonly attachWhenTrue?: BooleanFieldNames<Fields> & string;
  readonly events: readonly {
    readonly echo?: readonly (keyof Fields & string)[];
    readonly payload: readonly (Resource extends 'interactions' ? InteractionEventField : UserEventField)[];
    readonly each?: Resource extends 'users' ? 'workType' : never;
  }[];
} & (Resource extends 'interactions'
  ? { readonly agent?: never }
  : {
      readonly interaction?: never;
      readonly agent?:
        | { readonly change: 'login' | 'state'; readonly state: CheckedStateSource<Fields> }
        | { readonly change: 'logout'; readonly userField?: keyof Fields & string };
    });

/**
 * What `satisfies EndpointSpec` cannot see, for one entry typed `as const`: every `required` name is
 * a field of the entry, `coalesce.whenTrue` names one of its boolean fields, and its simulator
 * behaviour fits its fields and resource (`CheckedBehaviour`).
 */
export type CheckedEndpoint<E> = E extends { readonly fields: infer Fields; readonly resource: infer Resource }
  ? E & {
      readonly required: readonly (keyof Fields & string)[];
      readonly coalesce?: 'always' | { readonly whenTrue: BooleanFieldNames<Fields> & string };
      readonly simulator?: CheckedBehaviour<Resource, Fields>;
    }
  : never;

/** `table satisfies CheckedCatalog<typeof table>` compiles only when every entry passes `CheckedEndpoint`. */
export type CheckedCatalog<Table extends readonly EndpointSpec[]> = { readonly [K in keyof Table]: CheckedEndpoint<Table[K]> };
