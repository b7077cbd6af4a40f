/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  /** The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `"4"`) or integer (such as `4`) input value will be accepted as an ID. */
  ID: { input: string; output: string; }
  /** The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text. */
  String: { input: string; output: string; }
  /** The `Boolean` scalar type represents `true` or `false`. */
  Boolean: { input: boolean; output: boolean; }
  /** The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1. */
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant as RFC 3339 text with a time zone, such as `2021-06-30T20:15:07.134Z`. The REST call carries the same instant as UTC ISO-8601 text. */
  DateTime: { input: any; output: any; }
  /** Any JSON value, as the Streaming API gave it: an agent event’s payload, unchanged. */
  JSON: { input: any; output: any; }
  /** A reference to an entity: its `__typename` and key fields, as a federation router sends it. */
  _Any: { input: any; output: any; }
};

/** Accept information */
export type AcceptInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
};

/** Activate information */
export type ActivateInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
};

/** An agent: an Engagement Center user, identified by the Alvaria-generated user id. Other subgraphs can extend it. */
export type Agent = {
  __typename?: 'Agent';
  /** Alvaria-generated unique identifier for a user instance that can be retrieved prior to use from the provisioning rest API. The url is /via/v2/organizations/{orgId}/provisioning/users. */
  id: Scalars['ID']['output'];
};

/** Something that happened to the agent or one of its interactions, as the Streaming API delivered it on the streaming session (the outcome of a command, an interaction offered, statistics…). Events of a session arrive in `sequenceNumber` order, each once. */
export type AgentEvent = {
  __typename?: 'AgentEvent';
  /** The part of `kind` before the first dot (`engagementCenter`). */
  category: Scalars['String']['output'];
  /** The decimal text of `sequenceNumber`: stable and unique in the session. Resume with it (`after`, or SSE `Last-Event-ID`). */
  id: Scalars['ID']['output'];
  /** The event’s name as the API gives it, `<category>.<Name>`: `engagementCenter.Active`, `engagementCenter.InteractionClear`… */
  kind: Scalars['String']['output'];
  /** When the event happened, as the API says (its `creationTime`); null when it gives none. */
  occurredAt?: Maybe<Scalars['DateTime']['output']>;
  /** The event’s payload, as the API gave it. */
  payload: Scalars['JSON']['output'];
  /** When this gateway stored the event. */
  receivedAt: Scalars['DateTime']['output'];
  /** The event’s place in the streaming session, increasing. */
  sequenceNumber: Scalars['Int']['output'];
};

/** Request Agent Statistics information */
export type AgentStatisticsInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
};

/** HTTP 400: the API rejected the request as malformed. */
export type BadRequestError = Error & UpstreamError & {
  __typename?: 'BadRequestError';
  /** The API's `ErrorResponse.errors`; empty when it gave none. */
  details: Array<ErrorDetail>;
  /** The API's `ErrorResponse.message`, else the standard reason phrase of the status. */
  message: Scalars['String']['output'];
  /** The HTTP status of the answer. */
  status: Scalars['Int']['output'];
};

/** Callback information */
export type CallbackInput = {
  /** An absolute date and time for the callback. This property is mutually exclusive with snoozeTime. If both dateTime and snoozeTime are specified then snoozeTime takes precedence. */
  dateTime: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** A memo to be presented to the agent who receives the callback */
  memo?: InputMaybe<Scalars['String']['input']>;
  /** The phone number to call back. */
  phoneNumber: Scalars['String']['input'];
  /** A relative time for the callback. The number of minutes since being scheduled when the callback should be executed. This property is mutually exclusive with dateTime. If both dateTime and snoozeTime are specified then snoozeTime takes precedence. */
  snoozeTime: Scalars['Int']['input'];
  /** The Olson (a.k.a. IANA) Time Zone Name for the specified dateTime (see https://www.iana.org/time-zones for more information). This property only applies when dateTime is specified. The value can be retrieved prior to use from the Alvaria™ Cloud Campaign REST API. The url is /via/v3/organizations/{orgId}/campaign/timeZones. */
  timeZoneName?: InputMaybe<Scalars['String']['input']>;
  /** Whether the callback should be routed to the same agent who scheduled it. If false then the callback is routed to any available agent in the specified Outreach work type. */
  toSameAgent: Scalars['Boolean']['input'];
  /** Alvaria-generated unique identifier for the Outreach work type for the callback. The work type can be retrieved from url /via/v2/organizations/{orgId}/provisioning/workTypes?channelType=voice&direction=outreach. */
  workTypeId: Scalars['String']['input'];
};

/** Cancel information */
export type CancelInput = {
  /** Type of pending command that you want to cancel */
  cancelType: CancelType;
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
};

/** Type of pending command that you want to cancel */
export type CancelType =
  /** Sends `Disconnect` to the REST API. */
  | 'DISCONNECT'
  /** Sends `NotReady` to the REST API. */
  | 'NOT_READY';

/** CloseEmail information */
export type CloseEmailInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** This is a collection of up to 20 user fields. */
  interactionDataCollection: Array<InteractionDataInput>;
  /** The semicolon-delimited string containing the destination email addresses of the email message. Required only if the email is an agent-initiated, composed email and not a reply to an existing customer email. */
  to?: InputMaybe<Scalars['String']['input']>;
};

/** ComposeEmail information */
export type ComposeEmailInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the Email work type to associate with the new email. The Email work type should be one to which the user is assigned (i.e., received by the user in an engagementCenter.NewWorkType event from the Streaming API during login) and should have its "canInitiateNewOutboundEmail" setting set to true. The work type settings can be retrieved from url /via/v2/organizations/{orgId}/provisioning/workTypes/{workTypeId}/workHandlerRules */
  workTypeId: Scalars['String']['input'];
};

/** Conference information */
export type ConferenceInput = {
  /** Alvaria-generated unique identifier for the interaction of the consult call for which you want to conference with the customer */
  consultationInteractionId: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
};

/** Connect information */
export type ConnectInput = {
  /** Whether this session should connect to an existing internal session ID */
  attach: Scalars['Boolean']['input'];
  /** Email address, this property is not required when setting 'attach' to True. */
  emailAddress?: InputMaybe<Scalars['String']['input']>;
  /** State that the agent is put into when connected, this property is not required when setting 'attach' to True. */
  initialState?: InputMaybe<InitialState>;
  /** Alvaria-generated unique identifier for the route access, this property is not required when setting 'attach' to True. */
  routeaccessId?: InputMaybe<Scalars['String']['input']>;
  /** Phone number the system uses as the endpoint for agent audio, this property is not required when setting 'attach' to True. */
  station?: InputMaybe<Scalars['String']['input']>;
  /**
   * Deprecated. Not used. This property is being deprecated. Alvaria-generated unique identifier for the work group, this property is not required when setting 'attach' to True.
   * @deprecated Not used. This property is being deprecated.
   */
  workgroupId?: InputMaybe<Scalars['String']['input']>;
};

/** Consult information */
export type ConsultInput = {
  /** Type of consult */
  consultType: ConsultType;
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** JSON string of the Via Entity retrieved from Alvaria™ Cloud Provisioning REST API. Expected entities: UsersFragment, workTypeTerse, SystemExternalFragment (ViaProvisioningExternalSwagger); */
  entity?: InputMaybe<Scalars['String']['input']>;
  /** Alvaria-generated unique identifier for the external route ID */
  externalRouteId?: InputMaybe<Scalars['String']['input']>;
  /** This is a collection of up to 20 user fields. */
  interactionDataCollection?: InputMaybe<Array<InteractionDataInput>>;
  /** Phone number that you want to dial if the request requires it */
  phoneNumber?: InputMaybe<Scalars['String']['input']>;
  /** Alvaria-generated unique identifier for the user instance that can be retrieved prior to use from the provisioning rest API. The url is /via/v2/organizations/{orgId}/provisioning/users. */
  userId: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the work type */
  workTypeId?: InputMaybe<Scalars['String']['input']>;
};

/** Type of consult */
export type ConsultType =
  /** Sends `External` to the REST API. */
  | 'EXTERNAL'
  /** Sends `User` to the REST API. */
  | 'USER'
  /** Sends `Worktype` to the REST API. */
  | 'WORKTYPE';

/** DeletePersonalGreeting information */
export type DeletePersonalGreetingInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** The phone number provided as the agent's station when connecting to the system (e.g, through the /connect endpoint). It is used as the endpoint for agent audio. */
  station: Scalars['String']['input'];
};

/** Dial information */
export type DialInput = {
  /** Type of dial */
  dialType: DialType;
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** JSON string of the Via Entity retrieved from Alvaria™ Cloud Provisioning REST API. Expected entities: UsersFragment, workTypeTerse, SystemExternalFragment (ViaProvisioningExternalSwagger); */
  entity?: InputMaybe<Scalars['String']['input']>;
  /** Alvaria-generated unique identifier for the external route */
  externalRouteId?: InputMaybe<Scalars['String']['input']>;
  /** Phone number that you want to dial if the request requires it */
  phoneNumber?: InputMaybe<Scalars['String']['input']>;
  /** This optional parameter will cause the Alvaria™ Cloud internal system to send a wrap state, which means that the client will need to dispose the interaction. */
  requireWrap?: InputMaybe<Scalars['Boolean']['input']>;
  /** Alvaria-generated unique identifier for the user instance that can be retrieved prior to use from the provisioning rest API. The url is /via/v2/organizations/{orgId}/provisioning/users. */
  userId: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the work type */
  workTypeId: Scalars['String']['input'];
};

/** Type of dial */
export type DialType =
  /** Sends `External` to the REST API. */
  | 'EXTERNAL'
  /** Sends `Preview` to the REST API. */
  | 'PREVIEW'
  /** Sends `User` to the REST API. */
  | 'USER'
  /** Sends `WorkType` to the REST API. */
  | 'WORK_TYPE';

/** Digits information */
export type DigitsInput = {
  /** List of digits to play. */
  digits: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
};

/** Disconnect information */
export type DisconnectInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. If a malformed string is sent an HTTP return code 400 'Bad Request' will be sent in return. In that case, the disconnect will need to be resent with the valid ehubSessionId. */
  ehubSessionId: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the status reason. Status reasons are defined in Configuration Manager. A reasonId set to -1 would cause a forced disconnect to be executed. This would cause a user to be disconnected without taking into account the current state of the user. */
  reasonId: Scalars['String']['input'];
};

/** Dispose information */
export type DisposeInput = {
  /** Whether the interaction is identified for a callback */
  callbackFlag: Scalars['Boolean']['input'];
  /** Alvaria-generated unique identifier for the disposition */
  dispositionId: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** This is a collection of up to 20 user fields. */
  interactionDataCollection: Array<InteractionDataInput>;
  /** Whether the interaction is identified as a sales interaction */
  salesFlag: Scalars['Boolean']['input'];
  /** Whether wrap is required for this interaction */
  wrapRequired: Scalars['Boolean']['input'];
};

/** EmailActive information */
export type EmailActiveInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
};

/** EmailError information */
export type EmailErrorInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** The http error status code received by the client from its failed request to retrieve from storage the email message associated with the specified interation. */
  errorCode: Scalars['Int']['input'];
};

/** The Alvaria Cloud Engagement Center REST API behind this gateway. */
export type EngagementCenter = {
  __typename?: 'EngagementCenter';
  /** The version of the Alvaria Cloud Engagement Center REST API that this gateway calls. */
  apiVersion: Scalars['String']['output'];
  /** The organization this request's commands go to: the `x-alvaria-org-id` header when given, else the gateway's default. */
  organization?: Maybe<EngagementCenterOrganizationResult>;
};

/** A customer organization of the Engagement Center. */
export type EngagementCenterOrganization = {
  __typename?: 'EngagementCenterOrganization';
  /** Name of a customer organization */
  id: Scalars['String']['output'];
};

/** The organization, or why the request names none that this gateway serves. */
export type EngagementCenterOrganizationResult = EngagementCenterOrganization | ValidationError;

/** Type of entity */
export type EntityType =
  /** Sends `Agent` to the REST API. */
  | 'AGENT'
  /** Sends `Monitor` to the REST API. */
  | 'MONITOR'
  /** Sends `System` to the REST API. */
  | 'SYSTEM';

/** Every way a command can fail, as data: select `message` on it to handle any failure. */
export type Error = {
  /** What went wrong, for people. */
  message: Scalars['String']['output'];
};

/** One entry of the Engagement Center's `ErrorResponse.errors`. */
export type ErrorDetail = {
  __typename?: 'ErrorDetail';
  /** A text about this entry, as the API reports it. */
  message?: Maybe<Scalars['String']['output']>;
  /** Why, as the API reports it. */
  reason?: Maybe<Scalars['String']['output']>;
  /** Where the error applies, as the API reports it. */
  scope?: Maybe<Scalars['String']['output']>;
};

/** Force disconnect information */
export type ForceDisconnectInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. This is the ehubSessionId of the session making the request and is optional as this request is supported while not connected. */
  ehubSessionId?: InputMaybe<Scalars['String']['input']>;
  /** Alvaria-generated unique identifier for the user to be disconnected. It can be retrieved from provisioning API url /via/v2/organizations/{orgId}/provisioning/users */
  userId: Scalars['String']['input'];
};

/** ForwardEmail information */
export type ForwardEmailInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** This is a collection of up to 20 user fields. */
  interactionDataCollection: Array<InteractionDataInput>;
  /** Alvaria-generated unique identifier for the path in cloud storage to the associated reply email message or agent-initiated, composed email message created by the client. */
  replyEmailObjectId: Scalars['String']['input'];
  /** The semicolon-delimited string containing the destination email addresses of the email message. */
  to: Scalars['String']['input'];
};

/** HTTP 410: what the command refers to no longer exists. */
export type GoneError = Error & UpstreamError & {
  __typename?: 'GoneError';
  /** The API's `ErrorResponse.errors`; empty when it gave none. */
  details: Array<ErrorDetail>;
  /** The API's `ErrorResponse.message`, else the standard reason phrase of the status. */
  message: Scalars['String']['output'];
  /** The HTTP status of the answer. */
  status: Scalars['Int']['output'];
};

/** Hold information */
export type HoldInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
};

/** State that the agent is put into when connected, this property is not required when setting 'attach' to True. */
export type InitialState =
  /** Sends `Idle` to the REST API. */
  | 'IDLE'
  /** Sends `NotReady` to the REST API. */
  | 'NOT_READY'
  /** Sends `Park` to the REST API. */
  | 'PARK';

/** An interaction (a call, chat, SMS or email) in the Engagement Center, identified by its Alvaria-generated id. Other subgraphs can extend it. */
export type Interaction = {
  __typename?: 'Interaction';
  /** Alvaria-generated unique ID for an interaction instance */
  id: Scalars['ID']['output'];
};

/** The outcome of `interactionAccept`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionAcceptResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `interactionActivate`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionActivateResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `interactionCallback`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionCallbackResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `interactionCloseEmail`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionCloseEmailResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The Engagement Center accepted the command. Its outcome is reported later as events on the streaming session. Returned by the interaction commands. */
export type InteractionCommandAccepted = {
  __typename?: 'InteractionCommandAccepted';
  /** The interaction the command was sent for. */
  interaction: Interaction;
  /** The HTTP status of the answer (the API answers 202 Accepted). */
  status: Scalars['Int']['output'];
};

/** The outcome of `interactionConference`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionConferenceResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `interactionConsult`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionConsultResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** One of the up to 20 user fields of an interaction: a key value pair, optionally masked. */
export type InteractionDataInput = {
  /** This shows whether a field should be masked in the UI. */
  isMasked?: InputMaybe<Scalars['Boolean']['input']>;
  /** This is the key of the key value pair. */
  key?: InputMaybe<Scalars['String']['input']>;
  /** This is the value of the key value pair. */
  value?: InputMaybe<Scalars['String']['input']>;
};

/** The outcome of `interactionDial`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionDialResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `interactionDigits`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionDigitsResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `interactionDispose`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionDisposeResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `interactionEmailActive`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionEmailActiveResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `interactionEmailError`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionEmailErrorResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `interactionForwardEmail`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionForwardEmailResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `interactionHold`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionHoldResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `interactionMessageActive`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionMessageActiveResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `interactionPauseMessage`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionPauseMessageResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `interactionPlayMessage`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionPlayMessageResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `interactionReject`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionRejectResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `interactionResumeMessage`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionResumeMessageResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `interactionRetrieve`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionRetrieveResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `interactionSaveEmail`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionSaveEmailResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `interactionSendEmail`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionSendEmailResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `interactionStopMessage`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionStopMessageResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `interactionTerminate`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionTerminateResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `interactionTransferEmailToUser`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionTransferEmailToUserResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `interactionTransferEmailToWorkType`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionTransferEmailToWorkTypeResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `interactionTransfer`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionTransferResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** Type of interaction, which can be Voice or ChatSms */
export type InteractionType =
  /** Sends `ChatSms` to the REST API. */
  | 'CHAT_SMS'
  /** Sends `Voice` to the REST API. */
  | 'VOICE';

/** The outcome of `interactionWarning`: `InteractionCommandAccepted`, or the error that stopped it. */
export type InteractionWarningResult = BadRequestError | GoneError | InteractionCommandAccepted | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** HTTP 500: the API failed while handling the command. */
export type InternalServerError = Error & UpstreamError & {
  __typename?: 'InternalServerError';
  /** The API's `ErrorResponse.errors`; empty when it gave none. */
  details: Array<ErrorDetail>;
  /** The API's `ErrorResponse.message`, else the standard reason phrase of the status. */
  message: Scalars['String']['output'];
  /** The HTTP status of the answer. */
  status: Scalars['Int']['output'];
};

/** Keep Alive information */
export type KeepAliveInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** An absolute date and time for the keep alive request. This optional parameter can be used to track the time of the round trip and it will be passed back in the subsequent keep alive event. */
  requestTimestamp?: InputMaybe<Scalars['DateTime']['input']>;
  /** Duration in seconds since the last keepAlive request after which the agent will be logged out of Engagement Center. If this property is not specified, it will be set to the organization's default value. */
  sessionTimeout?: InputMaybe<Scalars['Int']['input']>;
};

/** The IETF Language for the audio message. */
export type Language =
  /** Sends `de-DE` to the REST API. */
  | 'DE_DE'
  /** Sends `en-GB` to the REST API. */
  | 'EN_GB'
  /** Sends `en-US` to the REST API. */
  | 'EN_US'
  /** Sends `es-ES` to the REST API. */
  | 'ES_ES'
  /** Sends `fr-CA` to the REST API. */
  | 'FR_CA'
  /** Sends `pt-BR` to the REST API. */
  | 'PT_BR';

/** MessageActive information */
export type MessageActiveInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** Type of entity */
  entityType: EntityType;
  /** First name */
  firstName: Scalars['String']['input'];
  /** Last name */
  lastName: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the user instance that can be retrieved prior to use from the provisioning rest API. The url is /via/v2/organizations/{orgId}/provisioning/users. */
  userId: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the work type. */
  workTypeId: Scalars['String']['input'];
};

/** HTTP 405: the API does not allow this method here. */
export type MethodNotAllowedError = Error & UpstreamError & {
  __typename?: 'MethodNotAllowedError';
  /** The API's `ErrorResponse.errors`; empty when it gave none. */
  details: Array<ErrorDetail>;
  /** The API's `ErrorResponse.message`, else the standard reason phrase of the status. */
  message: Scalars['String']['output'];
  /** The HTTP status of the answer. */
  status: Scalars['Int']['output'];
};

/** Monitor information */
export type MonitorInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** Monitor type that specifies which type of monitoring that you want to use */
  monitorType: MonitorType;
  /** Alvaria-generated unique identifier for the established monitor session */
  monitoringId: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the station number that you want to monitor */
  monitoringStationId: Scalars['String']['input'];
  /** Station number */
  station: Scalars['String']['input'];
};

/** Monitor type that specifies which type of monitoring that you want to use */
export type MonitorType =
  /** Sends `StartBargeIn` to the REST API. */
  | 'START_BARGE_IN'
  /** Sends `StartCoach` to the REST API. */
  | 'START_COACH'
  /** Sends `StartSilent` to the REST API. */
  | 'START_SILENT'
  /** Sends `StopBargeIn` to the REST API. */
  | 'STOP_BARGE_IN'
  /** Sends `StopCoach` to the REST API. */
  | 'STOP_COACH'
  /** Sends `StopSilent` to the REST API. */
  | 'STOP_SILENT'
  /** Sends `SwitchToBargeIn` to the REST API. */
  | 'SWITCH_TO_BARGE_IN'
  /** Sends `SwitchToCoach` to the REST API. */
  | 'SWITCH_TO_COACH'
  /** Sends `SwitchToSilent` to the REST API. */
  | 'SWITCH_TO_SILENT';

/** Multitasking information */
export type MultitaskingInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** Enable / Disable */
  enabled: Scalars['Boolean']['input'];
};

/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Sends a request to accept an interaction
   *
   * This endpoint will send an accept request to the Alvaria™ Cloud system. This will be the indication that the interaction has been accepted by the agent.
   */
  interactionAccept?: Maybe<InteractionAcceptResult>;
  /**
   * Sends an interaction activation
   *
   * This sends an activate(ActivateCall) request to the Alvaria™ Cloud system. This signals to the back end that the focus of the agent has moved to a different interaction. This will have implications for reporting.
   */
  interactionActivate?: Maybe<InteractionActivateResult>;
  /**
   * Schedule a Callback
   *
   * Schedules a callback for an interaction. This callback won't be persisted by the system to the database until after its interaction is dispositioned.
   */
  interactionCallback?: Maybe<InteractionCallbackResult>;
  /**
   * Close an email
   *
   * Requests to close the email interaction (i.e., to dismiss it without replying to it or saving it).
   */
  interactionCloseEmail?: Maybe<InteractionCloseEmailResult>;
  /**
   * Sends a conference request
   *
   * This endpoint will send a conference request to the Alvaria™ Cloud system. This will be the indication that a conference should be established for an existing interaction.
   */
  interactionConference?: Maybe<InteractionConferenceResult>;
  /**
   * Sends a consult request
   *
   * This endpoint will send a consult request to the Alvaria™ Cloud system. This will allow the user to consult with another user, work type or external number.
   */
  interactionConsult?: Maybe<InteractionConsultResult>;
  /**
   * Sends a request to dial
   *
   * This endpoint will send a dial request to the Alvaria™ Cloud system. This will allow a user to dial a user, external number or preview interaction.
   */
  interactionDial?: Maybe<InteractionDialResult>;
  /**
   * Sends a request to play digits on the telephony connection
   *
   * This endpoint will send a digits request to the Alvaria™ Cloud system. This request will send the digits to the audio connection. If multiple digits are required it is best to send them as a string of digits rather than as individual digit requests.
   */
  interactionDigits?: Maybe<InteractionDigitsResult>;
  /**
   * Sends a disposition request for an interaction
   *
   * This endpoint will send a dispose request to the Alvaria™ Cloud system. The dispose will indicate to the system that interaction is fully complete.
   */
  interactionDispose?: Maybe<InteractionDisposeResult>;
  /**
   * Notify that the retrieval of an email message succeeded
   *
   * Notifies that the retrieval from storage of the email message associated with the interaction succeeded. Upon receiving this notification, the VIA system transitions the interaction to the Active state.
   */
  interactionEmailActive?: Maybe<InteractionEmailActiveResult>;
  /**
   * Notify that the retrieval of an email message failed
   *
   * Notifies that the retrieval from storage of the email message associated with the interaction failed. Upon receiving this notification, the VIA system terminates the interaction. If the provided errorCode is 404 (Resource Not Found), then the VIA system also purges the associated email record from its database.
   */
  interactionEmailError?: Maybe<InteractionEmailErrorResult>;
  /**
   * Forward an email
   *
   * Requests to forward the email to the specified email address(es).
   */
  interactionForwardEmail?: Maybe<InteractionForwardEmailResult>;
  /**
   * Sends a request to hold an interaction
   *
   * This endpoint will send a hold request to the Alvaria™ Cloud system. This will cause the audio path of an interaction to be placed on hold.
   */
  interactionHold?: Maybe<InteractionHoldResult>;
  /**
   * Sends a notification that a chat/SMS session has been activated with an agent
   *
   * This endpoint will send a messageActive request to the Alvaria™ Cloud system. This will indicate to the system that the user/agent is ready to start the Chat/SMS session. An agent must send this request upon receiving the Active event for the Chat/SMS interaction. A supervisor monitoring a Chat/SMS session must send this request upon receiving the MonitorState event with monitoringState=6. In response to this request, the system will send the EntityAdded and EntitySendText events with the session participants and session transcript with which to initialize your Chat/SMS conversation.
   */
  interactionMessageActive?: Maybe<InteractionMessageActiveResult>;
  /**
   * Pause a message
   *
   * Requests to pause playback of a message on the agent's phone line.
   */
  interactionPauseMessage?: Maybe<InteractionPauseMessageResult>;
  /**
   * Play a message
   *
   * Requests to start playback of a message on the agent's phone line.
   */
  interactionPlayMessage?: Maybe<InteractionPlayMessageResult>;
  /**
   * Sends a reject for a presented interaction
   *
   * This endpoint will send a reject request to the Alvaria™ Cloud system. This will indicate to the system that the user has rejected the delivery of a presented interaction.
   */
  interactionReject?: Maybe<InteractionRejectResult>;
  /**
   * Resume a message
   *
   * Requests to resume playback of a message on the agent's phone line.
   */
  interactionResumeMessage?: Maybe<InteractionResumeMessageResult>;
  /**
   * Sends a request to retrieve a held interaction
   *
   * This endpoint will send a retrieve request to the Alvaria™ Cloud system. This will cause the audio path of an interaction that has been set to held to be retrieved and become active again.
   */
  interactionRetrieve?: Maybe<InteractionRetrieveResult>;
  /**
   * Save an email
   *
   * Requests to save the email as a draft in the current user's personal email queue.
   */
  interactionSaveEmail?: Maybe<InteractionSaveEmailResult>;
  /**
   * Send an email
   *
   * Requests to send the email. The email may be a reply or an agent-initiated, composed email.
   */
  interactionSendEmail?: Maybe<InteractionSendEmailResult>;
  /**
   * Stop a message
   *
   * Requests to stop playback of a message on the agent's phone line.
   */
  interactionStopMessage?: Maybe<InteractionStopMessageResult>;
  /**
   * Sends a request to terminate an interaction
   *
   * This endpoint will send a terminate request to the Alvaria™ Cloud system. This instructs the system to hang up a Voice Interaction or end a Chat/SMS/Email interaction. In response to this request, the system will send an InteractionClear event. If the interaction is a work type interaction for which Wrap is required, the system will move the interaction to the Wrap state and follow with a Wrap event. If the interaction is an internal consultation or dial, the system will move the interaction to the Disposed state and follow with a Dispose event.
   */
  interactionTerminate?: Maybe<InteractionTerminateResult>;
  /**
   * Sends a transfer request for an interaction
   *
   * This endpoint will send a transfer request to the Alvaria™ Cloud system. This will allow the user to transfer an interaction to another user, external number, work type, or third-party currently being consulted.
   */
  interactionTransfer?: Maybe<InteractionTransferResult>;
  /**
   * Transfer an email to another user
   *
   * Requests to transfer the email to another user.
   */
  interactionTransferEmailToUser?: Maybe<InteractionTransferEmailToUserResult>;
  /**
   * Transfer an email to a work type
   *
   * Requests to transfer the email to a given work type.
   */
  interactionTransferEmailToWorkType?: Maybe<InteractionTransferEmailToWorkTypeResult>;
  /**
   * Notifies the system of a Wrap or Park warning
   *
   * This endpoint will send a warning request to the Alvaria™ Cloud system. This request notifies the system that the user has been in the Wrap state longer than the configured Wrap Warning threshold, or that the user has been in the Park state longer than the configured Park Warning threshold.
   */
  interactionWarning?: Maybe<InteractionWarningResult>;
  /** Creates a streaming session of the Streaming Client REST API (`POST …/streaming/session`). Its id goes with every command as `via-client-sessionid`; this command needs none. */
  streamingSessionCreate?: Maybe<StreamingSessionCreateResult>;
  /** Deletes the streaming session named by `via-client-sessionid` (`DELETE …/streaming/session`): its subscriptions end with `STREAMING_SESSION_GONE`. */
  streamingSessionDelete?: Maybe<StreamingSessionDeleteResult>;
  /**
   * Request Agent Statistics
   *
   * Requests the current user's agent statistics. The system responds to this request with an AgentStatistics event.
   */
  userAgentStatistics?: Maybe<UserAgentStatisticsResult>;
  /**
   * Sends a cancel request to cancel a pending disconnect or Not ready request
   *
   * This endpoint will send a cancel request to the Alvaria™ Cloud system. This will be the indication that an outstanding disconnect request or not ready request should be canceled. There will be no cancel related event sent to indicate that the original request has been canceled.
   */
  userCancel?: Maybe<UserCancelResult>;
  /**
   * Compose a new email
   *
   * Requests to compose a new email.
   */
  userComposeEmail?: Maybe<UserComposeEmailResult>;
  /**
   * Sends a connection request
   *
   * This connects an agent to the Alvaria™ Cloud system. There are two types of connect. One is a login to the Alvaria™ Cloud system and the other is an attachment to an existing Alvaria™ Cloud system connection for an individual user. Set the attach parameter to false for login and true for attach. If the attach parameter is set to true, all other body parameters are ignored. When the /connect with attach=true request is received, a subscription to the specified agent's events is created, enabling the attached client to retrieve those events from its queue through the streaming API endpoint. The attached subscription is created with a time to live (TTL) of 30 minutes, hence the attached client is expected to periodically send an equal /connect with attach=true request to renew the subscription. If the subscription is not renewed before its TTL elapses then it will be removed. The periodic /connect with attach=true requests must have the same via-client-sessionid and userId parameters as the initial request to behave as a keep-alive and renew the existing subscription. If the subscription has expired then upon receiving the periodic request the subscription will be re-created. The recommendation is that the /connect with attach=true be sent every 25 minutes for each attached subscription.
   */
  userConnect?: Maybe<UserConnectResult>;
  /**
   * Delete a personal greeting
   *
   * Requests to delete a personal greeting recording.
   */
  userDeletePersonalGreeting?: Maybe<UserDeletePersonalGreetingResult>;
  /**
   * Disconnects a user
   *
   * This endpoint will send a disconnect request to the Alvaria™ Cloud system. If the user is not currently in an interaction they will be disconnected from the system. If they are in an interaction then the disconnect will be pending until all interactions are complete. At any point during the pending state the disconnect can be canceled.
   */
  userDisconnect?: Maybe<UserDisconnectResult>;
  /**
   * Forces a disconnect of a user. Any interaction will be ended immediately.
   *
   * This endpoint will send a forceDisconnect request to the Alvaria™ Cloud system. This will cause an immediate end to the user session. Any interaction will be ended and disposed with a default disposition without going to pending state.
   */
  userForceDisconnect?: Maybe<UserForceDisconnectResult>;
  /**
   * Sends a keep alive request
   *
   * This endpoint will send a keepAlive request to the Alvaria™ Cloud system. This is an optional request that will signal the cloud system that the agent session is active. If the keepAlive request is sent once it will need to be sent every minute after or the agent session will be forcibly disconnected.
   */
  userKeepAlive?: Maybe<UserKeepAliveResult>;
  /**
   * Sends a monitor request
   *
   * This endpoint will send a monitor request to the Alvaria™ Cloud system. The monitor request can be made to start, stop, and switch between silent, coach, and barge-in monitoring. Voice and Chat/SMS interactions can be monitored.
   */
  userMonitor?: Maybe<UserMonitorResult>;
  /**
   * Sends a request to change the multitasking state
   *
   * This endpoint will send a multitasking request to the Alvaria™ Cloud system. This request can be made to either disable or enable multitasking. If enabled, the system may send the user multiple interactions at a time. If disabled, the system will send the user only one interaction at a time.
   */
  userMultitasking?: Maybe<UserMultitaskingResult>;
  /**
   * Sends a not ready request
   *
   * This sends a request to the Alvaria™ Cloud system to send the user to the Not Ready or Not Ready Park state.
   */
  userNotReady?: Maybe<UserNotReadyResult>;
  /**
   * Pause a personal greeting
   *
   * Requests to pause the playback of a personal greeting.
   */
  userPausePlayPersonalGreeting?: Maybe<UserPausePlayPersonalGreetingResult>;
  /**
   * Notify system of a personal greeting update
   *
   * Notifies the system that the personal greeting has been updated.
   */
  userPersonalGreetingUpdated?: Maybe<UserPersonalGreetingUpdatedResult>;
  /**
   * Play a personal greeting
   *
   * Requests to play a personal greeting.
   */
  userPlayPersonalGreeting?: Maybe<UserPlayPersonalGreetingResult>;
  /**
   * Sends a ready request to move the user to the Idle state
   *
   * This endpoint will send a ready request to the Alvaria™ Cloud system. This will return the user to the Idle state making them available to receive interactions.
   */
  userReady?: Maybe<UserReadyResult>;
  /**
   * Reassign a queued email
   *
   * Requests to reassign a queued email to another work type or user.
   */
  userReassignEmail?: Maybe<UserReassignEmailResult>;
  /**
   * Start recording a personal greeting
   *
   * Requests to start recording a personal greeting.
   */
  userRecordPersonalGreeting?: Maybe<UserRecordPersonalGreetingResult>;
  /**
   * Remove a queued email
   *
   * Requests to remove an email from the personal or work type queue (e.g., because the corresponding message could no longer be found in cloud storage)
   */
  userRemoveEmail?: Maybe<UserRemoveEmailResult>;
  /**
   * Activate a queued email
   *
   * Requests to activate a queued email for review.
   */
  userReviewEmail?: Maybe<UserReviewEmailResult>;
  /**
   * Stop playing a personal greeting
   *
   * Requests to stop the playback of a personal greeting.
   */
  userStopPlayPersonalGreeting?: Maybe<UserStopPlayPersonalGreetingResult>;
  /**
   * Stop recording a personal greeting
   *
   * Requests to stop recording a personal greeting.
   */
  userStopRecordPersonalGreeting?: Maybe<UserStopRecordPersonalGreetingResult>;
  /**
   * Notify Voicemail Forwarded
   *
   * This request notifies the VIA system that voicemail has been forwarded to another mailbox.
   */
  userVoicemailForwarded?: Maybe<UserVoicemailForwardedResult>;
  /**
   * Notify Voicemail Updated
   *
   * This request notifies the VIA system that the status of voicemail from the specified work type has been updated.
   */
  userVoicemailUpdated?: Maybe<UserVoicemailUpdatedResult>;
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionAcceptArgs = {
  input: AcceptInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionActivateArgs = {
  input: ActivateInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionCallbackArgs = {
  input: CallbackInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionCloseEmailArgs = {
  input: CloseEmailInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionConferenceArgs = {
  input: ConferenceInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionConsultArgs = {
  input: ConsultInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionDialArgs = {
  input: DialInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionDigitsArgs = {
  input: DigitsInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionDisposeArgs = {
  input: DisposeInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionEmailActiveArgs = {
  input: EmailActiveInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionEmailErrorArgs = {
  input: EmailErrorInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionForwardEmailArgs = {
  input: ForwardEmailInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionHoldArgs = {
  input: HoldInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionMessageActiveArgs = {
  input: MessageActiveInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionPauseMessageArgs = {
  input: PauseMessageInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionPlayMessageArgs = {
  input: PlayMessageInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionRejectArgs = {
  input: RejectInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionResumeMessageArgs = {
  input: ResumeMessageInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionRetrieveArgs = {
  input: RetrieveInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionSaveEmailArgs = {
  input: SaveEmailInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionSendEmailArgs = {
  input: SendEmailInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionStopMessageArgs = {
  input: StopMessageInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionTerminateArgs = {
  input: TerminateInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionTransferArgs = {
  input: TransferInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionTransferEmailToUserArgs = {
  input: TransferEmailToUserInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionTransferEmailToWorkTypeArgs = {
  input: TransferEmailToWorkTypeInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationInteractionWarningArgs = {
  input: WarningInput;
  interactionId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationStreamingSessionCreateArgs = {
  input?: InputMaybe<StreamingSessionInput>;
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationUserAgentStatisticsArgs = {
  input: AgentStatisticsInput;
  userId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationUserCancelArgs = {
  input: CancelInput;
  userId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationUserComposeEmailArgs = {
  input: ComposeEmailInput;
  userId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationUserConnectArgs = {
  input: ConnectInput;
  userId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationUserDeletePersonalGreetingArgs = {
  input: DeletePersonalGreetingInput;
  userId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationUserDisconnectArgs = {
  input: DisconnectInput;
  userId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationUserForceDisconnectArgs = {
  input: ForceDisconnectInput;
  userId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationUserKeepAliveArgs = {
  input: KeepAliveInput;
  userId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationUserMonitorArgs = {
  input: MonitorInput;
  userId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationUserMultitaskingArgs = {
  input: MultitaskingInput;
  userId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationUserNotReadyArgs = {
  input: NotReadyInput;
  userId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationUserPausePlayPersonalGreetingArgs = {
  input: PausePlayPersonalGreetingInput;
  userId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationUserPersonalGreetingUpdatedArgs = {
  input: PersonalGreetingUpdatedInput;
  userId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationUserPlayPersonalGreetingArgs = {
  input: PlayPersonalGreetingInput;
  userId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationUserReadyArgs = {
  input: ReadyInput;
  userId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationUserReassignEmailArgs = {
  input: ReassignEmailInput;
  userId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationUserRecordPersonalGreetingArgs = {
  input: RecordPersonalGreetingInput;
  userId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationUserRemoveEmailArgs = {
  input: RemoveEmailInput;
  userId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationUserReviewEmailArgs = {
  input: ReviewEmailInput;
  userId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationUserStopPlayPersonalGreetingArgs = {
  input: StopPlayPersonalGreetingInput;
  userId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationUserStopRecordPersonalGreetingArgs = {
  input: StopRecordPersonalGreetingInput;
  userId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationUserVoicemailForwardedArgs = {
  input: VoicemailForwardedInput;
  userId: Scalars['ID']['input'];
};


/** One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers `Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API. */
export type MutationUserVoicemailUpdatedArgs = {
  input: VoicemailUpdatedInput;
  userId: Scalars['ID']['input'];
};

/** HTTP 404: the API knows no such user, interaction or route. */
export type NotFoundError = Error & UpstreamError & {
  __typename?: 'NotFoundError';
  /** The API's `ErrorResponse.errors`; empty when it gave none. */
  details: Array<ErrorDetail>;
  /** The API's `ErrorResponse.message`, else the standard reason phrase of the status. */
  message: Scalars['String']['output'];
  /** The HTTP status of the answer. */
  status: Scalars['Int']['output'];
};

/** Not ready information */
export type NotReadyInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** Type of not ready type, which is Park or Not Ready */
  notReadyType: NotReadyType;
  /** Alvaria-generated unique identifier for the reason code for the Not Ready. Reason codes are configured in Configuration Manager. */
  reasonId: Scalars['String']['input'];
};

/** Type of not ready type, which is Park or Not Ready */
export type NotReadyType =
  /** Sends `NotReady` to the REST API. */
  | 'NOT_READY'
  /** Sends `Park` to the REST API. */
  | 'PARK';

/** PauseMessage information */
export type PauseMessageInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
};

/** PausePlayPersonalGreeting information */
export type PausePlayPersonalGreetingInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** The phone number provided as the agent's station when connecting to the system (e.g, through the /connect endpoint). It is used as the endpoint for agent audio. */
  station: Scalars['String']['input'];
};

/** PersonalGreetingUpdated information */
export type PersonalGreetingUpdatedInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the personal greeting entity. */
  personalGreetingId: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the personal greeting recording. */
  recordingId: Scalars['String']['input'];
};

/** PlayMessage information */
export type PlayMessageInput = {
  /** Alvaria-generated unique identifier for the audio message. The audio messages can be retrieved from url /via/v2/organizations/{orgId}/provisioning/workTypes/{workTypeId}/audioMessages. */
  audioMessageId: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** The IETF Language for the audio message. */
  language: Language;
};

/** PlayPersonalGreeting information */
export type PlayPersonalGreetingInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** The file name of the personal greeting recording, provided by the recording event upon creating a new recording. */
  fileName: Scalars['String']['input'];
  /** The phone number provided as the agent's station when connecting to the system (e.g, through the /connect endpoint). It is used as the endpoint for agent audio. */
  station: Scalars['String']['input'];
};

/** What this gateway serves; the commands are mutations. */
export type Query = {
  __typename?: 'Query';
  /** Resolves entity references for a federation router. */
  _entities: Array<Maybe<_Entity>>;
  /** This subgraph, for a federation router. */
  _service: _Service;
  /** The Engagement Center API behind this gateway: its version, and the organization a request goes to. */
  engagementCenter: EngagementCenter;
};


/** What this gateway serves; the commands are mutations. */
export type Query_EntitiesArgs = {
  representations: Array<Scalars['_Any']['input']>;
};

/** Type of Email Queue */
export type QueueType =
  /** Sends `Personal` to the REST API. */
  | 'PERSONAL'
  /** Sends `WorkType` to the REST API. */
  | 'WORK_TYPE';

/** The gateway refused the command: a rate limit of this credential or organization was reached. Nothing was sent; wait retryAfterSeconds. */
export type RateLimitedError = Error & {
  __typename?: 'RateLimitedError';
  /** What went wrong, for people. */
  message: Scalars['String']['output'];
  /** Whole seconds to wait before sending again; always set, at least 1. */
  retryAfterSeconds?: Maybe<Scalars['Int']['output']>;
};

/** Ready information */
export type ReadyInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
};

/** Reassign email information */
export type ReassignEmailInput = {
  /** Alvaria-generated unique identifier for the destination user. The user can be retrieved from url /via/v2/organizations/{orgId}/provisioning/users. If reassigning to a workType, set destinationUserId to an empty string. If both destinationWorkTypeId and destinationUserId are set, the destinationWorkTypeId will take precedence. */
  destinationUserId: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the destination Email work type. The work type can be retrieved from url /via/v2/organizations/{orgId}/provisioning/workTypes?channelType=email. If reassigning to a user, set destinationWorkTypeId to an empty string. If both destinationWorkTypeId and destinationUserId are set, the destinationWorkTypeId will take precedence. */
  destinationWorkTypeId: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the path in cloud storage to the corresponding email message. */
  emailObjectId: Scalars['String']['input'];
};

/** RecordPersonalGreeting information */
export type RecordPersonalGreetingInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** The phone number provided as the agent's station when connecting to the system (e.g, through the /connect endpoint). It is used as the endpoint for agent audio. */
  station: Scalars['String']['input'];
};

/** Reject information */
export type RejectInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** Reason code for the rejection. Reason codes are configured in Configuration Manager. */
  reason: Scalars['String']['input'];
};

/** RemoveEmail information */
export type RemoveEmailInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the path in cloud storage to the corresponding email message */
  emailObjectId: Scalars['String']['input'];
};

/** ResumeMessage information */
export type ResumeMessageInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
};

/** Retrieve information */
export type RetrieveInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
};

/** ReviewEmail information */
export type ReviewEmailInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the path in cloud storage to the corresponding email message */
  emailObjectId: Scalars['String']['input'];
  /** Type of Email Queue */
  queueType: QueueType;
};

/** SaveEmail information */
export type SaveEmailInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** This is a collection of up to 20 user fields. */
  interactionDataCollection: Array<InteractionDataInput>;
  /** Alvaria-generated unique identifier for the path in cloud storage to the associated reply email message or agent-initiated, composed email message created by the client. */
  replyEmailObjectId: Scalars['String']['input'];
  /** The subject of the email message. Required only if the email is an agent-initiated, composed email and not a reply to an existing customer email. */
  subject?: InputMaybe<Scalars['String']['input']>;
  /** The semicolon-delimited string containing the destination email addresses of the email message. Required only if the email is an agent-initiated, composed email and not a reply to an existing customer email. */
  to?: InputMaybe<Scalars['String']['input']>;
};

/** SendEmail information */
export type SendEmailInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** This is a collection of up to 20 user fields. */
  interactionDataCollection: Array<InteractionDataInput>;
  /** Alvaria-generated unique identifier for the path in cloud storage to the associated reply email message or agent-initiated, composed email message created by the client. */
  replyEmailObjectId: Scalars['String']['input'];
  /** The semicolon-delimited string containing the destination email addresses of the email message. Required only if the email is an agent-initiated, composed email and not a reply to an existing customer email. */
  to?: InputMaybe<Scalars['String']['input']>;
};

/** HTTP 503: the API is unavailable for now; wait `retryAfterSeconds` before sending again. */
export type ServiceUnavailableError = Error & UpstreamError & {
  __typename?: 'ServiceUnavailableError';
  /** The API's `ErrorResponse.errors`; empty when it gave none. */
  details: Array<ErrorDetail>;
  /** The API's `ErrorResponse.message`, else the standard reason phrase of the status. */
  message: Scalars['String']['output'];
  /** Seconds to wait, from the `Retry-After` header (an HTTP-date counts from now, rounded up, 0 if past); null when absent or unreadable. */
  retryAfterSeconds?: Maybe<Scalars['Int']['output']>;
  /** The HTTP status of the answer. */
  status: Scalars['Int']['output'];
};

/** StopMessage information */
export type StopMessageInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
};

/** StopPlayPersonalGreeting information */
export type StopPlayPersonalGreetingInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** The phone number provided as the agent's station when connecting to the system (e.g, through the /connect endpoint). It is used as the endpoint for agent audio. */
  station: Scalars['String']['input'];
};

/** StopRecordPersonalGreeting information */
export type StopRecordPersonalGreetingInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** The file name of the personal greeting recording, provided by the recording event upon creating a new recording. */
  fileName: Scalars['String']['input'];
  /** The recording index of the personal greeting recording provided in the associated recording event */
  recordingIndex: Scalars['String']['input'];
  /** The phone number provided as the agent's station when connecting to the system (e.g, through the /connect endpoint). It is used as the endpoint for agent audio. */
  station: Scalars['String']['input'];
};

/** A streaming session of the Streaming Client REST API: send its `id` as `via-client-sessionid` with every command, and subscribe to `agentEvents` to receive what happens. */
export type StreamingSession = {
  __typename?: 'StreamingSession';
  /** When the API created the session; null when it did not say. */
  creationTime?: Maybe<Scalars['DateTime']['output']>;
  /** The streaming session id: the value of `via-client-sessionid`. */
  id: Scalars['ID']['output'];
  /** Seconds without a retrieval of events after which the API drops the session (this gateway retrieves while someone subscribes). */
  inactivityDelay: Scalars['Int']['output'];
};

/** The outcome of `streamingSessionCreate`: `StreamingSession`, or the error that stopped it. */
export type StreamingSessionCreateResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | StreamingSession | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The outcome of `streamingSessionDelete`: `StreamingSessionDeleted`, or the error that stopped it. */
export type StreamingSessionDeleteResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | StreamingSessionDeleted | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | ValidationError;

/** The API deleted the streaming session: its events are no longer kept. */
export type StreamingSessionDeleted = {
  __typename?: 'StreamingSessionDeleted';
  /** The session that was deleted. */
  id: Scalars['ID']['output'];
};

/** How the API keeps the new streaming session. */
export type StreamingSessionInput = {
  /** Seconds without a retrieval of events after which the API drops the session, 1 to 86400; default 120, as the vendor recommends. */
  inactivityDelay?: InputMaybe<Scalars['Int']['input']>;
  /** Whether events must be acknowledged, else the API delivers them again; default true, as the vendor recommends. This gateway acknowledges what it stored. */
  requireAcknowledgement?: InputMaybe<Scalars['Boolean']['input']>;
};

/** The agent’s events, as the Streaming API reports them. */
export type Subscription = {
  __typename?: 'Subscription';
  /** The events of the streaming session named by `via-client-sessionid` (over WebSocket: in the `connection_init` payload, with `authorization`, `x-api-key` and `x-alvaria-org-id`), from now on, or after `after`. One retrieval per session whatever the subscribers; events arrive in order, each once. Ends with an error whose `extensions.code` says why: `STREAMING_SESSION_GONE`, `UNAUTHENTICATED`, `FORBIDDEN`, `UPSTREAM_ERROR`, `SUBSCRIBER_TOO_SLOW`, `SHUTTING_DOWN`, `TOO_MANY_SUBSCRIPTIONS`, `BAD_USER_INPUT`. */
  agentEvents: AgentEvent;
};


/** The agent’s events, as the Streaming API reports them. */
export type SubscriptionAgentEventsArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  kinds?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** Terminate information */
export type TerminateInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
};

/** HTTP 429: too many requests; wait `retryAfterSeconds` before sending again. */
export type TooManyRequestsError = Error & UpstreamError & {
  __typename?: 'TooManyRequestsError';
  /** The API's `ErrorResponse.errors`; empty when it gave none. */
  details: Array<ErrorDetail>;
  /** The API's `ErrorResponse.message`, else the standard reason phrase of the status. */
  message: Scalars['String']['output'];
  /** Seconds to wait, from the `Retry-After` header (an HTTP-date counts from now, rounded up, 0 if past); null when absent or unreadable. */
  retryAfterSeconds?: Maybe<Scalars['Int']['output']>;
  /** The HTTP status of the answer. */
  status: Scalars['Int']['output'];
};

/** TransferEmailToUser information */
export type TransferEmailToUserInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** This is a collection of up to 20 user fields. */
  interactionDataCollection: Array<InteractionDataInput>;
  /** Alvaria-generated unique identifier for the path in cloud storage to the associated reply email message or agent-initiated, composed email message created by the client. */
  replyEmailObjectId: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the destination user. The user can be retrieved from url /via/v2/organizations/{orgId}/provisioning/users. */
  userId: Scalars['String']['input'];
};

/** TransferEmailToWorkType information */
export type TransferEmailToWorkTypeInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** This is a collection of up to 20 user fields. */
  interactionDataCollection: Array<InteractionDataInput>;
  /** Alvaria-generated unique identifier for the path in cloud storage to the associated reply email message or agent-initiated, composed email message created by the client. */
  replyEmailObjectId: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the destination Email work type. The work type can be retrieved from url /via/v2/organizations/{orgId}/provisioning/workTypes?channelType=email */
  workTypeId: Scalars['String']['input'];
};

/** Transfer information */
export type TransferInput = {
  /** Type of call */
  callType?: InputMaybe<Scalars['String']['input']>;
  /** Alvaria-generated unique identifier for the conference */
  conferenceInteractionId?: InputMaybe<Scalars['String']['input']>;
  /** Alvaria-generated unique identifier for the consultation leg of interaction */
  consultationInteractionId?: InputMaybe<Scalars['String']['input']>;
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** JSON string of the Via Entity used to initiate the interaction. Expected entities: UsersFragment, workTypeTerse, SystemExternalFragment (ViaProvisioningExternalSwagger); */
  entity?: InputMaybe<Scalars['String']['input']>;
  /** Alvaria-generated unique identifier for the external route. This optionally contains the external route ID if one is needed. */
  externalRouteId?: InputMaybe<Scalars['String']['input']>;
  /** This is a collection of up to 20 user fields. */
  interactionDataCollection?: InputMaybe<Array<InteractionDataInput>>;
  /** Type of interaction, which can be Voice or ChatSms */
  interactionType?: InputMaybe<InteractionType>;
  /** Phone number. This should contain the phone number if an external transfer is requested. */
  phoneNumber?: InputMaybe<Scalars['String']['input']>;
  /** Type of transfer, which can be Consulted Party, User, External, or Work type */
  transferType: TransferType;
  /** Alvaria-generated unique identifier for the user instance that can be retrieved prior to use from the provisioning rest API. The url is /via/v2/organizations/{orgId}/provisioning/users. */
  userId?: InputMaybe<Scalars['String']['input']>;
  /** Alvaria-generated unique identifier for the work type. This should contain the work type identifier associated with the Interaction. */
  workTypeId: Scalars['String']['input'];
};

/** Type of transfer, which can be Consulted Party, User, External, or Work type */
export type TransferType =
  /** Sends `ConsultedParty` to the REST API. */
  | 'CONSULTED_PARTY'
  /** Sends `External` to the REST API. */
  | 'EXTERNAL'
  /** Sends `ExternalBlind` to the REST API. */
  | 'EXTERNAL_BLIND'
  /** Sends `User` to the REST API. */
  | 'USER'
  /** Sends `WorkType` to the REST API. */
  | 'WORK_TYPE';

/** HTTP 401: no valid access token (also raised, with nothing sent, when the request has no `Authorization` header). */
export type UnauthorizedError = Error & UpstreamError & {
  __typename?: 'UnauthorizedError';
  /** The API's `ErrorResponse.errors`; empty when it gave none. */
  details: Array<ErrorDetail>;
  /** The API's `ErrorResponse.message`, else the standard reason phrase of the status. */
  message: Scalars['String']['output'];
  /** The HTTP status of the answer. */
  status: Scalars['Int']['output'];
};

/** Any other non-2xx HTTP status, which the API does not document. */
export type UnexpectedStatusError = Error & UpstreamError & {
  __typename?: 'UnexpectedStatusError';
  /** The API's `ErrorResponse.errors`; empty when it gave none. */
  details: Array<ErrorDetail>;
  /** The API's `ErrorResponse.message`, else the standard reason phrase of the status. */
  message: Scalars['String']['output'];
  /** The HTTP status of the answer. */
  status: Scalars['Int']['output'];
};

/** HTTP 422: the API understood the command but cannot carry it out in the current state. */
export type UnprocessableEntityError = Error & UpstreamError & {
  __typename?: 'UnprocessableEntityError';
  /** The API's `ErrorResponse.errors`; empty when it gave none. */
  details: Array<ErrorDetail>;
  /** The API's `ErrorResponse.message`, else the standard reason phrase of the status. */
  message: Scalars['String']['output'];
  /** The HTTP status of the answer. */
  status: Scalars['Int']['output'];
};

/** The Engagement Center answered with an HTTP error status. */
export type UpstreamError = {
  /** The API's `ErrorResponse.errors`; empty when it gave none. */
  details: Array<ErrorDetail>;
  /** The API's `ErrorResponse.message`, else the standard reason phrase of the status. */
  message: Scalars['String']['output'];
  /** The HTTP status of the answer. */
  status: Scalars['Int']['output'];
};

/** No answer in time, or the connection broke after the request was sent: the command may or may not have been carried out. */
export type UpstreamTimeoutError = Error & {
  __typename?: 'UpstreamTimeoutError';
  /** What went wrong, for people. */
  message: Scalars['String']['output'];
};

/** The request was never sent, so the command was not carried out: the API could not be reached, the time ran out before the request could be sent, or a circuit breaker refused it while the API is failing. */
export type UpstreamUnavailableError = Error & {
  __typename?: 'UpstreamUnavailableError';
  /** What went wrong, for people. */
  message: Scalars['String']['output'];
  /** Whole seconds until the circuit breaker lets a command through again, when it refused this one; null when the API was merely unreachable. */
  retryAfterSeconds?: Maybe<Scalars['Int']['output']>;
};

/** The outcome of `userAgentStatistics`: `UserCommandAccepted`, or the error that stopped it. */
export type UserAgentStatisticsResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | UserCommandAccepted | ValidationError;

/** The outcome of `userCancel`: `UserCommandAccepted`, or the error that stopped it. */
export type UserCancelResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | UserCommandAccepted | ValidationError;

/** The Engagement Center accepted the command. Its outcome is reported later as events on the streaming session. Returned by the user commands. */
export type UserCommandAccepted = {
  __typename?: 'UserCommandAccepted';
  /** The user (agent) the command was sent for. */
  agent: Agent;
  /** The HTTP status of the answer (the API answers 202 Accepted). */
  status: Scalars['Int']['output'];
};

/** The outcome of `userComposeEmail`: `UserCommandAccepted`, or the error that stopped it. */
export type UserComposeEmailResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | UserCommandAccepted | ValidationError;

/** The outcome of `userConnect`: `UserCommandAccepted`, or the error that stopped it. */
export type UserConnectResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | UserCommandAccepted | ValidationError;

/** The outcome of `userDeletePersonalGreeting`: `UserCommandAccepted`, or the error that stopped it. */
export type UserDeletePersonalGreetingResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | UserCommandAccepted | ValidationError;

/** The outcome of `userDisconnect`: `UserCommandAccepted`, or the error that stopped it. */
export type UserDisconnectResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | UserCommandAccepted | ValidationError;

/** The outcome of `userForceDisconnect`: `UserCommandAccepted`, or the error that stopped it. */
export type UserForceDisconnectResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | UserCommandAccepted | ValidationError;

/** The outcome of `userKeepAlive`: `UserCommandAccepted`, or the error that stopped it. */
export type UserKeepAliveResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | UserCommandAccepted | ValidationError;

/** The outcome of `userMonitor`: `UserCommandAccepted`, or the error that stopped it. */
export type UserMonitorResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | UserCommandAccepted | ValidationError;

/** The outcome of `userMultitasking`: `UserCommandAccepted`, or the error that stopped it. */
export type UserMultitaskingResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | UserCommandAccepted | ValidationError;

/** The outcome of `userNotReady`: `UserCommandAccepted`, or the error that stopped it. */
export type UserNotReadyResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | UserCommandAccepted | ValidationError;

/** The outcome of `userPausePlayPersonalGreeting`: `UserCommandAccepted`, or the error that stopped it. */
export type UserPausePlayPersonalGreetingResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | UserCommandAccepted | ValidationError;

/** The outcome of `userPersonalGreetingUpdated`: `UserCommandAccepted`, or the error that stopped it. */
export type UserPersonalGreetingUpdatedResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | UserCommandAccepted | ValidationError;

/** The outcome of `userPlayPersonalGreeting`: `UserCommandAccepted`, or the error that stopped it. */
export type UserPlayPersonalGreetingResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | UserCommandAccepted | ValidationError;

/** The outcome of `userReady`: `UserCommandAccepted`, or the error that stopped it. */
export type UserReadyResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | UserCommandAccepted | ValidationError;

/** The outcome of `userReassignEmail`: `UserCommandAccepted`, or the error that stopped it. */
export type UserReassignEmailResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | UserCommandAccepted | ValidationError;

/** The outcome of `userRecordPersonalGreeting`: `UserCommandAccepted`, or the error that stopped it. */
export type UserRecordPersonalGreetingResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | UserCommandAccepted | ValidationError;

/** The outcome of `userRemoveEmail`: `UserCommandAccepted`, or the error that stopped it. */
export type UserRemoveEmailResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | UserCommandAccepted | ValidationError;

/** The outcome of `userReviewEmail`: `UserCommandAccepted`, or the error that stopped it. */
export type UserReviewEmailResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | UserCommandAccepted | ValidationError;

/** The outcome of `userStopPlayPersonalGreeting`: `UserCommandAccepted`, or the error that stopped it. */
export type UserStopPlayPersonalGreetingResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | UserCommandAccepted | ValidationError;

/** The outcome of `userStopRecordPersonalGreeting`: `UserCommandAccepted`, or the error that stopped it. */
export type UserStopRecordPersonalGreetingResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | UserCommandAccepted | ValidationError;

/** The outcome of `userVoicemailForwarded`: `UserCommandAccepted`, or the error that stopped it. */
export type UserVoicemailForwardedResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | UserCommandAccepted | ValidationError;

/** The outcome of `userVoicemailUpdated`: `UserCommandAccepted`, or the error that stopped it. */
export type UserVoicemailUpdatedResult = BadRequestError | GoneError | InternalServerError | MethodNotAllowedError | NotFoundError | RateLimitedError | ServiceUnavailableError | TooManyRequestsError | UnauthorizedError | UnexpectedStatusError | UnprocessableEntityError | UpstreamTimeoutError | UpstreamUnavailableError | UserCommandAccepted | ValidationError;

/** The input broke a rule of the API or of this gateway. Nothing was sent. */
export type ValidationError = Error & {
  __typename?: 'ValidationError';
  /** The argument (`interactionId`), input path (`input.interactionDataCollection`) or header (`via-client-sessionid`) at fault. */
  field?: Maybe<Scalars['String']['output']>;
  /** What went wrong, for people. */
  message: Scalars['String']['output'];
};

/** Voicemail Forwarded information */
export type VoicemailForwardedInput = {
  /** Alvaria-generated unique identifier for the destination mailbox. */
  destinationMailboxId: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the source mailbox. */
  sourceMailboxId: Scalars['String']['input'];
};

/** Voicemail Updated information */
export type VoicemailUpdatedInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** Alvaria-generated unique identifier for the work type. */
  workTypeId: Scalars['String']['input'];
};

/** Warning information */
export type WarningInput = {
  /** Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect. */
  ehubSessionId: Scalars['String']['input'];
  /** Type of warning */
  warningType: WarningType;
};

/** Type of warning */
export type WarningType =
  /** Sends `NotReady` to the REST API. */
  | 'NOT_READY'
  /** Sends `Park` to the REST API. */
  | 'PARK'
  /** Sends `Wrap` to the REST API. */
  | 'WRAP';

/** The entities this subgraph resolves: `Interaction` and `Agent`. */
export type _Entity = Agent | Interaction;

/** This subgraph's description for a federation router. */
export type _Service = {
  __typename?: '_Service';
  /** The subgraph SDL (Federation v2): as `subgraph.graphql` holds it, or `subgraph-requires-scopes.graphql` with `SUBGRAPH_REQUIRES_SCOPES=true`. */
  sdl?: Maybe<Scalars['String']['output']>;
};

export type HoldMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: HoldInput;
}>;


export type HoldMutation = { __typename?: 'Mutation', interactionHold?:
    | { __typename: 'BadRequestError', status: number, message: string, details: Array<{ __typename?: 'ErrorDetail', scope?: string | null, reason?: string | null, message?: string | null }> }
    | { __typename: 'GoneError', status: number, message: string, details: Array<{ __typename?: 'ErrorDetail', scope?: string | null, reason?: string | null, message?: string | null }> }
    | { __typename: 'InteractionCommandAccepted', status: number, interaction: { __typename?: 'Interaction', id: string } }
    | { __typename: 'InternalServerError', status: number, message: string, details: Array<{ __typename?: 'ErrorDetail', scope?: string | null, reason?: string | null, message?: string | null }> }
    | { __typename: 'MethodNotAllowedError', status: number, message: string, details: Array<{ __typename?: 'ErrorDetail', scope?: string | null, reason?: string | null, message?: string | null }> }
    | { __typename: 'NotFoundError', status: number, message: string, details: Array<{ __typename?: 'ErrorDetail', scope?: string | null, reason?: string | null, message?: string | null }> }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'ServiceUnavailableError', status: number, message: string, retryAfterSeconds?: number | null, details: Array<{ __typename?: 'ErrorDetail', scope?: string | null, reason?: string | null, message?: string | null }> }
    | { __typename: 'TooManyRequestsError', status: number, message: string, retryAfterSeconds?: number | null, details: Array<{ __typename?: 'ErrorDetail', scope?: string | null, reason?: string | null, message?: string | null }> }
    | { __typename: 'UnauthorizedError', status: number, message: string, details: Array<{ __typename?: 'ErrorDetail', scope?: string | null, reason?: string | null, message?: string | null }> }
    | { __typename: 'UnexpectedStatusError', status: number, message: string, details: Array<{ __typename?: 'ErrorDetail', scope?: string | null, reason?: string | null, message?: string | null }> }
    | { __typename: 'UnprocessableEntityError', status: number, message: string, details: Array<{ __typename?: 'ErrorDetail', scope?: string | null, reason?: string | null, message?: string | null }> }
    | { __typename: 'UpstreamTimeoutError', message: string }
    | { __typename: 'UpstreamUnavailableError', message: string }
    | { __typename: 'ValidationError', field?: string | null, message: string }
   | null };

export type KeepAliveMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
  input: KeepAliveInput;
}>;


export type KeepAliveMutation = { __typename?: 'Mutation', userKeepAlive?:
    | { __typename: 'BadRequestError', message: string }
    | { __typename: 'GoneError', message: string }
    | { __typename: 'InternalServerError', message: string }
    | { __typename: 'MethodNotAllowedError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RateLimitedError', message: string }
    | { __typename: 'ServiceUnavailableError', message: string }
    | { __typename: 'TooManyRequestsError', message: string }
    | { __typename: 'UnauthorizedError', message: string }
    | { __typename: 'UnexpectedStatusError', message: string }
    | { __typename: 'UnprocessableEntityError', message: string }
    | { __typename: 'UpstreamTimeoutError', message: string }
    | { __typename: 'UpstreamUnavailableError', message: string }
    | { __typename: 'UserCommandAccepted', status: number, agent: { __typename?: 'Agent', id: string } }
    | { __typename: 'ValidationError', field?: string | null, message: string }
   | null };

export type OrganizationOrErrorQueryVariables = Exact<{ [key: string]: never; }>;


export type OrganizationOrErrorQuery = { __typename?: 'Query', engagementCenter: { __typename?: 'EngagementCenter', apiVersion: string, organization?:
      | { __typename: 'EngagementCenterOrganization', id: string }
      | { __typename: 'ValidationError', message: string, field?: string | null }
     | null } };

export type OrganizationQueryVariables = Exact<{ [key: string]: never; }>;


export type OrganizationQuery = { __typename?: 'Query', engagementCenter: { __typename?: 'EngagementCenter', apiVersion: string, organization?:
      | { __typename: 'EngagementCenterOrganization', id: string }
      | { __typename: 'ValidationError', field?: string | null, message: string }
     | null } };


export const HoldDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Hold"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"HoldInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"interactionHold"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"interactionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InteractionCommandAccepted"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"interaction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpstreamError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"details"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TooManyRequestsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ServiceUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<HoldMutation, HoldMutationVariables>;
export const KeepAliveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"KeepAlive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"KeepAliveInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userKeepAlive"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserCommandAccepted"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<KeepAliveMutation, KeepAliveMutationVariables>;
export const OrganizationOrErrorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrganizationOrError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"engagementCenter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiVersion"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EngagementCenterOrganization"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OrganizationOrErrorQuery, OrganizationOrErrorQueryVariables>;
export const OrganizationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"engagementCenter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiVersion"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EngagementCenterOrganization"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OrganizationQuery, OrganizationQueryVariables>;