export { endpoints } from './endpoints.js';
export { parameterDescriptions, interactionDataItem } from './fields.js';
export * from './names.js';
export type * from './types.js';
export * from './simulator-behaviour.js';

/** The REST API version the catalog transcribes. */
export const apiVersion = '2.0.0';
export { streamingCommands, streamingCommandScopes, type StreamingCommandName } from './streaming-commands.js';
