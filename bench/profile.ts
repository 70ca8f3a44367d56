// npm run bench:profile: where a heartbeat's time goes. IonMesh on PGlite under node's
// --cpu-prof, 2,000 clients registered, then heartbeats from 64 connections for 15 s (and the
// same from 4 connections, the light load). The profile's self time is summed per part (PGlite's
// WebAssembly, its JS glue, Fastify with its validation and serialisation, IonMesh's own code,
// Node's HTTP and streams, garbage collection, idle) and per function; both are printed and
// written to bench/results/heartbeat-profile.json. The .cpuprofile files stay beside it
// (bench/results/profiles/): Chrome DevTools or speedscope show them as flame graphs.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchInventory, freshBenchDatabase, load, round, startServer, stopServer } from './support.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2000);
const DURATION_SEC = Number(process.env.BENCH_DURATION ?? 15);
const OUT = 'bench/results/profiles';

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

/** The part of the program a frame belongs to. */
function partOf(url: string, fn: string): string {
  if (fn === '(garbage collector)') return 'garbage collection';
  if (fn === '(idle)') return 'idle';
  if (fn === '(program)') return 'V8 and native (program)';
  if (url.startsWith('wasm://')) return 'PGlite WebAssembly';
  if (url.includes('@electric-sql/pglite')) return 'PGlite JS';
  if (url.includes('drizzle-orm')) return 'Drizzle';
  if (/fast-json-stringify|ajv|@fastify\/ajv|fast-uri|json-schema/.test(url)) return 'validation and serialisation';
  if (/node_modules\/(fastify|find-my-way|avvio|light-my-request|@fastify|pino|fast-querystring|toad-cache)/.test(url))
    return 'Fastify and its plugins';
  if (url.includes('/node_modules/')) return 'other packages';
  if (/\/dist\/|\/src\//.test(url)) return 'IonMesh';
  if (url.startsWith('node:') || url === '') return 'Node.js (HTTP, streams, timers)';
  return 'other';
}

export function summarise(profile: CpuProfile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const parts = new Map<string, number>();
  const fns = new Map<string, { part: string; us: number }>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const frame = byId.get(id);
    if (!frame) return;
    total += us;
    const part = partOf(frame.url, frame.functionName);
    parts.set(part, (parts.get(part) ?? 0) + us);
    const where = frame.url.replace(/^.*\/(node_modules\/|dist\/|src\/)/, '$1');
    const key = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
    const f = fns.get(key) ?? { part, us: 0 };
    f.us += us;
    fns.set(key, f);
  });
  const busy = total - (parts.get('idle') ?? 0);
  const share = (us: number) => round((100 * us) / busy);
  return {
    sampled_ms: round(total / 1000),
    busy_ms: round(busy / 1000),
    parts: [...parts]
      .filter(([p]) => p !== 'idle')
      .sort((a, b) => b[1] - a[1])
      .map(([part, us]) => ({ part, ms: round(us / 1000), percent_of_busy: share(us) })),
    top: [...fns]
      .filter(([, f]) => f.part !== 'idle')
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, 25)
      .map(([fn, f]) => ({ function: fn, part: f.part, ms: round(f.us / 1000), percent_of_busy: share(f.us) })),
  };
}

async function profileRun(connections: number, label: string) {
  const dir = join(OUT, label);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const database = await freshBenchDatabase('pglite', `profile-${label}`);
  const { url, proc } = await startServer(database, [], ['--cpu-prof', '--cpu-prof-dir', dir]);
  try {
    await benchInventory(url, CLIENTS);
    let n = 0;
    await load({
      url,
      path: '/api/backend/v1/remsim/register-client',
      bodies: () => `{"client_id":"bench-${n++}-slot0","mapping_mode":"ONE_TO_ONE_SWSIM","mcc_mnc":"","tenant_id":1}`,
      connections: 16,
      amount: CLIENTS,
    });
    let h = 0;
    const phase = await load({
      url,
      path: '/api/backend/v1/remsim/heartbeat',
      bodies: () => `{"client_id":"bench-${h++ % CLIENTS}-slot0","status":"active","tenant_id":1}`,
      connections,
      duration: DURATION_SEC,
    });
    return { phase, dir };
  } finally {
    await stopServer(proc);
    await database.cleanup();
  }
}

async function main() {
  const results: Record<string, unknown> = {};
  for (const [connections, label] of [
    [64, 'heartbeats-64'],
    [4, 'heartbeats-4'],
  ] as const) {
    console.log(`[pglite] ${CLIENTS} clients, heartbeats from ${connections} connections for ${DURATION_SEC} s under --cpu-prof`);
    const { phase, dir } = await profileRun(connections, label);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no profile written in ${dir}`);
    const summary = summarise(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile);
    results[label] = { phase, profile: join(dir, file), ...summary };
    console.log(`  ${phase.per_second}/s, p50 ${phase.p50_ms} ms, p99 ${phase.p99_ms} ms (the profiler costs some of it)`);
    console.log(`  busy ${summary.busy_ms} ms of ${summary.sampled_ms} ms sampled; by part:`);
    for (const p of summary.parts) console.log(`    ${String(p.percent_of_busy).padStart(6)} %  ${p.part}`);
    console.log('  top functions (self time):');
    for (const f of summary.top.slice(0, 15))
      console.log(`    ${String(f.percent_of_busy).padStart(6)} %  ${f.function}  [${f.part}]`);
  }
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/heartbeat-profile.json',
    `${JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2)}\n`,
  );
  console.log('wrote bench/results/heartbeat-profile.json');
}

await main();
