// npm run bench, part 3: fill a 6,000-SIM KI proxy pool. IonMesh runs as its own process
// (embedded PGlite, and PostgreSQL when DATABASE_URL is set); 16 workers register routers in
// KI_PROXY_SWSIM until the pool is full, then one more must get 503 POOL_FULL. Prints
// registrations/s and latency, writes bench/results/ki-pool.json. Loopback only, bounded.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { adminPost, freshBenchDatabase, percentile, round, startServer, stopServer } from './support.js';

const CAPACITY = Number(process.env.BENCH_POOL ?? 6000);
const WORKERS = 16;

const register = (url: string, i: number) =>
  fetch(`${url}/api/backend/v1/remsim/register-client`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: `{"client_id":"ki-${i}-slot0","mapping_mode":"KI_PROXY_SWSIM","mcc_mnc":"310410","tenant_id":1}`,
  });

async function benchOne(kind: 'pglite' | 'postgres') {
  const database = await freshBenchDatabase(kind, 'ki');
  const { url, proc } = await startServer(database);
  try {
    await adminPost(url, '/tenants', { id: 1, name: 'bench', enrollment_mode: 'open' });
    const bankd = await adminPost(url, '/bankd-instances', { name: 'ki-bankd', endpoint: '127.0.0.1:9999' });
    // The KI cards in bank 101 slots 0..49; virtual slots 100..1023 there and 0..1023 on banks 102..106.
    for (let b = 101; b <= 106; b++)
      await adminPost(url, '/banks', { bank_id: b, name: `ki ${b}`, tenant_id: 1, bankd_instance_id: bankd.id });
    await adminPost(url, '/ki-proxy-pools', {
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
      p50_ms: round(percentile(latencies, 50)),
      p95_ms: round(percentile(latencies, 95)),
      p99_ms: round(percentile(latencies, 99)),
      one_more: `${over.status} ${overBody.code ?? ''}`.trim(),
    };
  } finally {
    await stopServer(proc);
    await database.cleanup();
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
