/** How GraphQL names, deprecations and REST paths follow from a catalog entry, as the contract states them. */
import type { EndpointSpec, FieldSpec, Resource } from './types.js';

const upperFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** `interactions` + `accept` -> `interactionAccept`. */
export const mutationName = (endpoint: EndpointSpec): string =>
  `${endpoint.resource === 'interactions' ? 'interaction' : 'user'}${upperFirst(endpoint.operation)}`;

/** `AcceptParmsSchema` -> `AcceptInput`. */
export const inputTypeName = (endpoint: EndpointSpec): string => `${endpoint.schema}Input`;

/** The path parameter, also the mutation's id argument. */
export const pathIdName = (resource: Resource): 'interactionId' | 'userId' =>
  resource === 'interactions' ? 'interactionId' : 'userId';

/** An enumerated property's GraphQL enum: `cancelType` -> `CancelType`. */
export const enumTypeName = (property: string): string => upperFirst(property);

/** A REST enum value's GraphQL name: `NotReady` -> `NOT_READY`, `Worktype` -> `WORKTYPE`, `en-US` -> `EN_US`. */
export const enumValueName = (restValue: string): string =>
  restValue
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();

/** The path below the base URL, each variable segment percent-encoded. */
export const restPath = (endpoint: EndpointSpec, organization: string, pathId: string): string =>
  `/via/v2/organizations/${encodeURIComponent(organization)}/engagementCenter/${endpoint.resource}/` +
  `${encodeURIComponent(pathId)}/${endpoint.operation}`;

/** The endpoint as a template without ids, for logs and metrics: `interactions/{interactionId}/hold`. */
export const endpointTemplate = (endpoint: EndpointSpec): string =>
  `${endpoint.resource}/{${pathIdName(endpoint.resource)}}/${endpoint.operation}`;

/** The page's deprecation sentences at the head of a description: "Deprecated. Not used. This property is being deprecated. …". */
const DEPRECATION = /^Deprecated\.\s+(.*?\bdeprecated\.)/;

/** A deprecated field's GraphQL `deprecationReason`, in the page's words ("Not used. This property is being deprecated."). */
export const deprecationReason = (spec: FieldSpec): string | undefined =>
  spec.type === 'string' && spec.deprecated ? (DEPRECATION.exec(spec.description)?.[1] ?? 'Deprecated.') : undefined;
