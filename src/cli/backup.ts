// `ionmesh backup FILE` and `ionmesh restore FILE`: the embedded database copied out while the
// server runs (through its admin API) or while it is stopped (directly), and put back into a
// stopped site. PostgreSQL sites use pg_dump/pg_restore (docs/operations.md).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { restoreEmbedded, writeBackupFile } from '../app/backup.js';
import { ConfigError } from '../app/config.js';
import { DataDirInUse } from '../app/data-dir-lock.js';
import { openDatabase } from '../app/database.js';

const ON_POSTGRES =
  'IonMesh runs on PostgreSQL here: back it up with `pg_dump --format=custom` and restore with `pg_restore` (docs/operations.md)';

export interface BackupOptions {
  dataDir: string;
  databaseUrl: string | null;
  /** An admin key, to back up through a server that holds the data directory. */
  apiKey: string | undefined;
}

/** Exit code 0 when FILE holds a backup of the site's embedded database. */
export async function backup(file: string, opts: BackupOptions): Promise<number> {
  if (opts.databaseUrl) throw new ConfigError(ON_POSTGRES);
  if (!existsSync(join(opts.dataDir, 'pglite'))) throw new ConfigError(`no embedded database in ${opts.dataDir} (--data-dir)`);
  let bytes: Uint8Array;
  let how: string;
  try {
    const db = await openDatabase({ dataDir: opts.dataDir }, 'cli (backup)');
    try {
      bytes = await db.backup();
    } finally {
      await db.close();
    }
    how = 'directly (no server was running)';
  } catch (error) {
    if (!(error instanceof DataDirInUse) || !error.holder.url) throw error;
    if (!opts.apiKey)
      throw new ConfigError(
        `a server runs on ${opts.dataDir} (pid ${error.holder.pid}, ${error.holder.url}): give an admin key (--api-key-file or IONMESH_API_KEY) to back up through it, or stop it first`,
      );
    bytes = await backupThrough(error.holder.url, opts.apiKey);
    how = `through the running server at ${error.holder.url}`;
  }
  writeBackupFile(file, bytes);
  process.stdout.write(`Backed up the embedded database to ${file} (${Math.ceil(bytes.length / 1024)} kB), ${how}.\n`);
  return 0;
}

async function backupThrough(url: string, apiKey: string): Promise<Uint8Array> {
  const res = await fetch(`${url.replace(/\/$/, '')}/api/backend/v1/backup`, { headers: { 'x-api-key': apiKey } });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new ConfigError(`the server refused the backup: ${res.status} ${body.code ?? ''} ${body.message ?? ''}`.trim());
  }
  return new Uint8Array(await res.arrayBuffer());
}

/** Exit code 0 when the backup in FILE is the site's embedded database (the site is stopped). */
export async function restore(file: string, opts: { dataDir: string; databaseUrl: string | null }): Promise<number> {
  if (opts.databaseUrl) throw new ConfigError(ON_POSTGRES);
  const restored = await restoreEmbedded(file, opts.dataDir);
  process.stdout.write(
    `Restored ${file} into ${opts.dataDir} (${restored.tables} tables, ${restored.migrations} migrations).\n` +
      (restored.previous
        ? `The database it replaced is kept in ${restored.previous}; delete it when you no longer need it.\n`
        : '') +
      'The next start applies any migration this IonMesh has and the backup lacks.\n',
  );
  return 0;
}
