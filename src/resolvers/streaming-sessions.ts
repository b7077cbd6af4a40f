/**
 * The streaming session commands: create (the session the commands then name in
 * `via-client-sessionid`; it needs none itself) and delete (the session in that header). They
 * follow the command rules: the caller read from the headers, the organization resolved, rate
 * limits and the circuit, sent at most once, typed errors as data.
 */
import { DEFAULT_INACTIVITY_DELAY_SECONDS, DEFAULT_REQUIRE_ACKNOWLEDGEMENT, type SessionSettings } from '../datasources/streaming-api.js';
import { streamingCallerOf } from '../datasources/streaming-caller.js';
import { ValidationError } from '../errors.js';
import { asCommand } from './command-faults.js';
import type { GatewayContext } from './context.js';

export interface StreamingSessionInput {
  readonly inactivityDelay?: number | null;
  readonly requireAcknowledgement?: boolean | null;
}

export interface StreamingSessionShape {
  readonly id: string;
  /** RFC 3339 text as the API gave it, or null. */
  readonly creationTime: string | null;
  readonly inactivityDelay: number;
}

/** A day: a session idle longer is one nobody polls. */
export const MAX_INACTIVITY_DELAY_SECONDS = 86_400;

function settingsOf(input: StreamingSessionInput | null | undefined): SessionSettings {
  const inactivityDelay = input?.inactivityDelay ?? DEFAULT_INACTIVITY_DELAY_SECONDS;
  if (inactivityDelay < 1 || inactivityDelay > MAX_INACTIVITY_DELAY_SECONDS) {
    throw new ValidationError(`inactivityDelay must be from 1 to ${MAX_INACTIVITY_DELAY_SECONDS} seconds.`, 'input.inactivityDelay');
  }
  return { inactivityDelay, requireAcknowledgement: input?.requireAcknowledgement ?? DEFAULT_REQUIRE_ACKNOWLEDGEMENT };
}

export function createStreamingSession(input: StreamingSessionInput | null | undefined, context: GatewayContext): Promise<StreamingSessionShape> {
  return asCommand(context, 'streaming/createSession', async () => {
    const settings = settingsOf(input);
    const organization = context.engagementCenter.organization();
    const { credentials } = streamingCallerOf(context.headers, { defaultApiKey: context.defaultApiKey, sessionIdRequired: false });
    const created = await context.streaming.createSession(organization, credentials, settings);
    return { id: created.sessionId, creationTime: created.creationTime, inactivityDelay: created.inactivityDelay };
  });
}

export function deleteStreamingSession(context: GatewayContext): Promise<{ readonly id: string }> {
  return asCommand(context, 'streaming/deleteSession', async () => {
    const organization = context.engagementCenter.organization();
    const { credentials, sessionId } = streamingCallerOf(context.headers, { defaultApiKey: context.defaultApiKey, sessionIdRequired: true });
    const id = sessionId ?? '';
    await context.streaming.deleteSession(organization, credentials, id);
    return { id };
  });
}
