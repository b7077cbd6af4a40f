import { endpoints, mutationName, parameterDescriptions, pathIdName, type EndpointSpec } from '../catalog/index.js';
import { commandErrorClasses } from '../errors.js';
import { runCommand } from '../resolvers/commands.js';
import { builder } from './builder.js';
import { InteractionCommandAccepted, UserCommandAccepted } from './entities.js';
import { inputTypes } from './inputs.js';

builder.mutationType({
  description:
    'One mutation per endpoint of the Alvaria Cloud Engagement Center REST API v2. Send the headers ' +
    '`Authorization` (Bearer token), `x-api-key` and `via-client-sessionid`; they are forwarded to the API.',
});

function addCommand(endpoint: EndpointSpec): void {
  const idName = pathIdName(endpoint.resource);
  const input = inputTypes.get(endpoint);
  if (!input) throw new Error(`No input type for ${endpoint.operation}`);
  const name = mutationName(endpoint);
  const success = endpoint.resource === 'interactions' ? InteractionCommandAccepted : UserCommandAccepted;
  builder.mutationField(name, (t) =>
    t.field({
      type: success,
      nullable: true,
      description: `${endpoint.summary}\n\n${endpoint.description}`,
      // Federation's `@requiresScopes` (a router enforces it; this subgraph itself does not).
      requiresScopes: endpoint.scopes.map((scopes) => [...scopes]),
      errors: {
        types: [...commandErrorClasses],
        union: { description: `The outcome of \`${name}\`: \`${success.name}\`, or the error that stopped it.` },
      },
      args: {
        [idName]: t.arg.id({
          required: true,
          description: endpoint.pathIdDescription ?? parameterDescriptions[idName],
        }),
        input: t.arg({ type: input, required: true, description: endpoint.bodyDescription }),
      },
      resolve: (_root, args, context) => runCommand(endpoint, args, context),
    }),
  );
}

endpoints.forEach(addCommand);
