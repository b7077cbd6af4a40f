/**
 * The simulator's memory of agents and interactions, played from the catalog entries' `simulator`
 * behaviour (`interaction` transitions, `agent` changes). It always tracks which agents are
 * connected, their state and the streaming sessions their commands carried (where their events and
 * offers go). In stateful mode it also refuses what does not fit: a command for a user who never
 * connected, or an interaction that was never presented, is a 404; one in the wrong state a 422.
 */
import type { AgentState, AgentStateSource, EndpointSpec, InteractionState } from '../catalog/index.js';

export interface Refusal {
  readonly status: 404 | 422;
  readonly reason: string;
  readonly message: string;
}

/** What a command did, for the events it emits. */
export interface Applied {
  /** The user the command changes or concerns (user commands only). */
  readonly userId?: string;
  /** That agent's state afterwards, when known. */
  readonly agentState?: AgentState;
  /** The command attached its session to the agent's events instead (`attachWhenTrue`): it emits nothing. */
  readonly attached: boolean;
}

export interface Agent {
  readonly organization: string;
  readonly userId: string;
  state: AgentState;
  /** The issued streaming sessions its commands carried: where its events and offers go. */
  readonly sessions: Set<string>;
}

const key = (organization: string, id: string): string => `${organization}/${id}`;

const notFound = (reason: string, message: string): Refusal => ({ status: 404, reason: `${reason}NotFound`, message });

function stateFrom(source: AgentStateSource, body: Readonly<Record<string, unknown>>): AgentState {
  if (typeof source === 'string') return source;
  // The compiler holds the field to an enum of agent states, and the body was validated against it.
  const value = body[source.field] as AgentState | undefined;
  return value ?? source.otherwise ?? 'NotReady';
}

export class SessionState {
  private readonly agents = new Map<string, Agent>();
  private readonly interactions = new Map<string, InteractionState>();
  private nextInteraction = 1;

  /** `strict`: refuse commands that do not fit (stateful mode); otherwise track what fits and accept all. */
  constructor(private readonly strict: boolean) {}

  /** Presents an interaction (the simulator's admin route, and offers); returns its id. */
  present(organization: string, interactionId = `sim-${this.nextInteraction++}`): string {
    this.interactions.set(key(organization, interactionId), 'presented');
    return interactionId;
  }

  /** The connected agents whose state is Idle (ready for interactions). */
  readyAgents(): Agent[] {
    return [...this.agents.values()].filter((agent) => agent.state === 'Idle');
  }

  /**
   * Applies a valid command; a refusal (stateful mode only) says why it cannot be carried out.
   * `sessionId`: the streaming session the command carried, when the simulator issued it.
   */
  apply(endpoint: EndpointSpec, organization: string, pathId: string, body: Readonly<Record<string, unknown>>, sessionId: string | null): Refusal | Applied {
    return endpoint.resource === 'users'
      ? this.applyToUser(endpoint, organization, pathId, body, sessionId)
      : this.applyToInteraction(endpoint, organization, pathId);
  }

  private applyToUser(endpoint: EndpointSpec, organization: string, userId: string, body: Readonly<Record<string, unknown>>, sessionId: string | null): Refusal | Applied {
    const behaviour = endpoint.simulator;
    const attached = behaviour?.attachWhenTrue !== undefined && body[behaviour.attachWhenTrue] === true;
    const change = attached ? undefined : behaviour?.agent;
    const subject = change?.change === 'logout' && change.userField !== undefined ? String(body[change.userField]) : userId;
    const agentKey = key(organization, subject);
    const bind = (agent: Agent): Applied => {
      if (sessionId !== null) agent.sessions.add(sessionId);
      return { userId: subject, agentState: agent.state, attached };
    };

    if (change?.change === 'login') {
      const agent: Agent = { organization, userId, state: stateFrom(change.state, body), sessions: new Set() };
      this.agents.set(agentKey, agent);
      return bind(agent);
    }
    const agent = this.agents.get(agentKey);
    if (!agent) {
      if (this.strict) {
        return subject === userId
          ? notFound('userId', `User ${userId} is not connected: send userConnect first.`)
          : notFound('userId', `User ${subject} is not connected.`);
      }
      // Default mode accepts commands from agents it never saw connect; one that says it is ready
      // becomes known, so that offers reach it.
      if (change?.change === 'state') {
        const known: Agent = { organization, userId, state: stateFrom(change.state, body), sessions: new Set() };
        this.agents.set(agentKey, known);
        return bind(known);
      }
      return { userId: subject, attached };
    }
    if (change?.change === 'logout') {
      this.agents.delete(agentKey);
      return { userId: subject, attached };
    }
    if (change?.change === 'state') agent.state = stateFrom(change.state, body);
    return bind(agent);
  }

  private applyToInteraction(endpoint: EndpointSpec, organization: string, interactionId: string): Refusal | Applied {
    const applied: Applied = { attached: false };
    const id = key(organization, interactionId);
    const state = this.interactions.get(id);
    if (state === undefined) {
      return this.strict ? notFound('interactionId', `Interaction ${interactionId} was never presented to an agent (or is already disposed).`) : applied;
    }
    const transition = endpoint.simulator?.interaction;
    if (!transition) return applied;
    if (!transition.from.includes(state)) {
      if (!this.strict) return applied;
      const { operation } = endpoint;
      return {
        status: 422,
        reason: 'invalidState',
        message: `Cannot ${operation} interaction ${interactionId}: it is ${state}; ${operation} needs it ${transition.from.join(' or ')}.`,
      };
    }
    if (transition.to === null) this.interactions.delete(id);
    else this.interactions.set(id, transition.to);
    return applied;
  }
}
