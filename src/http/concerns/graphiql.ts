/**
 * GraphiQL for a browser that asks `/graphql` for a page. Its assets (9 MB) are inlined, as many
 * networks cannot reach a CDN, and loaded on the first visit, so an API-only deployment never
 * holds them in memory.
 */
import { prefersHtml } from '../media-types.js';
import type { Concern } from '../exchange.js';
import { agentSessionExample, typedErrorExample } from '../../graphiql-examples.js';

export interface GraphiQLOptions {
  /** GraphiQL's preloaded headers (JSON text). */
  readonly headers: string;
}

export function graphiqlConcern({ headers }: GraphiQLOptions): Concern {
  let page: Promise<string> | undefined;
  const render = async (): Promise<string> => {
    const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
    return renderGraphiQL({
      endpoint: '/graphql',
      title: 'Engagement Center GraphQL',
      defaultQuery: agentSessionExample,
      defaultTabs: [{ query: agentSessionExample }, { query: typedErrorExample }],
      headers,
      defaultEditorToolsVisibility: 'headers',
    });
  };
  return {
    name: 'graphiql',
    async onRequest({ method, request, url }) {
      if (method !== 'GET' || url.searchParams.has('query') || !prefersHtml(request.headers.accept)) return undefined;
      page ??= render();
      return { status: 200, contentType: 'text/html; charset=utf-8', body: await page };
    },
  };
}
