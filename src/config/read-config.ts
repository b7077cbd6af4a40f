/**
 * The gateway's settings, read from the environment once at start. A bad value stops the start
 * with a one-line message naming the variable (`ConfigError`); secrets are never echoed.
 * The rows live in `settings/table.ts`; this module adds the rules that join several of them.
 */
import { ConfigError } from './config-error.js';
import { flatten, readTree, type Env, type PlacedSetting, type ValuesOf } from './setting.js';
import { SIMULATOR_ORGANIZATION, settingTable } from './table.js';

export { ConfigError } from './config-error.js';
export type { LogLevel } from './table.js';

export type GatewayConfig = ValuesOf<typeof settingTable>;
export type UpstreamLimits = GatewayConfig['upstream'];
export type OperationLimits = GatewayConfig['limits'];
export type HttpSettings = GatewayConfig['http'];
export type PersistedQuerySettings = GatewayConfig['persistedQueries'];
export type ProtectionSettings = GatewayConfig['protection'];
export type StreamingSettings = GatewayConfig['streaming'];

/** Every setting in the order `--help` and the README list them. */
export const settings: readonly PlacedSetting[] = flatten(settingTable);

function checkRules(config: GatewayConfig): void {
  const { defaultOrganization, allowedOrganizations, http } = config;
  if (allowedOrganizations && defaultOrganization && !allowedOrganizations.has(defaultOrganization)) {
    throw new ConfigError(`ALVARIA_ORG_ID "${defaultOrganization}" is not one of ALVARIA_ALLOWED_ORG_IDS`);
  }
  if (http.requestTimeoutMs < http.headersTimeoutMs) {
    throw new ConfigError('SERVER_REQUEST_TIMEOUT_MS must be at least SERVER_HEADERS_TIMEOUT_MS');
  }
  if (config.persistedOperationsOnly && config.persistedOperations === null) {
    throw new ConfigError('PERSISTED_OPERATIONS_ONLY needs PERSISTED_OPERATIONS_FILE');
  }
  // One retrieval's events arrive at once: a smaller buffer would end subscribers that keep up.
  if (config.streaming.subscriberBufferEvents < config.streaming.maxEvents) {
    throw new ConfigError('SUBSCRIBER_BUFFER_EVENTS must be at least STREAMING_MAX_EVENTS (the events of one retrieval arrive together)');
  }
}

export function readConfig(env: Env = process.env): GatewayConfig {
  const read = readTree(settingTable, env);
  const config: GatewayConfig = {
    ...read,
    defaultOrganization: read.defaultOrganization ?? (read.baseUrl === null ? SIMULATOR_ORGANIZATION : null),
  };
  checkRules(config);
  return config;
}
