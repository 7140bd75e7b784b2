import { defineConfig } from 'vitest/config';

/** Unit and integration tests (e2e runs under Playwright). Separate from vite.config.ts, whose root is renderer/. */
export default defineConfig({
  test: {
    include: ['{contract,locale,main,renderer,scripts,migrations,preload}/**/*.test.ts'],
    environment: 'node',
    // Integration tests open real SQLite files; two cores here, so two forks.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
