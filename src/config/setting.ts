/**
 * A setting is one row: its variable, default, parser (bounds included) and description. Rows sit
 * in a tree shaped like the configuration they produce, so the configuration's type is derived.
 */
import { ConfigError } from './config-error.js';
import type { Parser } from './parsers.js';

export interface Setting<T> {
  /** The environment variable. */
  readonly name: string;
  readonly default: T;
  readonly parser: Parser<T>;
  readonly description: string;
  /** The default as `--help` and the README show it. */
  readonly shownDefault: string;
  /** The default is a value one could write (`4000`), not prose (`(none)`). */
  readonly literalDefault: boolean;
  /** The value is never quoted in an error. */
  readonly secret: boolean;
}

interface SettingSpec<T, D> {
  readonly name: string;
  readonly default: D;
  readonly parser: Parser<T>;
  readonly description: string;
  /** Prose for a default that is not a value (`(built-in simulator)`); a null default reads `(none)`. */
  readonly defaultText?: string;
  readonly secret?: true;
}

const made = new WeakSet<object>();

/** The parser decides the value type; a null default makes the value nullable. */
export function setting<T>(spec: SettingSpec<T, NoInfer<T>>): Setting<T>;
export function setting<T>(spec: SettingSpec<T, null>): Setting<T | null>;
export function setting<T>(spec: SettingSpec<T, T | null>): Setting<T | null> {
  const row: Setting<T | null> = {
    name: spec.name,
    default: spec.default,
    parser: spec.parser,
    description: spec.description,
    shownDefault: spec.defaultText ?? (spec.default === null ? '(none)' : String(spec.default)),
    literalDefault: spec.defaultText === undefined && spec.default !== null,
    secret: spec.secret === true,
  };
  made.add(row);
  return row;
}

export interface SettingTree {
  readonly [key: string]: Setting<unknown> | SettingTree;
}

/** The values a tree of settings reads to, in the tree's own shape. */
export type ValuesOf<Tree> = {
  readonly [K in keyof Tree]: Tree[K] extends Setting<infer V> ? V : ValuesOf<Tree[K]>;
};

const isSetting = (node: Setting<unknown> | SettingTree): node is Setting<unknown> => made.has(node);

export type Env = Readonly<Record<string, string | undefined>>;

/** Empty and unset are the same: "use the default". */
export function readSetting<T>(row: Setting<T>, env: Env): T {
  const text = env[row.name]?.trim();
  if (!text) return row.default;
  try {
    return row.parser.parse(text, row.name);
  } catch (error) {
    // A second guard for secrets: a parser that quotes its input loses the quote here.
    if (row.secret && error instanceof ConfigError && error.message.includes(text)) {
      throw new ConfigError(`${row.name} must be ${row.parser.accepts} (value not shown)`);
    }
    throw error;
  }
}

export function readTree<Tree extends SettingTree>(tree: Tree, env: Env): ValuesOf<Tree> {
  const entries = Object.entries(tree).map(([key, node]) => [key, isSetting(node) ? readSetting(node, env) : readTree(node, env)]);
  return Object.fromEntries(entries) as ValuesOf<Tree>;
}

export interface PlacedSetting extends Setting<unknown> {
  /** Where its value lands in the configuration: `['upstream', 'timeoutMs']`. */
  readonly path: readonly string[];
}

/** Every row, in the tree's order. */
export function flatten(tree: SettingTree, path: readonly string[] = []): PlacedSetting[] {
  return Object.entries(tree).flatMap(([key, node]) =>
    isSetting(node) ? [{ ...node, path: [...path, key] }] : flatten(node, [...path, key]),
  );
}
