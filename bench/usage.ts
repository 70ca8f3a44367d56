// npm run bench:usage: what SIM usage costs, measured in one run.
//
// 1. Heartbeat throughput with and without usage accounting: two IonMesh processes on fresh
//    databases with the same fleet, one with the accounting job off (--usage-interval 3600, it
//    never runs in the run), one with it every 5 s. Each is loaded in turn (off, on, off, on): a
//    warm-up long enough for the job to reach steady state (samples settle 30 s before they are
//    accounted), then a measured window. The figure is on/off (goal: at least 0.9).
// 2. The cycle report over 100,000 cards: a database seeded with 100 banks of 1,000 cards, a
//    carrier default plan and a cycle of usage for each card; the report's first page (each
//    card priced on its plan, largest first), the per-tenant sums, and the whole CSV export.
//    Goal: under 1 s.
// PGlite, and PostgreSQL too when DATABASE_URL is set. Prints a table, writes
// bench/results/usage.json. Loopback only; every phase is bounded in time or count.
import { mkdirSync, writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/app/database.js';
import {
  ADMIN_KEY,
  type BenchDatabase,
  benchInventory,
  freshBenchDatabase,
  load,
  percentile,
  round,
  startServer,
  stopServer,
} from './support.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2000);
const WARMUP_SEC = Number(process.env.BENCH_USAGE_WARMUP ?? 40);
const MEASURE_SEC = Number(process.env.BENCH_DURATION ?? 15);
const CARDS = Number(process.env.BENCH_CARDS ?? 100_000);

const heartbeats = () => {
  let i = 0;
  return () => {
    const n = i++;
    const c = n % CLIENTS;
    // Counters that grow with every heartbeat of the client, as a router's do.
    const round = Math.floor(n / CLIENTS) + 1;
    return `{"client_id":"use-${c}-slot0","status":"active","stats":{"rssi":-71,"rsrp":-98,"tpdu_count":${round * 40},"tpdu_errors":0,"data_rx_bytes":${round * 250_000},"data_tx_bytes":${round * 40_000},"uptime_seconds":${round * 60}}}`;
  };
};

async function lagOf(url: string) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('ionmesh_usage_accounting_lag_seconds '));
  return line ? Number(line.split(' ')[1]) : null;
}

async function accountingCost(kind: 'pglite' | 'postgres') {
  const dbs: BenchDatabase[] = [];
  const servers: Array<{ name: 'off' | 'on'; url: string; proc: import('node:child_process').ChildProcess; next: () => string }> =
    [];
  try {
    for (const name of ['off', 'on'] as const) {
      const db = await freshBenchDatabase(kind, `usage_${name}`);
      dbs.push(db);
      const { url, proc } = await startServer(db, ['--usage-interval', name === 'on' ? '5' : '3600', '--metrics-refresh', '2']);
      await benchInventory(url, CLIENTS);
      let n = 0;
      await load({
        url,
        path: '/api/backend/v1/remsim/register-client',
        bodies: () => `{"client_id":"use-${n++}-slot0","mapping_mode":"ONE_TO_ONE_SWSIM","mcc_mnc":"","tenant_id":1}`,
        amount: CLIENTS,
        connections: 16,
      });
      servers.push({ name, url, proc, next: heartbeats() });
    }
    const rounds: Array<{ server: 'off' | 'on'; per_second: number; p99_ms: number; lag_sec: number | null }> = [];
    for (let round_ = 0; round_ < 2; round_++) {
      for (const s of servers) {
        console.log(`[usage ${kind}] accounting ${s.name}: warm-up ${WARMUP_SEC} s, then ${MEASURE_SEC} s measured`);
        await load({ url: s.url, path: '/api/backend/v1/remsim/heartbeat', bodies: s.next, duration: WARMUP_SEC });
        const phase = await load({ url: s.url, path: '/api/backend/v1/remsim/heartbeat', bodies: s.next, duration: MEASURE_SEC });
        if (phase.errors || phase.non_2xx) throw new Error(`heartbeats failed: ${JSON.stringify(phase)}`);
        rounds.push({ server: s.name, per_second: phase.per_second, p99_ms: phase.p99_ms, lag_sec: await lagOf(s.url) });
        // The job catches up before the other server is loaded, so it never runs behind that load.
        for (let i = 0; i < 60 && s.name === 'on'; i++) {
          const lag = await lagOf(s.url);
          if (lag !== null && lag < 40) break;
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    }
    const mean = (name: string) => {
      const list = rounds.filter((r) => r.server === name).map((r) => r.per_second);
      return list.reduce((a, b) => a + b, 0) / list.length;
    };
    return {
      rounds,
      off_per_second: round(mean('off')),
      on_per_second: round(mean('on')),
      ratio: round(mean('on') / mean('off')),
    };
  } finally {
    for (const s of servers) await stopServer(s.proc);
    for (const d of dbs) await d.cleanup();
  }
}

/** 100 banks of 1,000 cards, a carrier default plan with an allowance, one cycle of usage per card. */
async function seedCards(kind: 'pglite' | 'postgres', database: BenchDatabase) {
  // As the server opens it (the embedded database lives in <data-dir>/pglite).
  const db = await openDatabase(kind === 'pglite' ? { dataDir: database.dataDir } : { databaseUrl: database.url });
  try {
    await db.migrate();
    await db.run(async (h) => {
      await h.execute(sql`INSERT INTO tenants (id, name, enrollment_mode) VALUES (1, 'bench', 'open')`);
      const banks = Math.ceil(CARDS / 1000);
      await h.execute(sql`INSERT INTO sim_banks (bank_id, name, tenant_id)
                          SELECT b, 'bench ' || b, 1 FROM generate_series(1, ${banks}) b`);
      await h.execute(sql`INSERT INTO slots (bank_id, slot_id, iccid, imsi, carrier, mcc_mnc, status)
                          SELECT 1 + n / 1000, n % 1000, '8901410' || lpad(n::text, 12, '0'), '310410' || lpad(n::text, 9, '0'),
                                 'AT&T', '310410', 'available'
                            FROM generate_series(0, ${CARDS - 1}) n`);
      await h.execute(sql`INSERT INTO sim_plans (tenant_id, name, mcc_mnc, carrier_default, allowance_bytes, cycle_day, cost_per_mb,
                                                 overage_cost_per_mb, monthly_fee, currency)
                          VALUES (1, 'AT&T 1 GB', '310410', true, 1000000000, 1, 0, 0.01, 2, 'USD')`);
      await h.execute(sql`INSERT INTO card_usage_cycles (tenant_id, bank_id, slot_id, cycle_start, cycle_end, iccid, last_client_id,
                                                         rx_bytes, tx_bytes, tpdus, tpdu_errors, samples, last_at)
                          SELECT 1, 1 + n / 1000, n % 1000, date_trunc('month', current_date)::date,
                                 (date_trunc('month', current_date) + interval '1 month')::date,
                                 '8901410' || lpad(n::text, 12, '0'), 'bench-' || n || '-slot0',
                                 (n::bigint * 7919) % 2000000000, (n::bigint * 104729) % 300000000, n % 50000, n % 100, 1440, now()
                            FROM generate_series(0, ${CARDS - 1}) n`);
      await h.execute(sql`ANALYZE`);
    });
  } finally {
    await db.close();
  }
}

async function timed(url: string, path: string, times: number) {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    const res = await fetch(`${url}/api/backend/v1${path}`, { headers: { 'x-api-key': ADMIN_KEY } });
    const body = await res.text();
    if (!res.ok) throw new Error(`${path}: ${res.status} ${body.slice(0, 200)}`);
    ms.push(performance.now() - started);
    bytes = body.length;
  }
  ms.sort((a, b) => a - b);
  return { median_ms: round(percentile(ms, 50)), max_ms: round(ms.at(-1) ?? 0), bytes };
}

async function cycleReport(kind: 'pglite' | 'postgres') {
  const database = await freshBenchDatabase(kind, 'cycles');
  try {
    console.log(`[usage ${kind}] seeding ${CARDS} cards with a cycle of usage each`);
    await seedCards(kind, database);
    const { url, proc } = await startServer(database);
    try {
      console.log(`[usage ${kind}] cycle report over ${CARDS} cards`);
      const firstPage = await timed(url, '/usage/cycles?limit=50', 5);
      const lastPage = await timed(url, `/usage/cycles?limit=50&offset=${CARDS - 50}`, 5);
      const perTenant = await timed(url, '/usage/cycles?cycle_group_by=tenant', 5);
      const csv = await timed(url, '/exports/usage?kind=cycles&format=csv', 1);
      return { cards: CARDS, first_page: firstPage, last_page: lastPage, per_tenant: perTenant, csv_export: csv };
    } finally {
      await stopServer(proc);
    }
  } finally {
    await database.cleanup();
  }
}

const kinds: Array<'pglite' | 'postgres'> = ['pglite', ...(process.env.DATABASE_URL ? (['postgres'] as const) : [])];
const results: Record<string, unknown> = {};
// BENCH_USAGE_PARTS=report or accounting runs one part only.
const parts = (process.env.BENCH_USAGE_PARTS ?? 'report,accounting').split(',');
for (const kind of kinds) {
  results[kind] = {
    cycle_report: parts.includes('report') ? await cycleReport(kind) : null,
    accounting: parts.includes('accounting') ? await accountingCost(kind) : null,
  };
}
console.log('\nSIM usage');
console.log(
  '| database | heartbeats/s, accounting off | on | on/off | cycle report (100k cards), first page | per tenant | CSV export |',
);
console.log('|---|---|---|---|---|---|---|');
for (const kind of kinds) {
  // biome-ignore lint/suspicious/noExplicitAny: the figures just gathered
  const r = results[kind] as any;
  console.log(
    `| ${kind} | ${r.accounting?.off_per_second ?? '—'} | ${r.accounting?.on_per_second ?? '—'} | ${r.accounting?.ratio ?? '—'} | ${r.cycle_report?.first_page.median_ms ?? '—'} ms | ${r.cycle_report?.per_tenant.median_ms ?? '—'} ms | ${r.cycle_report?.csv_export.median_ms ?? '—'} ms |`,
  );
}
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/usage.json',
  `${JSON.stringify({ at: new Date().toISOString(), clients: CLIENTS, results }, null, 2)}\n`,
);
