/**
 * GraphiQL, as Yoga serves it to a browser that asks `/graphql` for a page: its assets (9 MB) are
 * inlined (`@graphql-yoga/render-graphiql`), as many networks cannot reach a CDN, and loaded on
 * the first visit, so an API-only deployment never holds them in memory. It opens onto the tabs of
 * `graphiql-tabs.ts` with the headers to send already in place.
 */
import type { YogaServerOptions } from 'graphql-yoga';
import { agentEventsExample, agentSessionExample, placeholderHeaders, typedErrorExample } from './graphiql-tabs.js';

type YogaOptions = YogaServerOptions<Record<string, unknown>, Record<string, unknown>>;
type GraphiQLOptions = Exclude<NonNullable<YogaOptions['graphiql']>, boolean | ((...args: never[]) => unknown)>;

export function graphiqlOptions(headers: string = placeholderHeaders): GraphiQLOptions {
  return {
    title: 'Engagement Center GraphQL',
    defaultQuery: agentSessionExample,
    defaultTabs: [{ query: agentSessionExample }, { query: agentEventsExample }, { query: typedErrorExample }],
    headers,
    defaultEditorToolsVisibility: 'headers',
  };
}

export const renderGraphiQL: NonNullable<YogaOptions['renderGraphiQL']> = async (options) =>
  (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options);
