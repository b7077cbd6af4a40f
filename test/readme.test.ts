/** The README stays true to the code: its settings table is the one list, rendered. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderSettingsTable, settingsEnd, settingsStart } from '../scripts/settings-doc.js';
import { settings } from '../src/config/read-config.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
// The settings table, between its markers (other tables may name settings too, e.g. to explain defaults).
const table = readme.slice(readme.indexOf(settingsStart), readme.indexOf(settingsEnd));
const rows = table.split('\n').filter((line) => /^\| `[A-Z][A-Z0-9_]*` \|/.test(line));

describe('the README settings table', () => {
  it.each(settings.map((setting) => [setting.name, setting] as const))('lists %s with its default', (_name, setting) => {
    const row = rows.find((line) => line.startsWith(`| \`${setting.name}\` |`));
    expect(row).toBeDefined();
    expect(row?.split(' | ')[1]).toContain(setting.shownDefault);
  });

  it('lists no variable that is not a setting', () => {
    expect(rows.map((line) => line.slice(3, line.indexOf('`', 3)))).toEqual(settings.map((setting) => setting.name));
  });

  it('is the table rendered from the list (`npm run generate` writes it)', () => {
    const block = readme.slice(readme.indexOf(settingsStart) + settingsStart.length, readme.indexOf(settingsEnd)).trim();
    expect(block).toBe(renderSettingsTable());
  });
});
