/**
 * Shared parameters and responses: what two or more operations repeat word for word is written
 * once under `components` and referenced; a variant only one operation has (forceDisconnect's
 * optional `via-client-sessionid`) stays inline, so it cannot be mistaken for the common one.
 */
import type { Reference } from './openapi-types.js';

export interface Named<T> {
  name: string;
  value: T;
}

export interface Shared<T> {
  components: Record<string, T>;
  /** An item as a reference to its component, or inline. */
  use: (item: Named<T>) => T | Reference;
}

export function shareRepeated<T>(perOperation: Array<Array<Named<T>>>, section: 'parameters' | 'responses'): Shared<T> {
  const variants = new Map<string, Map<string, { value: T; count: number }>>();
  for (const { name, value } of perOperation.flat()) {
    const byText = variants.get(name) ?? new Map<string, { value: T; count: number }>();
    variants.set(name, byText);
    const text = JSON.stringify(value);
    byText.set(text, { value, count: (byText.get(text)?.count ?? 0) + 1 });
  }
  const components: Record<string, T> = {};
  const sharedText = new Map<string, string>();
  for (const [name, byText] of variants) {
    // The most repeated variant of a name is the shared one (the first seen on a tie).
    const [text, best] = [...byText].reduce((top, entry) => (entry[1].count > top[1].count ? entry : top));
    if (best.count < 2) continue;
    components[name] = best.value;
    sharedText.set(name, text);
  }
  const use = ({ name, value }: Named<T>): T | Reference =>
    sharedText.get(name) === JSON.stringify(value) ? { $ref: `#/components/${section}/${name}` } : value;
  return { components, use };
}
