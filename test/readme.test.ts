/** The README stays true to the code: every setting is listed with its default. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { settings } from '../src/config.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

it.each(settings.map((setting) => [setting.name, setting] as const))('lists %s with its default', (_name, setting) => {
  const row = readme.split('\n').find((line) => line.startsWith(`| \`${setting.name}\` |`));
  expect(row).toBeDefined();
  expect(row).toContain(setting.default);
});
