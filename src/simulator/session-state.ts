/**
 * The stateful simulator's memory: which agents are connected and which interactions were
 * presented, in which state. Enough to check an agent's flow: a command for a user who never
 * connected, or an interaction that was never presented, is a 404; one in the wrong state a 422.
 */
import type { EndpointSpec } from '../catalog/index.js';

type InteractionState = 'presented' | 'active' | 'held' | 'ended';

interface Transition {
  readonly from: readonly InteractionState[];
  /** `null`: the interaction is finished and forgotten. */
  readonly to: InteractionState | null;
}

/** The interaction commands that move an interaction along; the others only need it to exist. */
const transitions: Readonly<Record<string, Transition>> = {
  accept: { from: ['presented'], to: 'active' },
  reject: { from: ['presented'], to: null },
  hold: { from: ['active'], to: 'held' },
  retrieve: { from: ['held'], to: 'active' },
  terminate: { from: ['active', 'held'], to: 'ended' },
  dispose: { from: ['ended'], to: null },
};

export interface Refusal {
  readonly status: 404 | 422;
  readonly reason: string;
  readonly message: string;
}

const key = (organization: string, id: string): string => `${organization}/${id}`;

export class SessionState {
  private readonly agents = new Set<string>();
  private readonly interactions = new Map<string, InteractionState>();
  private nextInteraction = 1;

  /** Presents an interaction (the simulator's admin route); returns its id. */
  present(organization: string, interactionId = `sim-${this.nextInteraction++}`): string {
    this.interactions.set(key(organization, interactionId), 'presented');
    return interactionId;
  }

  /** Applies a valid command; a refusal says why it cannot be carried out. */
  apply(endpoint: EndpointSpec, organization: string, pathId: string, body: Readonly<Record<string, unknown>>): Refusal | null {
    return endpoint.resource === 'users'
      ? this.applyToUser(endpoint.operation, organization, pathId, body)
      : this.applyToInteraction(endpoint.operation, organization, pathId);
  }

  private applyToUser(operation: string, organization: string, userId: string, body: Readonly<Record<string, unknown>>): Refusal | null {
    const agent = key(organization, userId);
    if (operation === 'connect' && body.attach !== true) {
      this.agents.add(agent);
      return null;
    }
    if (operation === 'forceDisconnect') {
      const target = key(organization, String(body.userId));
      if (!this.agents.delete(target)) return notFound('userId', `User ${String(body.userId)} is not connected.`);
      return null;
    }
    if (!this.agents.has(agent)) {
      return notFound('userId', `User ${userId} is not connected: send userConnect first.`);
    }
    if (operation === 'disconnect') this.agents.delete(agent);
    return null;
  }

  private applyToInteraction(operation: string, organization: string, interactionId: string): Refusal | null {
    const id = key(organization, interactionId);
    const state = this.interactions.get(id);
    if (state === undefined) {
      return notFound('interactionId', `Interaction ${interactionId} was never presented to an agent (or is already disposed).`);
    }
    const transition = transitions[operation];
    if (!transition) return null;
    if (!transition.from.includes(state)) {
      return {
        status: 422,
        reason: 'invalidState',
        message: `Cannot ${operation} interaction ${interactionId}: it is ${state}; ${operation} needs it ${transition.from.join(' or ')}.`,
      };
    }
    if (transition.to === null) this.interactions.delete(id);
    else this.interactions.set(id, transition.to);
    return null;
  }
}

const notFound = (reason: string, message: string): Refusal => ({ status: 404, reason: `${reason}NotFound`, message });
