// npm run bench:heartbeat-cost: what one heartbeat costs on the embedded database, alone (one at
// a time, in process: no batching helps it): milliseconds per heartbeat against a GET /healthz of
// the same server, and transactions committed per heartbeat (pg_stat_database), the figure
// decision 0012 brought from 2 to 1. Prints and writes bench/results/heartbeat-cost.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { startIonMesh } from '../test/support/harness.js';
import { round } from './support.js';

const N = Number(process.env.BENCH_HEARTBEATS ?? 1000);
const CLIENTS = 20;

const h = await startIonMesh({ demo: true });
const post = (path: string, body: unknown) =>
  fetch(`${h.url}/api/backend/v1/remsim/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then((r) => r.text());
for (let i = 0; i < CLIENTS; i++)
  await post('register-client', { client_id: `c${i}-slot0`, mapping_mode: 'ONE_TO_ONE_SWSIM', mcc_mnc: '', tenant_id: 1 });
const commits = async () =>
  (await h.query<{ c: number }>(sql`SELECT xact_commit::int AS c FROM pg_stat_database WHERE datname = current_database()`))[0]
    ?.c ?? 0;
const heartbeat = (i: number) => post('heartbeat', { client_id: `c${i % CLIENTS}-slot0`, status: 'active', tenant_id: 1 });
for (let i = 0; i < 200; i++) await heartbeat(i);
// Statistics reach pg_stat_database when a transaction ends; let the background jobs settle.
await new Promise((r) => setTimeout(r, 1500));
const before = await commits();
let t = performance.now();
for (let i = 0; i < N; i++) await heartbeat(i);
const heartbeatMs = (performance.now() - t) / N;
const after = await commits();
t = performance.now();
for (let i = 0; i < N; i++) await fetch(`${h.url}/healthz`).then((r) => r.text());
const healthzMs = (performance.now() - t) / N;
await h.close();
const result = {
  at: new Date().toISOString(),
  heartbeats: N,
  heartbeat_ms: round(heartbeatMs),
  healthz_ms: round(healthzMs),
  // Other statements (the status pages, jobs) may add a few; the figure is per heartbeat.
  commits_per_heartbeat: round((after - before) / N),
};
console.log(result);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/heartbeat-cost.json', `${JSON.stringify(result, null, 2)}\n`);
process.exit(0);
