import { defineConfig } from 'vitest/config';

/**
 * Unit tests (`*.test.ts`) sit beside their code; integration tests (`tests/*.test.ts`) talk to a
 * real database; end-to-end tests (`*.e2e.ts`) go through the gateway over HTTP.
 * On PGlite (no DATABASE_URL) test files share one embedded database folder, so they run one
 * file at a time; on PostgreSQL they run in parallel.
 */
const onPglite = !process.env.DATABASE_URL;

export default defineConfig({
  test: {
    globalSetup: ['tests/global-setup.ts'],
    fileParallelism: !onPglite,
    testTimeout: 30_000,
    hookTimeout: 180_000,
    include: ['**/*.test.ts', '**/*.e2e.ts'],
    // .baseline/: other commits' checkouts for the benchmarks' before-and-after runs (git-ignored)
    exclude: ['node_modules/**', '.data/**', '.baseline/**'],
  },
});
