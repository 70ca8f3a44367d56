// npm run bench, part 5: the web console. Figures, not assertions:
// - the gzipped size of the console's JavaScript and CSS;
// - time to first render of the fleet overview and of a client page with 100,000 clients in the
//   database (a fresh browser context each time: nothing cached), and the API answers behind them;
// - event-to-screen latency measured in the browser: a heartbeat posted here, the moment the open
//   client page shows its value (p50/p95).
// IonMesh runs as its own process (embedded PGlite, and PostgreSQL when DATABASE_URL is set) on a
// database seeded with SQL before it starts. Debian's chromium via playwright-core. Writes
// bench/results/console.json. Loopback only; every wait is bounded.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { chromium } from 'playwright-core';
import { ADMIN_KEY, freshBenchDatabase, percentile, round, seedFleet, startServer, stopServer } from './support.js';

const CLIENTS = Number(process.env.BENCH_CONSOLE_CLIENTS ?? 100_000);
const RUNS = Number(process.env.BENCH_CONSOLE_RUNS ?? 5);
const HEARTBEATS = Number(process.env.BENCH_CONSOLE_HEARTBEATS ?? 40);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WATCHED = 'bench-050000';

function bundleSizes() {
  const dir = join(import.meta.dirname, '..', 'dist', 'web', 'assets');
  const files = readdirSync(dir);
  const size = (ext: string) =>
    files
      .filter((f) => f.endsWith(ext))
      .reduce(
        (s, f) => {
          const raw = readFileSync(join(dir, f));
          return { raw: s.raw + raw.length, gzip: s.gzip + gzipSync(raw, { level: 9 }).length };
        },
        { raw: 0, gzip: 0 },
      );
  return { js: size('.js'), css: size('.css') };
}

/** The fleet, plus a day of one-a-minute samples for the client whose page is measured. */
async function seed(database: { dataDir?: string; url?: string }) {
  await seedFleet(database, CLIENTS, async (tx) => {
    await tx.execute(sql`
      INSERT INTO client_stats_raw (tenant_id, client_id, ts, rssi, rsrp, rsrq, sinr, tpdu_count, tx_bytes, rx_bytes)
      SELECT 1, ${WATCHED}, now() - make_interval(mins => m), -70 - (m % 7), -95 - (m % 11), -10, 12, 100000 - m * 5,
             10000000 - m * 1000, 90000000 - m * 8000
        FROM generate_series(1, 1440) m`);
  });
}

async function timeApi(url: string, path: string) {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const res = await fetch(`${url}/api/backend/v1${path}`, { headers: { 'x-api-key': ADMIN_KEY } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return round(percentile(times, 50));
}

async function benchOne(kind: 'pglite' | 'postgres') {
  const database = await freshBenchDatabase(kind, 'console');
  const seedStart = performance.now();
  await seed(database);
  const seedSec = round((performance.now() - seedStart) / 1000);
  const { url, proc } = await startServer(database);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const api = {
      overview_ms: await timeApi(url, '/fleet/overview'),
      clients_page_ms: await timeApi(url, '/clients?limit=50'),
      clients_last_page_ms: await timeApi(url, `/clients?limit=50&offset=${CLIENTS - 50}`),
      clients_sorted_by_heartbeat_ms: await timeApi(url, '/clients?limit=50&sort=last_heartbeat&order=desc'),
      clients_text_search_ms: await timeApi(url, '/clients?limit=50&q=0500'),
      clients_carrier_filter_ms: await timeApi(url, '/clients?limit=50&carrier=Verizon&status=offline'),
      client_detail_ms: await timeApi(url, `/clients/${WATCHED}`),
      client_stats_24h_ms: await timeApi(url, `/clients/${WATCHED}/stats?range=24h`),
    };
    const fresh = async () => {
      // bypassCSP: the readiness checks below are evaluated as strings.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
      await context.addInitScript((key) => sessionStorage.setItem('ionmesh.apiKey', key), ADMIN_KEY);
      return { context, page: await context.newPage() };
    };
    const firstRender = async (path: string, ready: string) => {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const { context, page } = await fresh();
        const t = performance.now();
        await page.goto(`${url}${path}`);
        await page.waitForFunction(ready, undefined, { timeout: 30_000, polling: 'raf' });
        times.push(performance.now() - t);
        await context.close();
      }
      times.sort((a, b) => a - b);
      return { p50_ms: round(percentile(times, 50)), max_ms: round(times.at(-1) ?? 0), runs: times.length };
    };
    const total = CLIENTS.toLocaleString('en-US');
    const overview = await firstRender(
      '/',
      `document.querySelector('[data-testid="count-clients"]')?.textContent?.replace(/\\D/g, '') === '${CLIENTS}'`,
    );
    const clientPage = await firstRender(
      `/clients/${WATCHED}`,
      `Number(document.querySelector('[data-testid="signal-chart"]')?.dataset.points ?? 0) > 0 && !!document.querySelector('[data-testid="assignment"]')`,
    );
    const clientList = await firstRender('/clients', `document.querySelectorAll('[data-client]').length === 50`);

    // Event to screen: the open client page shows each heartbeat's RSRP.
    const { context, page } = await fresh();
    await page.goto(`${url}/clients/${WATCHED}`);
    await page.getByTestId('assignment').waitFor({ timeout: 30_000 });
    await page.waitForFunction(`document.querySelector('[data-testid="live-state"]')?.textContent?.includes('Live')`, undefined, {
      timeout: 10_000,
    });
    await page.waitForTimeout(500); // the watch list reconnects the stream once
    const latencies: number[] = [];
    for (let i = 0; i < HEARTBEATS; i++) {
      const rsrp = -100 - (i + 1) / 10;
      const expected = `RSRP ${rsrp} dBm`;
      // A string, not a function: the page gets it as written (no helpers of this file's compiler).
      const seen = page
        .evaluate(`new Promise((resolve, reject) => {
          const el = document.querySelector('[data-testid="signal"]');
          const timer = setTimeout(() => reject(new Error('not shown: ' + ${JSON.stringify(expected)})), 5000);
          const check = () => {
            if (el.textContent.includes(${JSON.stringify(expected)})) {
              clearTimeout(timer);
              observer.disconnect();
              resolve(Date.now());
            }
          };
          const observer = new MutationObserver(check);
          observer.observe(el, { childList: true, subtree: true, characterData: true });
          check();
        })`)
        .then(
          (at) => ({ at: Number(at) }),
          (error: Error) => ({ error }),
        );
      await new Promise((r) => setTimeout(r, 30)); // the observer is in place
      const sent = Date.now();
      const res = await fetch(`${url}/api/backend/v1/remsim/heartbeat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: WATCHED, tenant_id: 1, stats: { rsrp, rssi: -70, rsrq: -10, sinr: 10 } }),
      });
      if (!res.ok) throw new Error(`heartbeat ${res.status}`);
      const outcome = await seen;
      if ('error' in outcome) throw outcome.error;
      latencies.push(outcome.at - sent);
      await new Promise((r) => setTimeout(r, 100));
    }
    await context.close();
    latencies.sort((a, b) => a - b);
    return {
      database: kind,
      clients: CLIENTS,
      total_label: total,
      seed_sec: seedSec,
      api_p50_ms: api,
      first_render: { overview, client_page: clientPage, client_list: clientList },
      heartbeat_to_screen: {
        samples: latencies.length,
        p50_ms: percentile(latencies, 50),
        p95_ms: percentile(latencies, 95),
        max_ms: latencies.at(-1) ?? 0,
      },
    };
  } finally {
    await browser.close();
    await stopServer(proc);
    await database.cleanup();
  }
}

if (!existsSync(CHROMIUM)) {
  console.log(`console bench skipped: no browser at ${CHROMIUM} (apt-get install chromium)`);
  process.exit(0);
}
const bundle = bundleSizes();
console.log(
  `console bundle: JS ${round(bundle.js.gzip / 1024)} KiB gzipped (${round(bundle.js.raw / 1024)} KiB), CSS ${round(bundle.css.gzip / 1024)} KiB gzipped`,
);
const results = [await benchOne('pglite')];
if (process.env.DATABASE_URL) results.push(await benchOne('postgres'));
for (const r of results) {
  console.log(`\n${r.database}: ${r.clients.toLocaleString('en-US')} clients (seeded in ${r.seed_sec} s)`);
  console.log(`  API p50 ms: ${JSON.stringify(r.api_p50_ms)}`);
  const f = r.first_render;
  console.log(
    `  first render p50: overview ${f.overview.p50_ms} ms, client page ${f.client_page.p50_ms} ms, client list ${f.client_list.p50_ms} ms (fresh context each, ${f.overview.runs} runs)`,
  );
  const l = r.heartbeat_to_screen;
  console.log(`  heartbeat to screen: p50 ${l.p50_ms} ms, p95 ${l.p95_ms} ms, max ${l.max_ms} ms (${l.samples} heartbeats)`);
}
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
  join(import.meta.dirname, 'results', 'console.json'),
  `${JSON.stringify({ at: new Date().toISOString(), bundle, results }, null, 2)}\n`,
);
