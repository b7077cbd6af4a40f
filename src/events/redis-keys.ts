/**
 * The Redis keys of the event engine: per session (hashed, in one hash slot) its stream of
 * entries and its lease; one epoch for the whole Redis, which tells a replica that Redis was
 * emptied (restarted, flushed) since it last looked.
 */
import type { SessionKey } from './session-key.js';

export interface EventKeys {
  stream(key: SessionKey): string;
  lease(key: SessionKey): string;
  readonly epoch: string;
}

export function eventKeys(prefix: string): EventKeys {
  const base = `${prefix}ev:`;
  return {
    stream: (key) => `${base}{${key.id}}:s`,
    lease: (key) => `${base}{${key.id}}:l`,
    epoch: `${base}epoch`,
  };
}
