/**
 * The agent events subscription: the caller read by the command rules (a refusal ends the
 * subscription at once with `UNAUTHENTICATED` or `BAD_USER_INPUT`), then the event hub's
 * subscription of the session, whose endings become GraphQL errors carrying their code.
 */
import { GraphQLError } from 'graphql';
import { streamingCallerOf } from '../datasources/streaming-caller.js';
import { UnauthorizedError, ValidationError } from '../errors.js';
import { parseEventId, SubscriptionEnded, type AgentEvent } from '../events/event-hub.js';
import type { GatewayContext } from './context.js';

export interface AgentEventsArgs {
  readonly after?: string | null;
  readonly kinds?: readonly string[] | null;
}

const badUserInput = (message: string): GraphQLError => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/** A refusal by the command rules, as the error that ends the subscription. */
function refusal(error: unknown): unknown {
  if (error instanceof UnauthorizedError) return new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED' } });
  if (error instanceof ValidationError) return badUserInput(error.message);
  return error;
}

function afterOf(args: AgentEventsArgs, lastEventId: string | null | undefined): number | null {
  // An SSE client that reconnects names the last event it saw: that wins over `after`.
  const text = lastEventId ?? args.after ?? null;
  if (text === null) return null;
  const after = parseEventId(text);
  if (after === null) throw badUserInput(`${lastEventId ? 'Last-Event-ID' : 'after'} must be the id of an agent event (the decimal text of its sequenceNumber).`);
  return after;
}

function kindsOf(args: AgentEventsArgs): ReadonlySet<string> | null {
  if (args.kinds === undefined || args.kinds === null) return null;
  if (args.kinds.length === 0) throw badUserInput('kinds must name at least one kind (leave it out for every kind).');
  return new Set(args.kinds);
}

export function subscribeToAgentEvents(args: AgentEventsArgs, context: GatewayContext): AsyncIterable<AgentEvent> {
  let organization: string;
  let caller: ReturnType<typeof streamingCallerOf>;
  try {
    organization = context.engagementCenter.organization();
    caller = streamingCallerOf(context.headers, { defaultApiKey: context.defaultApiKey, sessionIdRequired: true });
  } catch (error) {
    throw refusal(error);
  }
  const transport = context.eventTransport();
  const subscription = context.events.subscribe({
    organization,
    sessionId: caller.sessionId ?? '',
    credentials: caller.credentials,
    after: afterOf(args, transport.lastEventId),
    kinds: kindsOf(args),
    ...(transport.buffered ? { buffered: transport.buffered } : {}),
  });
  return {
    [Symbol.asyncIterator]: () => ({
      async next() {
        try {
          const next = await subscription.next();
          if (!next.done) transport.onEvent?.(next.value.id);
          return next;
        } catch (error) {
          if (error instanceof SubscriptionEnded) throw new GraphQLError(error.message, { extensions: { code: error.code } });
          throw error;
        }
      },
      return: async () => subscription.return(),
    }),
  };
}
