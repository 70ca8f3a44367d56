// What every benchmark needs: a fresh database (embedded PGlite in a temporary directory, or a
// new PostgreSQL database next to DATABASE_URL), IonMesh started on it as its own process, and
// rounding/percentiles. Loopback only; start-up is bounded.

import { type ChildProcess, spawn } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { openDatabase, type Sql } from '../src/app/database.js';
import { scratchPostgres } from '../test/support/scratch-database.js';

export const ADMIN_KEY = 'bench-admin-key-0123456789';
export const HOST = '127.0.0.1';

export const round = (n: number) => Math.round(n * 100) / 100;

/** The p-th percentile of sorted values. */
export const percentile = (sorted: number[], p: number) =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number) : 0;

export interface BenchDatabase {
  dataDir?: string;
  url?: string;
  cleanup: () => Promise<void>;
}

export async function freshBenchDatabase(kind: 'pglite' | 'postgres', label: string): Promise<BenchDatabase> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), `ionmesh-bench-${label}-`));
    return { dataDir: dir, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const scratch = await scratchPostgres(process.env.DATABASE_URL as string, `ionmesh_bench_${label}`);
  return { url: scratch.url, cleanup: scratch.drop };
}

/** `ionmesh serve` (the built bin) on a random loopback port over that database. */
export async function startServer(
  database: BenchDatabase,
  extraArgs: string[] = [],
  /** Flags for node itself (--cpu-prof …), before the script. */
  nodeArgs: string[] = [],
): Promise<{ url: string; proc: ChildProcess }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  // Load from one address is the point of a benchmark: the per-address rate limits are off.
  const args = [
    ...nodeArgs,
    'bin/ionmesh.js',
    'serve',
    '--port',
    String(port),
    '--host',
    HOST,
    '--log-level',
    'warn',
    '--client-rate-limit',
    '0',
    '--admin-rate-limit',
    '0',
    ...extraArgs,
  ];
  if (database.url) args.push('--database-url', database.url);
  else args.push('--data-dir', database.dataDir as string);
  const proc = spawn(process.execPath, args, {
    env: { ...process.env, IONMESH_ADMIN_KEY: ADMIN_KEY, DATABASE_URL: '' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://${HOST}:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { url, proc };
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  proc.kill('SIGKILL');
  throw new Error('IonMesh did not become ready in 20 s');
}

/** A tenant that enrolls anyone, a bankd, and enough free slots for `slots` registrations (banks of 1,000). */
export async function benchInventory(url: string, slots: number) {
  await adminPost(url, '/tenants', { id: 1, name: 'bench', enrollment_mode: 'open' });
  const bankd = await adminPost(url, '/bankd-instances', { name: 'bench-bankd', endpoint: '127.0.0.1:9999' });
  for (let b = 0; b * 1000 < slots; b++) {
    await adminPost(url, '/banks', {
      bank_id: b + 1,
      name: `bench ${b + 1}`,
      tenant_id: 1,
      bankd_instance_id: bankd.id,
      slot_count: 1000,
      unknown_cards_present: true,
    });
  }
}

/** POST to the admin API: a JSON body (or a CSV string with its content type); throws unless 2xx. */
// biome-ignore lint/suspicious/noExplicitAny: JSON answers of the admin API, read by the benchmarks
export async function adminPost(url: string, path: string, body?: unknown, contentType = 'application/json'): Promise<any> {
  const res = await fetch(`${url}/api/backend/v1${path}`, {
    method: 'POST',
    headers: { 'x-api-key': ADMIN_KEY, ...(body === undefined ? {} : { 'content-type': contentType }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

export async function stopServer(proc: ChildProcess) {
  proc.kill('SIGTERM');
  await new Promise((r) => proc.once('exit', r));
}

export interface Phase {
  requests: number;
  per_second: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  errors: number;
  non_2xx: number;
}

/** One autocannon run; latencies collected per response for exact p50/p95/p99. */
export async function load(opts: {
  url: string;
  path: string;
  bodies: () => string;
  connections?: number;
  amount?: number;
  duration?: number;
  overallRate?: number;
}): Promise<Phase> {
  const latencies: number[] = [];
  const instance = autocannon({
    url: opts.url,
    connections: opts.connections ?? Number(process.env.BENCH_CONNECTIONS ?? 64),
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration ?? Number(process.env.BENCH_DURATION ?? 10) }),
    ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
    requests: [
      {
        method: 'POST',
        path: opts.path,
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: opts.bodies() }),
      },
    ],
  });
  // The instance is also an EventEmitter (its typings only say Promise).
  (instance as unknown as EventEmitter).on('response', (_client: unknown, _status: number, _bytes: number, ms: number) =>
    latencies.push(ms),
  );
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const seconds = result.duration;
  return {
    requests: result.requests.total,
    per_second: Math.round(result.requests.total / seconds),
    p50_ms: round(percentile(latencies, 50)),
    p95_ms: round(percentile(latencies, 95)),
    p99_ms: round(percentile(latencies, 99)),
    errors: result.errors + result.timeouts,
    non_2xx: result.non2xx,
  };
}

/**
 * `clients` clients seeded with SQL before IonMesh starts: banks of 1,000 slots, one client on
 * each (60 % online, 10 % offline, 30 % never heard), ids bench-000000…; `more` adds rows in the
 * same transaction.
 */
export async function seedFleet(
  database: { dataDir?: string; url?: string },
  clients: number,
  more?: (tx: Sql) => Promise<void>,
) {
  const db = await openDatabase({ dataDir: database.dataDir ?? './data', databaseUrl: database.url ?? null });
  await db.migrate();
  const banks = Math.ceil(clients / 1000);
  await db.transaction(async (tx) => {
    await tx.execute(sql`INSERT INTO tenants (id, name, enrollment_mode) VALUES (1, 'bench', 'open')`);
    await tx.execute(sql`INSERT INTO bankd_instances (id, name, endpoint) VALUES (1, 'bench-bankd', '127.0.0.1:9999')`);
    await tx.execute(sql`INSERT INTO sim_banks (bank_id, name, tenant_id, bankd_instance_id)
                         SELECT b, 'bench bank ' || b, 1, 1 FROM generate_series(1, ${banks}) b`);
    await tx.execute(sql`INSERT INTO slots (bank_id, slot_id, iccid, imsi, carrier, mcc_mnc, status)
                         SELECT b, s, '8901410' || lpad(b::text, 4, '0') || lpad(s::text, 8, '0'),
                                '310410' || lpad((b * 1000 + s)::text, 9, '0'),
                                CASE WHEN b % 2 = 0 THEN 'Verizon' ELSE 'AT&T' END,
                                CASE WHEN b % 2 = 0 THEN '311480' ELSE '310410' END,
                                CASE WHEN (b - 1) * 1000 + s < ${clients} THEN 'assigned' ELSE 'available' END
                           FROM generate_series(1, ${banks}) b, generate_series(0, 999) s`);
    await tx.execute(sql`
      INSERT INTO service_profiles (tenant_id, client_id, mapping_mode, bank_id, slot_id, rspro_client_id, rspro_slot_nr,
                                    liveness, last_heartbeat, health_status, client_stats, client_ip_address)
      SELECT 1, 'bench-' || lpad(n::text, 6, '0'), 'ONE_TO_ONE_SWSIM', n / 1000 + 1, n % 1000, n / 1000 + 1, n % 1000 + 1,
             CASE WHEN n % 10 < 6 THEN 'online' WHEN n % 10 = 6 THEN 'offline' ELSE 'unknown' END,
             CASE WHEN n % 10 < 7 THEN now() - make_interval(secs => n % 60) END,
             CASE WHEN n % 10 < 6 THEN 'active' ELSE 'unknown' END,
             CASE WHEN n % 10 < 6 THEN jsonb_build_object('rssi', -70 - n % 20, 'rsrp', -95 - n % 20, 'rsrq', -10, 'sinr', 12) END,
             '10.0.' || (n / 250 % 250) || '.' || (n % 250)
        FROM generate_series(0, ${clients - 1}) n`);
    await more?.(tx);
  });
  // As a server that has run a while would have them: vacuumed (visibility map set) and analysed.
  await db.maintain(['service_profiles', 'slots']);
  await db.maintain();
  await db.close();
}
