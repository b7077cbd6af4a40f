/**
 * `dependencies` in package.json is exactly what the gateway's code imports: nothing listed that
 * nothing uses, and nothing used that is only there as another package's dependency.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
  );
}

/** `pkg` or `@scope/pkg` of every bare specifier: static and dynamic imports, `export … from`, `require`. */
function packagesImportedBy(text: string): string[] {
  const specifiers = [...text.matchAll(/(?:from\s+|import\(\s*|import\s+|require\(\s*)['"]([^'"]+)['"]/g)].map((match) => match[1] ?? '');
  return specifiers
    .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:') && !builtinModules.includes(specifier))
    .map((specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
}

const imported = new Set(sources(join(root, 'src')).flatMap((file) => packagesImportedBy(readFileSync(file, 'utf8'))));

describe('package.json dependencies', () => {
  it('lists every package the gateway imports', () => {
    expect([...imported].filter((name) => !(name in dependencies)).sort()).toEqual([]);
  });

  it('lists nothing the gateway does not import', () => {
    expect(Object.keys(dependencies).filter((name) => !imported.has(name)).sort()).toEqual([]);
  });
});
