/**
 * A benchmark peer: the hold as a competent engineer would serve it with the stack we chose, bare —
 * graphql-yoga 5 on node:http, a @pothos/core 4 schema, one hand-written resolver calling the REST
 * API with undici. It answers what bench/workloads.ts sends for the hold (`apolloClientHold`,
 * `interactionHold`), so `npm run bench` shows what the gateway costs beyond this stack.
 *
 * Written the way a typical user writes it, and tuned no further: `createYoga({ schema })` with
 * every default left on (masked errors, CORS, GraphiQL, landing page, health check, the parse and
 * validate cache), `createServer(yoga)`, one keep-alive undici Pool with as many sockets as the
 * gateway's default (ALVARIA_MAX_CONNECTIONS, 64), NODE_ENV=production (set by the harness, as the
 * gateway sets it). The schema is the least the workloads need to validate: HoldInput, and a union
 * of InteractionCommandAccepted and one error type implementing the `Error` interface. It reports
 * its port to the parent over IPC, as every helper of the benchmark does.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import SchemaBuilder from '@pothos/core';
import { createYoga, type YogaInitialContext } from 'graphql-yoga';
import { Pool } from 'undici';

const upstream = new Pool(process.env.UPSTREAM_URL ?? '', { connections: 64 });
const forwardedHeaders = ['authorization', 'x-api-key', 'via-client-sessionid'] as const;

interface Accepted {
  readonly status: number;
}
interface UnexpectedStatus {
  readonly status: number;
  readonly message: string;
}

const builder = new SchemaBuilder<{ Context: YogaInitialContext }>({});

const ErrorInterface = builder.interfaceRef<{ message: string }>('Error').implement({
  fields: (t) => ({ message: t.exposeString('message') }),
});

const InteractionCommandAccepted = builder.objectRef<Accepted>('InteractionCommandAccepted').implement({
  fields: (t) => ({ status: t.exposeInt('status') }),
});

const UnexpectedStatusError = builder.objectRef<UnexpectedStatus>('UnexpectedStatusError').implement({
  interfaces: [ErrorInterface],
  fields: (t) => ({ status: t.exposeInt('status') }),
});

const HoldInput = builder.inputType('HoldInput', {
  fields: (t) => ({ ehubSessionId: t.string({ required: true }) }),
});

const InteractionHoldResult = builder.unionType('InteractionHoldResult', {
  types: [InteractionCommandAccepted, UnexpectedStatusError],
  resolveType: (result) => ('message' in result ? UnexpectedStatusError : InteractionCommandAccepted),
});

builder.queryType({ fields: (t) => ({ ok: t.boolean({ resolve: () => true }) }) });

builder.mutationType({
  fields: (t) => ({
    interactionHold: t.field({
      type: InteractionHoldResult,
      args: { interactionId: t.arg.id({ required: true }), input: t.arg({ type: HoldInput, required: true }) },
      resolve: async (_root, { interactionId, input }, { request }): Promise<Accepted | UnexpectedStatus> => {
        const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
        for (const name of forwardedHeaders) {
          const value = request.headers.get(name);
          if (value) headers[name] = value;
        }
        const answer = await upstream.request({
          method: 'POST',
          path: `/via/v2/organizations/bench/engagementCenter/interactions/${encodeURIComponent(String(interactionId))}/hold`,
          headers,
          body: JSON.stringify({ ehubSessionId: input.ehubSessionId }),
        });
        await answer.body.dump();
        const status = answer.statusCode;
        return status >= 200 && status < 300 ? { status } : { status, message: `The API answered ${status}.` };
      },
    }),
  }),
});

const yoga = createYoga({ schema: builder.toSchema() });
const server = createServer(yoga);
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
