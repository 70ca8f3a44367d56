import { defineConfig } from 'vitest/config';

// The whole suite runs on embedded PGlite, and again on PostgreSQL when TEST_DATABASE_URL is set
// (CI sets it). Each test file gets its own fresh database. The console's own logic (web/src)
// runs once, in a DOM (happy-dom).
const postgres = process.env.TEST_DATABASE_URL;
// Every database a test file opens starts from one migrated per run (test/global-setup.ts).
const server = { include: ['test/**/*.test.ts', 'src/**/*.test.ts'], globalSetup: ['test/global-setup.ts'] };

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { ...server, name: 'pglite', env: { IONMESH_TEST_DB: 'pglite', IONMESH_CHECK_ROWS: '1' } } },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: { ...server, name: 'postgres', env: { IONMESH_TEST_DB: 'postgres', IONMESH_CHECK_ROWS: '1' } },
            },
          ]
        : []),
      { extends: true, test: { name: 'web', include: ['web/src/**/*.test.{ts,tsx}'], environment: 'happy-dom' } },
    ],
  },
});
