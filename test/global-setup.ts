// Migrate once per run, not once per test file: a migrated database image made before the
// workers start, that every test file's database starts from (test/support/harness.ts). On
// PGlite, a dump of a migrated data directory (loaded without initdb); on PostgreSQL, a template
// database (`CREATE DATABASE … TEMPLATE`). Both are keyed by the migrations, the SQL code and the
// PGlite build, so a change to any of them makes a new one, and an unchanged tree reuses the last
// one of this machine. CI (CI=true) never reuses: every migration runs from an empty database on
// both databases in every CI run, here, and the run's images are removed at its end.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../src/app/database.js';
import { CHROMIUM, hasChromium } from './support/browser.js';

declare module 'vitest' {
  interface ProvidedContext {
    /** The migrated PGlite image (a gzipped tar of a data directory), or '' when none. */
    pgliteImage: string;
    /** The migrated PostgreSQL template database, or '' when none. */
    postgresTemplate: string;
  }
}

const root = resolve(import.meta.dirname, '..');

/** What a migrated database is made of: the migrations, the SQL code and the PGlite build. */
function schemaHash(): string {
  const hash = createHash('sha256');
  for (const dir of ['drizzle', 'db/functions'])
    for (const file of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).sort()) {
      const path = join(root, dir, file);
      if (/\.(sql|json)$/.test(file)) hash.update(file).update(readFileSync(path));
    }
  hash.update(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json')));
  return hash.digest('hex').slice(0, 16);
}

async function pgliteImage(key: string): Promise<string> {
  const file = join(tmpdir(), `ionmesh-test-image-${key}.tgz`);
  if (existsSync(file)) return file;
  const db = await openPglite(null, { thread: 'main' });
  try {
    await db.migrate();
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, await db.backup());
    renameSync(partial, file); // whole or absent: a run that stops half way leaves no image
  } finally {
    await db.close();
  }
  return file;
}

async function postgresTemplate(baseUrl: string, key: string): Promise<string> {
  const name = `ionmesh_tpl_${key}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount) return name;
    // Made under another name and renamed when migrated: a template is whole or absent.
    const making = `${name}_${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS ${making}`);
    await admin.query(`CREATE DATABASE ${making}`);
    const u = new URL(baseUrl);
    u.pathname = `/${making}`;
    const db = await openPostgres(u.toString());
    try {
      await db.migrate();
    } finally {
      await db.close();
    }
    try {
      await admin.query(`ALTER DATABASE ${making} RENAME TO ${name}`);
    } catch (error) {
      // Another run made it meanwhile: theirs serves.
      await admin.query(`DROP DATABASE IF EXISTS ${making}`);
      if (!(await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount) throw error;
    }
    return name;
  } finally {
    await admin.end();
  }
}

export default async function setup(project: TestProject) {
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  const key = ci ? `${schemaHash()}_ci${process.pid}` : schemaHash();
  const image = project.name === 'pglite' ? await pgliteImage(key) : '';
  const postgres = process.env.TEST_DATABASE_URL;
  const template = project.name === 'postgres' && postgres ? await postgresTemplate(postgres, key) : '';
  project.provide('pgliteImage', image);
  project.provide('postgresTemplate', template);
  return async () => {
    // Said last, after the summary, so a skipped browser suite is never mistaken for a pass.
    if (project.name === 'pglite' && !hasChromium)
      process.stderr.write(
        `\nNOTE: the console's browser tests (test/console.e2e.test.ts) were SKIPPED: no Chromium at ${CHROMIUM}.` +
          ' Install it (apt-get install chromium, as .ci/run does) or set CHROMIUM_PATH.\n',
      );
    if (!ci) return;
    if (image) rmSync(image, { force: true });
    if (template && postgres) {
      const admin = new pg.Client({ connectionString: postgres });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).finally(() => admin.end());
    }
  };
}
