/**
 * The requests the benchmark sends: a small command as Apollo Client 4 sends it (its `Accept`,
 * `operationName` and `extensions.clientLibrary`) and bare, the largest input, an idempotent signal.
 */

const holdQuery = 'mutation Hold($id: ID!, $input: HoldInput!) { interactionHold(interactionId: $id, input: $input) { __typename ... on InteractionCommandAccepted { status } ... on Error { message } } }';
const transferQuery =
  'mutation Transfer($id: ID!, $input: TransferInput!) { interactionTransfer(interactionId: $id, input: $input) { __typename ... on InteractionCommandAccepted { status } ... on Error { message } } }';
const keepAliveQuery = 'mutation KeepAlive($id: ID!, $input: KeepAliveInput!) { userKeepAlive(userId: $id, input: $input) { __typename ... on UserCommandAccepted { status } ... on Error { message } } }';

const holdVariables = { id: '4320', input: { ehubSessionId: '4875' } };

/** What Apollo Client 4 and urql 6 put first in `Accept`. */
export const clientAccept = 'application/graphql-response+json,application/json;q=0.9';

/** Workloads sent with `clientAccept` rather than `application/json`. */
export const sentAsClients: ReadonlySet<string> = new Set(['apolloClientHold']);

export const workloads = {
  apolloClientHold: JSON.stringify({
    operationName: 'Hold',
    query: holdQuery,
    variables: holdVariables,
    extensions: { clientLibrary: { name: '@apollo/client', version: '4.3.8' } },
  }),
  interactionHold: JSON.stringify({ query: holdQuery, variables: holdVariables }),
  interactionTransfer20: JSON.stringify({
    query: transferQuery,
    variables: {
      id: '4320',
      input: {
        transferType: 'USER',
        ehubSessionId: '4875',
        workTypeId: '321',
        userId: '999d97b0c00d99',
        interactionDataCollection: Array.from({ length: 20 }, (_, index) => ({ key: `Field${index}`, value: `Value number ${index}`, isMasked: index % 2 === 0 })),
      },
    },
  }),
  userKeepAlive: JSON.stringify({ query: keepAliveQuery, variables: { id: 'agent-1', input: { ehubSessionId: '4875', sessionTimeout: 600 } } }),
} as const;

export type Workload = keyof typeof workloads;

/** The hold, bare and as Apollo Client 4 sends it: what the peers (bench/peers/) serve. */
export const holdWorkloads: readonly Workload[] = ['apolloClientHold', 'interactionHold'];
