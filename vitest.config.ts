import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// The whole suite runs on embedded PGlite, and again on PostgreSQL when TEST_DATABASE_URL is set
// (CI sets it): every file that touches a database runs on both; pure files (domain rules,
// parsers, the module graph, the docs) run once. Each test file gets its own fresh database. The
// console's own logic (web/src) runs once, in a DOM (happy-dom).
const postgres = process.env.TEST_DATABASE_URL;
// Every database a test file opens starts from one migrated per run (test/global-setup.ts).
// Each file has its own module graph (isolated): modules keep per-process state (the
// reconciler's memory of each server, caches) that must not leak from one file into the next.
const server = {
  include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
  globalSetup: ['test/global-setup.ts'],
  unstubEnvs: true,
};

/** The test files that open a database, less those that run on the embedded one only. */
function databaseFiles(): string[] {
  const files = ['test', 'src'].flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => join(dir, f)),
  );
  return files.filter((file) => {
    const text = readFileSync(file, 'utf8');
    if (!/startIonMesh|freshDatabase|startReplica|openPostgres|TEST_DATABASE_URL|databaseUrl/.test(text)) return false;
    const suites = text.match(/^describe[.(][^\n]*/gm) ?? [];
    const embeddedOnly = (s: string) => /^describe\.(runIf\(!onPostgres\)|skipIf\(onPostgres\))/.test(s);
    return suites.length === 0 || !suites.every(embeddedOnly);
  });
}

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
              test: {
                ...server,
                include: databaseFiles(),
                name: 'postgres',
                env: { IONMESH_TEST_DB: 'postgres', IONMESH_CHECK_ROWS: '1' },
              },
            },
          ]
        : []),
      { extends: true, test: { name: 'web', include: ['web/src/**/*.test.{ts,tsx}'], environment: 'happy-dom' } },
    ],
  },
});
