// npm run bench: IonMesh's own figures, measured against a ceiling from the same run.
// Starts IonMesh as a separate process (embedded PGlite, and PostgreSQL when DATABASE_URL is
// set), then drives it from this process with autocannon: registrations (at full speed and at
// 500/s), heartbeats (at full speed and at half that load), a 10,000-row SIM import, and the
// no-op JSON route of the same server as the ceiling. Prints a table and writes
// bench/results/latest.json. Loopback only; every phase is bounded in count or time.
//
// autocannon's rate limit (overallRate) releases each second's quota at the start of that
// second, so the "at 500/s" and "half load" figures include the queueing of that burst; the
// 4-connection run shows the latency of a lightly loaded server.
import { mkdirSync, writeFileSync } from 'node:fs';
import { withLuhn } from '../src/domain/iccid.js';
import { adminPost, benchInventory, freshBenchDatabase, load, type Phase, round, startServer, stopServer } from './support.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2000);
const DURATION_SEC = Number(process.env.BENCH_DURATION ?? 10);

async function importTenThousand(url: string) {
  for (let b = 0; b < 10; b++) await adminPost(url, '/banks', { bank_id: 900 + b, name: `import ${b}`, tenant_id: 1 });
  const lines = ['bank_id,slot_id,iccid,imsi,carrier,mcc_mnc,card_type'];
  for (let i = 0; i < 10_000; i++) {
    const bank = 900 + Math.floor(i / 1000);
    const slot = i % 1000;
    lines.push(
      `${bank},${slot},${withLuhn(`89014107${String(i).padStart(10, '0')}`)},310410${String(i).padStart(9, '0')},AT&T,310410,REGULAR`,
    );
  }
  const started = performance.now();
  await adminPost(url, '/sim-imports', lines.join('\n'), 'text/csv');
  return { rows: 10_000, seconds: round((performance.now() - started) / 1000) };
}

async function benchOne(kind: 'pglite' | 'postgres', thread: 'worker' | 'main' = 'worker') {
  const database = await freshBenchDatabase(kind, 'api');
  const { url, proc } = await startServer(database, [
    '--bench-routes',
    ...(kind === 'pglite' ? ['--pglite-thread', thread] : []),
  ]);
  const name = kind === 'pglite' ? `pglite, ${thread} thread` : kind;
  try {
    const paced = Math.min(CLIENTS, 2500);
    await benchInventory(url, CLIENTS + paced);
    let n = 0;
    const registerBody = () => `{"client_id":"bench-${n++}-slot0","mapping_mode":"ONE_TO_ONE_SWSIM","mcc_mnc":"","tenant_id":1}`;
    console.log(`[${name}] registering ${CLIENTS} clients at full speed`);
    const register = await load({
      url,
      path: '/api/backend/v1/remsim/register-client',
      bodies: registerBody,
      amount: CLIENTS,
      connections: 16,
    });
    console.log(`[${name}] registering ${paced} more at 500/s`);
    const registerPaced = await load({
      url,
      path: '/api/backend/v1/remsim/register-client',
      bodies: registerBody,
      amount: paced,
      connections: 16,
      overallRate: 500,
    });

    let h = 0;
    const heartbeatBody = () =>
      `{"client_id":"bench-${h++ % CLIENTS}-slot0","status":"active","stats":{"rssi":-71,"rsrp":-98,"rsrq":-11,"sinr":13}}`;
    console.log(`[${name}] no-op ceiling for ${DURATION_SEC} s`);
    const ceiling = await load({ url, path: '/api/backend/v1/bench/noop', bodies: heartbeatBody });
    console.log(`[${name}] heartbeats at full speed for ${DURATION_SEC} s`);
    const heartbeat = await load({ url, path: '/api/backend/v1/remsim/heartbeat', bodies: heartbeatBody });
    const half = Math.max(1, Math.round(heartbeat.per_second / 2));
    console.log(`[${name}] heartbeats at half load (${half}/s) for ${DURATION_SEC} s`);
    const heartbeatHalf = await load({ url, path: '/api/backend/v1/remsim/heartbeat', bodies: heartbeatBody, overallRate: half });
    console.log(`[${name}] heartbeats from 4 connections for ${DURATION_SEC} s`);
    const heartbeatLight = await load({ url, path: '/api/backend/v1/remsim/heartbeat', bodies: heartbeatBody, connections: 4 });
    console.log(`[${name}] importing 10,000 SIM rows`);
    const simImport = await importTenThousand(url);
    return {
      database: kind,
      ...(kind === 'pglite' ? { pglite_thread: thread } : {}),
      clients: CLIENTS,
      register,
      register_at_500_per_s: registerPaced,
      noop_ceiling: ceiling,
      heartbeat,
      heartbeat_at_half_load: { target_per_second: half, ...heartbeatHalf },
      heartbeat_4_connections: heartbeatLight,
      heartbeat_fraction_of_ceiling: round(heartbeat.per_second / ceiling.per_second),
      import_10k: simImport,
    };
  } finally {
    await stopServer(proc);
    await database.cleanup();
  }
}

function print(r: Awaited<ReturnType<typeof benchOne>>) {
  const row = (name: string, p: Phase) =>
    `${name.padEnd(28)} ${String(p.per_second).padStart(8)}/s  p50 ${String(p.p50_ms).padStart(6)} ms  p95 ${String(p.p95_ms).padStart(6)} ms  p99 ${String(p.p99_ms).padStart(6)} ms  (${p.requests} req, ${p.non_2xx} non-2xx, ${p.errors} errors)`;
  console.log(`\n== ${r.database}${r.pglite_thread ? ` (${r.pglite_thread} thread)` : ''}, ${r.clients} clients`);
  console.log(row('register (full speed)', r.register));
  console.log(row('register (500/s)', r.register_at_500_per_s));
  console.log(row('no-op ceiling', r.noop_ceiling));
  console.log(row('heartbeat (full speed)', r.heartbeat));
  console.log(row(`heartbeat (${r.heartbeat_at_half_load.target_per_second}/s)`, r.heartbeat_at_half_load));
  console.log(row('heartbeat (4 connections)', r.heartbeat_4_connections));
  console.log(`heartbeat / ceiling          ${Math.round(r.heartbeat_fraction_of_ceiling * 100)} %`);
  console.log(`import 10,000 SIM rows       ${r.import_10k.seconds} s`);
}

// PGlite on its own thread (the default), then on the main thread as before decision 0013, so
// one run shows what the worker thread changes (BENCH_PGLITE_MAIN=0 skips the second).
const results = [await benchOne('pglite')];
if (process.env.BENCH_PGLITE_MAIN !== '0') results.push(await benchOne('pglite', 'main'));
if (process.env.DATABASE_URL) results.push(await benchOne('postgres'));
for (const r of results) print(r);
mkdirSync('bench/results', { recursive: true });
const out = { date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, results };
writeFileSync('bench/results/latest.json', `${JSON.stringify(out, null, 2)}\n`);
console.log('\nwritten: bench/results/latest.json');
