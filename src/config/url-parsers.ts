/** URL settings. Credentials and query strings are never quoted back in an error: they may hold secrets. */
import { ConfigError } from './config-error.js';
import type { Parser } from './parsers.js';

/** Drops a query or fragment, and everything before the last `@` but the scheme (user and password). */
const redacted = (text: string): string =>
  text.replace(/[?#].*$/s, '?…').replace(/^([a-z][a-z0-9+.-]*:\/\/)?.*@/is, (_match, scheme: string | undefined) => `${scheme ?? ''}***@`);

const failing = (name: string, text: string) => (why: string): never => {
  throw new ConfigError(`${name} ${why} (got "${redacted(text)}")`);
};

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** `http(s)://host[:port][/prefix]`, where `{orgId}` may stand in the host or the prefix; trailing slashes dropped. */
export const httpBaseUrl: Parser<string> = {
  accepts: 'http(s)://host[:port][/prefix], {orgId} allowed',
  parse(text, name) {
    const fail = failing(name, text);
    const url = parseUrl(text.replaceAll('{orgId}', 'org')) ?? fail('must be an absolute http(s) URL such as https://{orgId}.via.aspect-cloud.net');
    if (url.protocol !== 'http:' && url.protocol !== 'https:') fail('must use http or https');
    if (url.username || url.password) fail('must not carry credentials');
    if (url.search || url.hash || text.includes('?') || text.includes('#')) fail('must not have a query or fragment');
    return text.replace(/\/+$/, '');
  },
};

/** Where Redis is, as `REDIS_URL` names it: read once, here, for every user of it. */
export interface RedisAddress {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  /** `rediss://`: the connection uses TLS. */
  readonly tls: boolean;
  readonly username?: string;
  readonly password?: string;
}

/** `redis://` or `rediss://` (TLS), optional `user:password@`, a host, a port, optionally `/db`. */
export const redisUrl: Parser<RedisAddress> = {
  accepts: 'redis://[user:password@]host:port[/db] (or rediss://)',
  parse(text, name) {
    const fail = failing(name, text);
    const url = parseUrl(text) ?? fail('must be a URL such as redis://redis.internal:6379/0');
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') fail('must use redis or rediss');
    if (!url.hostname) fail('must name a host');
    // redis: is not a special scheme, so the URL keeps any port as written.
    if (!url.port) fail('must name a port, as in redis://host:6379');
    if (!/^(\/\d{0,9})?$/.test(url.pathname)) fail('may only have a database number as its path, as in /0');
    if (url.search || url.hash || text.includes('?') || text.includes('#')) fail('must not have a query or fragment');
    const db = url.pathname.replace(/^\//, '');
    return {
      host: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
      port: Number(url.port),
      db: db === '' ? 0 : Number(db),
      tls: url.protocol === 'rediss:',
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    };
  },
};
