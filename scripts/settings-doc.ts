/** The README's settings table, rendered from the one list in `src/config/table.ts`. */
import { settings } from '../src/config/read-config.js';

export const settingsStart = '<!-- settings: written by `npm run generate` from src/config/table.ts; do not edit -->';
export const settingsEnd = '<!-- /settings -->';

/** Pipes would end the cell; brackets would read as a Markdown link. */
const cell = (text: string): string => text.replace(/[|[\]]/g, '\\$&');

export function renderSettingsTable(): string {
  return [
    '| variable | default | values | meaning |',
    '|---|---|---|---|',
    ...settings.map(
      (setting) =>
        `| \`${setting.name}\` | ${setting.literalDefault ? `\`${setting.shownDefault}\`` : cell(setting.shownDefault)} | ${cell(setting.parser.accepts)} | ${cell(setting.description)} |`,
    ),
  ].join('\n');
}

/** The README with its table between the markers replaced. */
export function withSettingsTable(readme: string): string {
  const start = readme.indexOf(settingsStart);
  const end = readme.indexOf(settingsEnd);
  if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${settingsStart} … ${settingsEnd}`);
  return `${readme.slice(0, start + settingsStart.length)}\n${renderSettingsTable()}\n${readme.slice(end)}`;
}
