import { defineConfig } from 'vitest/config';

// The whole suite runs on embedded PGlite, and again on PostgreSQL when TEST_DATABASE_URL is set
// (CI sets it). Each test file gets its own fresh database.
const postgres = process.env.TEST_DATABASE_URL;

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'pglite', env: { IONMESH_TEST_DB: 'pglite' } } },
      ...(postgres ? [{ extends: true as const, test: { name: 'postgres', env: { IONMESH_TEST_DB: 'postgres' } } }] : []),
    ],
  },
});
