/**
 * Text and types that the page repeats word for word across body schemas, kept once here.
 * Fields that occur in a single schema live in that endpoint's entry in `endpoints.ts`.
 */
import type { DataItemSpec, FieldSpec } from './types.js';

/** Path and header parameters, as every operation's "Parameters" table words them. */
export const parameterDescriptions = {
  orgId: 'Name of a customer organization',
  interactionId: 'Alvaria-generated unique ID for an interaction instance',
  userId: 'Alvaria-generated unique identifier for a user instance that can be retrieved prior to use from the provisioning rest API. The url is /via/v2/organizations/{orgId}/provisioning/users.',
  authorization: "Authentication token with the value: 'Bearer {accessToken}', where {accessToken} was returned from a call to the authorization endpoint.",
  apiKey: 'Alvaria-provided value used to track API endpoint usage',
  sessionId: 'Identifier representing a long-lived HTTP interchange between Alvaria™ Cloud and an entity when the entity is a contact, external client application, or authenticated user. This interchange is called the streaming session. Streaming sessions are used for operations such as exchanging text messages and retrieving events related to user activity.',
} as const;

/** An `interactionDataCollection` item as the interaction schemas (Consult, Dispose, Transfer) word it. */
export const interactionDataItem = {
  key: { type: 'string', description: 'This is the key of the key value pair.' },
  value: { type: 'string', description: 'This is the value of the key value pair.' },
  isMasked: { type: 'boolean', description: 'This shows whether a field should be masked in the UI.' },
} as const satisfies DataItemSpec;

/** The same item as the six Email schemas word it. */
export const emailDataItem = {
  key: { type: 'string', description: 'The caption/label of the field.' },
  value: { type: 'string', description: 'The value of the field.' },
  isMasked: { type: 'boolean', description: 'Whether the field is masked.' },
} as const satisfies DataItemSpec;

export const ehubSessionId = { type: 'string', description: 'Alvaria-generated unique identifier for the session with the Alvaria™ Cloud system, which is unique per connect.' } as const satisfies FieldSpec;

export const emailObjectId = { type: 'string', description: 'Alvaria-generated unique identifier for the path in cloud storage to the corresponding email message' } as const satisfies FieldSpec;

export const entity = { type: 'string', jsonObject: true, description: 'JSON string of the Via Entity retrieved from Alvaria™ Cloud Provisioning REST API. Expected entities: UsersFragment, workTypeTerse, SystemExternalFragment (ViaProvisioningExternalSwagger);' } as const satisfies FieldSpec;

export const fileName = { type: 'string', description: 'The file name of the personal greeting recording, provided by the recording event upon creating a new recording.' } as const satisfies FieldSpec;

export const emailDataCollection = { type: 'array', maxItems: 20, items: emailDataItem, description: 'This is a collection of up to 20 user fields.' } as const satisfies FieldSpec;

export const interactionDataCollection = { type: 'array', maxItems: 20, items: interactionDataItem, description: 'This is a collection of up to 20 user fields.' } as const satisfies FieldSpec;

export const phoneNumber = { type: 'string', description: 'Phone number that you want to dial if the request requires it' } as const satisfies FieldSpec;

export const replyEmailObjectId = { type: 'string', description: 'Alvaria-generated unique identifier for the path in cloud storage to the associated reply email message or agent-initiated, composed email message created by the client.' } as const satisfies FieldSpec;

export const station = { type: 'string', description: "The phone number provided as the agent's station when connecting to the system (e.g, through the /connect endpoint). It is used as the endpoint for agent audio." } as const satisfies FieldSpec;

export const to = { type: 'string', description: 'The semicolon-delimited string containing the destination email addresses of the email message. Required only if the email is an agent-initiated, composed email and not a reply to an existing customer email.' } as const satisfies FieldSpec;

export const userId = { type: 'string', description: 'Alvaria-generated unique identifier for the user instance that can be retrieved prior to use from the provisioning rest API. The url is /via/v2/organizations/{orgId}/provisioning/users.' } as const satisfies FieldSpec;

export const workTypeId = { type: 'string', description: 'Alvaria-generated unique identifier for the work type' } as const satisfies FieldSpec;

export const workTypeIdSentence = { type: 'string', description: 'Alvaria-generated unique identifier for the work type.' } as const satisfies FieldSpec;
