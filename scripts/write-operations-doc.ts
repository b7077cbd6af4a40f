/** Part of `npm run generate`: writes `docs/operations.md` (checked by a test). */
import { writeFileSync } from 'node:fs';
import { renderOperationsDoc } from './operations-doc.js';

writeFileSync(new URL('../docs/operations.md', import.meta.url), renderOperationsDoc());
