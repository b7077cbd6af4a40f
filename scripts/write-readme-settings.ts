/** Part of `npm run generate`: writes the settings table of `README.md` (checked by a test). */
import { readFileSync, writeFileSync } from 'node:fs';
import { withSettingsTable } from './settings-doc.js';

const readme = new URL('../README.md', import.meta.url);
writeFileSync(readme, withSettingsTable(readFileSync(readme, 'utf8')));
