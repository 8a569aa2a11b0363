import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['**/*.test.ts'],
    exclude: [...configDefaults.exclude, '**/node_modules/**', 'out/**', 'dist/**', 'e2e/**', '.tsbuild/**'],
    globalSetup: ['electron/core/test-support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite is memory-heavy (~800 MB peak on initdb): separate processes, few at a time.
    pool: 'forks',
    maxWorkers: 2,
  },
});
