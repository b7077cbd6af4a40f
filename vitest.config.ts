import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (`main`) and ESM (`module`); Node loads the CJS one for every
    // dependency, so tests must too, or schema objects come from two realms.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    // Wire tests start real servers; a slow shared machine must not turn that into a failure.
    testTimeout: 15_000,
  },
});
