/**
 * What a failed REST call means for the client: never written (`UpstreamUnavailableError`), or
 * written with the outcome unknown (`UpstreamTimeoutError`). Whether it was written comes from
 * `write-tracking.ts`. The upstream's address is never shown.
 */
import { UpstreamTimeoutError, UpstreamUnavailableError } from '../errors.js';

const connectFailureReasons: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'its host name could not be resolved',
  EAI_AGAIN: 'its host name could not be resolved',
  EHOSTUNREACH: 'its host is unreachable',
  ENETUNREACH: 'its network is unreachable',
  ECONNRESET: 'the connection was reset while connecting',
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
};

/** Codes of a call built wrong, not of a network: a bug, which stays a (masked) bug. */
const programmingErrorCodes: ReadonlySet<string> = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_INVALID_RETURN_VALUE',
  'UND_ERR_NOT_SUPPORTED',
  'UND_MOCK_ERR_MOCK_NOT_MATCHED',
]);

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
 * A network failure before the request was written (refused, DNS, TLS, reset while connecting,
 * whatever the dispatcher): the one kind of failure that may be retried.
 */
export function isConnectFailure(error: unknown, written: boolean): boolean {
  const code = errorCode(error);
  return !written && code !== null && !programmingErrorCodes.has(code);
}

export interface FailedCall {
  /** The call's time (`ALVARIA_TIMEOUT_MS`) ran out. */
  readonly timedOut: boolean;
  /** The request reached a connection, so it may have been written. */
  readonly written: boolean;
  readonly timeoutMs: number;
}

/**
 * The typed error for a failure of the call itself, or the error unchanged when it is not a
 * network failure (a bug stays a bug and is masked by the server).
 */
export function upstreamFailure(error: unknown, call: FailedCall): unknown {
  if (call.timedOut && !call.written) {
    return new UpstreamUnavailableError(
      `The Engagement Center could not be reached within ${call.timeoutMs} ms: the call timed out before it could be sent. Nothing was sent; the command was not carried out.`,
    );
  }
  if (call.timedOut) {
    return new UpstreamTimeoutError(
      `The Engagement Center did not answer within ${call.timeoutMs} ms. The command may or may not have been carried out.`,
    );
  }
  if (isConnectFailure(error, call.written)) {
    return new UpstreamUnavailableError(
      `The Engagement Center could not be reached (${connectFailureReason(errorCode(error))}). Nothing was sent; the command was not carried out.`,
    );
  }
  if (call.written && (errorCode(error) !== null || isAbort(error))) {
    return new UpstreamTimeoutError(
      'The connection to the Engagement Center broke before it answered. The command may or may not have been carried out.',
    );
  }
  return error;
}
