// npm run bench, part 3: fill a 6,000-SIM KI proxy pool. IonMesh runs as its own process
// (embedded PGlite, and PostgreSQL when DATABASE_URL is set); 16 workers register routers in
// KI_PROXY_SWSIM until the pool is full, then one more must get 503 POOL_FULL. Prints
// registrations/s and latency, writes bench/results/ki-pool.json. Loopback only, bounded.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const CAPACITY = Number(process.env.BENCH_POOL ?? 6000);
const WORKERS = 16;
const ADMIN_KEY = 'bench-admin-key-0123456789';
const HOST = '127.0.0.1';
const round = (n: number) => Math.round(n * 100) / 100;
const pct = (s: number[], p: number) => (s.length ? (s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number) : 0);

async function startServer(database: { dataDir?: string; url?: string }): Promise<{ url: string; proc: ChildProcess }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const args = ['bin/ionmesh.js', 'serve', '--port', String(port), '--host', HOST, '--log-level', 'warn'];
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

async function admin(url: string, path: string, body: unknown) {
  const res = await fetch(`${url}/api/backend/v1${path}`, {
    method: 'POST',
    headers: { 'x-api-key': ADMIN_KEY, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: number };
}

const register = (url: string, i: number) =>
  fetch(`${url}/api/backend/v1/remsim/register-client`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: `{"client_id":"ki-${i}-slot0","mapping_mode":"KI_PROXY_SWSIM","mcc_mnc":"310410","tenant_id":1}`,
  });

async function benchOne(kind: 'pglite' | 'postgres') {
  let cleanup = async () => {};
  let database: { dataDir?: string; url?: string };
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'ionmesh-bench-ki-'));
    database = { dataDir: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const base = process.env.DATABASE_URL as string;
    const name = `ionmesh_bench_ki_${Date.now()}`;
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    database = { url: u.toString() };
    cleanup = async () => {
      const d = new pg.Client({ connectionString: base });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    };
  }
  const { url, proc } = await startServer(database);
  try {
    await admin(url, '/tenants', { id: 1, name: 'bench' });
    const bankd = await admin(url, '/bankd-instances', { name: 'ki-bankd', endpoint: '127.0.0.1:9999' });
    // The KI cards in bank 101 slots 0..49; virtual slots 100..1023 there and 0..1023 on banks 102..106.
    for (let b = 101; b <= 106; b++)
      await admin(url, '/banks', { bank_id: b, name: `ki ${b}`, tenant_id: 1, bankd_instance_id: bankd.id });
    await admin(url, '/ki-proxy-pools', {
      pool_name: 'att-6000',
      tenant_id: 1,
      carrier: 'AT&T',
      mcc_mnc: '310410',
      bank_id: 101,
      physical_slot_start: 0,
      physical_slot_end: 49,
      virtual_segments: [
        { bank_id: 101, virtual_slot_start: 100, virtual_slot_end: 1023 },
        ...[102, 103, 104, 105, 106].map((b) => ({ bank_id: b, virtual_slot_start: 0, virtual_slot_end: 1023 })),
      ],
      max_virtual_sims: CAPACITY,
    });
    console.log(`[${kind}] filling a ${CAPACITY}-SIM KI proxy pool, ${WORKERS} at a time`);
    const latencies: number[] = [];
    let next = 0;
    let failed = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        for (let i = next++; i < CAPACITY; i = next++) {
          const t0 = performance.now();
          const res = await register(url, i);
          await res.arrayBuffer();
          latencies.push(performance.now() - t0);
          if (res.status !== 200) failed++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const over = await register(url, CAPACITY);
    const overBody = (await over.json()) as { code?: string };
    latencies.sort((a, b) => a - b);
    return {
      database: kind,
      pool_capacity: CAPACITY,
      registered: CAPACITY - failed,
      failed,
      seconds: round(seconds),
      per_second: Math.round((CAPACITY - failed) / seconds),
      p50_ms: round(pct(latencies, 50)),
      p95_ms: round(pct(latencies, 95)),
      p99_ms: round(pct(latencies, 99)),
      one_more: `${over.status} ${overBody.code ?? ''}`.trim(),
    };
  } finally {
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
    await cleanup();
  }
}

const results = [await benchOne('pglite')];
if (process.env.DATABASE_URL) results.push(await benchOne('postgres'));
for (const r of results)
  console.log(
    `\n== KI proxy pool, ${r.database}: ${r.registered}/${r.pool_capacity} virtual SIMs in ${r.seconds} s, ${r.per_second}/s (p50 ${r.p50_ms} ms, p95 ${r.p95_ms} ms, p99 ${r.p99_ms} ms, ${r.failed} failed); one more: ${r.one_more}`,
  );
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/ki-pool.json',
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, results }, null, 2)}\n`,
);
console.log('written: bench/results/ki-pool.json');
