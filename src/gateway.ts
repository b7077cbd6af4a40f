/**
 * Builds the gateway without listening: the Yoga server over the schema, with one upstream
 * dispatcher that it owns. `src/server.ts` puts it on a port; tests can call `yoga.fetch` directly.
 */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Dispatcher } from 'undici';
import type { GatewayContext } from './context.js';
import { EngagementCenterApi, type EngagementCenterOptions } from './datasources/engagement-center.js';
import { createUpstreamAgent } from './datasources/upstream-agent.js';
import { schema } from './schema/index.js';

export interface GatewayOptions extends Omit<EngagementCenterOptions, 'dispatcher'> {
  /** Defaults to a keep-alive agent that the gateway creates and closes. */
  readonly dispatcher?: Dispatcher;
}

export interface Gateway {
  readonly yoga: YogaServerInstance<Record<string, never>, GatewayContext>;
  close(): Promise<void>;
}

const exampleOperation = `# Send the headers Authorization, x-api-key and via-client-sessionid (Headers tab below).
mutation Hold {
  interactionHold(interactionId: "4320", input: { ehubSessionId: "4875" }) {
    __typename
    ... on InteractionCommandAccepted { status interaction { id } }
    ... on UpstreamError { status message details { scope reason message } }
    ... on Error { message }
  }
}
`;

export function createGateway(options: GatewayOptions): Gateway {
  const ownsDispatcher = options.dispatcher === undefined;
  const dispatcher = options.dispatcher ?? createUpstreamAgent();
  const upstream: EngagementCenterOptions = { ...options, dispatcher };

  const yoga = createYoga<Record<string, never>, GatewayContext>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    // GraphiQL's assets are inlined by the gateway: many networks cannot reach a CDN.
    renderGraphiQL,
    graphiql: { title: 'Engagement Center GraphQL', defaultQuery: exampleOperation },
    // Never a stack trace or an upstream detail, whatever NODE_ENV says.
    maskedErrors: { isDev: false },
    context: ({ request }) => ({ engagementCenter: new EngagementCenterApi(upstream, request.headers) }),
  });

  return {
    yoga,
    close: async () => {
      await yoga.dispose();
      if (ownsDispatcher) await dispatcher.close();
    },
  };
}
