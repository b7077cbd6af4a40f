/**
 * The events a command makes the simulator emit, read from its catalog entry (`simulator.events`),
 * in the entry's order. The payloads are ours (the page does not describe them): the ids, the
 * agent's state, and the body's values an entry echoes (`keepAlive`'s `requestTimestamp`, as sent).
 */
import type { EndpointSpec, EventSpec } from '../catalog/index.js';
import type { Applied } from './session-state.js';

/** The work types every simulated agent is assigned: one `engagementCenter.NewWorkType` each at login. */
export const SIMULATED_WORK_TYPES = ['wt-voice-inbound', 'wt-chat', 'wt-email'] as const;

export interface PlannedEvent {
  readonly kind: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

function payloadOf(spec: EventSpec, pathId: string, body: Readonly<Record<string, unknown>>, applied: Applied, workTypeId?: string): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const field of spec.payload) {
    switch (field) {
      case 'interactionId':
        payload.interactionId = pathId;
        break;
      case 'userId':
        payload.userId = applied.userId ?? pathId;
        break;
      case 'state':
        if (applied.agentState !== undefined) payload.state = applied.agentState;
        break;
      case 'workTypeId':
        if (workTypeId !== undefined) payload.workTypeId = workTypeId;
        break;
    }
  }
  for (const property of spec.echo ?? []) {
    if (body[property] !== undefined) payload[property] = body[property];
  }
  return payload;
}

export function commandEvents(endpoint: EndpointSpec, pathId: string, body: Readonly<Record<string, unknown>>, applied: Applied): PlannedEvent[] {
  if (applied.attached) return [];
  return (endpoint.simulator?.events ?? []).flatMap((spec) =>
    spec.each === 'workType'
      ? SIMULATED_WORK_TYPES.map((workTypeId) => ({ kind: spec.kind, payload: payloadOf(spec, pathId, body, applied, workTypeId) }))
      : [{ kind: spec.kind, payload: payloadOf(spec, pathId, body, applied) }],
  );
}
