/**
 * The gateway's settings, read from the environment once at start. A bad value stops the start
 * with a one-line message naming the variable (`ConfigError`); secrets are never echoed.
 */
import { isOrganizationId, isPrintableHeaderValue } from './datasources/rules.js';

export interface GatewayConfig {
  /** `PORT`, default 4000. */
  readonly port: number;
  /** `HOST`, default `0.0.0.0`. */
  readonly host: string;
  /** `ALVARIA_BASE_URL` without trailing slashes; unset means: start the built-in simulator. */
  readonly baseUrl: string | null;
  /** `ALVARIA_ORG_ID`; in simulator mode `demo` unless set. */
  readonly defaultOrganization: string | null;
  /** `ALVARIA_ALLOWED_ORG_IDS`; null when every valid organization is allowed. */
  readonly allowedOrganizations: ReadonlySet<string> | null;
  /** `ALVARIA_API_KEY`: the `x-api-key` for requests that carry none. */
  readonly apiKey: string | null;
  /** `ALVARIA_TIMEOUT_MS`, default 10000: bounds each REST call as a whole. */
  readonly timeoutMs: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

const SIMULATOR_ORGANIZATION = 'demo';

/** Empty and unset are the same: "use the default". */
function read(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = read(env, name);
  if (text === null) return fallback;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${text}")`);
  }
  return value;
}

function readOrganization(name: string, text: string): string {
  if (!isOrganizationId(text)) {
    throw new ConfigError(`${name} must hold DNS labels (letters, digits, inner hyphens; at most 63 characters), got "${text}"`);
  }
  return text;
}

/** Accepts `http(s)://host[:port][/prefix]`, where `{orgId}` may stand in the host or the prefix. */
function readBaseUrl(env: Env): string | null {
  const text = read(env, 'ALVARIA_BASE_URL');
  if (text === null) return null;
  const fail = (why: string): never => {
    throw new ConfigError(`ALVARIA_BASE_URL ${why} (got "${text}")`);
  };
  let url: URL;
  try {
    url = new URL(text.replaceAll('{orgId}', 'org'));
  } catch {
    return fail('must be an absolute http(s) URL such as https://{orgId}.via.aspect-cloud.net');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail('must use http or https');
  if (url.username || url.password) fail('must not carry credentials');
  if (url.search || url.hash || text.includes('?') || text.includes('#')) fail('must not have a query or fragment');
  return text.replace(/\/+$/, '');
}

export function readConfig(env: Env = process.env): GatewayConfig {
  const baseUrl = readBaseUrl(env);
  const orgText = read(env, 'ALVARIA_ORG_ID');
  const defaultOrganization = orgText
    ? readOrganization('ALVARIA_ORG_ID', orgText)
    : baseUrl === null
      ? SIMULATOR_ORGANIZATION
      : null;

  const allowedText = read(env, 'ALVARIA_ALLOWED_ORG_IDS');
  const allowedOrganizations = allowedText
    ? new Set(
        allowedText
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '')
          .map((item) => readOrganization('ALVARIA_ALLOWED_ORG_IDS', item)),
      )
    : null;
  if (allowedOrganizations && defaultOrganization && !allowedOrganizations.has(defaultOrganization)) {
    throw new ConfigError(`ALVARIA_ORG_ID "${defaultOrganization}" is not one of ALVARIA_ALLOWED_ORG_IDS`);
  }

  const apiKey = read(env, 'ALVARIA_API_KEY');
  if (apiKey !== null && !isPrintableHeaderValue(apiKey)) {
    throw new ConfigError('ALVARIA_API_KEY must be printable ASCII of at most 4096 characters (value not shown)');
  }

  const host = read(env, 'HOST') ?? '0.0.0.0';
  if (/\s|\//.test(host)) throw new ConfigError(`HOST must be a host name or IP address (got "${host}")`);

  return {
    port: readInteger(env, 'PORT', 4000, 0, 65535),
    host,
    baseUrl,
    defaultOrganization,
    allowedOrganizations,
    apiKey,
    timeoutMs: readInteger(env, 'ALVARIA_TIMEOUT_MS', 10_000, 1, 600_000),
  };
}
