/**
 * A sample company subgraph, as a CRM team would write one: it extends our `Interaction` and
 * `Agent` entities, and also defines names that are common in company schemas (`User`,
 * `Organization`, `Query.organization`, its own `Error` interface and `ValidationError`).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createYoga } from 'graphql-yoga';
import { parse } from 'graphql';

export const crmTypeDefs = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])

  type Interaction @key(fields: "id") {
    id: ID!
    customer: Customer
  }

  type Agent @key(fields: "id") {
    id: ID!
    user: User
  }

  type User @key(fields: "id") {
    id: ID!
    name: String!
  }

  type Customer {
    id: ID!
    name: String!
  }

  type Organization {
    id: ID!
    name: String!
  }

  interface Error {
    message: String!
  }

  type ValidationError implements Error @shareable {
    message: String!
    field: String
  }

  type CustomerNotFoundError implements Error {
    message: String!
    customerId: ID!
  }

  union CustomerResult = Customer | CustomerNotFoundError | ValidationError

  type Query {
    customer(id: ID!): CustomerResult
    organization: Organization
  }
`;

const customerFor = (interactionId: string) => ({ id: `c-${interactionId}`, name: `Customer of ${interactionId}` });

const schema = buildSubgraphSchema({
  typeDefs: parse(crmTypeDefs),
  resolvers: {
    Interaction: {
      __resolveReference: ({ id }: { id: string }) => ({ id }),
      customer: ({ id }: { id: string }) => customerFor(id),
    },
    Agent: {
      __resolveReference: ({ id }: { id: string }) => ({ id }),
      user: ({ id }: { id: string }) => ({ id, name: `User ${id}` }),
    },
    CustomerResult: { __resolveType: () => 'Customer' },
    Query: {
      customer: (_root: unknown, { id }: { id: string }) => customerFor(id),
      organization: () => ({ id: 'o1', name: 'Acme Corp' }),
    },
  },
});

export interface CrmSubgraph {
  url: string;
  close(): Promise<void>;
}

export async function startCrmSubgraph(): Promise<CrmSubgraph> {
  const server = createServer(createYoga({ schema, logging: false }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
