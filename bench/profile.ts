// npm run bench:profile: where a heartbeat's time goes. IonMesh on PGlite under node's
// --cpu-prof, 2,000 clients registered, then heartbeats from 64 connections for 15 s (and the
// same from 4 connections, the light load). Each thread's profile (the main thread; PGlite's own
// thread, decision 0013) is summed over the heartbeat phase only: its self time per part (PGlite's
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
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The heartbeat phase within a profile: how long before the profile's end it started and ended
 * (ms; the process was stopped right after it, and its profiles end when it exits). */
interface Window {
  startedBeforeEndMs: number;
  endedBeforeEndMs: number;
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

/** Self time per part and per function, of the samples within `window` when given. */
export function summarise(profile: CpuProfile, window?: Window) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const parts = new Map<string, number>();
  const fns = new Map<string, { part: string; us: number }>();
  let total = 0;
  const from = window ? profile.endTime - window.startedBeforeEndMs * 1000 : -Infinity;
  const to = window ? profile.endTime - window.endedBeforeEndMs * 1000 : Infinity;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    at += us;
    if (at < from || at > to) return;
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

/** One server under the profiler: registrations (16 connections), then heartbeats from
 * `connections`; each phase with its figures and its window in the profiles. */
async function profileRun(connections: number, label: string) {
  const dir = join(OUT, label);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const database = await freshBenchDatabase('pglite', `profile-${label}`);
  const { url, proc } = await startServer(database, [], ['--cpu-prof', '--cpu-prof-dir', dir]);
  try {
    await benchInventory(url, CLIENTS);
    let n = 0;
    const registerStarted = performance.now();
    const register = await load({
      url,
      path: '/api/backend/v1/remsim/register-client',
      bodies: () => `{"client_id":"bench-${n++}-slot0","mapping_mode":"ONE_TO_ONE_SWSIM","mcc_mnc":"","tenant_id":1}`,
      connections: 16,
      amount: CLIENTS,
    });
    const registerEnded = performance.now();
    let h = 0;
    const started = performance.now();
    const heartbeat = await load({
      url,
      path: '/api/backend/v1/remsim/heartbeat',
      bodies: () => `{"client_id":"bench-${h++ % CLIENTS}-slot0","status":"active","tenant_id":1}`,
      connections,
      duration: DURATION_SEC,
    });
    const ended = performance.now();
    await stopServer(proc);
    const exited = performance.now();
    const windowOf = (from: number, to: number): Window => ({ startedBeforeEndMs: exited - from, endedBeforeEndMs: exited - to });
    return {
      dir,
      phases: {
        'registrations-16': { phase: register, window: windowOf(registerStarted, registerEnded) },
        [label]: { phase: heartbeat, window: windowOf(started, ended) },
      },
    };
  } finally {
    if (proc.exitCode === null && proc.signalCode === null) await stopServer(proc);
    await database.cleanup();
  }
}

async function main() {
  const results: Record<string, unknown> = {};
  const runs = [
    [64, 'heartbeats-64'],
    [4, 'heartbeats-4'],
  ] as const;
  // BENCH_PROFILE_CONNECTIONS=4 profiles one of the two runs only.
  const only = process.env.BENCH_PROFILE_CONNECTIONS;
  for (const [connections, label] of runs.filter(([c]) => !only || String(c) === only)) {
    console.log(
      `[pglite] ${CLIENTS} clients registered from 16 connections, then heartbeats from ${connections} connections for ${DURATION_SEC} s, under --cpu-prof`,
    );
    const { dir, phases } = await profileRun(connections, label);
    // One profile per thread: the main thread (HTTP, Fastify, IonMesh) and, with PGlite on its
    // own thread (decision 0013), the database thread.
    const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
    if (!files.length) throw new Error(`no profile written in ${dir}`);
    const profiles = files.map((file) => ({
      file: join(dir, file),
      profile: JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile,
    }));
    for (const [name, { phase, window }] of Object.entries(phases)) {
      // The registrations of the second run repeat the first's.
      if (name in results) continue;
      const threads = profiles
        .map(({ file, profile }) => ({ file, ...summarise(profile, window) }))
        .map((t) => ({ thread: (t.parts[0]?.part ?? '').startsWith('PGlite') && files.length > 1 ? 'database' : 'main', ...t }))
        .sort((a, b) => a.thread.localeCompare(b.thread) * -1);
      results[name] = { phase, threads };
      console.log(
        `\n${name}: ${phase.per_second}/s, p50 ${phase.p50_ms} ms, p99 ${phase.p99_ms} ms (the profiler costs some of it)`,
      );
      for (const t of threads) {
        console.log(`  ${t.thread} thread: busy ${t.busy_ms} ms of the phase's ${t.sampled_ms} ms; by part:`);
        for (const p of t.parts) console.log(`    ${String(p.percent_of_busy).padStart(6)} %  ${p.part}`);
        console.log('  top functions (self time):');
        for (const f of t.top.slice(0, 12))
          console.log(`    ${String(f.percent_of_busy).padStart(6)} %  ${f.function}  [${f.part}]`);
      }
    }
  }
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/heartbeat-profile.json',
    `${JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2)}\n`,
  );
  console.log('wrote bench/results/heartbeat-profile.json');
}

await main();
