// One Database type over embedded PGlite or PostgreSQL: the same schema, queries and migrations.
// PGlite is one Postgres backend with exactly one connection, so every unit of work (a query or
// a whole transaction) goes through one in-process serial queue. On PostgreSQL a pool is used and
// transactions bound their lock waits, so a contended request fails fast instead of hanging.

import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResourceLimits } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { type DataDirLock, lockDataDir } from './data-dir-lock.js';
import { PgliteThread, pgliteStartParams } from './pglite-thread.js';
import { DatabaseNewer, knownMigrations, type SchemaStatus, schemaStatus } from './schema-version.js';
import { applySqlCode } from './sql-code.js';
import { VERSION } from './version.js';

/** A query handle: the database itself or an open transaction. Queries use the SQL builder or
 * sql`` (no relational `db.query`), so the platform needs no module's tables (src/schema.ts
 * gathers them for drizzle-kit). */
export type Sql = PgDatabase<PgQueryResultHKT>;

export const MIGRATIONS_FOLDER = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'drizzle');

export interface TransactionOptions {
  /** Longest wait for a row lock before giving up (PostgreSQL; PGlite has no competitor). */
  lockTimeoutMs?: number;
}

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /** The database's work runs on this thread (PGlite with thread 'main'): a statement blocks the
   * event loop, so callers batch after a turn of it rather than start at once. */
  readonly blocksEventLoop: boolean;
  /** PGlite on disk: the lock of its data directory (one process at a time), held until close. */
  readonly dataDirLock?: DataDirLock;
  /** Runs fn with a handle outside any transaction (one statement, autocommit). */
  run<T>(fn: (db: Sql) => Promise<T>): Promise<T>;
  /** Runs fn in one transaction; it commits when fn resolves. */
  transaction<T>(fn: (tx: Sql) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Applies the migrations this IonMesh ships (under a lock: replicas may start together);
   * refuses (DatabaseNewer) a database a newer IonMesh migrated. */
  migrate(): Promise<void>;
  /** The database's migrations against the ones this IonMesh ships. */
  schema(): Promise<SchemaStatus>;
  /** A consistent copy of the embedded database (a gzipped tar of its data directory), taken
   * between two units of work; on PostgreSQL: BackupNotEmbedded (pg_dump does it). */
  backup(): Promise<Uint8Array>;
  /**
   * What autovacuum does on PostgreSQL, which PGlite lacks: `tables` are vacuumed and analysed
   * (the heavily updated ones), or with no tables the whole database is analysed. Without it
   * PGlite's planner keeps the row counts of an empty database and dead rows pile up.
   * A no-op on PostgreSQL.
   */
  maintain(tables?: string[]): Promise<void>;
  ping(): Promise<void>;
  /** What the database path holds right now: units waiting for PGlite's one connection, or
   * PostgreSQL pool connections by state (for /metrics). */
  load(): DatabaseLoad;
  /** Calls onNotify for every NOTIFY on channel (from any process on PostgreSQL), with its
   * payload; resolves to an unsubscribe function. */
  listen(channel: string, onNotify: (payload?: string) => void): Promise<() => Promise<void>>;
  /** Calls fn if the database is lost for good while open (PGlite's thread crashed): nothing
   * can be served any more. PostgreSQL never calls it (its pool reconnects). */
  onLost(fn: (error: Error) => void): void;
  close(): Promise<void>;
}

export interface DatabaseLoad {
  /** Units of work queued or running (PGlite). */
  queued?: number;
  /** Pool connections (PostgreSQL): open, idle, and requests waiting for one. */
  connections?: { total: number; idle: number; waiting: number };
}

/** Rows of a raw SQL statement, on either driver (both answer { rows }), typed by the caller.
 * Prefer rowsOf: its row type is declared once and checked. */
export async function rows<T>(db: Sql, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Whether rowsOf checks each row against its schema: in the test suite (vitest.config.ts sets
 * IONMESH_CHECK_ROWS), never in production, where the check would cost the hot path. */
const checkRows = !!process.env.IONMESH_CHECK_ROWS;
const checkers = new WeakMap<TSchema, TypeCheck<TSchema>>();

/** A timestamptz column of a raw statement's row: both drivers give it as PostgreSQL writes it
 * ('2026-11-26 17:31:22.994+00'); answers turn it into ISO 8601 (src/app/timestamps.ts). */
export const SqlTime = Type.String({ description: 'timestamptz as PostgreSQL writes it' });

/** The row of a `SELECT count(*)::int AS n`. */
export const CountRow = Type.Object({ n: Type.Integer() });

/** A query's rows do not have the shape its schema declares. */
export class RowShapeError extends Error {}

/**
 * Rows of a raw SQL statement, of the shape `schema` declares: the row type comes from the
 * schema, and while the test suite runs every row is checked against it, so a statement and its
 * row type cannot drift apart unseen (a bigint read as text, a column renamed, a null).
 */
export async function rowsOf<S extends TSchema>(db: Sql, schema: S, query: SQL): Promise<Static<S>[]> {
  const result = await rows<Static<S>>(db, query);
  if (checkRows) {
    let check = checkers.get(schema);
    if (!check) {
      check = TypeCompiler.Compile(schema);
      checkers.set(schema, check);
    }
    for (const row of result) {
      if (check.Check(row)) continue;
      const first = [...check.Errors(row)][0];
      throw new RowShapeError(
        `A row does not match its schema at ${first?.path || '/'}: ${first?.message} (value ${JSON.stringify(first?.value)})`,
      );
    }
  }
  return result;
}

/**
 * Work of background jobs (the offline sweep, the stats rollup, vacuum, webhook delivery …):
 * `Jobs` runs every pass inside it. On PGlite's one connection such work waits while requests
 * have statements queued (see SerialQueue); on PostgreSQL it makes no difference.
 */
export const backgroundWork = new AsyncLocalStorage<true>();

/**
 * A check that must pass before a transaction of the current request commits, set by the route
 * guard (a handler that confines the tenant must have read the key's scope): it throws, and the
 * transaction rolls back. Read when the transaction is asked for, so it holds on PGlite's queue too.
 */
export const commitCheck = new AsyncLocalStorage<() => void>();

/** A background unit never waits longer than this behind requests (no starvation). */
const BACKGROUND_MAX_WAIT_MS = 250;

interface Unit {
  task: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  queuedAt: number;
}

/**
 * A strictly serial queue: each unit starts after the previous one settled. Units of requests go
 * before units of background jobs, unless a background unit has waited BACKGROUND_MAX_WAIT_MS.
 * With `yieldBetweenUnits` (PGlite on this thread) a unit starts one turn of the event loop after
 * the previous one: without that turn, a job's many short steps would run back to back as one
 * long stall, and requests that arrived meanwhile would be read only after the last of them.
 * With PGlite on its own thread every statement already waits for a message, so the next unit
 * starts at once (a request that finds the queue idle is sent without delay).
 */
export class SerialQueue {
  private readonly requests: Unit[] = [];
  private readonly background: Unit[] = [];
  private busy = false;

  constructor(private readonly yieldBetweenUnits = true) {}

  get size() {
    return this.requests.length + this.background.length + (this.busy ? 1 : 0);
  }

  add<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const unit: Unit = { task, resolve: resolve as (v: unknown) => void, reject, queuedAt: Date.now() };
      (backgroundWork.getStore() ? this.background : this.requests).push(unit);
      if (!this.busy) {
        this.busy = true;
        if (this.yieldBetweenUnits) setImmediate(() => void this.run());
        else void this.run();
      }
    });
  }

  private async run(): Promise<void> {
    for (;;) {
      const oldest = this.background[0];
      const starving = oldest !== undefined && Date.now() - oldest.queuedAt > BACKGROUND_MAX_WAIT_MS;
      const unit = starving ? this.background.shift() : (this.requests.shift() ?? this.background.shift());
      if (!unit) {
        this.busy = false;
        return;
      }
      try {
        unit.resolve(await unit.task());
      } catch (error) {
        unit.reject(error);
      }
      if (this.yieldBetweenUnits) await new Promise((r) => setImmediate(r));
    }
  }
}

// An arbitrary constant naming IonMesh's migration lock among PostgreSQL advisory locks.
const MIGRATION_LOCK = 0x10_4e_5e_01;

/** The created_at of every migration the database records (Drizzle's table; none yet: []). */
async function appliedMigrations(query: (q: string) => Promise<Array<{ t: string | number }>>) {
  const exists = await query(`SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t`);
  if (!exists[0]?.t) return [];
  return (await query('SELECT created_at AS t FROM drizzle.__drizzle_migrations')).map((r) => Number(r.t));
}

/** The status of a database's schema; a database a newer IonMesh migrated: DatabaseNewer. */
async function checkedSchema(query: (q: string) => Promise<Array<{ t: string | number }>>, refuseNewer: boolean) {
  const status = schemaStatus(knownMigrations(MIGRATIONS_FOLDER), await appliedMigrations(query));
  if (refuseNewer && status.unknown > 0) throw new DatabaseNewer(status, VERSION);
  return status;
}

/** A backup asked of PostgreSQL, which pg_dump backs up. */
export class BackupNotEmbedded extends Error {
  constructor() {
    super('IonMesh runs on PostgreSQL: back it up with pg_dump and restore with pg_restore (docs/operations.md)');
    this.name = 'BackupNotEmbedded';
  }
}

/** Where PGlite runs: in a worker thread of its own (the default: its work and the HTTP work use
 * two cores), or on the calling thread (the design before decision 0013, kept for comparison in
 * the benchmarks and as a fallback). */
export type PgliteThreadMode = 'worker' | 'main';

/** What openPglite needs of PGlite, on either thread. */
interface PgliteClient {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
  transaction<T>(fn: (tx: { exec(sql: string): Promise<unknown> }) => Promise<T>): Promise<T>;
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  dump(): Promise<Uint8Array>;
  close(): Promise<void>;
  onLost(fn: (error: Error) => void): void;
}

async function pgliteOnThisThread(dataDir: string | null, image?: Uint8Array<ArrayBuffer>): Promise<PgliteClient> {
  // One options object: PGlite(dataDir, options) does not apply startParams.
  const client = new PGlite({
    dataDir: dataDir ?? undefined,
    startParams: pgliteStartParams(),
    loadDataDir: image ? new Blob([image]) : undefined,
  });
  await client.waitReady;
  return Object.assign(client, {
    dump: async () => new Uint8Array(await (await client.dumpDataDir('gzip')).arrayBuffer()),
    onLost: () => {},
  });
}

export interface PgliteOptions {
  /** Who holds the data directory (server, cli), named in the refusal other processes get. */
  role?: string;
  /** Where PGlite runs (default: a worker thread). */
  thread?: PgliteThreadMode;
  /** Limits of the worker thread (its JavaScript heap); past them the thread dies and the
   * database is lost (onLost), as on any crash of the thread. */
  resourceLimits?: ResourceLimits;
  /** A data directory image to start from (a dump, as `backup` makes) instead of an empty
   * database: no initdb. The test suite starts every file from one migrated image. */
  image?: Uint8Array<ArrayBuffer>;
}

/** PGlite in memory (no dataDir) or in dataDir, which this process then holds (DataDirInUse if
 * another does); on a worker thread unless `thread` is 'main'. */
export async function openPglite(dataDir: string | null, options: PgliteOptions = {}): Promise<Database> {
  const thread = options.thread ?? 'worker';
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const lock = dataDir ? lockDataDir(dataDir, options.role ?? 'process') : undefined;
  let client: PgliteClient;
  try {
    client =
      thread === 'worker'
        ? await PgliteThread.open(dataDir, options.resourceLimits, options.image)
        : await pgliteOnThisThread(dataDir, options.image);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = drizzlePglite({ client: client as never }) as unknown as Sql;
  const queue = new SerialQueue(thread === 'main');
  let closed = false;
  const query = async <T>(q: string, params: unknown[] = []) => (await client.query<T>(q, params)).rows;
  return {
    kind: 'pglite',
    blocksEventLoop: thread === 'main',
    dataDirLock: lock,
    run: (fn) => queue.add(() => fn(db)),
    transaction: (fn) => {
      const check = commitCheck.getStore();
      return queue.add(() =>
        db.transaction(async (tx) => {
          const result = await fn(tx as unknown as Sql);
          check?.();
          return result;
        }),
      );
    },
    migrate: () =>
      queue.add(async () => {
        await checkedSchema((q) => query<{ t: string }>(q), true);
        await migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
        await applySqlCode({ exec: (script) => client.exec(script), rows: query });
      }),
    schema: () => queue.add(() => checkedSchema((q) => query<{ t: string }>(q), false)),
    backup: () =>
      queue.add(async () => {
        // Between two units of the queue no transaction is open; the checkpoint writes every
        // change into the data files, so the copy needs no recovery when it is loaded.
        await client.exec('CHECKPOINT');
        return client.dump();
      }),
    ping: () => queue.add(async () => void (await client.query('SELECT 1'))),
    load: () => ({ queued: queue.size }),
    listen: (channel, onNotify) => queue.add(() => client.listen(channel, (payload) => onNotify(payload))),
    onLost: (fn) => client.onLost(fn),
    maintain: async (tables) => {
      // One table per turn of the queue, so requests wait behind one short step at most: VACUUM
      // alone (cheap once the visibility map is set), then ANALYZE from a small sample (a
      // statistics target of 10 reads 3,000 rows: ~20 ms instead of ~220 ms for 100,000
      // profiles; enough for the planner's few choices here).
      const names =
        tables ??
        (await queue.add(async () =>
          (await query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`)).map((r) => r.t),
        ));
      // VACUUM as autovacuum would: only a table with dead rows past 50 + 20 % of its rows
      // (heartbeats are HOT updates, pruned page by page as they are read, so the profile table
      // seldom needs it).
      const dirty = new Set(
        tables
          ? (
              await queue.add(() =>
                query<{ t: string }>(
                  `SELECT s.relname AS t FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
                    WHERE s.relname = ANY($1) AND s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)`,
                  [tables],
                ),
              )
            ).map((r) => r.t)
          : [],
      );
      for (const t of names) {
        const table = `"${t.replaceAll('"', '""')}"`;
        if (dirty.has(t)) await queue.add(() => client.exec(`VACUUM ${table}`));
        await queue.add(() =>
          client.transaction(async (tx) => {
            await tx.exec('SET LOCAL default_statistics_target = 10');
            await tx.exec(`ANALYZE ${table}`);
          }),
        );
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await queue.add(() => client.close());
      } finally {
        lock?.release();
      }
    },
  };
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection dropped by the server must not crash the process; the pool replaces it
  // and the next query reports any real outage.
  pool.on('error', () => {});
  const db = drizzleNodePg({ client: pool }) as unknown as Sql;
  let closed = false;
  return {
    kind: 'postgres',
    blocksEventLoop: false,
    run: (fn) => fn(db),
    transaction: (fn, options) => {
      const check = commitCheck.getStore();
      return db.transaction(async (tx) => {
        const lockTimeout = options?.lockTimeoutMs ?? 5000;
        await tx.execute(sql.raw(`SET LOCAL lock_timeout = ${Math.trunc(lockTimeout)}`));
        const result = await fn(tx as unknown as Sql);
        check?.();
        return result;
      });
    },
    migrate: async () => {
      // Several replicas may start at once: one migrates, the others wait for it.
      const lockClient = await pool.connect();
      try {
        await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await checkedSchema(async (q) => (await lockClient.query(q)).rows, true);
        await migrateNodePg(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
        await applySqlCode({
          exec: (script) => lockClient.query(script),
          rows: async <T>(q: string, params: unknown[]) => (await lockClient.query(q, params)).rows as T[],
        });
      } finally {
        await lockClient.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
        lockClient.release();
      }
    },
    schema: () => checkedSchema(async (q) => (await pool.query(q)).rows, false),
    backup: async () => {
      throw new BackupNotEmbedded();
    },
    ping: async () => void (await pool.query('SELECT 1')),
    load: () => ({ connections: { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } }),
    listen: (channel, onNotify) => listenPostgres(url, channel, onNotify),
    onLost: () => {},
    maintain: async () => {},
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to other queries). A dropped
 * connection is replaced after a pause (1 s doubling to 30 s), and onNotify is called once after
 * reconnecting, since notifications sent meanwhile are lost.
 */
async function listenPostgres(url: string, channel: string, onNotify: (payload?: string) => void) {
  let client: pg.Client | null = null;
  let stopped = false;
  let delay = 1000;
  let timer: NodeJS.Timeout | null = null;
  const retry = () => {
    if (stopped) return;
    timer = setTimeout(() => void connect().catch(retry), delay);
    timer.unref();
    delay = Math.min(30_000, delay * 2);
  };
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (msg) => onNotify(msg.payload));
    c.on('error', () => {
      if (client === c) client = null;
      void c.end().catch(() => {});
      retry();
    });
    await c.connect();
    await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    if (stopped) {
      await c.end();
      return;
    }
    client = c;
    delay = 1000;
    onNotify();
  };
  await connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await client?.end().catch(() => {});
  };
}

export interface DatabaseConfig {
  databaseUrl?: string | null;
  dataDir?: string | null;
  /** Where embedded PGlite runs (default: its own worker thread). */
  pgliteThread?: PgliteThreadMode;
}

/**
 * PostgreSQL when a URL is given, else PGlite under dataDir (in memory when dataDir is null),
 * locked for this process: `role` says who holds it (server, cli) in the refusal others get.
 */
export function openDatabase(config: DatabaseConfig, role = 'process'): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  return openPglite(config.dataDir ? join(config.dataDir, 'pglite') : null, { role, thread: config.pgliteThread });
}

/** The PostgreSQL error behind an error (Drizzle wraps driver errors in DrizzleQueryError.cause). */
export function pgErrorOf(error: unknown): { code?: string; constraint?: string; message?: string } | null {
  let e = error as { code?: unknown; cause?: unknown } | null;
  for (let depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e as { code: string };
    e = e.cause as typeof e;
  }
  return null;
}

/** Runs fn; a unique violation (23505) becomes the error `conflictError` makes (a 409 with its code). */
export async function uniqueOr<T>(conflictError: () => Error, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (pgErrorOf(error)?.code === '23505') throw conflictError();
    throw error;
  }
}

// SQLSTATEs of a database that is gone or refusing work (not of a bad statement): connection
// exceptions (08), admin or crash shutdown, too many connections, out of resources.
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '53400']);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN', 'EHOSTUNREACH']);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection error|database thread stopped|timeout exceeded when trying to connect|Cannot use a pool after calling end|Client was closed|not queryable|PGlite is closed/i;

/**
 * True when the error says the database could not be reached or dropped the connection, rather
 * than refused a statement: the request answers 503 DATABASE_UNAVAILABLE, and a batch is not
 * split to find a guilty member (there is none).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let e = error as { code?: unknown; cause?: unknown; message?: unknown } | null;
  for (let depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string') {
      if (/^08/.test(e.code) || UNAVAILABLE_SQLSTATES.has(e.code) || UNAVAILABLE_NODE_CODES.has(e.code)) return true;
    }
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
    e = e.cause as typeof e;
  }
  return false;
}
