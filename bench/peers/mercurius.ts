/**
 * A benchmark peer: the hold served by the fastest common Node GraphQL stack — Fastify 5 with
 * Mercurius 16 and graphql-jit — with one hand-written resolver calling the REST API with undici.
 * It answers what bench/workloads.ts sends for the hold (`apolloClientHold`, `interactionHold`), so
 * `npm run bench` shows what the stack we chose costs against it.
 *
 * Written the way a typical user writes it: `Fastify()` and `app.register(mercurius, { schema,
 * resolvers })` with their defaults (no logger, the query cache), the schema in SDL (the least the
 * workloads need to validate: HoldInput, and a union of InteractionCommandAccepted and one error
 * type implementing the `Error` interface), one keep-alive undici Pool with as many sockets as the
 * gateway's default (ALVARIA_MAX_CONNECTIONS, 64), NODE_ENV=production (set by the harness). One
 * tuning beyond the defaults, as the issue asks: `jit: 1`, so every query is compiled with
 * graphql-jit after its first run. It reports its port to the parent over IPC, as every helper of
 * the benchmark does.
 */
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import mercurius, { type IResolvers } from 'mercurius';
import { Pool } from 'undici';

const upstream = new Pool(process.env.UPSTREAM_URL ?? '', { connections: 64 });
const forwardedHeaders = ['authorization', 'x-api-key', 'via-client-sessionid'] as const;

const schema = /* GraphQL */ `
  interface Error {
    message: String!
  }
  type InteractionCommandAccepted {
    status: Int!
  }
  type UnexpectedStatusError implements Error {
    message: String!
    status: Int!
  }
  union InteractionHoldResult = InteractionCommandAccepted | UnexpectedStatusError
  input HoldInput {
    ehubSessionId: String!
  }
  type Query {
    ok: Boolean
  }
  type Mutation {
    interactionHold(interactionId: ID!, input: HoldInput!): InteractionHoldResult
  }
`;

interface HoldArgs {
  readonly interactionId: string;
  readonly input: { readonly ehubSessionId: string };
}

const resolvers: IResolvers = {
  Query: { ok: () => true },
  Mutation: {
    interactionHold: async (_root, { interactionId, input }: HoldArgs, { reply }) => {
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
      for (const name of forwardedHeaders) {
        const value = reply.request.headers[name];
        if (typeof value === 'string' && value) headers[name] = value;
      }
      const answer = await upstream.request({
        method: 'POST',
        path: `/via/v2/organizations/bench/engagementCenter/interactions/${encodeURIComponent(interactionId)}/hold`,
        headers,
        body: JSON.stringify({ ehubSessionId: input.ehubSessionId }),
      });
      await answer.body.dump();
      const status = answer.statusCode;
      return status >= 200 && status < 300 ? { status } : { status, message: `The API answered ${status}.` };
    },
  },
  InteractionHoldResult: {
    resolveType: (result: { message?: string }) => (result.message === undefined ? 'InteractionCommandAccepted' : 'UnexpectedStatusError'),
  },
};

const app = Fastify();
await app.register(mercurius, { schema, resolvers, jit: 1 });
await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ port: (app.server.address() as AddressInfo).port });
