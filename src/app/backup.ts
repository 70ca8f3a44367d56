// Backups of the embedded database: a gzipped tar of PGlite's data directory, taken by
// Database.backup() between two units of its queue (consistent while the server runs), and
// restored into a stopped site's data directory. PostgreSQL sites use pg_dump/pg_restore
// (docs/operations.md).
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { ConfigError } from './config.js';
import { lockDataDir } from './data-dir-lock.js';

/** The backup written to `path` whole or not at all (a temporary file renamed), readable by its owner only. */
export function writeBackupFile(path: string, bytes: Uint8Array) {
  const tmp = join(dirname(path), `.${Date.now()}-${process.pid}.ionmesh-backup.tmp`);
  try {
    writeFileSync(tmp, bytes, { mode: 0o600 });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new ConfigError(`cannot write ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

export interface Restored {
  /** Where the database that was replaced now is (null: there was none). */
  previous: string | null;
  /** Migrations the restored database holds (a newer IonMesh's backup is refused at start). */
  migrations: number;
  tables: number;
}

const isGzip = (b: Buffer) => b.length > 18 && b[0] === 0x1f && b[1] === 0x8b;

/**
 * Restores `file` as the embedded database of `dataDir` (the --data-dir; the database is its
 * `pglite` folder). The site must be stopped: the data directory's lock is held throughout, so a
 * server cannot start meanwhile. The backup is loaded and checked beside the current database
 * first; only then is the current one moved aside (never deleted) and the restored one put in
 * its place.
 */
export async function restoreEmbedded(file: string, dataDir: string): Promise<Restored> {
  let bytes: Buffer<ArrayBuffer>;
  try {
    bytes = readFileSync(file) as Buffer<ArrayBuffer>;
  } catch (e) {
    throw new ConfigError(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (!isGzip(bytes)) throw new ConfigError(`${file} is not an IonMesh backup (a gzipped tar from ionmesh backup)`);
  // A truncated or damaged file is refused here, before PGlite reads it (its gzip stream reports
  // such an error outside any promise).
  try {
    gunzipSync(bytes);
  } catch (e) {
    throw new ConfigError(`${file} cannot be restored: it is damaged (${(e as Error).message})`);
  }
  const target = join(dataDir, 'pglite');
  const lock = lockDataDir(target, 'cli (restore)');
  const staging = `${target}.restoring-${process.pid}`;
  try {
    rmSync(staging, { recursive: true, force: true });
    let counts: Omit<Restored, 'previous'>;
    try {
      const db = new PGlite(staging, { loadDataDir: new Blob([bytes]) });
      await db.waitReady;
      const migrated = await db.query<{ t: string | null }>(`SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t`);
      if (!migrated.rows[0]?.t) throw new Error('it holds no IonMesh schema');
      const figures = await db.query<{ migrations: number; tables: number }>(
        `SELECT (SELECT count(*)::int FROM drizzle.__drizzle_migrations) AS migrations,
                (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public') AS tables`,
      );
      counts = figures.rows[0] as Omit<Restored, 'previous'>;
      await db.close();
    } catch (e) {
      rmSync(staging, { recursive: true, force: true });
      throw new ConfigError(`${file} cannot be restored: ${e instanceof Error ? e.message : String(e)}`);
    }
    const previous = existsSync(target) ? `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}` : null;
    if (previous) renameSync(target, previous);
    renameSync(staging, target);
    return { previous, ...counts };
  } finally {
    lock.release();
  }
}
