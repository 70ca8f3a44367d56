// The engine for claimed work, as the modules that use it rely on it: an item runs once, its
// effect and its completion commit together, a failure is tried again after a back-off and
// escalated when its attempts run out, a stopped process's item is taken over when its lease runs
// out (and the stopped process's late effect does not commit), and every attempt is on record.
import { spawn } from 'node:child_process';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, rows as rowsOf, type Sql } from '../src/app/database.js';
import { ClaimLost, type Enqueue, type WorkCount, WorkEngine } from '../src/app/work/index.js';
import { freshDatabase, onPostgres, until } from './support/harness.js';

describe('the engine for claimed work', () => {
  let db: Database;
  let drop: () => Promise<void>;
  let url: string | null;
  beforeAll(async () => {
    ({ db, drop, url } = await freshDatabase(10));
    await db.run((h) => h.execute(sql`CREATE TABLE effects (item int, note text)`));
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  const rows = <T>(q: SQL) => db.run((h) => rowsOf<T>(h, q));
  const effects = async (item: number) => rows<{ note: string }>(sql`SELECT note FROM effects WHERE item = ${item}`);
  const item = async (id: number) =>
    (
      await rows<{ state: string; attempts: number; last_error: string | null; result: unknown }>(
        sql`SELECT state, attempts, last_error, result FROM work_items WHERE id = ${id}`,
      )
    )[0];
  const enqueueOne = async (
    handle: {
      enqueue: (tx: Sql, e: Enqueue<{ n: number }>) => Promise<number | null>;
    },
    object: string,
    key?: string,
  ) => db.transaction((tx) => handle.enqueue(tx, { object, tenantId: null, payload: { n: 1 }, key }));
  const counting = (engine: WorkEngine) => {
    const seen: Record<string, number> = {};
    engine.observe((_, what: WorkCount) => {
      seen[what] = (seen[what] ?? 0) + 1;
    });
    return seen;
  };

  it('runs an item once, commits its effect with its completion, and keeps the attempt', async () => {
    const engine = new WorkEngine(db);
    const seen = counting(engine);
    const k = engine.define<{ n: number }>({
      owner: 'test',
      kind: 'test.effect',
      run: async ({ item, done }) => {
        await db.transaction(async (tx) => {
          await tx.execute(sql`INSERT INTO effects VALUES (${item.id}, 'once')`);
          await done(tx, { wrote: 1 });
        });
      },
    });
    const id = (await enqueueOne(k, 'card:1/1', 'firing-1')) as number;
    expect(id).toBeGreaterThan(0);
    // The same key again is the same work: nothing new.
    expect(await enqueueOne(k, 'card:1/1', 'firing-1')).toBeNull();
    expect(await k.drain()).toBe(1);
    expect(await k.drain()).toBe(0);
    expect(await effects(id)).toEqual([{ note: 'once' }]);
    expect(await item(id)).toMatchObject({ state: 'done', attempts: 1, result: { wrote: 1 } });
    const log = await engine.list({ object: 'card:1/1' }, 10, 0);
    expect(log.total).toBe(1);
    expect(log.items[0]?.attempt_log).toEqual([expect.objectContaining({ attempt: 1, outcome: 'done', claimed_by: engine.me })]);
    expect(seen).toMatchObject({ claimed: 1, done: 1 });
  });

  it('tries a failing item again after a back-off and escalates it when its attempts run out', async () => {
    const engine = new WorkEngine(db);
    const seen = counting(engine);
    const escalated: string[] = [];
    const k = engine.define({
      owner: 'test',
      kind: 'test.flaky',
      maxAttempts: 3,
      backoff: { base: 60, max: 600 },
      run: async () => {
        throw Object.assign(new Error('the far side refused'), { code: 'REMOTE_REFUSED' });
      },
      onEscalated: async (tx, it, error) => {
        await tx.execute(sql`INSERT INTO effects VALUES (${it.id}, ${error})`);
        escalated.push(error);
      },
    });
    const id = (await enqueueOne(k, 'client:flaky')) as number;
    expect(await k.drain()).toBe(1);
    const after1 = (
      await rows<{ wait: number; state: string }>(
        sql`SELECT extract(epoch FROM next_at - now())::float8 AS wait, state FROM work_items WHERE id = ${id}`,
      )
    )[0];
    // The first back-off step is the kind's base: not due again for about a minute.
    expect(after1?.state).toBe('pending');
    expect(after1?.wait).toBeGreaterThan(50);
    expect(await k.drain()).toBe(0);
    for (let i = 0; i < 2; i++) {
      await db.run((h) => h.execute(sql`UPDATE work_items SET next_at = now() WHERE id = ${id}`));
      expect(await k.drain()).toBe(1);
    }
    expect(await item(id)).toMatchObject({ state: 'escalated', attempts: 3, last_error: 'REMOTE_REFUSED: the far side refused' });
    expect(escalated).toEqual(['REMOTE_REFUSED: the far side refused']);
    expect(await effects(id)).toEqual([{ note: 'REMOTE_REFUSED: the far side refused' }]);
    const log = await engine.list({ object: 'client:flaky' }, 10, 0);
    expect(log.items[0]?.attempt_log.map((a) => a.outcome)).toEqual(['retry', 'retry', 'escalated']);
    expect(seen).toMatchObject({ claimed: 3, retried: 2, escalated: 1 });
  });

  it('ends an item that cannot be done as failed, without trying again', async () => {
    const engine = new WorkEngine(db);
    const k = engine.define({
      owner: 'test',
      kind: 'test.refused',
      run: async () => ({ failed: 'no such card', detail: { bank: 9 } }),
    });
    const id = (await enqueueOne(k, 'card:9/9')) as number;
    expect(await k.drain()).toBe(1);
    await db.run((h) => h.execute(sql`UPDATE work_items SET next_at = now() WHERE id = ${id}`));
    expect(await k.drain()).toBe(0);
    expect(await item(id)).toMatchObject({ state: 'failed', attempts: 1, last_error: 'no such card', result: { bank: 9 } });
  });

  it("takes a stopped process's item over when its lease runs out; the late effect of the first does not commit", async () => {
    // Two processes: the engines' claims are their own (othersGone false, as with two replicas).
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    let started = false;
    const first = new WorkEngine(db, undefined, false);
    const lost = counting(first);
    const kFirst = first.define({
      owner: 'test',
      kind: 'test.takeover',
      leaseSec: 600,
      run: async ({ item, done }) => {
        started = true;
        await held; // the process "hangs" (or is gone) while it holds the claim
        await db.transaction(async (tx) => {
          await tx.execute(sql`INSERT INTO effects VALUES (${item.id}, 'late')`);
          await done(tx);
        });
      },
    });
    const second = new WorkEngine(db, undefined, false);
    const taken = counting(second);
    const kSecond = second.define({
      owner: 'test',
      kind: 'test.takeover',
      run: async ({ item, done }) => {
        expect(item.takenOver).toBe(true);
        await db.transaction(async (tx) => {
          await tx.execute(sql`INSERT INTO effects VALUES (${item.id}, 'taken over')`);
          await done(tx);
        });
      },
    });
    const id = (await enqueueOne(kFirst, 'server:1')) as number;
    const running = kFirst.drain();
    await until('the first process runs the item', () => started);
    // Its lease holds: nobody else may take it.
    expect(await kSecond.drain()).toBe(0);
    // It stops renewing (a kill -9): the lease runs out.
    await db.run((h) => h.execute(sql`UPDATE work_items SET lease_until = now() - interval '1 second' WHERE id = ${id}`));
    expect(await kSecond.drain()).toBe(1);
    expect(taken).toMatchObject({ claimed: 1, takeover: 1, done: 1 });
    release();
    await running;
    expect(lost).toMatchObject({ lost: 1 });
    expect(lost.done).toBeUndefined();
    expect(await effects(id)).toEqual([{ note: 'taken over' }]);
    const log = await first.list({ object: 'server:1' }, 10, 0);
    expect(log.items[0]?.attempt_log.map((a) => [a.attempt, a.outcome])).toEqual([
      [1, 'lost'],
      [2, 'done'],
    ]);
  });

  it.runIf(onPostgres)(
    'resumes the item of a replica killed with -9 once its lease runs out (the default lease: 20 s)',
    async () => {
      const engine = new WorkEngine(db, undefined, false);
      const k = engine.define({
        owner: 'test',
        kind: 'test.crash',
        run: async ({ item, done }) => {
          await db.transaction(async (tx) => {
            await tx.execute(sql`INSERT INTO effects VALUES (${item.id}, 'resumed')`);
            await done(tx);
          });
        },
      });
      const id = (await enqueueOne(k, 'client:crashing')) as number;
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/work-claimer.ts', url as string], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let said = '';
      child.stdout?.on('data', (d) => {
        said += String(d);
      });
      try {
        await until('the other replica runs the item', () => said.includes(`running ${id}`), 60_000);
      } finally {
        child.kill('SIGKILL');
      }
      await new Promise((r) => child.once('exit', r));
      const [claim] = await rows<{ lease_sec: number; claimed_by: string }>(
        sql`SELECT extract(epoch FROM w.lease_until - a.started_at)::float8 AS lease_sec, w.claimed_by
              FROM work_items w JOIN work_attempts a ON a.item_id = w.id AND a.attempt = 1 WHERE w.id = ${id}`,
      );
      // Held by the killed process, for at most the default lease (renewals move it, never past 20 s from now).
      expect(claim?.claimed_by).not.toBe(engine.me);
      expect(claim?.lease_sec).toBeLessThanOrEqual(21);
      // Nobody takes it while the lease holds; after it, this replica does.
      const ran = await until(
        'the item is taken over',
        async () => {
          if ((await k.drain()) > 0) return true;
          await new Promise((r) => setTimeout(r, 250));
          return null;
        },
        90_000,
      );
      expect(ran).toBe(true);
      expect(await effects(id)).toEqual([{ note: 'resumed' }]);
      const log = await engine.list({ object: 'client:crashing' }, 10, 0);
      const [first, second] = log.items[0]?.attempt_log ?? [];
      expect([first?.outcome, second?.outcome]).toEqual(['lost', 'done']);
      const resumedAfter = (Date.parse(second?.started_at ?? '') - Date.parse(first?.started_at ?? '')) / 1000;
      console.info(`work of a killed replica resumed ${resumedAfter.toFixed(1)} s after it was claimed`);
    },
    120_000,
  );

  it('escalates an item whose process died on it as often as it may be tried, without running it again', async () => {
    const engine = new WorkEngine(db, undefined, false);
    let ran = 0;
    const k = engine.define({
      owner: 'test',
      kind: 'test.poison',
      maxAttempts: 2,
      run: async () => {
        ran += 1;
      },
    });
    const id = (await enqueueOne(k, 'client:poison')) as number;
    // Two processes took it and died on it.
    await db.run((h) =>
      h.execute(sql`UPDATE work_items SET state = 'claimed', claim_token = gen_random_uuid(), claimed_by = 'gone',
                           lease_until = now() - interval '1 second', attempts = 2 WHERE id = ${id}`),
    );
    expect(await k.drain()).toBe(1);
    expect(ran).toBe(0);
    expect(await item(id)).toMatchObject({ state: 'escalated', last_error: 'interrupted 2 times' });
  });

  it('gives each item to one of several processes draining at once', async () => {
    const engines = [0, 1, 2].map(() => new WorkEngine(db, undefined, false));
    const handles = engines.map((e) =>
      e.define({
        owner: 'test',
        kind: 'test.shared',
        batch: 7,
        run: async ({ item, done }) => {
          await db.transaction(async (tx) => {
            await tx.execute(sql`INSERT INTO effects VALUES (${item.id}, ${e.me})`);
            await done(tx);
          });
        },
      }),
    );
    const ids: number[] = [];
    await db.transaction(async (tx) => {
      for (let i = 0; i < 120; i++)
        ids.push((await handles[0]?.enqueue(tx, { object: `card:5/${i}`, tenantId: null, payload: {} })) as number);
    });
    const ran = await Promise.all(handles.map((h) => h.drain(1000, 60_000)));
    expect(ran.reduce((a, b) => a + b, 0)).toBe(120);
    const counted = await rows<{ item: number; n: number }>(
      sql`SELECT item, count(*)::int AS n FROM effects WHERE item = ANY(${sql.param(ids)}::int[]) GROUP BY item HAVING count(*) > 1`,
    );
    expect(counted).toEqual([]);
    expect(await rows(sql`SELECT 1 FROM work_items WHERE kind = 'test.shared' AND state <> 'done'`)).toEqual([]);
    if (onPostgres) expect(ran.filter((n) => n > 0).length).toBeGreaterThan(1);
  });

  it('renews the claims it holds while they run, a short-leased kind beside a long-leased one too', async () => {
    const engine = new WorkEngine(db, undefined, false);
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    let slowStarted = false;
    const slow = engine.define({
      owner: 'test',
      kind: 'test.slow-lease',
      leaseSec: 600,
      run: async () => {
        slowStarted = true;
        await held;
      },
    });
    const lease = async (id: number) =>
      (
        await rows<{ until: number }>(
          sql`SELECT extract(epoch FROM lease_until)::float8 AS until FROM work_items WHERE id = ${id}`,
        )
      )[0]?.until ?? 0;
    let renewed = false;
    const quick = engine.define({
      owner: 'test',
      kind: 'test.short-lease',
      leaseSec: 3,
      run: async ({ item }) => {
        const first = await lease(item.id);
        // Waits for the condition (bounded), not a clock: the claim's lease moves on while it runs.
        renewed = Boolean(await until('the claim renewed', async () => ((await lease(item.id)) > first ? true : null), 30_000));
      },
    });
    await enqueueOne(slow, 'card:7/1');
    const id = (await enqueueOne(quick, 'card:7/2')) as number;
    const slowRun = slow.drain();
    await until('the long-leased item runs', () => slowStarted);
    expect(await quick.drain()).toBe(1);
    expect(renewed).toBe(true);
    expect(await item(id)).toMatchObject({ state: 'done', attempts: 1 });
    release();
    await slowRun;
  });

  it('refuses a kind defined twice in one process', () => {
    const engine = new WorkEngine(db);
    engine.define({ owner: 'test', kind: 'test.twice', run: async () => undefined });
    expect(() => engine.define({ owner: 'test', kind: 'test.twice', run: async () => undefined })).toThrow(/defined twice/);
  });

  it('ClaimLost names the item', () => {
    expect(new ClaimLost(7).message).toMatch(/work item 7/);
  });
});
