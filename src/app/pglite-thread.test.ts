import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres } from '../../test/support/harness.js';
import { type Database, isDatabaseUnavailable, openPglite, pgErrorOf, rows, uniqueOr } from './database.js';

// PGlite on its own thread (decision 0013) must behave as PGlite on this one: the same rows,
// the same errors with their SQLSTATE, transactions, notifications, and a data directory either
// can open; and when the thread dies, the database says it is gone instead of hanging.
describe.skipIf(onPostgres)('PGlite on a worker thread', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ionmesh-thread-'));
    dirs.push(dir);
    return dir;
  };
  // One database for the tests that only read and write (each opening costs seconds).
  let shared: Database;
  beforeAll(async () => {
    shared = await openPglite(null);
  });
  afterAll(async () => {
    await shared?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const withDb = async (fn: (db: Database) => Promise<void>) => fn(shared);

  it('answers rows of every type as PGlite on the main thread does, timestamps as PostgreSQL writes them', async () => {
    await withDb(async (db) => {
      const bytes = new Uint8Array([0, 1, 254, 255]);
      const [row] = await db.run((q) =>
        rows<Record<string, unknown>>(
          q,
          sql`SELECT ${42}::int AS i, ${'9007199254740993'}::int8 AS big, ${{ a: [1, 'x'] }}::jsonb AS doc,
                     ${bytes}::bytea AS raw, ARRAY['a','b']::text[] AS list, NULL::text AS nothing, true AS yes,
                     '2026-11-27 01:02:03.5+00'::timestamptz AS at, '1 day'::interval AS span`,
        ),
      );
      expect(row).toMatchObject({ i: 42, doc: { a: [1, 'x'] }, list: ['a', 'b'], nothing: null, yes: true });
      expect(String(row?.big)).toBe('9007199254740993');
      expect([...((row?.raw ?? []) as Uint8Array)]).toEqual([0, 1, 254, 255]);
      expect(row?.at).toBe('2026-11-27 01:02:03.5+00');
      expect(row?.span).toBe('1 day');
    });
  });

  it("starts PostgreSQL with IonMesh's memory settings (PGlite once ignored them)", async () => {
    const [row] = await shared.run((q) => rows<{ m: string }>(q, sql`SELECT current_setting('maintenance_work_mem') AS m`));
    expect(row?.m).toBe('16MB');
  });

  it('passes errors with their SQLSTATE and constraint, so a duplicate still answers 409', async () => {
    await withDb(async (db) => {
      await db.run((q) => q.execute(sql`CREATE TABLE t (k text CONSTRAINT t_k_unique UNIQUE)`));
      await db.run((q) => q.execute(sql`INSERT INTO t VALUES ('a')`));
      const error = await db.run((q) => q.execute(sql`INSERT INTO t VALUES ('a')`)).catch((e: unknown) => e);
      expect(pgErrorOf(error)).toMatchObject({ code: '23505', constraint: 't_k_unique' });
      expect(isDatabaseUnavailable(error)).toBe(false);
      const conflict = new Error('DUPLICATE');
      await expect(
        uniqueOr(
          () => conflict,
          () => db.run((q) => q.execute(sql`INSERT INTO t VALUES ('a')`)),
        ),
      ).rejects.toBe(conflict);
      const syntax = await db.run((q) => q.execute(sql`SELEC 1`)).catch((e: unknown) => e);
      expect(pgErrorOf(syntax)?.code).toBe('42601');
    });
  });

  it('commits a transaction whole or rolls it back whole, and the connection is usable after', async () => {
    await withDb(async (db) => {
      await db.run((q) => q.execute(sql`CREATE TABLE n (v int)`));
      await expect(
        db.transaction(async (tx) => {
          await tx.execute(sql`INSERT INTO n VALUES (1)`);
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      await db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO n VALUES (2)`);
        await tx.execute(sql`INSERT INTO n VALUES (3)`);
      });
      // A statement error inside a transaction rolls all of it back too.
      await expect(
        db.transaction(async (tx) => {
          await tx.execute(sql`INSERT INTO n VALUES (4)`);
          await tx.execute(sql`INSERT INTO n VALUES ('four')`);
        }),
      ).rejects.toThrow();
      const values = await db.run((q) => rows<{ v: number }>(q, sql`SELECT v FROM n ORDER BY v`));
      expect(values.map((r) => r.v)).toEqual([2, 3]);
    });
  });

  it('delivers NOTIFY to every listener of the channel until each unsubscribes', async () => {
    await withDb(async (db) => {
      const heard: string[] = [];
      const stopA = await db.listen('news', (p) => heard.push(`a:${p}`));
      const stopB = await db.listen('news', (p) => heard.push(`b:${p}`));
      await db.run((q) => q.execute(sql`SELECT pg_notify('news', 'one')`));
      await expect.poll(() => heard.slice().sort()).toEqual(['a:one', 'b:one']);
      await stopA();
      await db.run((q) => q.execute(sql`SELECT pg_notify('news', 'two')`));
      await expect.poll(() => heard.filter((h) => h.endsWith('two'))).toEqual(['b:two']);
      await stopB();
      await db.run((q) => q.execute(sql`SELECT pg_notify('news', 'three')`));
      await db.ping();
      expect(heard.some((h) => h.endsWith('three'))).toBe(false);
    });
  });

  it('finishes the work in flight before it closes, and refuses work after', async () => {
    const dir = join(tempDir(), 'pglite');
    const db = await openPglite(dir);
    await db.run((q) => q.execute(sql`CREATE TABLE w (v int)`));
    const writes = Array.from({ length: 20 }, (_, i) => db.run((q) => q.execute(sql`INSERT INTO w VALUES (${i})`)));
    const closing = db.close();
    await Promise.all(writes);
    await closing;
    await expect(db.ping()).rejects.toSatisfy(isDatabaseUnavailable);
    // What the thread wrote is on disk, readable by PGlite on the main thread.
    const again = await openPglite(dir, { thread: 'main' });
    try {
      const [count] = await again.run((q) =>
        rows<{ n: number; m: string }>(q, sql`SELECT count(*)::int AS n, current_setting('maintenance_work_mem') AS m FROM w`),
      );
      expect(count).toEqual({ n: 20, m: '16MB' });
    } finally {
      await again.close();
    }
  });

  it('says the database is lost when its thread dies, and fails what was waiting instead of hanging', async () => {
    // A thread with a small heap asked for a result larger than it: it dies of it (a real crash).
    const db = await openPglite(null, { resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 } });
    const lost: Error[] = [];
    db.onLost((error) => lost.push(error));
    await db.run((q) => q.execute(sql`SELECT 1`));
    const huge = db.run((q) => q.execute(sql`SELECT repeat(md5(g::text), 20000) FROM generate_series(1, 2000) g`));
    const queued = db.ping();
    const [hugeError, queuedError] = await Promise.all([huge.catch((e: unknown) => e), queued.catch((e: unknown) => e)]);
    expect(isDatabaseUnavailable(hugeError)).toBe(true);
    expect(isDatabaseUnavailable(queuedError)).toBe(true);
    expect(lost).toHaveLength(1);
    await expect(db.ping()).rejects.toSatisfy(isDatabaseUnavailable);
    await db.close();
    expect(lost).toHaveLength(1);
  });
});
