/**
 * What a failed REST call means for the client: never written (`UpstreamUnavailableError`), or
 * written with the outcome unknown (`UpstreamTimeoutError`). The upstream's address is never shown.
 */
import { UpstreamTimeoutError, UpstreamUnavailableError } from '../errors.js';
import { isConnectFailure } from './upstream-agent.js';

const connectFailureReasons: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'its host name could not be resolved',
  EAI_AGAIN: 'its host name could not be resolved',
  EHOSTUNREACH: 'its host is unreachable',
  ENETUNREACH: 'its network is unreachable',
  ECONNRESET: 'the connection was reset while connecting',
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
};

const errorCode = (error: unknown): string | null => {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  return typeof error.code === 'string' ? error.code : null;
};

function connectFailureReason(code: string | null): string {
  const known = code === null ? undefined : connectFailureReasons[code];
  if (known) return known;
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) return 'the TLS handshake failed';
  return 'no connection could be established';
}

const isAbort = (error: unknown): boolean =>
  error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');

/**
 * The typed error for a failure of the call itself, or the error unchanged when it is not a
 * network failure (a bug stays a bug and is masked by the server).
 */
export function upstreamFailure(error: unknown, timedOut: boolean, timeoutMs: number): unknown {
  if (timedOut) {
    return new UpstreamTimeoutError(
      `The Engagement Center did not answer within ${timeoutMs} ms. The command may or may not have been carried out.`,
    );
  }
  const code = errorCode(error);
  if (isConnectFailure(error)) {
    return new UpstreamUnavailableError(
      `The Engagement Center could not be reached (${connectFailureReason(code)}). Nothing was sent; the command was not carried out.`,
    );
  }
  if (code !== null || isAbort(error)) {
    return new UpstreamTimeoutError(
      'The connection to the Engagement Center broke before it answered. The command may or may not have been carried out.',
    );
  }
  return error;
}
