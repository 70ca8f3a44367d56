// npm run bench:rules: does rule evaluation keep up with 2,000 events/s with 100 rules enabled?
//
// A fresh database (PGlite; PostgreSQL too when DATABASE_URL is set) with the demo tenant and 100
// enabled rules: 50 on client.unregistered, the type the load writes, each with a CEL condition
// evaluated for every event (10 of them each meet one client in 1,000: 1 % of the events act,
// with notify, the event rule.fired; 40 never hold), and 50 on other types. Events are written to
// the outbox at BENCH_EVENTS_PER_SEC (2,000) for BENCH_DURATION seconds, in batches every 100 ms,
// while the engine runs as the server's job does (a pass every second, never overlapping). The
// figures: events written and read per second, the backlog when the load stops (under one
// second of events: it keeps up), the lag from an event to its action done (p50, p95, p99; the
// pass every second bounds it from below), and how long a pass over a second of events takes
// (the capacity: events per second of work). Writes bench/results/rules.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase, rows } from '../src/app/database.js';
import { WorkEngine } from '../src/app/work/index.js';
import { seedDemo } from '../src/modules/inventory/demo.js';
import { RulesEngine } from '../src/modules/rules/index.js';
import { type BenchDatabase, freshBenchDatabase, percentile, round } from './support.js';

const RATE = Number(process.env.BENCH_EVENTS_PER_SEC ?? 2000);
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const RULES = 100;

async function seedRules(db: Database) {
  await db.run((h) =>
    h.execute(sql`
      INSERT INTO automation_rules (tenant_id, name, trigger, conditions, actions, cooldown_sec, max_per_hour, created_by)
      SELECT 1, 'bench ' || n,
             CASE WHEN n <= 10 THEN '{"kind":"event","event_type":"client.unregistered"}'::jsonb
                  WHEN n <= 50 THEN '{"kind":"event","event_type":"client.unregistered"}'::jsonb
                  ELSE jsonb_build_object('kind', 'event', 'event_type',
                         (ARRAY['client.registered','slot.status_changed','card.locked','usage.threshold_reached'])[1 + n % 4]) END,
             CASE WHEN n <= 10 THEN jsonb_build_object('expression', 'data.client_id == "bench-' || n || '" && data.bank_id == 1')
                  WHEN n <= 50 THEN jsonb_build_object('expression', 'data.bank_id == 99 && data.client_id.endsWith("-never")')
                  ELSE '{}'::jsonb END,
             '[{"type":"notify"}]'::jsonb, 0, 100000, 'bench'
        FROM generate_series(1, ${RULES}) n`),
  );
}

async function run(kind: 'pglite' | 'postgres') {
  const bench: BenchDatabase = await freshBenchDatabase(kind, 'rules');
  const db = await openDatabase({ dataDir: bench.dataDir ?? '', databaseUrl: bench.url ?? null }, 'bench (rules)');
  try {
    await db.migrate();
    await seedDemo(db);
    await seedRules(db);
    const engine = new RulesEngine(db, {} as never, new WorkEngine(db), undefined, { measureEverySec: 3600 });
    await engine.tick();
    const [start] = await db.run((h) => rows<{ id: number }>(h, sql`SELECT coalesce(max(id), 0)::int AS id FROM events`));
    const firstId = (start?.id ?? 0) + 1;
    let producing = true;
    let written = 0;
    const perBatch = Math.max(1, Math.round(RATE / 10));
    const t0 = performance.now();
    // The producer: a batch every 100 ms, on schedule.
    const producer = (async () => {
      for (let b = 0; b < DURATION * 10; b++) {
        const due = t0 + b * 100;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        await db.run((h) =>
          h.execute(sql`
            INSERT INTO events (type, tenant_id, data)
            SELECT 'client.unregistered', 1, jsonb_build_object('profile_id', md5(${b}::text || '-' || n),
                   'client_id', 'bench-' || ((${b * perBatch} + n) % 1000),
                   'mapping_mode', 'ONE_TO_ONE_SWSIM', 'bank_id', 1, 'slot_id', n % 32)
              FROM generate_series(1, ${perBatch}) n`),
        );
        written += perBatch;
      }
      producing = false;
    })();
    // The engine, as the job runs it: a pass every second, never overlapping.
    let read = 0;
    const passes: number[] = [];
    const consumer = (async () => {
      for (let i = 0; i < DURATION * 4 + 60; i++) {
        const started = performance.now();
        const r = await engine.tick();
        read += r.events;
        passes.push(performance.now() - started);
        if (!producing && r.events === 0) break;
        const wait = 1000 - (performance.now() - started);
        if (wait > 0) await new Promise((res) => setTimeout(res, wait));
      }
    })();
    await producer;
    const producedSec = (performance.now() - t0) / 1000;
    const [backlogRow] = await db.run((h) =>
      rows<{ backlog: number }>(
        h,
        sql`SELECT (SELECT max(id) FROM events)::int - (SELECT last_event_id FROM rules_state)::int AS backlog`,
      ),
    );
    await consumer;
    const totalSec = (performance.now() - t0) / 1000;
    const lags = (
      await db.run((h) =>
        rows<{ lag: number }>(
          h,
          sql`SELECT extract(epoch FROM r.finished_at - e.created_at)::float8 AS lag
                FROM rule_runs r JOIN events e ON e.id = r.event_id
               WHERE r.event_id >= ${firstId} AND r.result = 'done'`,
        ),
      )
    )
      .map((r) => r.lag)
      .sort((a, b) => a - b);
    passes.sort((a, b) => a - b);
    return {
      database: kind,
      rules: RULES,
      target_events_per_sec: RATE,
      events_written: written,
      written_per_sec: round(written / producedSec),
      read_per_sec: round(read / totalSec),
      backlog_when_load_stopped: backlogRow?.backlog ?? null,
      actions: lags.length,
      lag_sec: { p50: round(percentile(lags, 50)), p95: round(percentile(lags, 95)), p99: round(percentile(lags, 99)) },
      pass_ms: { p50: round(percentile(passes, 50)), max: round(passes[passes.length - 1] ?? 0) },
      // A pass handles the second of events since the last: what one pass would handle per second of work.
      capacity_events_per_sec: round((RATE * 1000) / Math.max(1, percentile(passes, 50))),
    };
  } finally {
    await db.close();
    await bench.cleanup();
  }
}

const results = [await run('pglite')];
if (process.env.DATABASE_URL) results.push(await run('postgres'));
for (const r of results)
  console.log(
    `${r.database}: ${r.rules} rules, ${r.events_written} events written at ${r.written_per_sec}/s, read at ${r.read_per_sec}/s; ` +
      `backlog when the load stopped ${r.backlog_when_load_stopped}; ${r.actions} actions, lag p50 ${r.lag_sec.p50} s, ` +
      `p95 ${r.lag_sec.p95} s, p99 ${r.lag_sec.p99} s; a pass (a second of events) ${r.pass_ms.p50} ms (max ${r.pass_ms.max} ms): ` +
      `capacity about ${r.capacity_events_per_sec} events/s`,
  );
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/rules.json', `${JSON.stringify({ at: new Date().toISOString(), results }, null, 2)}\n`);
