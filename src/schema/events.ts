import { streamingCommandScopes } from '../catalog/index.js';
import { commandErrorClasses } from '../errors.js';
import type { AgentEvent } from '../events/event-hub.js';
import { subscribeToAgentEvents } from '../resolvers/agent-events.js';
import { createStreamingSession, deleteStreamingSession, MAX_INACTIVITY_DELAY_SECONDS, type StreamingSessionShape } from '../resolvers/streaming-sessions.js';
import { DEFAULT_INACTIVITY_DELAY_SECONDS } from '../datasources/streaming-api.js';
import { builder } from './builder.js';
import { normalizeDateTime } from './date-time.js';

/** The API's RFC 3339 text as the schema's DateTime, or null when it is not one. */
function dateTimeOrNull(text: string | null): string | null {
  if (text === null) return null;
  try {
    return normalizeDateTime(text);
  } catch {
    return null;
  }
}

const AgentEventType = builder.objectRef<AgentEvent>('AgentEvent').implement({
  description:
    'Something that happened to the agent or one of its interactions, as the Streaming API delivered it on the streaming session ' +
    '(the outcome of a command, an interaction offered, statistics…). Events of a session arrive in `sequenceNumber` order, each once.',
  fields: (t) => ({
    id: t.exposeID('id', {
      nullable: false,
      description: 'The decimal text of `sequenceNumber`: stable and unique in the session. Resume with it (`after`, or SSE `Last-Event-ID`).',
    }),
    sequenceNumber: t.exposeInt('sequenceNumber', { nullable: false, description: 'The event’s place in the streaming session, increasing.' }),
    kind: t.exposeString('kind', {
      nullable: false,
      description: 'The event’s name as the API gives it, `<category>.<Name>`: `engagementCenter.Active`, `engagementCenter.InteractionClear`…',
    }),
    category: t.exposeString('category', { nullable: false, description: 'The part of `kind` before the first dot (`engagementCenter`).' }),
    occurredAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the event happened, as the API says (its `creationTime`); null when it gives none.',
      resolve: (event) => dateTimeOrNull(event.occurredAt),
    }),
    receivedAt: t.field({ type: 'DateTime', nullable: false, description: 'When this gateway stored the event.', resolve: (event) => event.receivedAt }),
    payload: t.field({ type: 'JSON', nullable: false, description: 'The event’s payload, as the API gave it.', resolve: (event) => event.payload }),
  }),
});

const StreamingSessionType = builder.objectRef<StreamingSessionShape>('StreamingSession').implement({
  description:
    'A streaming session of the Streaming Client REST API: send its `id` as `via-client-sessionid` with every command, and subscribe to `agentEvents` to receive what happens.',
  fields: (t) => ({
    id: t.exposeID('id', { nullable: false, description: 'The streaming session id: the value of `via-client-sessionid`.' }),
    creationTime: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the API created the session; null when it did not say.',
      resolve: (session) => dateTimeOrNull(session.creationTime),
    }),
    inactivityDelay: t.exposeInt('inactivityDelay', {
      nullable: false,
      description: 'Seconds without a retrieval of events after which the API drops the session (this gateway retrieves while someone subscribes).',
    }),
  }),
});

const StreamingSessionDeletedType = builder.objectRef<{ readonly id: string }>('StreamingSessionDeleted').implement({
  description: 'The API deleted the streaming session: its events are no longer kept.',
  fields: (t) => ({ id: t.exposeID('id', { nullable: false, description: 'The session that was deleted.' }) }),
});

const StreamingSessionInputType = builder.inputType('StreamingSessionInput', {
  description: 'How the API keeps the new streaming session.',
  fields: (t) => ({
    inactivityDelay: t.int({
      required: false,
      description: `Seconds without a retrieval of events after which the API drops the session, 1 to ${MAX_INACTIVITY_DELAY_SECONDS}; default ${DEFAULT_INACTIVITY_DELAY_SECONDS}, as the vendor recommends.`,
    }),
    requireAcknowledgement: t.boolean({
      required: false,
      description: 'Whether events must be acknowledged, else the API delivers them again; default true, as the vendor recommends. This gateway acknowledges what it stored.',
    }),
  }),
});

builder.mutationField('streamingSessionCreate', (t) =>
  t.field({
    type: StreamingSessionType,
    nullable: true,
    description:
      'Creates a streaming session of the Streaming Client REST API (`POST …/streaming/session`). Its id goes with every command as `via-client-sessionid`; this command needs none.',
    requiresScopes: streamingCommandScopes('streamingSessionCreate'),
    errors: { types: [...commandErrorClasses], union: { description: 'The outcome of `streamingSessionCreate`: `StreamingSession`, or the error that stopped it.' } },
    args: { input: t.arg({ type: StreamingSessionInputType, required: false, description: 'How the API keeps the session; the defaults when left out.' }) },
    resolve: (_root, args, context) => createStreamingSession(args.input, context),
  }),
);

builder.mutationField('streamingSessionDelete', (t) =>
  t.field({
    type: StreamingSessionDeletedType,
    nullable: true,
    description: 'Deletes the streaming session named by `via-client-sessionid` (`DELETE …/streaming/session`): its subscriptions end with `STREAMING_SESSION_GONE`.',
    requiresScopes: streamingCommandScopes('streamingSessionDelete'),
    errors: { types: [...commandErrorClasses], union: { description: 'The outcome of `streamingSessionDelete`: `StreamingSessionDeleted`, or the error that stopped it.' } },
    resolve: (_root, _args, context) => deleteStreamingSession(context),
  }),
);

builder.subscriptionType({
  description: 'The agent’s events, as the Streaming API reports them.',
  fields: (t) => ({
    agentEvents: t.field({
      type: AgentEventType,
      nullable: false,
      description:
        'The events of the streaming session named by `via-client-sessionid` (over WebSocket: in the `connection_init` payload, with `authorization`, `x-api-key` and `x-alvaria-org-id`), ' +
        'from now on, or after `after`. One retrieval per session whatever the subscribers; events arrive in order, each once. ' +
        'Ends with an error whose `extensions.code` says why: `STREAMING_SESSION_GONE`, `UNAUTHENTICATED`, `FORBIDDEN`, `UPSTREAM_ERROR`, `SUBSCRIBER_TOO_SLOW`, `SHUTTING_DOWN`, `TOO_MANY_SUBSCRIPTIONS`, `BAD_USER_INPUT`.',
      args: {
        after: t.arg.id({
          required: false,
          description: 'Resume after this event id: the retained events after it first, then the live ones, with no gap and no duplicate.',
        }),
        kinds: t.arg.stringList({ required: false, description: 'Only events of these kinds (`engagementCenter.Active`…); all when left out.' }),
      },
      subscribe: (_root, args, context) => subscribeToAgentEvents(args, context),
      resolve: (event) => event,
    }),
  }),
});
