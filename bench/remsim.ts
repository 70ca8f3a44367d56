// npm run bench, part 2: the remsim-server path. IonMesh runs as a separate process (embedded
// PGlite, and PostgreSQL when DATABASE_URL is set); the remsim-server double and the fleet
// simulator run in this process, on loopback. Measures:
// - time from a registration's 200 to its mapping on the double (one at a time, and in a burst);
// - `ionmesh simulate`'s engine driving 10,000 routers (half deployed clients, half rich
//   agents): registrations/s, then heartbeats/s with every rich agent heartbeating each second;
// - a full reconcile of every mapping after the double restarted empty, and a pass with
//   nothing to do;
// - recovery from an outage: the double restarts empty and stays down BENCH_OUTAGE_SEC (120 s)
//   while IonMesh's periodic passes fail and its back-off grows; from the moment it answers again,
//   the time to the first map and to every map (all posted one at a time, the real server's
//   rule). Writes bench/results/remsim.json. Every phase is bounded.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Fleet } from '../src/sim/fleet.js';
import { RemsimServerDouble, type Slotmap } from '../src/sim/remsim-server.js';
import { ADMIN_KEY, adminPost, freshBenchDatabase, percentile, round, startServer, stopServer } from './support.js';

const ROUTERS = Number(process.env.BENCH_ROUTERS ?? 10_000);
const HEARTBEAT_SEC = Number(process.env.BENCH_HEARTBEAT_WINDOW ?? 20);
const BANK_SLOTS = 1000;
const OUTAGE_SEC = Number(process.env.BENCH_OUTAGE_SEC ?? 120);

// biome-ignore lint/suspicious/noExplicitAny: JSON answers of the admin API
type Doc = Record<string, any>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const key = (m: Slotmap) => `${m.client.clientId}:${m.client.slotNr}`;

/** Registers one client and measures the time from its 200 to its map on the double. */
async function mappingDelays(url: string, created: Map<string, number>, count: number, parallel: number, prefix: string) {
  const delays: number[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const res = await fetch(`${url}/api/backend/v1/remsim/register-client`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: `${prefix}-${i}-slot0`, tenant_id: 1 }),
      });
      const answered = performance.now();
      const a = (await res.json()) as { bank_id: number; slot_id: number };
      if (res.status !== 200) throw new Error(`register: ${res.status}`);
      const k = `${a.bank_id}:${a.slot_id}`;
      for (let t = 0; t < 20_000 && !created.has(k); t++) await sleep(1);
      const at = created.get(k);
      if (at === undefined) throw new Error(`mapping of ${k} never appeared`);
      delays.push(Math.max(0, at - answered));
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  delays.sort((x, y) => x - y);
  return {
    registrations: count,
    parallel,
    p50_ms: round(percentile(delays, 50)),
    p95_ms: round(percentile(delays, 95)),
    max_ms: round(delays.at(-1) ?? 0),
  };
}

async function benchOne(kind: 'pglite' | 'postgres') {
  const database = await freshBenchDatabase(kind, 'remsim');
  const remsim = await new RemsimServerDouble({ bankdAckMs: 5 }).start();
  const created = new Map<string, number>();
  remsim.onCreated((m) => created.set(key(m), performance.now()));
  const { url, proc } = await startServer(database, ['--reconcile-interval', '10']);
  try {
    const latencyRuns = 200 + 1000;
    const banks = Math.ceil((ROUTERS + latencyRuns) / BANK_SLOTS);
    await adminPost(url, '/tenants', { id: 1, name: 'bench', enrollment_mode: 'open' });
    const server = await adminPost(url, '/remsim-servers', { name: 'bench-double', url: remsim.url });
    const bankd = await adminPost(url, '/bankd-instances', {
      name: 'bench-bankd',
      endpoint: '127.0.0.1:9999',
      remsim_server_id: server.id,
    });
    for (let b = 1; b <= banks; b++) {
      await adminPost(url, '/banks', {
        bank_id: b,
        name: `bench ${b}`,
        tenant_id: 1,
        bankd_instance_id: bankd.id,
        slot_count: BANK_SLOTS,
        unknown_cards_present: true,
      });
      remsim.connectBankd(b, BANK_SLOTS);
    }

    console.log(`[${kind}] 200 registrations one at a time: time from 200 to mapping`);
    const single = await mappingDelays(url, created, 200, 1, 'lat');
    console.log(`[${kind}] 1000 registrations, 16 at a time: time from 200 to mapping`);
    const burst = await mappingDelays(url, created, 1000, 16, 'burst');

    console.log(`[${kind}] simulating ${ROUTERS} routers (half deployed clients, half rich agents)`);
    const fleet = new Fleet({
      url,
      count: ROUTERS,
      deployedShare: 0.5,
      rate: 5000,
      concurrency: 32,
      heartbeatIntervalSec: 1,
      durationSec: Number.POSITIVE_INFINITY,
      prefix: 'fleet',
      remsim,
    });
    const t0 = performance.now();
    fleet.start();
    for (let i = 0; i < 6000; i++) {
      const p = fleet.progress();
      if (p.registered + p.failed >= ROUTERS) break;
      await sleep(100);
    }
    const regSeconds = (performance.now() - t0) / 1000;
    const afterReg = fleet.progress();
    await sleep(HEARTBEAT_SEC * 1000);
    const afterHb = fleet.progress();
    await fleet.stop();
    const summary = fleet.summary();
    const simulate = {
      routers: ROUTERS,
      registered: afterReg.registered,
      failed: afterReg.failed,
      registrations_per_s: Math.round(afterReg.registered / regSeconds),
      registration_p50_ms: round(summary.registrations.latency.p50_ms),
      registration_p95_ms: round(summary.registrations.latency.p95_ms),
      heartbeats_per_s: Math.round((afterHb.heartbeats - afterReg.heartbeats) / HEARTBEAT_SEC),
      heartbeat_offered_per_s: summary.rich,
      heartbeat_failures: afterHb.heartbeat_failures,
      failures: summary.failures,
      heartbeat_p50_ms: round(summary.heartbeats.latency.p50_ms),
      heartbeat_p95_ms: round(summary.heartbeats.latency.p95_ms),
    };

    console.log(`[${kind}] the double restarts empty: one full reconcile pass`);
    // Let the passes triggered by the fleet finish first.
    for (let i = 0; i < 600; i++) {
      const s = (await (
        await fetch(`${url}/api/backend/v1/remsim-servers/${server.id}`, { headers: { 'x-api-key': ADMIN_KEY } })
      ).json()) as Doc;
      if (s.figures?.missing === 0 && s.figures?.desired === remsim.slotmaps().length && !s.lease_owner) break;
      await sleep(100);
    }
    await remsim.restart();
    const w0 = performance.now();
    const full = await adminPost(url, `/remsim-servers/${server.id}/reconcile`);
    const fullWall = (performance.now() - w0) / 1000;
    const w1 = performance.now();
    const idle = await adminPost(url, `/remsim-servers/${server.id}/reconcile`);
    const idleWall = (performance.now() - w1) / 1000;

    console.log(`[${kind}] outage: the double restarts empty and stays down ${OUTAGE_SEC} s`);
    const mappings = remsim.slotmaps().length;
    await remsim.restart();
    await remsim.down();
    await sleep(OUTAGE_SEC * 1000);
    const before = (await (
      await fetch(`${url}/api/backend/v1/remsim-servers/${server.id}`, { headers: { 'x-api-key': ADMIN_KEY } })
    ).json()) as Doc;
    let firstBack: number | null = null;
    remsim.onCreated(() => {
      firstBack ??= performance.now();
    });
    await remsim.up();
    const back = performance.now();
    for (let i = 0; i < 1200 && remsim.slotmaps().length < mappings; i++) await sleep(50);
    const allBack = (performance.now() - back) / 1000;
    const outage = {
      outage_s: OUTAGE_SEC,
      failures_before: before.failures,
      mappings,
      present_after: remsim.slotmaps().length,
      first_map_s: firstBack === null ? null : round(((firstBack as number) - back) / 1000),
      all_maps_s: round(allBack),
    };
    return {
      database: kind,
      mapping_delay_single: single,
      mapping_delay_burst: burst,
      simulate,
      full_reconcile: {
        mappings: full.figures.posted,
        present_after: full.figures.present,
        seconds: round(fullWall),
        per_second: Math.round(full.figures.posted / fullWall),
      },
      idle_pass: { mappings: idle.figures.present, seconds: round(idleWall) },
      outage,
    };
  } finally {
    await stopServer(proc);
    await remsim.close();
    await database.cleanup();
  }
}

const results = [await benchOne('pglite')];
if (process.env.DATABASE_URL) results.push(await benchOne('postgres'));
for (const r of results) {
  console.log(`\n== remsim-server path, ${r.database}`);
  console.log(
    `200 -> mapping, one at a time    p50 ${r.mapping_delay_single.p50_ms} ms, p95 ${r.mapping_delay_single.p95_ms} ms`,
  );
  console.log(`200 -> mapping, 16 at a time     p50 ${r.mapping_delay_burst.p50_ms} ms, p95 ${r.mapping_delay_burst.p95_ms} ms`);
  const s = r.simulate;
  console.log(
    `simulate ${s.routers} routers       ${s.registrations_per_s} registrations/s (p50 ${s.registration_p50_ms} ms, p95 ${s.registration_p95_ms} ms, ${s.failed} failed)`,
  );
  console.log(
    `                                 ${s.heartbeats_per_s} heartbeats/s of ${s.heartbeat_offered_per_s}/s offered (p50 ${s.heartbeat_p50_ms} ms, p95 ${s.heartbeat_p95_ms} ms, ${s.heartbeat_failures} failed)`,
  );
  console.log(
    `full reconcile                   ${r.full_reconcile.mappings} mappings in ${r.full_reconcile.seconds} s (${r.full_reconcile.per_second}/s)`,
  );
  console.log(`pass with nothing to do          ${r.idle_pass.mappings} mappings checked in ${r.idle_pass.seconds} s`);
  const o = r.outage;
  console.log(
    `server back after ${o.outage_s} s down     first map ${o.first_map_s} s, all ${o.present_after}/${o.mappings} maps present ${o.all_maps_s} s (${o.failures_before} failed passes before)`,
  );
}
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/remsim.json',
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, results }, null, 2)}\n`,
);
console.log('\nwritten: bench/results/remsim.json');
