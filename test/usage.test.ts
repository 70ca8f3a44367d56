// SIM usage: the counters of heartbeats become per-card usage per day and per billing cycle. The
// deltas go to the card in use when the sample was taken (a reassign moves the next bytes to the
// new card), counter resets never make negative or huge deltas, a client that never reports
// counters is "not reported" (never 0), and with two processes accounting nothing counts twice.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, json, onPostgres, startIonMesh, startReplica } from './support/harness.js';

const client = (h: Harness, path: string, body: unknown) =>
  fetch(`${h.url}/api/backend/v1/remsim${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

interface Counters {
  rx: number;
  tx: number;
  tpdus?: number;
  errors?: number;
  uptime?: number;
}

/**
 * A heartbeat carrying counters, then every raw sample of the client moved `minutes` into the
 * past: successive calls are samples `minutes` apart, and all have settled for the accounting.
 */
async function beat(h: Harness, clientId: string, c: Counters | null, minutes = 1) {
  const stats =
    c === null
      ? { rssi: -70 }
      : {
          data_rx_bytes: c.rx,
          data_tx_bytes: c.tx,
          ...(c.tpdus === undefined ? {} : { tpdu_count: c.tpdus }),
          ...(c.errors === undefined ? {} : { tpdu_errors: c.errors }),
          ...(c.uptime === undefined ? {} : { uptime_seconds: c.uptime }),
        };
  const res = await client(h, '/heartbeat', { client_id: clientId, tenant_id: 1, stats });
  expect(res.status).toBe(200);
  await h.query(sql`UPDATE client_stats_raw SET ts = ts - make_interval(mins => ${minutes}) WHERE client_id = ${clientId}`);
}

async function register(h: Harness, clientId: string) {
  const res = await client(h, '/register-client', { client_id: clientId, tenant_id: 1 });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.sim_slot as { bank_id: number; slot_id: number };
}

async function cardUsage(h: Harness, card: { bank_id: number; slot_id: number }) {
  const res = await h.admin(`/usage/cards/${card.bank_id}/${card.slot_id}`);
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

/**
 * Accounts the samples of the test's clients. They were moved into the past (see beat), maybe
 * behind the watermark of an earlier turn: the other clients' samples (accounted already) are
 * deleted and the watermark moved back to just before the earliest one left, so that each sample
 * is accounted once.
 */
async function accountAll(h: Harness, clients: string[]) {
  const list = sql.join(
    clients.map((c) => sql`${c}`),
    sql`, `,
  );
  await h.query(sql`DELETE FROM client_stats_raw WHERE client_id NOT IN (${list})`);
  await h.query(sql`UPDATE usage_state SET accounted_until = coalesce((SELECT min(ts) FROM client_stats_raw) - interval '1 second', now())
                     WHERE accounted_until > 'epoch'`);
  const turn = await h.services.usage.account();
  expect(turn.skipped).toBe(false);
  return turn;
}

describe('SIM usage per card', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh();
  });
  afterAll(() => h.close());

  it('adds up the deltas of the counters for the card in use; the first sample is a baseline', async () => {
    const card = await register(h, 'use-1');
    await beat(h, 'use-1', { rx: 1_000_000, tx: 200_000, tpdus: 500, errors: 2, uptime: 3600 });
    await beat(h, 'use-1', { rx: 1_600_000, tx: 260_000, tpdus: 800, errors: 3, uptime: 3660 });
    await beat(h, 'use-1', { rx: 2_000_000, tx: 300_000, tpdus: 900, errors: 3, uptime: 3720 });
    const turn = await accountAll(h, ['use-1']);
    expect(turn.samples).toBe(3);
    const u = await cardUsage(h, card);
    // What was used since the first sample: its counters are what the router had before.
    expect(u.totals).toMatchObject({
      rx_bytes: 1_000_000,
      tx_bytes: 100_000,
      total_bytes: 1_100_000,
      tpdus: 400,
      tpdu_errors: 1,
    });
    expect(u.reporting).toBe('reported');
    expect(u.cycle).toMatchObject({ reporting: 'reported', rx_bytes: 1_000_000, tx_bytes: 100_000 });
    expect(u.days[0]).toMatchObject({ client_id: 'use-1', samples: 3, resets: 0, discarded: 0 });
    // The calendar month without a plan.
    expect(u.cycle.start).toBe(`${new Date().toISOString().slice(0, 8)}01`);
    expect(u.plan_id).toBeNull();
    // A second turn finds nothing new and changes nothing.
    const again = await h.services.usage.account();
    expect(again.samples).toBe(0);
    expect((await cardUsage(h, card)).totals.rx_bytes).toBe(1_000_000);
  });

  it('never counts negative or huge deltas across counter resets and restarts', async () => {
    const card = await register(h, 'use-2');
    await beat(h, 'use-2', { rx: 5_000_000, tx: 500_000, uptime: 7200 });
    // The modem reset its counters: the reading is what was used since.
    await beat(h, 'use-2', { rx: 300_000, tx: 30_000, uptime: 7260 });
    // The router rebooted (uptime went down) and has already used more than before: since boot.
    await beat(h, 'use-2', { rx: 400_000, tx: 40_000, uptime: 50 });
    // Same boot, normal growth.
    await beat(h, 'use-2', { rx: 450_000, tx: 45_000, uptime: 110 });
    // A counter jumping by more than a link carries in a minute (a wrapped 64-bit counter, a
    // bad agent) is refused, not counted.
    await beat(h, 'use-2', { rx: 9_000_000_000_000, tx: 46_000, uptime: 170 });
    await accountAll(h, ['use-2']);
    const u = await cardUsage(h, card);
    const day = u.days.find((d: { client_id: string }) => d.client_id === 'use-2');
    expect(day).toMatchObject({ resets: 2, discarded: 1, samples: 5 });
    // 300,000 after the reset + 400,000 since boot + 50,000, and nothing for the jump.
    expect(u.totals.rx_bytes).toBe(750_000);
    expect(u.totals.tx_bytes).toBe(30_000 + 40_000 + 5_000 + 1_000);
    for (const d of u.days) expect(d.rx_bytes).toBeGreaterThanOrEqual(0);
  });

  it('counts the bytes after a reassign for the new card, and the client’s usage spans both', async () => {
    const first = await register(h, 'use-3');
    await beat(h, 'use-3', { rx: 10_000, tx: 1_000 });
    await beat(h, 'use-3', { rx: 20_000, tx: 2_000 });
    const moved = await h.admin('/clients/use-3/reassign', json({ tenant_id: 1, reason: 'usage test' }));
    const body = await moved.json();
    expect(moved.status, JSON.stringify(body)).toBe(200);
    const [now] = await h.query<{ bank_id: number; slot_id: number }>(
      sql`SELECT bank_id, slot_id FROM service_profiles WHERE client_id = 'use-3' AND status = 'ACTIVE'`,
    );
    expect(now).toBeDefined();
    expect([now?.bank_id, now?.slot_id]).not.toEqual([first.bank_id, first.slot_id]);
    await beat(h, 'use-3', { rx: 50_000, tx: 5_000 });
    await beat(h, 'use-3', { rx: 60_000, tx: 6_000 });
    await accountAll(h, ['use-3']);
    expect((await cardUsage(h, first)).totals).toMatchObject({ rx_bytes: 10_000, tx_bytes: 1_000 });
    expect((await cardUsage(h, now as { bank_id: number; slot_id: number })).totals).toMatchObject({
      rx_bytes: 40_000,
      tx_bytes: 4_000,
    });
    const res = await h.admin('/usage/clients/use-3');
    const usage = await res.json();
    expect(res.status, JSON.stringify(usage)).toBe(200);
    expect(usage.reporting).toBe('reported');
    expect(usage.totals).toMatchObject({ rx_bytes: 50_000, tx_bytes: 5_000 });
    expect(usage.days.map((d: { slot_id: number }) => d.slot_id).sort()).toEqual([first.slot_id, now?.slot_id].sort());
    expect(usage.card).toMatchObject({ bank_id: now?.bank_id, slot_id: now?.slot_id, rx_bytes: 40_000, reporting: 'reported' });
  });

  it('says "not reported", never 0, for a client that never heartbeats or sends no counters', async () => {
    const silent = await register(h, 'use-deployed');
    let res = await h.admin('/usage/clients/use-deployed');
    let body = await res.json();
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ reporting: 'not_reported', not_reported_reason: 'never_heartbeats' });
    expect(body.totals).toMatchObject({ rx_bytes: null, tx_bytes: null, total_bytes: null });
    // Its card's cycle is the card's: what earlier clients used on it, or not reported.
    expect(body.card).toMatchObject({ bank_id: silent.bank_id, slot_id: silent.slot_id });
    const unused = await cardUsage(h, { bank_id: 2, slot_id: 31 });
    expect(unused.cycle).toMatchObject({ reporting: 'not_reported', total_bytes: null });
    expect(unused.days).toEqual([]);

    await register(h, 'use-signal-only');
    await beat(h, 'use-signal-only', null);
    await beat(h, 'use-signal-only', null);
    await accountAll(h, ['use-signal-only']);
    res = await h.admin('/usage/clients/use-signal-only');
    body = await res.json();
    expect(body).toMatchObject({ reporting: 'not_reported', not_reported_reason: 'no_counters' });
    expect(body.totals.rx_bytes).toBeNull();
  });

  it('reports per card, client, tenant and day, largest first, as JSON and CSV', async () => {
    const byCard = await (await h.admin('/usage?group_by=card&tenant_id=1')).json();
    expect(byCard.items.length).toBeGreaterThanOrEqual(3);
    const totalsDesc = byCard.items.map((r: { total_bytes: number | null }) => r.total_bytes ?? -1);
    expect(totalsDesc).toEqual([...totalsDesc].sort((a, b) => b - a));
    const byClient = await (await h.admin('/usage?group_by=client')).json();
    expect(byClient.items[0]).toMatchObject({ client_id: 'use-1', rx_bytes: 1_000_000, cards: 1 });
    const byTenant = await (await h.admin('/usage?group_by=tenant')).json();
    expect(byTenant.items).toHaveLength(1);
    expect(byTenant.items[0].rx_bytes).toBe(1_000_000 + 750_000 + 50_000);
    const page = await (await h.admin('/usage?group_by=card&limit=1&offset=1')).json();
    expect(page).toMatchObject({ limit: 1, offset: 1, total: byCard.total });
    expect(page.items[0]).toEqual(byCard.items[1]);

    const cycles = await (await h.admin('/usage/cycles?tenant_id=1')).json();
    expect(cycles.items[0]).toMatchObject({ client_id: 'use-1', rx_bytes: 1_000_000 });
    expect(cycles.total).toBe(byCard.total);

    const csv = await h.admin('/exports/usage?group_by=client&format=csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toContain('client_id');
    expect(lines.find((l) => l.includes('use-1'))).toContain('1000000');
    const exported = await (await h.admin('/exports/usage?kind=cycles&format=json')).json();
    expect(exported).toHaveLength(cycles.total);
  });

  it('refuses bad ranges with a clear 400', async () => {
    for (const q of ['from=2026-13-01', 'to=2026-02-30', 'from=2026-05-02&to=2026-05-01', 'from=2020-01-01&to=2026-01-01']) {
      const res = await h.admin(`/usage?${q}`);
      const body = await res.json();
      expect([res.status, body.code], q).toEqual([400, 'VALIDATION_ERROR']);
    }
    // An export checks its range before the download starts.
    for (const q of ['kind=report&from=2026-05-02&to=2026-05-01', 'kind=cycles&day=2026-02-30']) {
      const res = await h.admin(`/exports/usage?${q}`);
      expect([res.status, (await res.json()).code], q).toEqual([400, 'VALIDATION_ERROR']);
    }
    expect((await h.admin('/usage/clients/nobody')).status).toBe(404);
    expect((await h.admin('/usage?group_by=bank')).status).toBe(400);
  });
});

describe('SIM usage with two processes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh();
  });
  afterAll(() => h.close());

  it('accounts each sample once when two processes run the job at the same time', async () => {
    // On PostgreSQL a second process; PGlite has one process, whose turns still overlap.
    const replica = onPostgres ? await startReplica(h) : null;
    try {
      const cards = [];
      for (let i = 0; i < 20; i++) cards.push(await register(h, `dual-${i}`));
      for (let step = 1; step <= 4; step++)
        for (let i = 0; i < 20; i++) await beat(h, `dual-${i}`, { rx: step * 1000 * (i + 1), tx: step * 100 }, 0);
      await h.query(sql`UPDATE client_stats_raw SET ts = ts - interval '5 minutes'`);
      const turns = await Promise.all([
        h.services.usage.account(),
        (replica ?? h).services.usage.account(),
        h.services.usage.account(),
      ]);
      // Whatever way the turns interleaved, a last one finds nothing left.
      await h.services.usage.account();
      expect(turns.reduce((n, t) => n + t.samples, 0)).toBe(80);
      const [sum] = await h.query<{ rx: number; samples: number }>(
        sql`SELECT sum(rx_bytes)::float8 AS rx, sum(samples)::int AS samples FROM card_usage_daily`,
      );
      // Each client used 3,000 × (i + 1) after its baseline.
      expect(sum).toEqual({ rx: 3000 * ((20 * 21) / 2), samples: 80 });
    } finally {
      await replica?.close();
    }
  });
});

describe('SIM usage after an outage of the job', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh();
  });
  afterAll(() => h.close());

  it('keeps every raw sample until it is accounted', async () => {
    await register(h, 'use-4');
    // The job last ran 49 hours ago (an outage); since then, samples of 48 and 47 hours ago.
    await h.services.usage.account();
    await h.query(sql`UPDATE usage_state SET accounted_until = now() - interval '49 hours'`);
    await beat(h, 'use-4', { rx: 1000, tx: 100 }, 60);
    await beat(h, 'use-4', { rx: 5000, tx: 500 }, 60 * 47);
    // The stats job prunes raw samples past retention (24 h) only once the usage has them.
    await h.services.stats.maintain();
    const [kept] = await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM client_stats_raw WHERE client_id = 'use-4'`);
    expect(kept?.n).toBe(2);
    const turn = await accountAll(h, ['use-4']);
    expect(turn.samples).toBe(2);
    await h.services.stats.maintain();
    const [gone] = await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM client_stats_raw WHERE client_id = 'use-4'`);
    expect(gone?.n).toBe(0);
    const [used] = await h.query<{ rx: number }>(
      sql`SELECT sum(rx_bytes)::float8 AS rx FROM card_usage_daily WHERE client_id = 'use-4'`,
    );
    expect(used?.rx).toBe(4000);
  });
});
