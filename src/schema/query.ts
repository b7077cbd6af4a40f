import { apiVersion, parameterDescriptions } from '../catalog/index.js';
import { ValidationError } from '../errors.js';
import { builder } from './builder.js';

const OrganizationType = builder.objectRef<{ id: string }>('Organization').implement({
  description: 'A customer organization of the Engagement Center.',
  fields: (t) => ({
    id: t.exposeString('id', { nullable: false, description: parameterDescriptions.orgId }),
  }),
});

builder.queryType({
  description: 'What this gateway serves; the commands are mutations.',
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
        union: { description: 'The organization, or why the request names none that this gateway serves.' },
      },
      resolve: (_root, _args, context) => ({ id: context.engagementCenter.organization() }),
    }),
  }),
});
