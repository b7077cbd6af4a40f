import type { CommandAcceptedShape } from '../resolvers/commands.js';
import { builder } from './builder.js';

interface EntityShape {
  readonly id: string;
}

export const InteractionType = builder.objectRef<EntityShape>('Interaction').implement({
  description:
    'An interaction (a call, chat, SMS or email) in the Engagement Center, identified by its Alvaria-generated id. ' +
    'Other subgraphs can extend it.',
  fields: (t) => ({
    id: t.exposeID('id', { nullable: false, description: 'Alvaria-generated unique ID for an interaction instance' }),
  }),
});

export const AgentType = builder.objectRef<EntityShape>('Agent').implement({
  description:
    'An agent: an Engagement Center user, identified by the Alvaria-generated user id. Other subgraphs can extend it.',
  fields: (t) => ({
    id: t.exposeID('id', {
      nullable: false,
      description:
        'Alvaria-generated unique identifier for a user instance that can be retrieved prior to use from the provisioning rest API. The url is /via/v2/organizations/{orgId}/provisioning/users.',
    }),
  }),
});

// Entities keyed by the path id, so that other subgraphs can extend them (a CRM adding
// `Interaction.customer`, say). The id is all this API knows of either, so a reference resolves to itself.
for (const entity of [InteractionType, AgentType]) {
  builder.asEntity(entity, { key: builder.selection<{ id: string }>('id'), resolveReference: ({ id }) => ({ id }) });
}

/** A command's success type: the status, and the entity the command was sent for. */
function commandAccepted(
  name: string,
  field: string,
  entity: typeof InteractionType,
  commands: string,
  entityDescription: string,
) {
  return builder.objectRef<CommandAcceptedShape>(name).implement({
    description:
      'The Engagement Center accepted the command. Its outcome is reported later as events on the streaming ' +
      `session. Returned by the ${commands} commands.`,
    fields: (t) => ({
      status: t.exposeInt('status', { nullable: false, description: 'The HTTP status of the answer (the API answers 202 Accepted).' }),
      [field]: t.field({ type: entity, nullable: false, description: entityDescription, resolve: ({ id }) => ({ id }) }),
    }),
  });
}

export const InteractionCommandAccepted = commandAccepted(
  'InteractionCommandAccepted',
  'interaction',
  InteractionType,
  'interaction',
  'The interaction the command was sent for.',
);

export const UserCommandAccepted = commandAccepted('UserCommandAccepted', 'agent', AgentType, 'user', 'The user (agent) the command was sent for.');
