import { apiVersion, parameterDescriptions } from '../catalog/index.js';
import { ValidationError } from '../errors.js';
import { builder } from './builder.js';

// Query fields sit under one namespaced field, and its types carry the API's name: company
// subgraphs often have their own `Query.organization` or `Organization`, and root fields of the
// same name in two subgraphs do not compose.

const OrganizationType = builder.objectRef<{ id: string }>('EngagementCenterOrganization').implement({
  description: 'A customer organization of the Engagement Center.',
  fields: (t) => ({
    id: t.exposeString('id', { nullable: false, description: parameterDescriptions.orgId }),
  }),
});

const EngagementCenterType = builder.objectRef<Record<string, never>>('EngagementCenter').implement({
  description: 'The Alvaria Cloud Engagement Center REST API behind this gateway.',
  fields: (t) => ({
    apiVersion: t.string({
      nullable: false,
      description: 'The version of the Alvaria Cloud Engagement Center REST API that this gateway calls.',
      resolve: () => apiVersion,
    }),
    organization: t.field({
      type: OrganizationType,
      nullable: true,
      description:
        "The organization this request's commands go to: the `x-alvaria-org-id` header when given, else the gateway's default.",
      errors: {
        types: [ValidationError],
        union: {
          name: 'EngagementCenterOrganizationResult',
          description: 'The organization, or why the request names none that this gateway serves.',
        },
      },
      resolve: (_root, _args, context) => ({ id: context.engagementCenter.organization() }),
    }),
  }),
});

builder.queryType({
  description: 'What this gateway serves; the commands are mutations.',
  fields: (t) => ({
    engagementCenter: t.field({
      type: EngagementCenterType,
      nullable: false,
      description: 'The Engagement Center API behind this gateway: its version, and the organization a request goes to.',
      resolve: () => ({}),
    }),
  }),
});
