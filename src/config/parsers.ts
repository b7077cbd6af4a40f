/**
 * How a setting's text becomes its value. A parser gets the trimmed, non-empty text (empty or unset
 * means "the default", decided before) and throws a one-line `ConfigError` naming the variable.
 */
import { isOrganizationId, isPrintableHeaderValue, MAX_HEADER_LENGTH } from '../rules.js';
import { ConfigError } from './config-error.js';

export interface Parser<T> {
  readonly parse: (text: string, name: string) => T;
  /** The values it accepts, bounds included, as `--help` and the README say it. */
  readonly accepts: string;
}

export interface IntegerParser extends Parser<number> {
  readonly min: number;
  readonly max: number;
}

export const integer = (min: number, max: number): IntegerParser => ({
  min,
  max,
  accepts: `${min}–${max}`,
  parse(text, name) {
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${text}")`);
    }
    return value;
  },
});

export const boolean: Parser<boolean> = {
  accepts: 'true or false',
  parse(text, name) {
    const lower = text.toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(lower)) return true;
    if (['false', '0', 'no', 'off'].includes(lower)) return false;
    throw new ConfigError(`${name} must be true or false (got "${text}")`);
  },
};

export const oneOf = <T extends string>(values: readonly T[]): Parser<T> => ({
  accepts: values.join(', '),
  parse(text, name) {
    const value = values.find((candidate) => candidate === text);
    if (value === undefined) throw new ConfigError(`${name} must be one of ${values.join(', ')} (got "${text}")`);
    return value;
  },
});

export const hostName: Parser<string> = {
  accepts: 'a host name or IP address',
  parse(text, name) {
    if (/\s|\//.test(text)) throw new ConfigError(`${name} must be a host name or IP address (got "${text}")`);
    return text;
  },
};

function checkOrganization(name: string, text: string): string {
  if (!isOrganizationId(text)) {
    throw new ConfigError(`${name} must hold DNS labels (letters, digits, inner hyphens; at most 63 characters), got "${text}"`);
  }
  return text;
}

/** Comma-separated, spaces trimmed, empty items dropped. */
const items = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

export const organization: Parser<string> = {
  accepts: 'a DNS label',
  parse: (text, name) => checkOrganization(name, text),
};

export const organizations: Parser<ReadonlySet<string>> = {
  accepts: 'comma-separated DNS labels',
  parse: (text, name) => new Set(items(text).map((item) => checkOrganization(name, item))),
};

/** A header value that is a credential: never quoted back. */
export const secretHeaderValue: Parser<string> = {
  accepts: `printable ASCII, at most ${MAX_HEADER_LENGTH} characters`,
  parse(text, name) {
    if (!isPrintableHeaderValue(text)) {
      throw new ConfigError(`${name} must be printable ASCII of at most ${MAX_HEADER_LENGTH} characters (value not shown)`);
    }
    return text;
  },
};

/** null: no cross-origin access; `['*']`: any origin. */
export const corsOrigins: Parser<readonly string[] | null> = {
  accepts: 'comma-separated origins, or *',
  parse(text, name) {
    const origins = items(text);
    for (const origin of origins) {
      if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
        throw new ConfigError(`${name} must list origins such as https://desk.example.com, or * (got "${origin}")`);
      }
    }
    return origins.length > 0 ? origins : null;
  },
};
