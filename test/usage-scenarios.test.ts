// The simulator's usage scenarios end to end: heavy users cross their plan's thresholds and are
// moved off their cards; failing cards are locked by auto-lock and their routers moved; swapped
// modems are seen against the IMEIs bound by "lock what you see". Rich agents report growing
// counters, the remsim-server double maps what IonMesh decides.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageService } from '../src/modules/usage/index.js';
import { Fleet } from '../src/sim/fleet.js';
import { type Harness, json, startIonMesh, until } from './support/harness.js';
import { RemsimServerDouble } from './support/remsim-server-double.js';

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field
type Doc = Record<string, any>;

async function ok(res: Response | Promise<Response>) {
  const r = await res;
  const body = await r.json();
  expect(r.status, JSON.stringify(body)).toBe(200);
  return body as Doc;
}

describe('usage scenarios of the simulator', () => {
  let h: Harness;
  let remsim: RemsimServerDouble;
  /** The accounting job without its settle margin: the run's samples are accounted at once. */
  const account = () => new UsageService(h.db, { rawRetentionSec: 86_400, retentionDays: 400, settleSec: 0 }).account();
  const fleet = (prefix: string, scenario: 'heavy-user' | 'failing-card' | 'modem-swap', durationSec: number) =>
    new Fleet({
      url: h.url,
      count: 10,
      deployedShare: 0,
      heartbeatIntervalSec: 0.5,
      durationSec,
      scenario,
      remsim,
      prefix,
      mccMnc: ['310410'],
      seed: 11,
    });

  beforeAll(async () => {
    remsim = await new RemsimServerDouble({ bankdAckMs: 5 }).start();
    h = await startIonMesh({ remsim });
  });
  afterAll(async () => {
    await h.close();
    await remsim.close();
  });

  it('heavy users top the usage report, cross their plan’s 100 % and are moved off their cards', async () => {
    await ok(
      h.admin(
        '/plans',
        json({
          tenant_id: 1,
          name: 'AT&T 3 MB',
          mcc_mnc: '310410',
          carrier_default: true,
          allowance_mb: 3,
          thresholds: [{ percent: 100, action: 'disable_and_move' }],
        }),
      ),
    );
    const f = fleet('heavy', 'heavy-user', 4);
    const summary = await f.run();
    expect(summary.heartbeats.failed).toBe(0);
    const heavy = f.routers.filter((r) => r.radio?.dataFactor === 20).map((r) => r.clientId);
    expect(heavy).toHaveLength(1);
    await account();
    const top = await ok(h.admin('/usage?group_by=client&limit=3'));
    expect(top.items[0].client_id).toBe(heavy[0]);
    expect(top.items[0].total_bytes).toBeGreaterThan(5 * top.items[1].total_bytes);
    const [before] = await h.query<Doc>(
      sql`SELECT bank_id, slot_id FROM service_profiles WHERE client_id = ${heavy[0] as string} AND status = 'ACTIVE'`,
    );
    expect((await h.services.thresholds.check()).fired).toBe(1);
    const [after] = await h.query<Doc>(
      sql`SELECT bank_id, slot_id FROM service_profiles WHERE client_id = ${heavy[0] as string} AND status = 'ACTIVE'`,
    );
    expect(after).not.toEqual(before);
    const lock = (await ok(h.admin('/card-locks?kind=usage'))).items[0];
    expect(lock).toMatchObject({ ...before, client_id: heavy[0], slot_status: 'disabled' });
    await h.services.reconciler.idle();
    const maps = remsim.slotmaps().map((m) => `${m.bank.bankId}:${m.bank.slotNr}`);
    expect(maps).toContain(`${after?.bank_id}:${after?.slot_id}`);
    expect(maps).not.toContain(`${before?.bank_id}:${before?.slot_id}`);
  });

  it('failing cards are locked faulty by auto-lock and their routers moved to healthy cards', async () => {
    await ok(
      h.admin('/tenants/1/protection', { method: 'PUT', body: JSON.stringify({ failure_limit: 3, failure_window_min: 10 }) }),
    );
    const f = fleet('failing', 'failing-card', 4);
    await f.run();
    const failing = f.routers.filter((r) => r.failing).map((r) => r.clientId);
    expect(failing).toHaveLength(1);
    await account();
    const run = await h.services.protection.run();
    expect(run.locked).toBe(1);
    const locks = (await ok(h.admin('/card-locks?kind=auto_lock'))).items;
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ client_id: failing[0], slot_status: 'faulty', state: 'locked' });
    expect(locks[0].details.health_errors).toBeGreaterThanOrEqual(3);
    const [now] = await h.query<Doc>(
      sql`SELECT bank_id, slot_id FROM service_profiles WHERE client_id = ${failing[0] as string} AND status = 'ACTIVE'`,
    );
    expect(now).not.toEqual({ bank_id: locks[0].bank_id, slot_id: locks[0].slot_id });
  });

  it('swapped modems show against the IMEIs bound by “lock what you see”', async () => {
    // The swap comes at a third of the run (5 s): the ten register and are bound well before.
    const f = fleet('swap', 'modem-swap', 15);
    f.start();
    await until('the ten routers registered', () => f.progress().registered >= 10, 60_000);
    const bound = await ok(h.admin('/imei-bindings/bind-current', json({ tenant_id: 1 })));
    expect(bound.cards.filter((c: Doc) => c.client_id.startsWith('swap-'))).toHaveLength(10);
    // Then the swapped modems' next heartbeats: waited for, not timed.
    await until(
      'the swapped modems seen',
      async () =>
        f.events.some((e) => e.includes('has a new modem')) &&
        (await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM events WHERE type = 'card.imei_changed'`))[0]?.n ===
          f.events.filter((e) => e.includes('has a new modem')).length,
      60_000,
    );
    await f.stop();
    const swapped = f.events.filter((e) => e.includes('has a new modem'));
    expect(swapped).toHaveLength(2);
    const changed = (await h.query<{ data: Doc }>(sql`SELECT data FROM events WHERE type = 'card.imei_changed'`)).map(
      (e) => e.data,
    );
    expect(changed.map((c) => c.client_id).sort()).toEqual(
      f.routers
        .filter((r) => swapped.some((e) => e.startsWith(`${r.clientId} `) || e.includes(` ${r.clientId} `)))
        .map((r) => r.clientId)
        .sort(),
    );
    for (const c of changed) expect(c.imei).not.toBe(c.bound_imei);
  });
});
