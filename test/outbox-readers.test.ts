// The outbox's readers (webhooks' fan-out, rules, self-healing) take events in the order their
// transactions are known to have ended, with no time rule: a transaction held open for any time
// loses none of its events, and a rolled-back one holds nothing back.
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OutboxCursor, outboxAfter } from '../src/modules/events/index.js';
import { type Harness, onPostgres, outboxSettled, startIonMesh } from './support/harness.js';

describe('reading the event outbox', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh({ demo: false });
  });
  afterAll(() => h.close());

  /** The reader's place after everything written so far. */
  const now = async (): Promise<OutboxCursor> => {
    await outboxSettled(h);
    let cursor: OutboxCursor = { txid: 0, id: 0 };
    for (let i = 0; i < 1000; i++) {
      const { upTo, events } = await h.db.run((db) => outboxAfter(db, cursor, 500));
      cursor = upTo;
      if (events.length < 500) return cursor;
    }
    throw new Error('the outbox did not end');
  };
  const read = (after: OutboxCursor) => h.db.run((db) => outboxAfter(db, after, 100));
  const types = (r: Awaited<ReturnType<typeof read>>) => r.events.map((e) => e.type);

  it('passes a rolled-back event at once: nothing waits for it', async () => {
    const start = await now();
    await h.db
      .transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO events (type, tenant_id, data) VALUES ('test.rolled_back', 1, '{}')`);
        throw new Error('roll back');
      })
      .catch(() => {});
    await h.query(sql`INSERT INTO events (type, tenant_id, data) VALUES ('test.next', 1, '{}')`);
    // No time rule: the id the rolled-back transaction took holds nothing back (on PGlite, at
    // once; on PostgreSQL once no older write transaction of the cluster is open).
    await outboxSettled(h);
    const r = await read(start);
    expect(types(r)).toEqual(['test.next']);
    expect(r.upTo).toEqual({ txid: r.events[0]?.txid, id: r.events[0]?.id });
    expect(types(await read(r.upTo))).toEqual([]);
  });

  it.runIf(onPostgres)(
    'keeps back what follows a transaction still open and loses none of its events; waits a minute at most',
    async () => {
      const start = await now();
      const held = new pg.Client({ connectionString: h.databaseUrl as string });
      await held.connect();
      try {
        await held.query('BEGIN');
        await held.query(`INSERT INTO events (type, tenant_id, data) VALUES ('test.held', 1, '{}')`);
        // Committed after it, and dated 30 s back: the old 5 s rule would call the open one rolled back.
        await h.query(
          sql`INSERT INTO events (type, tenant_id, data, created_at) VALUES ('test.after', 1, '{}', now() - interval '30 seconds')`,
        );
        expect(types(await read(start))).toEqual([]);
        // One committed more than a minute ago is taken even so: no reader waits longer than that.
        await h.query(
          sql`INSERT INTO events (type, tenant_id, data, created_at) VALUES ('test.stuck', 1, '{}', now() - interval '2 minutes')`,
        );
        expect(types(await read(start))).toEqual(['test.stuck']);
        await held.query('COMMIT');
        await outboxSettled(h);
        expect(types(await read(start))).toEqual(['test.held', 'test.after', 'test.stuck']);
      } finally {
        await held.end();
      }
    },
  );

  it('pages in (transaction, id) order and resumes exactly after the cursor', async () => {
    const start = await now();
    await h.query(
      sql`INSERT INTO events (type, tenant_id, data) SELECT 'test.page', 1, jsonb_build_object('n', n) FROM generate_series(1, 5) n`,
    );
    await outboxSettled(h);
    const first = await h.db.run((db) => outboxAfter(db, start, 3));
    const rest = await read(first.upTo);
    const all = [...first.events, ...rest.events].map((e) => (e.data as { n: number }).n);
    expect(all).toEqual([1, 2, 3, 4, 5]);
    expect(first.events).toHaveLength(3);
  });
});
