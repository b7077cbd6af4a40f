import { builder } from './builder.js';

/** What a command's resolver returns on success: the HTTP status and the path id it addressed. */
export interface CommandAcceptedShape {
  readonly status: number;
  readonly id: string;
}

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

const statusDescription = 'The HTTP status of the answer (the API answers 202 Accepted).';
const acceptedDescription =
  'The Engagement Center accepted the command. Its outcome is reported later as events on the streaming session.';

export const InteractionCommandAccepted = builder.objectRef<CommandAcceptedShape>('InteractionCommandAccepted').implement({
  description: `${acceptedDescription} Returned by the interaction commands.`,
  fields: (t) => ({
    status: t.exposeInt('status', { nullable: false, description: statusDescription }),
    interaction: t.field({
      type: InteractionType,
      nullable: false,
      description: 'The interaction the command was sent for.',
      resolve: ({ id }) => ({ id }),
    }),
  }),
});

export const UserCommandAccepted = builder.objectRef<CommandAcceptedShape>('UserCommandAccepted').implement({
  description: `${acceptedDescription} Returned by the user commands.`,
  fields: (t) => ({
    status: t.exposeInt('status', { nullable: false, description: statusDescription }),
    agent: t.field({
      type: AgentType,
      nullable: false,
      description: 'The user (agent) the command was sent for.',
      resolve: ({ id }) => ({ id }),
    }),
  }),
});
