/**
 * Faults already logged with their request's id (by the resolver, or around execution), so that
 * the server's own report of the same fault, which knows no request, does not log it again.
 */
const logged = new WeakSet<object>();

export function markLogged(error: unknown): void {
  if (typeof error === 'object' && error !== null) logged.add(error);
}

/** The error, or the one it wraps (a located GraphQL error wraps the resolver's), was logged. */
export function wasLogged(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if (logged.has(error)) return true;
  const original = (error as { originalError?: unknown }).originalError;
  return typeof original === 'object' && original !== null && logged.has(original);
}
