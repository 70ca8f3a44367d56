// The fleet simulator speaks the real client's protocol: the deployed agent sends exactly the
// bytes of CLIENT-CONTRACT.md and fails exactly where the real client fails (the recorded
// vectors); rich agents heartbeat with modem stats; scenarios do what they say.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fleet, LIVING_DARK_MIN_SEC, LIVING_DARK_SPREAD_SEC } from '../src/sim/fleet.js';
import { type Harness, onPostgres, startIonMesh } from './support/harness.js';
import { ionmeshArgs } from './support/processes.js';
import { RemsimServerDouble } from './support/remsim-server-double.js';

interface Vector {
  name: string;
  http_status: number;
  body: string;
  client_accepts: boolean;
  parsed: { bank_id: number; slot_id: number };
}
const vectors = (
  JSON.parse(readFileSync(new URL('./fixtures/client-vectors.json', import.meta.url), 'utf8')) as { cases: Vector[] }
).cases;

/** A raw TCP "IonMesh" that records each request's bytes and answers what the test sets. */
async function fakeIonMesh() {
  const requests: string[] = [];
  let answer = { status: 200, body: '' };
  const server: Server = createServer((socket) => {
    let data = '';
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length: *([0-9]+)/i.exec(data.slice(0, end))?.[1] ?? 0);
      if (data.length < end + 4 + length) return;
      requests.push(data);
      const body = Buffer.from(answer.body, 'utf8');
      socket.end(
        `HTTP/1.1 ${answer.status} X\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${answer.body}`,
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    requests,
    answer: (status: number, body: string) => {
      answer = { status, body };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe.runIf(!onPostgres)('deployed-client agent', () => {
  it('sends exactly the bytes of the deployed client: four keys, compact, no auth, no User-Agent', async () => {
    const fake = await fakeIonMesh();
    try {
      fake.answer(200, vectors[0]?.body as string);
      const fleet = new Fleet({
        url: `http://127.0.0.1:${fake.port}`,
        count: 1,
        deployedShare: 1,
        durationSec: 0.3,
        prefix: 'edge',
      });
      const summary = await fleet.run();
      expect(summary.registrations).toMatchObject({ attempted: 1, succeeded: 1 });
      const body = '{"client_id":"edge-00001-slot0","mapping_mode":"ONE_TO_ONE_SWSIM","mcc_mnc":"","tenant_id":1}';
      expect(fake.requests).toEqual([
        `POST /api/backend/v1/remsim/register-client HTTP/1.1\r\nHost: 127.0.0.1:${fake.port}\r\nAccept: */*\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      ]);
      // Deployed builds never heartbeat and never unregister.
      expect(summary.heartbeats.sent).toBe(0);
    } finally {
      await fake.close();
    }
  });

  it('stops on time with requests still queued, leaving none of them pending', async () => {
    const fake = await fakeIonMesh();
    try {
      fake.answer(200, vectors[0]?.body as string);
      const fleet = new Fleet({
        url: `http://127.0.0.1:${fake.port}`,
        count: 300,
        deployedShare: 1,
        rate: 100_000,
        concurrency: 1,
        durationSec: 0.05,
      });
      const s = await fleet.run();
      expect(s.registrations.attempted).toBeLessThan(300);
      expect(s.registrations.attempted).toBe(s.registrations.succeeded);
    } finally {
      await fake.close();
    }
  }, 10_000);

  it('accepts or gives up on every recorded answer exactly as the real client did, and presents the identity it read', async () => {
    const fake = await fakeIonMesh();
    const remsim = await new RemsimServerDouble().start();
    try {
      expect(vectors).toHaveLength(19);
      for (const v of vectors) {
        fake.answer(v.http_status, v.body);
        const fleet = new Fleet({ url: `http://127.0.0.1:${fake.port}`, count: 1, deployedShare: 1, durationSec: 0.2, remsim });
        const s = await fleet.run();
        expect({ name: v.name, accepted: s.registrations.succeeded === 1 }).toEqual({ name: v.name, accepted: v.client_accepts });
        const connected = remsim.connectedClients();
        if (v.client_accepts) {
          expect(connected).toEqual([{ clientId: v.parsed.bank_id, slotNr: v.parsed.slot_id }]);
          remsim.dropClient(v.parsed.bank_id, v.parsed.slot_id);
        } else {
          expect(connected).toEqual([]);
          expect(Object.keys(s.failures)).toHaveLength(1);
        }
      }
    } finally {
      await remsim.close();
      await fake.close();
    }
  });
});

describe('fleet against a real IonMesh with the remsim-server double', () => {
  let remsim: RemsimServerDouble;
  let h: Harness;
  beforeAll(async () => {
    remsim = await new RemsimServerDouble({ bankdAckMs: 5 }).start();
    remsim.connectBankd(1, 32);
    remsim.connectBankd(2, 32);
    h = await startIonMesh({ remsim });
  });
  afterAll(async () => {
    await h.close();
    await remsim.close();
  });

  it('registers a mixed fleet; rich agents heartbeat modem stats; every router is mapped and connected', async () => {
    const fleet = new Fleet({
      url: h.url,
      count: 10,
      deployedShare: 0.5,
      heartbeatIntervalSec: 0.2,
      durationSec: 1.5,
      remsim,
      prefix: 'mix',
    });
    const s = await fleet.run();
    expect(s).toMatchObject({ routers: 10, deployed: 5, rich: 5, failures: {} });
    expect(s.registrations).toMatchObject({ attempted: 10, succeeded: 10 });
    expect(s.heartbeats.sent).toBeGreaterThan(10);
    expect(s.heartbeats.failed).toBe(0);
    expect(s.registrations.latency.p50_ms).toBeGreaterThan(0);
    const rich = await h.query<{ client_stats: Record<string, number>; client_hardware_info: Record<string, unknown> }>(
      sql`SELECT client_stats, client_hardware_info FROM service_profiles WHERE client_id LIKE 'mix-%' AND last_heartbeat IS NOT NULL`,
    );
    expect(rich).toHaveLength(5);
    for (const r of rich) {
      expect(r.client_stats.rsrp).toBeGreaterThanOrEqual(-140);
      expect(r.client_stats.rsrp).toBeLessThanOrEqual(-44);
      expect(r.client_stats.tpdu_count).toBeGreaterThan(0);
      expect(r.client_hardware_info).toMatchObject({ simulated: true, model: expect.any(String) });
    }
    await h.services.reconciler.idle();
    expect(remsim.slotmaps()).toHaveLength(10);
    expect(remsim.connectedClients()).toHaveLength(10);
  });

  it('reboot storm: every router registers again and gets its assignment back', async () => {
    const before = await h.query<{ client_id: string; bank_id: number; slot_id: number }>(
      sql`SELECT client_id, bank_id, slot_id FROM service_profiles WHERE status = 'ACTIVE' AND client_id LIKE 'mix-%' ORDER BY client_id`,
    );
    const fleet = new Fleet({
      url: h.url,
      count: 10,
      deployedShare: 0.5,
      durationSec: 0.9,
      scenario: 'reboot-storm',
      remsim,
      prefix: 'mix',
    });
    const s = await fleet.run();
    expect(s.registrations).toMatchObject({ attempted: 20, succeeded: 20 });
    expect(s.events.some((e) => e.includes('reboot storm'))).toBe(true);
    const after = await h.query(
      sql`SELECT client_id, bank_id, slot_id FROM service_profiles WHERE status = 'ACTIVE' AND client_id LIKE 'mix-%' ORDER BY client_id`,
    );
    expect(after).toEqual(before);
  });

  it('routers going dark drop their RSPRO connection and the reconciler marks them offline', async () => {
    await remsim.restart({ reconnect: false });
    remsim.connectBankd(1, 32);
    remsim.connectBankd(2, 32);
    // Dark at a third of the run. The server is read once every router is connected, so that
    // IonMesh has seen them online before two of them go dark.
    const fleet = new Fleet({
      url: h.url,
      count: 10,
      deployedShare: 1,
      durationSec: 4.5,
      scenario: 'dark',
      remsim,
      prefix: 'dark',
    });
    fleet.start();
    for (let i = 0; i < 70 && fleet.progress().registered < 10; i++) await new Promise((r) => setTimeout(r, 10));
    await h.services.reconciler.reconcileNow(1);
    for (let i = 0; i < 400 && !fleet.events.some((e) => e.includes('go dark')); i++) await new Promise((r) => setTimeout(r, 10));
    await fleet.stop();
    const s = fleet.summary();
    expect(s.registrations).toMatchObject({ attempted: 10, succeeded: 10 });
    expect(s.events.some((e) => e.includes('go dark'))).toBe(true);
    expect(fleet.routers.filter((r) => r.dark)).toHaveLength(2);
    expect(remsim.connectedClients()).toHaveLength(8);
    await h.services.reconciler.reconcileNow(1);
    const live = await h.query<{ liveness: string; n: number }>(
      sql`SELECT liveness, count(*)::int AS n FROM service_profiles WHERE client_id LIKE 'dark-%' GROUP BY liveness ORDER BY liveness`,
    );
    expect(live).toEqual([
      { liveness: 'offline', n: 2 },
      { liveness: 'online', n: 8 },
    ]);
  });
});

describe('the living demo', () => {
  it('brings every router that goes dark back within minutes, so outages stay few and short', async () => {
    const h = await startIonMesh();
    const remsim = await new RemsimServerDouble({ bankdAckMs: 5 }).start();
    remsim.connectBankd(1, 32);
    remsim.connectBankd(2, 32);
    // The demo's clock at 1/200: an outage every 0.2 s, each lasting 0.6 to 1.8 s.
    const pace = 1 / 200;
    const longest = (LIVING_DARK_MIN_SEC + LIVING_DARK_SPREAD_SEC) * pace * 1000;
    const fleet = new Fleet({
      url: h.url,
      count: 10,
      deployedShare: 1,
      scenario: 'living',
      livingPace: pace,
      remsim,
      prefix: 'live',
    });
    try {
      fleet.start();
      let longestSeen = 0;
      for (let i = 0; i < 300 && fleet.events.filter((e) => e.includes('comes back')).length < 5; i++) {
        await new Promise((r) => setTimeout(r, 20));
        for (const r of fleet.routers) if (r.darkSince !== null) longestSeen = Math.max(longestSeen, Date.now() - r.darkSince);
      }
      expect(fleet.events.filter((e) => e.includes('comes back')).length).toBeGreaterThanOrEqual(5);
      // No router stays dark past the longest outage (a timer's slack aside).
      expect(longestSeen).toBeLessThan(longest + 1000);
    } finally {
      await fleet.stop();
      await remsim.close();
      await h.close();
    }
  });
});

describe.runIf(!onPostgres)('ionmesh simulate', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const p = spawn(process.execPath, ionmeshArgs(['simulate', ...args]), {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...env },
      });
      let out = '';
      let err = '';
      p.stdout.on('data', (d) => (out += d));
      p.stderr.on('data', (d) => (err += d));
      p.once('exit', (code) => resolve({ code, out, err }));
    });

  it('drives routers against a URL and prints a JSON summary; exit 0 when nothing failed', async () => {
    const h = await startIonMesh();
    try {
      // The server's URL from IONMESH_URL, as every other command that speaks to a server takes it.
      const r = await run(['--count', '4', '--duration', '1', '--heartbeat-interval', '0.2', '--json'], { IONMESH_URL: h.url });
      expect(r.code).toBe(0);
      const s = JSON.parse(r.out);
      expect(s.registrations).toMatchObject({ attempted: 4, succeeded: 4 });
      expect(s.heartbeats.sent).toBeGreaterThan(0);
      expect(r.err).toMatch(/registered 4\/4/);
    } finally {
      await h.close();
    }
  });

  it('exits 1 with failures by reason when registrations fail, and 2 on a bad flag', async () => {
    const h = await startIonMesh({ demo: false });
    try {
      const r = await run(['--url', h.url, '--count', '2', '--duration', '1', '--mix', '1']);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/http_404:TENANT_NOT_FOUND: 2/);
    } finally {
      await h.close();
    }
    const bad = await run(['--count', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--count must be an integer/);
  });
});
