/**
 * Which traced request the running code serves, for log lines and for code that cannot be handed
 * the request's span. One AsyncLocalStorage for the process, created on the first traced request:
 * with tracing off nothing here is ever enabled (Node 20's AsyncLocalStorage costs every promise
 * a hook once it is in use). No OpenTelemetry import, so the logger can use it for free.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The ids a log line carries: those of the request's SERVER span (OpenTelemetry's log field names). */
export interface TraceIds {
  readonly trace_id: string;
  readonly span_id: string;
}

/** What a request span leaves in the context: its ids (only when sampled) and itself. */
export interface TraceScope<Span = unknown> {
  readonly span: Span;
  /** Set only when the request is sampled: log lines of unsampled requests name no trace. */
  readonly logFields: TraceIds | undefined;
}

const NO_FIELDS: Readonly<Record<string, never>> = Object.freeze({});

let storage: AsyncLocalStorage<TraceScope> | undefined;

/** Runs `fn` (and everything it starts, awaited or not) inside `scope`. */
export function runInScope<T>(scope: TraceScope, fn: () => T): T {
  storage ??= new AsyncLocalStorage<TraceScope>();
  return storage.run(scope, fn);
}

/** The scope of the traced request being served, if any. */
export const activeScope = (): TraceScope | undefined => storage?.getStore();

/**
 * For pino's `mixin`: `{ trace_id, span_id }` while serving a sampled traced request, else one
 * shared empty object. Both are shared, so use `mergeLogFields` as the merge strategy (pino's
 * default assigns into the mixin's object).
 */
export function activeLogFields(): Readonly<Partial<TraceIds>> {
  return storage?.getStore()?.logFields ?? NO_FIELDS;
}

/** pino's `mixinMergeStrategy`: the line's own fields as they are, or after the trace ids. Mutates neither. */
export function mergeLogFields(mergeObject: object, fields: object): object {
  return fields === NO_FIELDS ? mergeObject : { ...fields, ...mergeObject };
}
