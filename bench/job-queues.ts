// Evaluation of a maintained job queue for claimed work (issue 33, decision 0020): pg-boss 10 (the
// last major that runs on Node.js 20) on PGlite through a one-connection adapter and on
// PostgreSQL with its own pool, against a bare SKIP LOCKED claim in the same database, in the
// same run. BENCH_JOBS jobs (2,000) sent in batches of 100, then worked 50 at a time.
// PostgreSQL when DATABASE_URL is set (a scratch database next to it). Writes
// bench/results/job-queues.json.
import { writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import { type Database, openPglite, openPostgres } from '../src/app/database.js';
import { scratchPostgres } from '../test/support/scratch-database.js';

const N = Number(process.env.BENCH_JOBS ?? 2000);

async function viaPgBoss(options: object, label: string) {
  const boss = new PgBoss({ ...options, supervise: false, schedule: false, migrate: true } as never);
  boss.on('error', (e) => console.error(label, String(e).slice(0, 200)));
  let t = performance.now();
  await boss.start();
  const startMs = performance.now() - t;
  await boss.createQueue('bench');
  t = performance.now();
  for (let i = 0; i < N; i += 100)
    await boss.insert(Array.from({ length: 100 }, (_, k) => ({ name: 'bench', data: { n: i + k } })));
  const sendMs = performance.now() - t;
  t = performance.now();
  let done = 0;
  for (let i = 0; i < 10_000 && done < N; i++) {
    const jobs = await boss.fetch('bench', { batchSize: 50 });
    if (!jobs.length) break;
    await boss.complete(
      'bench',
      jobs.map((j) => j.id),
    );
    done += jobs.length;
  }
  const workMs = performance.now() - t;
  await boss.stop({ graceful: false, wait: false } as never);
  return {
    label,
    start_ms: Math.round(startMs),
    sent_per_s: Math.round(N / (sendMs / 1000)),
    worked_per_s: Math.round(done / (workMs / 1000)),
    done,
  };
}

const rowsOfResult = (r: unknown) => (Array.isArray(r) ? r : ((r as { rows?: unknown[] }).rows ?? [])) as Array<{ id: number }>;

async function bareClaim(db: Database, label: string) {
  await db.run((h) =>
    h.execute(
      sql`CREATE TABLE bench_jobs (id bigserial PRIMARY KEY, data jsonb, state text NOT NULL DEFAULT 'pending', locked_until timestamptz)`,
    ),
  );
  let t = performance.now();
  for (let i = 0; i < N; i += 100)
    await db.run((h) =>
      h.execute(
        sql`INSERT INTO bench_jobs (data) SELECT jsonb_build_object('n', n) FROM generate_series(${i}::int, ${i + 99}::int) n`,
      ),
    );
  const sendMs = performance.now() - t;
  t = performance.now();
  let done = 0;
  for (let i = 0; i < 10_000 && done < N; i++) {
    const claimed = rowsOfResult(
      await db.transaction((tx) =>
        tx.execute(sql`UPDATE bench_jobs SET state = 'active', locked_until = now() + interval '30 s'
          WHERE id IN (SELECT id FROM bench_jobs WHERE state = 'pending' ORDER BY id LIMIT 50 FOR UPDATE SKIP LOCKED)
          RETURNING id`),
      ),
    );
    if (!claimed.length) break;
    const ids = `{${claimed.map((c) => c.id).join(',')}}`;
    await db.run((h) => h.execute(sql`UPDATE bench_jobs SET state = 'done' WHERE id = ANY(${ids}::bigint[])`));
    done += claimed.length;
  }
  const workMs = performance.now() - t;
  await db.run((h) => h.execute(sql`DROP TABLE bench_jobs`));
  return { label, sent_per_s: Math.round(N / (sendMs / 1000)), worked_per_s: Math.round(done / (workMs / 1000)), done };
}

const results: unknown[] = [];

// PGlite has one connection: pg-boss's scripts (several statements) go through exec, its
// parameterised statements through query, one at a time, as IonMesh's queue would send them.
const embedded = new PGlite();
await embedded.waitReady;
let chain: Promise<unknown> = Promise.resolve();
const executeSql = (text: string, values?: unknown[]) => {
  const next = chain.then(async () =>
    values?.length
      ? { rows: (await embedded.query(text, values)).rows }
      : { rows: (await embedded.exec(text)).at(-1)?.rows ?? [] },
  );
  chain = next.catch(() => {});
  return next;
};
results.push(await viaPgBoss({ db: { executeSql } }, 'pg-boss 10.4.2 on PGlite (one connection, serialised)'));
await embedded.close();
const pglite = await openPglite(null);
results.push(await bareClaim(pglite, 'SKIP LOCKED claim on PGlite (IonMesh queue, own thread)'));
await pglite.close();

if (process.env.DATABASE_URL) {
  const scratch = await scratchPostgres(process.env.DATABASE_URL, 'ionmesh_bench_queues');
  try {
    results.push(await viaPgBoss({ connectionString: scratch.url, max: 10 }, 'pg-boss 10.4.2 on PostgreSQL (its own pool)'));
    const pg = await openPostgres(scratch.url);
    results.push(await bareClaim(pg, 'SKIP LOCKED claim on PostgreSQL'));
    await pg.close();
  } finally {
    await scratch.drop();
  }
}

console.table(results);
writeFileSync(
  'bench/results/job-queues.json',
  `${JSON.stringify({ at: new Date().toISOString(), jobs: N, results }, null, 2)}\n`,
);
process.exit(0);
