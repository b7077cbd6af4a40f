/** Whether a request's path is GraphQL's endpoint (with or without a trailing slash). */
export const isGraphQLPath = (pathname: string, graphqlEndpoint: string): boolean =>
  pathname === graphqlEndpoint || pathname === `${graphqlEndpoint}/`;
