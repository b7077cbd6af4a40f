/**
 * Incoming work for the demo (`SIMULATOR_OFFER_EVERY_MS`): on a schedule, every ready (Idle) agent
 * with an open streaming session is offered a new interaction, presented so that `accept` works in
 * stateful mode, with `simulator.InteractionOffered` on each of its sessions.
 */
import type { SimulatorEventKind } from '../catalog/index.js';
import type { SessionState } from './session-state.js';
import type { StreamingSessions } from './streaming-sessions.js';

export const INTERACTION_OFFERED: SimulatorEventKind = 'simulator.InteractionOffered';

/** One round of offers. */
export function offerToReadyAgents(state: SessionState, sessions: StreamingSessions): void {
  for (const agent of state.readyAgents()) {
    for (const id of agent.sessions) if (!sessions.has(agent.organization, id)) agent.sessions.delete(id);
    if (agent.sessions.size === 0) continue;
    const interactionId = state.present(agent.organization);
    for (const id of agent.sessions) sessions.append(agent.organization, id, INTERACTION_OFFERED, { interactionId, userId: agent.userId });
  }
}

/** Offers every `everyMs` (0: never); returns the stop. */
export function scheduleOffers(everyMs: number, state: SessionState, sessions: StreamingSessions): () => void {
  if (everyMs <= 0) return () => {};
  const timer = setInterval(() => offerToReadyAgents(state, sessions), everyMs);
  // The gateway's in-process simulator must not keep a stopping process alive.
  timer.unref();
  return () => clearInterval(timer);
}
