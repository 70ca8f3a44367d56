// npm run bench:prediction: fault prediction and self-healing, measured against the roadmap's
// targets (accuracy and precision ≥ 85 %, recall ≥ 80 %, median lead time ≥ 15 min; healing
// success ≥ 90 %, mean time to recovery < 5 min).
//
// Prediction: the simulator's labelled faults (src/sim/faults.ts) — routers whose signal sinks
// to the receiver's limit, cards whose error rate climbs, modems that flap, and healthy routers
// that wander, dip, sit near the limit or drop once — 600 routers of one seed to learn from, 300
// of another to measure on; each router judged every 5 minutes after its first hour. Figures per
// moment (fails within the horizon or not) and per router (a failing one warned before it failed,
// a healthy one never warned), the lead time of the first warning, the time-to-failure error.
//
// Healing: `ionmesh serve` on PGlite with the remsim-server double and 60 agents that heartbeat,
// every background job at its pace; then faults injected over about two minutes — cards in
// error, a bankd lost (20 routers on its bank), routers that go silent and come back (one never
// does). Figures per cause and overall: incidents, healed, escalated, time to recovery (detection
// to resolution) and fault to recovery (from the injection, detection delays included).
// Writes bench/results/prediction.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { trainAndMeasure } from '../src/sim/prediction-run.js';
import { RemsimServerDouble } from '../src/sim/remsim-server.js';
import { ADMIN_KEY, adminPost, freshBenchDatabase, HOST, percentile, round, startServer, stopServer } from './support.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers read field by field
type Doc = Record<string, any>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function prediction() {
  console.log('prediction: simulating labelled faults, training (600 routers, seed 1), measuring (300 others, seed 2)');
  const report = trainAndMeasure();
  const q = report.quality;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  console.log(
    `  threshold ${report.model.threshold}, horizon ${report.run.horizonMin} min; simulate ${round(report.seconds.simulate)} s, train ${round(report.seconds.train)} s, measure ${round(report.seconds.measure)} s`,
  );
  console.log(
    `  per moment (${q.windows} judged, ${q.positives} within the horizon of a failure): accuracy ${pct(q.accuracy)}, precision ${pct(q.precision)}, recall ${pct(q.recall)}, F1 ${pct(q.f1)}`,
  );
  console.log(
    `  per router (${q.routers.failing} failing, ${q.routers.healthy} healthy): accuracy ${pct(q.per_router.accuracy)}, precision ${pct(q.per_router.precision)}, recall ${pct(q.per_router.recall)}, false alarms ${q.routers.false_alarms}`,
  );
  console.log(
    `  lead time of the first warning: median ${q.lead_p50_min} min, 10th percentile ${q.lead_p10_min} min; time-to-failure error ${q.ttf_mae_min} min (mean absolute)`,
  );
  const top = Object.entries(report.model.importance())
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6);
  console.log(`  leans on: ${top.map(([k, v]) => `${k} ${(v * 100).toFixed(0)} %`).join(', ')}`);
  return {
    run: report.run,
    threshold: report.model.threshold,
    quality: q,
    seconds: report.seconds,
    importance: Object.fromEntries(top),
  };
}

async function admin(url: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<Doc> {
  const res = await fetch(`${url}/api/backend/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { 'x-api-key': ADMIN_KEY, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Doc>;
}

async function healing() {
  const database = await freshBenchDatabase('pglite', 'healing');
  const remsim = await new RemsimServerDouble({ bankdAckMs: 5 }).start();
  const { url, proc } = await startServer(database, [
    '--reconcile-interval',
    '2',
    '--bank-offline-grace',
    '5',
    '--offline-after',
    '10',
    '--sweep-interval',
    '2',
    '--healing-interval',
    '2',
  ]);
  const stops: Array<() => void> = [];
  try {
    await adminPost(url, '/tenants', { id: 1, name: 'bench', enrollment_mode: 'open' });
    const server = await adminPost(url, '/remsim-servers', { name: 'bench-double', url: remsim.url });
    const bankdA = await adminPost(url, '/bankd-instances', {
      name: 'bankd-a',
      endpoint: '127.0.0.1:9001',
      remsim_server_id: server.id,
    });
    const bankdB = await adminPost(url, '/bankd-instances', {
      name: 'bankd-b',
      endpoint: '127.0.0.1:9002',
      remsim_server_id: server.id,
    });
    for (const [bank, bankd] of [
      [1, bankdA],
      [2, bankdA],
      [3, bankdB],
    ] as const) {
      await adminPost(url, '/banks', {
        bank_id: bank,
        name: `bench ${bank}`,
        tenant_id: 1,
        bankd_instance_id: bankd.id,
        slot_count: 50,
        unknown_cards_present: true,
      });
      remsim.connectBankd(bank, 50);
    }
    await admin(url, '/tenants/1/healing', { method: 'PUT', body: { silent_router: { escalate_after_min: 1 } } });
    // 60 agents: registered, then a heartbeat every 2 s unless silenced.
    const silenced = new Set<string>();
    const clients: string[] = [];
    for (let i = 0; i < 60; i++) {
      const id = `agent-${i}`;
      const r = await fetch(`${url}/api/backend/v1/remsim/register-client`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: id, tenant_id: 1, preferred_bank_id: i < 20 ? 2 : 1 }),
      });
      if (!r.ok) throw new Error(`register ${id}: ${r.status} ${await r.text()}`);
      clients.push(id);
    }
    const beat = async (id: string) => {
      if (silenced.has(id)) return;
      await fetch(`${url}/api/backend/v1/remsim/heartbeat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: id, tenant_id: 1, status: 'active', stats: { rssi: -70 } }),
      }).catch(() => {});
    };
    const timer = setInterval(() => {
      for (const id of clients) void beat(id);
    }, 2000);
    stops.push(() => clearInterval(timer));
    await sleep(4000);
    const where = async () => {
      const page = await admin(url, '/clients?limit=100');
      return new Map<string, Doc>((page.items as Doc[]).map((c) => [c.client_id, c]));
    };
    const before = await where();
    const onBank2 = clients.filter((c) => before.get(c)?.bank_id === 2);
    const injected: Array<{ cause: string; object: string; at: number }> = [];
    const t0 = Date.now();
    console.log(`healing: ${clients.length} agents, ${onBank2.length} on bank 2; injecting faults`);

    // Cards in error, one every 4 s (clients of bank 1 and 3).
    const cardVictims = clients.filter((c) => !onBank2.includes(c)).slice(0, 12);
    const silentVictims = clients.filter((c) => !onBank2.includes(c)).slice(20, 30);
    const injections: Promise<void>[] = [];
    for (const [i, c] of cardVictims.entries())
      injections.push(
        (async () => {
          // 4 s apart, off the healing job's 2 s beat (a fault lands anywhere in its period).
          await sleep(i * 4000 + ((i * 7919) % 2000));
          const p = before.get(c) as Doc;
          await admin(url, `/banks/${p.bank_id}/slots/${p.slot_id}`, { method: 'PATCH', body: { health_status: 'error' } });
          injected.push({ cause: 'card_failure', object: `card:${p.bank_id}/${p.slot_id}`, at: Date.now() });
        })(),
      );
    // Bank 2's bankd leaves at 20 s.
    injections.push(
      (async () => {
        await sleep(20_000);
        remsim.dropBankd(2);
        injected.push({ cause: 'bankd_loss', object: 'bank:2', at: Date.now() });
      })(),
    );
    // Ten routers go silent, 3 s apart; each back after 30–60 s, but the last never.
    for (const [i, c] of silentVictims.entries())
      injections.push(
        (async () => {
          await sleep(10_000 + i * 3000);
          silenced.add(c);
          injected.push({ cause: 'silent_router', object: `client:1/${c}`, at: Date.now() });
          if (i === silentVictims.length - 1) return;
          await sleep(30_000 + ((i * 7919) % 30_000));
          silenced.delete(c);
        })(),
      );
    await Promise.all(injections);
    // Until every incident has ended (resolved or escalated), at most 4 minutes.
    let incidents: Doc[] = [];
    for (let i = 0; i < 240; i++) {
      incidents = (await admin(url, '/incidents?limit=500')).items as Doc[];
      const open = incidents.filter((x) => x.state !== 'resolved' && x.state !== 'escalated');
      if (incidents.length >= injected.length && open.length === 0) break;
      await sleep(1000);
    }
    const elapsed = (Date.now() - t0) / 1000;
    const byCause: Record<string, Doc> = {};
    for (const cause of ['card_failure', 'bankd_loss', 'silent_router', 'remsim_drift']) {
      const of = incidents.filter((x) => x.cause === cause);
      if (!of.length) continue;
      const healed = of.filter((x) => x.state === 'resolved' && x.resolved_by !== null && !x.resolved_by.startsWith('key:'));
      const ttr = healed.map((x) => Number(x.duration_sec)).sort((a, b) => a - b);
      const fault = healed
        .map((x) => {
          const inj = injected.find((j) => j.cause === cause && j.object === x.object_key);
          return inj ? (Date.parse(x.resolved_at) - inj.at) / 1000 : null;
        })
        .filter((x): x is number => x !== null)
        .sort((a, b) => a - b);
      byCause[cause] = {
        incidents: of.length,
        healed: healed.length,
        escalated: of.filter((x) => x.state === 'escalated').length,
        open: of.filter((x) => x.state !== 'resolved' && x.state !== 'escalated').length,
        mttr_sec: ttr.length ? round(ttr.reduce((a, b) => a + b, 0) / ttr.length) : null,
        ttr_p95_sec: ttr.length ? round(percentile(ttr, 95)) : null,
        fault_to_recovery_mean_sec: fault.length ? round(fault.reduce((a, b) => a + b, 0) / fault.length) : null,
      };
    }
    const all = incidents;
    const healedAll = all.filter((x) => x.state === 'resolved');
    const mttr = healedAll.reduce((a, x) => a + Number(x.duration_sec), 0) / Math.max(1, healedAll.length);
    const after = await where();
    const moved = onBank2.filter((c) => after.get(c)?.bank_id !== 2).length;
    const summary = {
      injected: injected.length,
      incidents: all.length,
      healed: healedAll.length,
      success_rate: Math.round((healedAll.length / Math.max(1, all.length)) * 1000) / 1000,
      mttr_sec: round(mttr),
      bank2_clients_moved: `${moved}/${onBank2.length}`,
      seconds: round(elapsed),
      by_cause: byCause,
    };
    console.log(
      `  ${summary.incidents} incidents from ${summary.injected} faults; healed ${summary.healed} (${(summary.success_rate * 100).toFixed(1)} %), mean time to recovery ${summary.mttr_sec} s; bank 2's clients moved ${summary.bank2_clients_moved}`,
    );
    for (const [cause, c] of Object.entries(byCause))
      console.log(
        `  ${cause}: ${c.incidents} incidents, ${c.healed} healed, ${c.escalated} escalated, ${c.open} open; time to recovery mean ${c.mttr_sec} s (p95 ${c.ttr_p95_sec} s), from the fault ${c.fault_to_recovery_mean_sec} s`,
      );
    return summary;
  } finally {
    for (const s of stops) s();
    await stopServer(proc);
    await remsim.close();
    await database.cleanup();
  }
}

// BENCH_PART=prediction or healing runs one half.
const part = process.env.BENCH_PART;
const result = {
  prediction: part === 'healing' ? null : prediction(),
  healing: part === 'prediction' ? null : await healing(),
  host: HOST,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/prediction.json', `${JSON.stringify(result, null, 2)}\n`);
console.log('wrote bench/results/prediction.json');
