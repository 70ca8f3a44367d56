// Which migrations a database holds against the ones this IonMesh ships (drizzle/meta/_journal.json).
// Drizzle's migrator applies only migrations newer than the database's last one, so an older
// IonMesh started on a database a newer one migrated would run, silently, against a schema it
// does not know. A start (or `ionmesh migrate`) refuses that instead; see docs/operations.md on
// rolling upgrades.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface KnownMigration {
  tag: string;
  /** Drizzle's folderMillis: what the database records as created_at of an applied migration. */
  when: number;
}

/** The migrations shipped in `folder`, oldest first. */
export function knownMigrations(folder: string): KnownMigration[] {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: Array<{ tag: string; when: number }>;
  };
  return journal.entries.map((e) => ({ tag: e.tag, when: e.when })).sort((a, b) => a.when - b.when);
}

export interface SchemaStatus {
  /** Migrations this IonMesh ships. */
  known: number;
  /** Of those, applied to the database. */
  applied: number;
  /** Shipped and not applied yet (applied on start, or by `ionmesh migrate`). */
  pending: string[];
  /** Applied to the database and unknown here: a newer IonMesh migrated it. */
  unknown: number;
  /** The newest migration this IonMesh ships. */
  latest: string;
}

/** `appliedAt`: the created_at of every migration the database records (none: a new database). */
export function schemaStatus(known: KnownMigration[], appliedAt: number[]): SchemaStatus {
  const applied = new Set(appliedAt);
  const newest = known.at(-1)?.when ?? 0;
  return {
    known: known.length,
    applied: known.filter((m) => applied.has(m.when)).length,
    pending: known.filter((m) => !applied.has(m.when)).map((m) => m.tag),
    unknown: appliedAt.filter((t) => t > newest).length,
    latest: known.at(-1)?.tag ?? '',
  };
}

/** The database's schema is not the one this IonMesh runs on (`ionmesh` exits 4). */
export class SchemaMismatch extends Error {}

/** The database was migrated by a newer IonMesh: this one must not run on it. */
export class DatabaseNewer extends SchemaMismatch {
  constructor(status: SchemaStatus, version: string) {
    super(
      `the database holds ${status.unknown} migration(s) newer than this IonMesh ${version} knows (its newest is ${status.latest}): ` +
        'a newer IonMesh has upgraded it. Run that version or a newer one; to go back, restore the backup taken before the upgrade (docs/operations.md)',
    );
    this.name = 'DatabaseNewer';
  }
}

/** `serve --no-migrate` on a database that misses migrations this version needs. */
export class MigrationsPending extends SchemaMismatch {
  constructor(status: SchemaStatus) {
    super(
      `the database misses ${status.pending.length} migration(s) this IonMesh needs (${status.pending.slice(0, 3).join(', ')}${status.pending.length > 3 ? ', …' : ''}): ` +
        'run `ionmesh migrate` first, or start without --no-migrate',
    );
    this.name = 'MigrationsPending';
  }
}
