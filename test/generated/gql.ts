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
    "mutation Hold($id: ID!, $input: HoldInput!) {\n  interactionHold(interactionId: $id, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ... on UpstreamError {\n      status\n      message\n      details {\n        scope\n        reason\n        message\n      }\n    }\n    ... on TooManyRequestsError {\n      retryAfterSeconds\n    }\n    ... on ServiceUnavailableError {\n      retryAfterSeconds\n    }\n    ... on ValidationError {\n      field\n    }\n    ... on Error {\n      message\n    }\n  }\n}": typeof types.HoldDocument,
    "mutation KeepAlive($userId: ID!, $input: KeepAliveInput!) {\n  userKeepAlive(userId: $userId, input: $input) {\n    __typename\n    ... on UserCommandAccepted {\n      status\n      agent {\n        id\n      }\n    }\n    ... on ValidationError {\n      field\n    }\n    ... on Error {\n      message\n    }\n  }\n}": typeof types.KeepAliveDocument,
    "query OrganizationOrError {\n  engagementCenter {\n    apiVersion\n    organization {\n      __typename\n      ... on EngagementCenterOrganization {\n        id\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n}": typeof types.OrganizationOrErrorDocument,
    "query Organization {\n  engagementCenter {\n    apiVersion\n    organization {\n      __typename\n      ... on EngagementCenterOrganization {\n        id\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n}": typeof types.OrganizationDocument,
};
const documents: Documents = {
    "mutation Hold($id: ID!, $input: HoldInput!) {\n  interactionHold(interactionId: $id, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ... on UpstreamError {\n      status\n      message\n      details {\n        scope\n        reason\n        message\n      }\n    }\n    ... on TooManyRequestsError {\n      retryAfterSeconds\n    }\n    ... on ServiceUnavailableError {\n      retryAfterSeconds\n    }\n    ... on ValidationError {\n      field\n    }\n    ... on Error {\n      message\n    }\n  }\n}": types.HoldDocument,
    "mutation KeepAlive($userId: ID!, $input: KeepAliveInput!) {\n  userKeepAlive(userId: $userId, input: $input) {\n    __typename\n    ... on UserCommandAccepted {\n      status\n      agent {\n        id\n      }\n    }\n    ... on ValidationError {\n      field\n    }\n    ... on Error {\n      message\n    }\n  }\n}": types.KeepAliveDocument,
    "query OrganizationOrError {\n  engagementCenter {\n    apiVersion\n    organization {\n      __typename\n      ... on EngagementCenterOrganization {\n        id\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n}": types.OrganizationOrErrorDocument,
    "query Organization {\n  engagementCenter {\n    apiVersion\n    organization {\n      __typename\n      ... on EngagementCenterOrganization {\n        id\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n}": types.OrganizationDocument,
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
export function graphql(source: "mutation Hold($id: ID!, $input: HoldInput!) {\n  interactionHold(interactionId: $id, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ... on UpstreamError {\n      status\n      message\n      details {\n        scope\n        reason\n        message\n      }\n    }\n    ... on TooManyRequestsError {\n      retryAfterSeconds\n    }\n    ... on ServiceUnavailableError {\n      retryAfterSeconds\n    }\n    ... on ValidationError {\n      field\n    }\n    ... on Error {\n      message\n    }\n  }\n}"): (typeof documents)["mutation Hold($id: ID!, $input: HoldInput!) {\n  interactionHold(interactionId: $id, input: $input) {\n    __typename\n    ... on InteractionCommandAccepted {\n      status\n      interaction {\n        id\n      }\n    }\n    ... on UpstreamError {\n      status\n      message\n      details {\n        scope\n        reason\n        message\n      }\n    }\n    ... on TooManyRequestsError {\n      retryAfterSeconds\n    }\n    ... on ServiceUnavailableError {\n      retryAfterSeconds\n    }\n    ... on ValidationError {\n      field\n    }\n    ... on Error {\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation KeepAlive($userId: ID!, $input: KeepAliveInput!) {\n  userKeepAlive(userId: $userId, input: $input) {\n    __typename\n    ... on UserCommandAccepted {\n      status\n      agent {\n        id\n      }\n    }\n    ... on ValidationError {\n      field\n    }\n    ... on Error {\n      message\n    }\n  }\n}"): (typeof documents)["mutation KeepAlive($userId: ID!, $input: KeepAliveInput!) {\n  userKeepAlive(userId: $userId, input: $input) {\n    __typename\n    ... on UserCommandAccepted {\n      status\n      agent {\n        id\n      }\n    }\n    ... on ValidationError {\n      field\n    }\n    ... on Error {\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OrganizationOrError {\n  engagementCenter {\n    apiVersion\n    organization {\n      __typename\n      ... on EngagementCenterOrganization {\n        id\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n}"): (typeof documents)["query OrganizationOrError {\n  engagementCenter {\n    apiVersion\n    organization {\n      __typename\n      ... on EngagementCenterOrganization {\n        id\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Organization {\n  engagementCenter {\n    apiVersion\n    organization {\n      __typename\n      ... on EngagementCenterOrganization {\n        id\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n}"): (typeof documents)["query Organization {\n  engagementCenter {\n    apiVersion\n    organization {\n      __typename\n      ... on EngagementCenterOrganization {\n        id\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;