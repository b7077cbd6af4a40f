/**
 * What GraphiQL opens with: an agent's session, one command per operation (Run asks which; the
 * first, Connect, succeeds on its own), and a tab that shows a typed error. Arguments are literal
 * because GraphiQL sends the top-level headers, not a tab's own (graphql/graphiql#3392).
 */

const accepted = (type: 'UserCommandAccepted' | 'InteractionCommandAccepted') =>
  `    __typename
    ... on ${type} { status ${type === 'UserCommandAccepted' ? 'agent' : 'interaction'} { id } }
    ... on UpstreamError { status message details { scope reason message } }
    ... on Error { message }`;

const user = (name: string, field: string, input: string) =>
  `mutation ${name} {\n  ${field}(userId: "agent-1", input: ${input}) {\n${accepted('UserCommandAccepted')}\n  }\n}`;
const interaction = (name: string, field: string, input: string) =>
  `mutation ${name} {\n  ${field}(interactionId: "4320", input: ${input}) {\n${accepted('InteractionCommandAccepted')}\n  }\n}`;

export const agentSessionExample = [
  '# An agent session, one command per operation. Press Run and pick one; Connect comes first.\n' +
    '# The headers (Authorization, x-api-key, via-client-sessionid) are in the Headers tab below.',
  user('Connect', 'userConnect', '{ attach: false, initialState: IDLE, station: "9785551212", emailAddress: "agent@example.com" }'),
  user('Ready', 'userReady', '{ ehubSessionId: "4875" }'),
  interaction('Accept', 'interactionAccept', '{ ehubSessionId: "4875" }'),
  interaction('Hold', 'interactionHold', '{ ehubSessionId: "4875" }'),
  interaction('Transfer', 'interactionTransfer', '{ transferType: USER, ehubSessionId: "4875", workTypeId: "321", userId: "agent-2" }'),
  interaction(
    'Dispose',
    'interactionDispose',
    '{ ehubSessionId: "4875", dispositionId: "1", wrapRequired: false, salesFlag: false, callbackFlag: false, interactionDataCollection: [{ key: "Reason", value: "Billing", isMasked: false }] }',
  ),
  user('Disconnect', 'userDisconnect', '{ ehubSessionId: "4875", reasonId: "1" }'),
].join('\n\n');

export const typedErrorExample = `# Failures are typed results, not exceptions: ".." is no valid interaction id, so the gateway
# answers a ValidationError and sends nothing. Select "... on Error { message }" to handle any failure.
mutation TypedError {
  interactionHold(interactionId: "..", input: { ehubSessionId: "4875" }) {
    __typename
    ... on ValidationError { field message }
    ... on Error { message }
  }
}
`;

/** Headers that show what to send; the simulator's own accepted values replace them there. */
export const placeholderHeaders = JSON.stringify(
  { Authorization: 'Bearer <accessToken>', 'x-api-key': '<api key>', 'via-client-sessionid': '<streaming session id>' },
  null,
  2,
);

/** The simulator's demo credentials, with a streaming session it issued (so that its events reach the Events tab). */
export const simulatorHeaders = (sessionId: string): string =>
  JSON.stringify({ Authorization: 'Bearer demo-access-token', 'x-api-key': 'demo-api-key', 'via-client-sessionid': sessionId }, null, 2);

/** GraphiQL stops a running operation when its tab changes: the commands are run in another browser tab. */
export const agentEventsExample = `# The agent's events on the streaming session of the Headers tab. Press Run, then open GraphiQL
# in another browser tab (switching tabs here stops this one) and run Connect, Ready or Hold in
# its first tab: their events appear here as the Streaming API reports them, the latest shown.
subscription Events {
  agentEvents {
    id
    kind
    category
    occurredAt
    payload
  }
}
`;
