// Stats history: every heartbeat with stats is a raw sample; closed 5-minute buckets are rolled
// up per client and per tenant; raw samples past retention are pruned only once rolled up; the
// series API answers graphs for 1 h .. 30 d.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatsService } from '../src/modules/stats/stats.usecases.js';
import { type Harness, onPostgres, startIonMesh, startReplica } from './support/harness.js';

const client = (h: Harness, path: string, body: unknown) =>
  fetch(`${h.url}/api/backend/v1/remsim${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Raw samples of one client, `minutesAgo` each, written as if heartbeats had come then. */
async function backfill(h: Harness, clientId: string, minutesAgo: number[], rsrp: (m: number) => number) {
  for (const m of minutesAgo)
    await h.query(sql`INSERT INTO client_stats_raw (tenant_id, client_id, ts, rssi, rsrp, rsrq, sinr, tpdu_count, tx_bytes)
                      VALUES (1, ${clientId}, now() - make_interval(mins => ${m}), ${rsrp(m) + 25}, ${rsrp(m)}, -10, 12,
                              ${10_000 - m}, ${1_000_000 - m * 100})`);
}

/** Runs the rollup job until it has caught up (each turn rolls at most 12 hours). */
async function catchUp(h: Harness) {
  let total = 0;
  for (let i = 0; i < 10; i += 1) {
    const turn = await h.services.stats.maintain();
    expect(turn.skipped).toBe(false);
    if (turn.rolled === 0) return total;
    total += turn.rolled;
  }
  throw new Error('the rollup job did not catch up in 10 turns');
}

describe('stats history', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh();
    expect((await client(h, '/register-client', { client_id: 'st-1', tenant_id: 1 })).status).toBe(200);
    expect((await client(h, '/register-client', { client_id: 'st-2', tenant_id: 1 })).status).toBe(200);
    expect((await client(h, '/register-client', { client_id: 'st-3', tenant_id: 1 })).status).toBe(200);
  });
  afterAll(() => h.close());

  it('keeps each heartbeat’s stats as a raw sample and answers the last hour from them', async () => {
    const stats = {
      rssi: -70,
      rsrp: -95.5,
      rsrq: -9,
      sinr: 14.5,
      tpdu_count: 120,
      tpdu_errors: 1,
      data_tx_bytes: 5000,
      data_rx_bytes: 9000,
    };
    expect((await client(h, '/heartbeat', { client_id: 'st-1', tenant_id: 1, stats })).status).toBe(200);
    const res = await h.admin('/clients/st-1/stats?range=1h');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ client_id: 'st-1', tenant_id: 1, range: '1h', source: 'raw' });
    const last = body.series.t.length - 1;
    expect(last).toBeGreaterThanOrEqual(0);
    expect(body.series.rsrp[last]).toBeCloseTo(-95.5);
    expect(body.series.sinr[last]).toBeCloseTo(14.5);
    expect(body.series.tpdu_count[last]).toBe(120);
    expect(body.series.rx_bytes[last]).toBe(9000);
    expect(body.series.t[last] * 1000).toBeLessThanOrEqual(Date.now());
  });

  it('stores out-of-range stats as missing and never fails the heartbeat for them; refuses stats of the wrong type', async () => {
    // A known field of the wrong type is refused (the stats schema: numbers), and nothing is sampled.
    for (const odd of [{ rssi: 'strong' }, { sinr: [1] }]) {
      const res = await client(h, '/heartbeat', { client_id: 'st-2', tenant_id: 1, stats: odd });
      expect([res.status, (await res.json()).code]).toEqual([400, 'VALIDATION_ERROR']);
    }
    const stats = { rssi: null, rsrp: 1e30, rsrq: null, sinr: -1000, tpdu_count: -5, data_rx_bytes: 1e25 };
    expect((await client(h, '/heartbeat', { client_id: 'st-2', tenant_id: 1, stats })).status).toBe(200);
    const [row] = await h.query<Record<string, unknown>>(
      sql`SELECT rssi, rsrp, rsrq, sinr, tpdu_count, rx_bytes FROM client_stats_raw WHERE client_id = 'st-2'`,
    );
    expect(row).toEqual({ rssi: null, rsrp: null, rsrq: null, sinr: null, tpdu_count: null, rx_bytes: null });
    // A heartbeat without stats writes no sample.
    expect((await client(h, '/heartbeat', { client_id: 'st-2', tenant_id: 1 })).status).toBe(200);
    const [n] = await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM client_stats_raw WHERE client_id = 'st-2'`);
    expect(n?.n).toBe(1);
  });

  it('rolls up closed 5-minute buckets per client and per tenant, and answers 7 days from them', async () => {
    // Two hours of one-a-minute samples, RSRP falling 0.1 dB a minute.
    const minutes = Array.from({ length: 120 }, (_, i) => i + 1);
    await backfill(h, 'st-3', minutes, (m) => -90 - (120 - m) * 0.1);
    expect(await catchUp(h)).toBeGreaterThanOrEqual(24 * 12 - 1);
    const rollups = await h.query<{ bucket: string; samples: number; rsrp: number; tpdu_count: number }>(
      sql`SELECT bucket, samples, rsrp, tpdu_count::int FROM client_stats_5m WHERE client_id = 'st-3' ORDER BY bucket`,
    );
    expect(rollups.length).toBeGreaterThanOrEqual(23);
    // A full bucket holds five samples; its average lies between its first and last sample.
    const full = rollups.filter((r) => r.samples === 5);
    expect(full.length).toBeGreaterThanOrEqual(20);
    for (const r of full) expect(new Date(r.bucket).getTime() % 300_000).toBe(0);
    const fleet = await h.query<{ clients: number }>(sql`SELECT clients FROM fleet_stats_5m WHERE tenant_id = 1`);
    expect(fleet.length).toBeGreaterThanOrEqual(23);

    const weekRes = await h.admin('/clients/st-3/stats?range=7d&tenant_id=1');
    const week = await weekRes.json();
    expect(weekRes.status, JSON.stringify(week)).toBe(200);
    expect(week.source).toBe('rollup');
    expect(week.step_sec).toBeGreaterThanOrEqual(300);
    const values = week.series.rsrp.filter((v: number | null) => v !== null);
    expect(values.length).toBeGreaterThanOrEqual(4);
    // Oldest first, and the signal was falling: the newest bucket is weaker than the oldest.
    expect(values.at(-1)).toBeLessThan(values[0]);
    const fleetWeek = await (await h.admin('/stats/fleet?range=7d&tenant_id=1')).json();
    expect(Math.max(...fleetWeek.series.clients)).toBeGreaterThanOrEqual(1);
  });

  it('a second turn rolls up nothing new, and rollups equal a recomputation', async () => {
    const before = await h.query(sql`SELECT * FROM client_stats_5m ORDER BY tenant_id, client_id, bucket`);
    const turn = await h.services.stats.maintain();
    expect(turn.rolled).toBe(0);
    expect(await h.query(sql`SELECT * FROM client_stats_5m ORDER BY tenant_id, client_id, bucket`)).toEqual(before);
  });

  it('prunes raw samples past retention only after they were rolled up, and old rollups', async () => {
    await backfill(h, 'st-4', [60 * 30, 60 * 30 + 1], () => -100); // 30 hours ago, not rolled up
    await h.query(sql`INSERT INTO client_stats_5m (tenant_id, client_id, bucket, samples, rsrp)
                      VALUES (1, 'st-old', date_bin('5 minutes', now() - interval '31 days', 'epoch'), 1, -100)`);
    // Raw samples are also kept until the usage accounting has them (test/usage.test.ts).
    await h.services.usage.account();
    const turn = await h.services.stats.maintain();
    expect(turn.pruned.rollups).toBe(1);
    // The 30-hour-old samples lie before raw retention: they are neither rolled up nor kept.
    const [raw] = await h.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM client_stats_raw WHERE ts < now() - interval '24 hours'`,
    );
    expect(raw?.n).toBe(0);
    const [kept] = await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM client_stats_raw WHERE client_id = 'st-3'`);
    expect(kept?.n).toBe(120);
    const storage = await (await h.admin('/stats/storage')).json();
    expect(storage.tables.map((t: { table: string }) => t.table)).toEqual([
      'client_stats_5m',
      'client_stats_raw',
      'fleet_stats_5m',
    ]);
  });

  it('keeps raw samples past retention while the rollup job is behind, and rolls them up when it catches up', async () => {
    await h.query(sql`UPDATE stats_rollup_state SET rolled_until = date_bin('5 minutes', now() - interval '40 hours', 'epoch')`);
    await backfill(h, 'st-5', [60 * 36, 60 * 36 + 1, 60 * 36 + 2], () => -101);
    await h.services.usage.account();
    await h.services.stats.maintain(12); // one hour of buckets per turn: still behind afterwards
    const [raw] = await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM client_stats_raw WHERE client_id = 'st-5'`);
    expect(raw?.n).toBe(3);
    for (let i = 0; i < 10; i += 1) await h.services.stats.maintain(12);
    const [rolled] = await h.query<{ samples: number }>(
      sql`SELECT sum(samples)::int AS samples FROM client_stats_5m WHERE client_id = 'st-5'`,
    );
    expect(rolled?.samples).toBe(3);
    for (let i = 0; i < 30; i += 1) await h.services.stats.maintain(144);
    const [gone] = await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM client_stats_raw WHERE client_id = 'st-5'`);
    expect(gone?.n).toBe(0);
  });

  it('prunes in batches until nothing past retention is left', async () => {
    await h.query(sql`INSERT INTO client_stats_5m (tenant_id, client_id, bucket, samples, rsrp)
                      SELECT 1, 'st-many-' || n, date_bin('5 minutes', now() - interval '40 days', 'epoch'), 1, -100
                        FROM generate_series(1, 25) n`);
    const turn = await h.services.stats.maintain(144, 10, 40);
    expect(turn.pruned.rollups).toBe(25);
    const [left] = await h.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM client_stats_5m WHERE client_id LIKE 'st-many-%'`,
    );
    expect(left?.n).toBe(0);
  });

  it('refuses bad queries with 4xx', async () => {
    expect((await h.admin('/clients/st-1/stats?range=2d')).status).toBe(400);
    expect((await h.admin('/clients/st-1/stats?points=1')).status).toBe(400);
    expect((await h.admin('/clients/nobody/stats')).status).toBe(404);
    expect((await h.admin('/stats/fleet?tenant_id=x')).status).toBe(400);
    expect((await fetch(`${h.url}/api/backend/v1/stats/fleet`)).status).toBe(401);
  });
});

describe.runIf(onPostgres)('stats rollup with two processes', () => {
  it('rolls each bucket up once while both run the job at the same time', async () => {
    const h = await startIonMesh();
    const replica = await startReplica(h);
    try {
      await backfill(
        h,
        'st-r',
        Array.from({ length: 60 }, (_, i) => i + 1),
        () => -100,
      );
      // Each turn rolls at most 12 hours: three rounds of both at once catch up on 24 hours.
      for (let round = 0; round < 3; round += 1) {
        const turns = await Promise.all([h.services.stats.maintain(), replica.services.stats.maintain()]);
        expect(turns.filter((t) => !t.skipped).length).toBeGreaterThanOrEqual(1);
      }
      const rows = await h.query<{ samples: number }>(sql`SELECT samples FROM client_stats_5m WHERE client_id = 'st-r'`);
      expect(rows.reduce((s, r) => s + r.samples, 0)).toBeGreaterThanOrEqual(55);
      expect(rows.reduce((s, r) => s + r.samples, 0)).toBeLessThanOrEqual(60);
    } finally {
      await replica.close();
      await h.close();
    }
  });
});

describe('stats rollup in short steps', () => {
  it('rolls a range up a few clients per step, each bucket exactly as one statement over all raw rows would', async () => {
    const h = await startIonMesh();
    try {
      const clients = Array.from({ length: 7 }, (_, i) => `step-${i}`);
      for (const [i, id] of clients.entries())
        await backfill(
          h,
          id,
          Array.from({ length: 40 }, (_, m) => m + 1),
          (m) => -90 - i - (m % 7),
        );
      await h.query(
        sql`INSERT INTO client_stats_raw (tenant_id, client_id, ts, rsrp) VALUES (2, 'step-0', now() - interval '20 minutes', -80)`,
      );
      const stepwise = new StatsService(h.db, {
        rawRetentionSec: 86_400,
        rollupRetentionSec: 30 * 86_400,
        bucketsPerRange: 1,
        clientsPerStep: 2,
      });
      for (let turn = 0; turn < 5; turn++) await stepwise.maintain();
      const [state] = await h.query<{ cursor: string | null; range_to: string | null }>(
        sql`SELECT cursor_client AS cursor, range_to FROM stats_rollup_state WHERE id = 1`,
      );
      expect(state).toEqual({ cursor: null, range_to: null });
      const rolled = await h.query(
        sql`SELECT tenant_id, client_id, bucket, samples, round(rsrp::numeric, 3) AS rsrp, round(rssi::numeric, 3) AS rssi, tx_bytes
              FROM client_stats_5m WHERE client_id LIKE 'step-%' ORDER BY 1, 2, 3`,
      );
      const expected = await h.query(
        sql`SELECT tenant_id, client_id, date_bin('5 minutes', ts, 'epoch') AS bucket, least(count(*), 32767)::int AS samples,
                   round(avg(rsrp)::real::numeric, 3) AS rsrp, round(avg(rssi)::real::numeric, 3) AS rssi, max(tx_bytes) AS tx_bytes
              FROM client_stats_raw
             WHERE client_id LIKE 'step-%' AND ts < (SELECT rolled_until FROM stats_rollup_state WHERE id = 1)
             GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      );
      expect(rolled.length).toBeGreaterThanOrEqual(7 * 7);
      expect(rolled).toEqual(expected);
      // Both tenants' fleet rows, from every client.
      const fleet = await h.query<{ tenant_id: number; clients: number }>(
        sql`SELECT tenant_id, max(clients)::int AS clients FROM fleet_stats_5m GROUP BY 1 ORDER BY 1`,
      );
      expect(fleet).toEqual([
        { tenant_id: 1, clients: 7 },
        { tenant_id: 2, clients: 1 },
      ]);
    } finally {
      await h.close();
    }
  });
});
