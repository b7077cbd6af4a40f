/**
 * The commands the gateway adds beyond the 50 endpoints of the Engagement Center API: a streaming
 * session's create and delete (of the Streaming Client REST API, whose wire format we read in
 * `datasources/streaming-api.ts`). Their scopes are every command's but `userConnect`'s, as the
 * contract states them.
 */
export const streamingCommands = [
  { mutation: 'streamingSessionCreate', scopes: [['engagementcenterapi'], ['engagementcenterapi.withoutconnect']] },
  { mutation: 'streamingSessionDelete', scopes: [['engagementcenterapi'], ['engagementcenterapi.withoutconnect']] },
] as const satisfies readonly { readonly mutation: string; readonly scopes: readonly (readonly string[])[] }[];

export type StreamingCommandName = (typeof streamingCommands)[number]['mutation'];

export const streamingCommandScopes = (mutation: StreamingCommandName): string[][] =>
  (streamingCommands.find((command) => command.mutation === mutation)?.scopes ?? []).map((scopes) => [...scopes]);
