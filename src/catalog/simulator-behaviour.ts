/**
 * The shape of the simulator's behaviour in a catalog entry: how a command moves an interaction or
 * an agent along, and the events it makes the simulator emit on the command's streaming session.
 * The entries in `endpoints.ts` hold the data; the simulator only plays it.
 */

/**
 * The event kinds the contract lets the simulator emit under the vendor's category, because the
 * vendor's page or the Streaming API names them. Every other kind is the simulator's own.
 */
export const vendorEventKinds = [
  'engagementCenter.NewWorkType',
  'engagementCenter.Active',
  'engagementCenter.InteractionClear',
  'engagementCenter.Wrap',
  'engagementCenter.AgentStatistics',
  'engagementCenter.KeepAlive',
] as const;

export type VendorEventKind = (typeof vendorEventKinds)[number];
/** A state change the page names no event for: `simulator.InteractionHeld`. */
export type SimulatorEventKind = `simulator.${string}`;
export type EventKind = VendorEventKind | SimulatorEventKind;

export const SIMULATOR_EVENT_CATEGORY = 'simulator';

/** An interaction's life in the simulator. */
export type InteractionState = 'presented' | 'active' | 'held' | 'ended';

/**
 * An agent's state, in the page's words: `Idle` is ready (the page's `ready` "will return the user
 * to the Idle state making them available to receive interactions"), as connect's `initialState`
 * and notReady's `notReadyType` name them.
 */
export type AgentState = 'Idle' | 'NotReady' | 'Park';

export interface InteractionTransition {
  /** The states the command may be sent in; any other is refused (422) in stateful mode. */
  readonly from: readonly InteractionState[];
  /** The state afterwards; `null`: the interaction is finished and forgotten. */
  readonly to: InteractionState | null;
}

/** A fixed state, or the value of one of the body's enumerated fields (`otherwise` when it is absent). */
export type AgentStateSource = AgentState | { readonly field: string; readonly otherwise?: AgentState };

export type AgentChange =
  /** The agent logs in (its commands need this first in stateful mode). */
  | { readonly change: 'login'; readonly state: AgentStateSource }
  | { readonly change: 'state'; readonly state: AgentStateSource }
  /** The agent logs out: the path's user, or the one the body's `userField` names. */
  | { readonly change: 'logout'; readonly userField?: string };

/** Payload properties the simulator fills for an interaction command. */
export type InteractionEventField = 'interactionId';
/**
 * Payload properties the simulator fills for a user command: `userId` (the user the command
 * changes), `state` (that agent's state afterwards, when it is known), `workTypeId` (with `each`).
 */
export type UserEventField = 'userId' | 'state' | 'workTypeId';
export type EventPayloadField = InteractionEventField | UserEventField;

export interface EventSpec {
  readonly kind: EventKind;
  /** The payload's properties the simulator fills, in this order. */
  readonly payload: readonly EventPayloadField[];
  /** Properties of the command's body copied into the payload exactly as sent (when sent). */
  readonly echo?: readonly string[];
  /** One event for each work type the agent is assigned (`workTypeId` names it). */
  readonly each?: 'workType';
}

export interface SimulatorBehaviour {
  readonly interaction?: InteractionTransition;
  readonly agent?: AgentChange;
  /**
   * When this boolean field of the body is true, the command instead attaches its streaming
   * session to a connected agent's events (connect's `attach`): no change, no events.
   */
  readonly attachWhenTrue?: string;
  /** Emitted in this order on the command's streaming session, after the 202; `[]`: none. */
  readonly events: readonly EventSpec[];
}
