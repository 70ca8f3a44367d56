// npm run bench, part 4: the events backbone. IonMesh runs as its own process (embedded PGlite,
// and PostgreSQL when DATABASE_URL is set). Measures heartbeats/s with and without a /metrics
// scrape every second (autocannon, same load), and webhook deliveries/s: a webhook is created
// for a backlog of events, and a receiver on loopback in this process counts what arrives.
// Writes bench/results/events.json. Loopback only; every phase is bounded.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus } from 'node:os';
import { adminPost, benchInventory, freshBenchDatabase, load, round, startServer, stopServer } from './support.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2000);
const DURATION_SEC = Number(process.env.BENCH_DURATION ?? 10);

async function benchOne(kind: 'pglite' | 'postgres') {
  const database = await freshBenchDatabase(kind, 'events');
  const { url, proc } = await startServer(database, ['--webhooks-allow-private']);
  let received = 0;
  let firstAt = 0;
  let lastAt = 0;
  const rx = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      if (!firstAt) firstAt = performance.now();
      lastAt = performance.now();
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => rx.listen(0, '127.0.0.1', r));
  try {
    await benchInventory(url, 2 * CLIENTS);
    let n = 0;
    console.log(`[${kind}] registering ${CLIENTS} clients (each writes a client.registered event)`);
    await load({
      url,
      path: '/api/backend/v1/remsim/register-client',
      bodies: () => `{"client_id":"ev-${n++}-slot0","mapping_mode":"ONE_TO_ONE_SWSIM","mcc_mnc":"","tenant_id":1}`,
      amount: CLIENTS,
      connections: 16,
    });
    let h = 0;
    const body = () =>
      `{"client_id":"ev-${h++ % CLIENTS}-slot0","status":"active","stats":{"rssi":-71,"rsrp":-98,"rsrq":-11,"sinr":13}}`;
    console.log(`[${kind}] heartbeats for ${DURATION_SEC} s without scrapes`);
    const plain = await load({ url, path: '/api/backend/v1/remsim/heartbeat', bodies: body });
    console.log(`[${kind}] heartbeats for ${DURATION_SEC} s with a /metrics scrape every second`);
    let scrapes = 0;
    let scrapeMs = 0;
    const scraper = setInterval(async () => {
      const t0 = performance.now();
      await (await fetch(`${url}/metrics`)).text();
      scrapeMs += performance.now() - t0;
      scrapes++;
    }, 1000);
    const scraped = await load({ url, path: '/api/backend/v1/remsim/heartbeat', bodies: body });
    clearInterval(scraper);

    console.log(`[${kind}] webhook deliveries: ${CLIENTS} more registrations, each event to a webhook`);
    const port = (rx.address() as { port: number }).port;
    // A webhook gets the events written after it exists.
    await adminPost(url, '/webhooks', { tenant_id: 1, url: `http://127.0.0.1:${port}/hook`, event_types: ['client.registered'] });
    const started = performance.now();
    let m = 0;
    await load({
      url,
      path: '/api/backend/v1/remsim/register-client',
      bodies: () => `{"client_id":"wh-${m++}-slot0","mapping_mode":"ONE_TO_ONE_SWSIM","mcc_mnc":"","tenant_id":1}`,
      amount: CLIENTS,
      connections: 16,
    });
    const registered = performance.now();
    for (let i = 0; i < 1200 && received < CLIENTS; i++) await new Promise((r) => setTimeout(r, 100));
    const seconds = (lastAt - firstAt) / 1000;
    return {
      database: kind,
      clients: CLIENTS,
      heartbeats_without_scrape: plain,
      heartbeats_with_scrape_every_second: { ...scraped, scrapes, scrape_avg_ms: round(scrapeMs / Math.max(1, scrapes)) },
      scrape_cost_fraction: round(1 - scraped.per_second / plain.per_second),
      webhook: {
        events: CLIENTS,
        delivered: received,
        registrations_seconds: round((registered - started) / 1000),
        last_after_registrations_ms: round(lastAt - registered),
        seconds_first_to_last: round(seconds),
        per_second: Math.round(received / Math.max(0.001, seconds)),
        first_after_ms: round(firstAt - started),
      },
    };
  } finally {
    await stopServer(proc);
    await new Promise<void>((r) => rx.close(() => r()));
    await database.cleanup();
  }
}

const results = [await benchOne('pglite')];
if (process.env.DATABASE_URL) results.push(await benchOne('postgres'));
for (const r of results) {
  console.log(`\n== events backbone, ${r.database}`);
  const p = r.heartbeats_without_scrape;
  const q = r.heartbeats_with_scrape_every_second;
  console.log(`heartbeats, no scrape            ${p.per_second}/s  p50 ${p.p50_ms} ms  p99 ${p.p99_ms} ms`);
  console.log(
    `heartbeats, scrape every second  ${q.per_second}/s  p50 ${q.p50_ms} ms  p99 ${q.p99_ms} ms  (${q.scrapes} scrapes, ${q.scrape_avg_ms} ms each)`,
  );
  const w = r.webhook;
  console.log(
    `webhook deliveries               ${w.delivered}/${w.events}, ${w.per_second}/s while the registrations ran (first ${w.first_after_ms} ms after the first registration, last ${w.last_after_registrations_ms} ms after the last)`,
  );
}
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/events.json',
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, results }, null, 2)}\n`,
);
console.log('written: bench/results/events.json');
