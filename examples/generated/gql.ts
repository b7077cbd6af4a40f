/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation Accept($interactionId: ID!, $input: AcceptInput!) {\n  interactionAccept(interactionId: $interactionId, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}": typeof types.AcceptDocument,
    "mutation Connect($userId: ID!, $input: ConnectInput!) {\n  userConnect(userId: $userId, input: $input) {\n    __typename\n    ... on UserCommandAccepted {\n      status\n      agent {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}": typeof types.ConnectDocument,
    "mutation Disconnect($userId: ID!, $input: DisconnectInput!) {\n  userDisconnect(userId: $userId, input: $input) {\n    __typename\n    ... on UserCommandAccepted {\n      status\n      agent {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}": typeof types.DisconnectDocument,
    "mutation Dispose($interactionId: ID!, $input: DisposeInput!) {\n  interactionDispose(interactionId: $interactionId, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}": typeof types.DisposeDocument,
    "fragment CommandFailure on Error {\n  __typename\n  message\n  ... on UpstreamError {\n    status\n    details {\n      scope\n      reason\n      message\n    }\n  }\n  ... on ValidationError {\n    field\n  }\n  ... on TooManyRequestsError {\n    retryAfterSeconds\n  }\n  ... on ServiceUnavailableError {\n    retryAfterSeconds\n  }\n  ... on UpstreamUnavailableError {\n    retryAfterSeconds\n  }\n  ... on RateLimitedError {\n    retryAfterSeconds\n  }\n}": typeof types.CommandFailureFragmentDoc,
    "mutation Hold($interactionId: ID!, $input: HoldInput!) {\n  interactionHold(interactionId: $interactionId, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}": typeof types.HoldDocument,
    "mutation Ready($userId: ID!, $input: ReadyInput!) {\n  userReady(userId: $userId, input: $input) {\n    __typename\n    ... on UserCommandAccepted {\n      status\n      agent {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}": typeof types.ReadyDocument,
    "mutation Retrieve($interactionId: ID!, $input: RetrieveInput!) {\n  interactionRetrieve(interactionId: $interactionId, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}": typeof types.RetrieveDocument,
    "mutation Terminate($interactionId: ID!, $input: TerminateInput!) {\n  interactionTerminate(interactionId: $interactionId, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}": typeof types.TerminateDocument,
};
const documents: Documents = {
    "mutation Accept($interactionId: ID!, $input: AcceptInput!) {\n  interactionAccept(interactionId: $interactionId, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}": types.AcceptDocument,
    "mutation Connect($userId: ID!, $input: ConnectInput!) {\n  userConnect(userId: $userId, input: $input) {\n    __typename\n    ... on UserCommandAccepted {\n      status\n      agent {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}": types.ConnectDocument,
    "mutation Disconnect($userId: ID!, $input: DisconnectInput!) {\n  userDisconnect(userId: $userId, input: $input) {\n    __typename\n    ... on UserCommandAccepted {\n      status\n      agent {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}": types.DisconnectDocument,
    "mutation Dispose($interactionId: ID!, $input: DisposeInput!) {\n  interactionDispose(interactionId: $interactionId, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}": types.DisposeDocument,
    "fragment CommandFailure on Error {\n  __typename\n  message\n  ... on UpstreamError {\n    status\n    details {\n      scope\n      reason\n      message\n    }\n  }\n  ... on ValidationError {\n    field\n  }\n  ... on TooManyRequestsError {\n    retryAfterSeconds\n  }\n  ... on ServiceUnavailableError {\n    retryAfterSeconds\n  }\n  ... on UpstreamUnavailableError {\n    retryAfterSeconds\n  }\n  ... on RateLimitedError {\n    retryAfterSeconds\n  }\n}": types.CommandFailureFragmentDoc,
    "mutation Hold($interactionId: ID!, $input: HoldInput!) {\n  interactionHold(interactionId: $interactionId, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}": types.HoldDocument,
    "mutation Ready($userId: ID!, $input: ReadyInput!) {\n  userReady(userId: $userId, input: $input) {\n    __typename\n    ... on UserCommandAccepted {\n      status\n      agent {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}": types.ReadyDocument,
    "mutation Retrieve($interactionId: ID!, $input: RetrieveInput!) {\n  interactionRetrieve(interactionId: $interactionId, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}": types.RetrieveDocument,
    "mutation Terminate($interactionId: ID!, $input: TerminateInput!) {\n  interactionTerminate(interactionId: $interactionId, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}": types.TerminateDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Accept($interactionId: ID!, $input: AcceptInput!) {\n  interactionAccept(interactionId: $interactionId, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}"): (typeof documents)["mutation Accept($interactionId: ID!, $input: AcceptInput!) {\n  interactionAccept(interactionId: $interactionId, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Connect($userId: ID!, $input: ConnectInput!) {\n  userConnect(userId: $userId, input: $input) {\n    __typename\n    ... on UserCommandAccepted {\n      status\n      agent {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}"): (typeof documents)["mutation Connect($userId: ID!, $input: ConnectInput!) {\n  userConnect(userId: $userId, input: $input) {\n    __typename\n    ... on UserCommandAccepted {\n      status\n      agent {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Disconnect($userId: ID!, $input: DisconnectInput!) {\n  userDisconnect(userId: $userId, input: $input) {\n    __typename\n    ... on UserCommandAccepted {\n      status\n      agent {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}"): (typeof documents)["mutation Disconnect($userId: ID!, $input: DisconnectInput!) {\n  userDisconnect(userId: $userId, input: $input) {\n    __typename\n    ... on UserCommandAccepted {\n      status\n      agent {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Dispose($interactionId: ID!, $input: DisposeInput!) {\n  interactionDispose(interactionId: $interactionId, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}"): (typeof documents)["mutation Dispose($interactionId: ID!, $input: DisposeInput!) {\n  interactionDispose(interactionId: $interactionId, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CommandFailure on Error {\n  __typename\n  message\n  ... on UpstreamError {\n    status\n    details {\n      scope\n      reason\n      message\n    }\n  }\n  ... on ValidationError {\n    field\n  }\n  ... on TooManyRequestsError {\n    retryAfterSeconds\n  }\n  ... on ServiceUnavailableError {\n    retryAfterSeconds\n  }\n  ... on UpstreamUnavailableError {\n    retryAfterSeconds\n  }\n  ... on RateLimitedError {\n    retryAfterSeconds\n  }\n}"): (typeof documents)["fragment CommandFailure on Error {\n  __typename\n  message\n  ... on UpstreamError {\n    status\n    details {\n      scope\n      reason\n      message\n    }\n  }\n  ... on ValidationError {\n    field\n  }\n  ... on TooManyRequestsError {\n    retryAfterSeconds\n  }\n  ... on ServiceUnavailableError {\n    retryAfterSeconds\n  }\n  ... on UpstreamUnavailableError {\n    retryAfterSeconds\n  }\n  ... on RateLimitedError {\n    retryAfterSeconds\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Hold($interactionId: ID!, $input: HoldInput!) {\n  interactionHold(interactionId: $interactionId, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}"): (typeof documents)["mutation Hold($interactionId: ID!, $input: HoldInput!) {\n  interactionHold(interactionId: $interactionId, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Ready($userId: ID!, $input: ReadyInput!) {\n  userReady(userId: $userId, input: $input) {\n    __typename\n    ... on UserCommandAccepted {\n      status\n      agent {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}"): (typeof documents)["mutation Ready($userId: ID!, $input: ReadyInput!) {\n  userReady(userId: $userId, input: $input) {\n    __typename\n    ... on UserCommandAccepted {\n      status\n      agent {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Retrieve($interactionId: ID!, $input: RetrieveInput!) {\n  interactionRetrieve(interactionId: $interactionId, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}"): (typeof documents)["mutation Retrieve($interactionId: ID!, $input: RetrieveInput!) {\n  interactionRetrieve(interactionId: $interactionId, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Terminate($interactionId: ID!, $input: TerminateInput!) {\n  interactionTerminate(interactionId: $interactionId, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}"): (typeof documents)["mutation Terminate($interactionId: ID!, $input: TerminateInput!) {\n  interactionTerminate(interactionId: $interactionId, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ...CommandFailure\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;