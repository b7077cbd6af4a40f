import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run test:browser`: the checks that need Debian's Chromium (CI installs it first).
export default defineConfig({
  resolve: base.resolve,
  test: { include: ['test/browser/**/*.browser.test.ts'], testTimeout: 60_000 },
});
