// SIM rotation: a policy moves the card behind a client — after a usage budget, before a card's
// validity ends, after days on one card, on a schedule in the tenant's time zone — only within
// its maintenance window and within the carrier unless allowed. With the remsim-server double:
// the map moves to the new card, the client's RSPRO identity stays. Each rotation is an event,
// an audit entry with the card before and after, and a row of the history. Bad policies are
// refused and create nothing.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RotationService } from '../src/modules/rotation/index.js';
import { UsageService } from '../src/modules/usage/index.js';
import { type Harness, json, onPostgres, startIonMesh, startReplica, until } from './support/harness.js';
import { RemsimServerDouble } from './support/remsim-server-double.js';

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field
type Doc = Record<string, any>;

async function answer(res: Response | Promise<Response>, status = 200) {
  const r = await res;
  const body = await r.json();
  expect(r.status, JSON.stringify(body)).toBe(status);
  return body as Doc;
}

describe('SIM rotation', () => {
  let h: Harness;
  let remsim: RemsimServerDouble;
  const client = (path: string, body: unknown) =>
    fetch(`${h.url}/api/backend/v1/remsim${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const profile = async (clientId: string) =>
    (
      await h.query<{ bank_id: number; slot_id: number; rspro_client_id: number; rspro_slot_nr: number }>(
        sql`SELECT bank_id, slot_id, rspro_client_id, rspro_slot_nr FROM service_profiles WHERE client_id = ${clientId} AND status = 'ACTIVE'`,
      )
    )[0] as { bank_id: number; slot_id: number; rspro_client_id: number; rspro_slot_nr: number };
  /** The remsim-server's map of a client's RSPRO identity: the bank slot behind it. */
  const mapOf = (p: { rspro_client_id: number; rspro_slot_nr: number }) =>
    remsim
      .slotmaps()
      .filter((m) => m.client.clientId === p.rspro_client_id && m.client.slotNr === p.rspro_slot_nr)
      .map((m) => `${m.bank.bankId}:${m.bank.slotNr}`);
  const settle = async () => {
    await h.services.reconciler.idle();
    await h.services.reconciler.periodic();
    await h.services.reconciler.idle();
  };
  const policy = (body: Doc, status = 200) => answer(h.admin('/rotation-policies', json({ tenant_id: 1, ...body })), status);
  const policies = async () => (await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM rotation_policies`))[0]?.n;
  const disable = (id: number) =>
    answer(h.admin(`/rotation-policies/${id}`, { method: 'PATCH', body: JSON.stringify({ enabled: false }) }));

  beforeAll(async () => {
    remsim = await new RemsimServerDouble({ bankdAckMs: 5 }).start();
    h = await startIonMesh({ remsim });
  });
  afterAll(async () => {
    await h.close();
    await remsim.close();
  });

  it('moves a client off a card that used its budget: the map moves, the RSPRO identity stays', async () => {
    await answer(
      h.admin('/plans', json({ tenant_id: 1, name: 'att 1 MB', mcc_mnc: '310410', carrier_default: true, allowance_mb: 1 })),
    );
    await answer(client('/register-client', { client_id: 'busy-1', tenant_id: 1, mcc_mnc: '310410' }));
    const before = await profile('busy-1');
    await settle();
    expect(mapOf(before)).toEqual([`${before.bank_id}:${before.slot_id}`]);
    // 0.9 MB through its card this cycle (a baseline, then the counters).
    for (const rx of [0, 900_000])
      await answer(client('/heartbeat', { client_id: 'busy-1', tenant_id: 1, stats: { data_rx_bytes: rx, data_tx_bytes: 0 } }));
    await new UsageService(h.db, { rawRetentionSec: 86_400, retentionDays: 400, settleSec: 0 }).account();

    const p = await policy({ name: 'budget', usage_percent: 80 });
    const due = await answer(h.admin(`/rotation-policies/${p.id}/due`));
    expect(due).toMatchObject({ in_window: true, schedule_due: null });
    expect(due.due).toEqual([expect.objectContaining({ client_id: 'busy-1', trigger: 'usage', used_bytes: 900_000 })]);

    const outcomes = await h.services.rotation.run();
    expect(outcomes).toEqual([expect.objectContaining({ client_id: 'busy-1', trigger: 'usage', result: 'rotated' })]);
    const after = await profile('busy-1');
    expect([after.bank_id, after.slot_id]).not.toEqual([before.bank_id, before.slot_id]);
    expect(after.bank_id).toBe(1); // the same carrier (bank 1 is AT&T)
    expect([after.rspro_client_id, after.rspro_slot_nr]).toEqual([before.rspro_client_id, before.rspro_slot_nr]);
    await settle();
    expect(mapOf(after)).toEqual([`${after.bank_id}:${after.slot_id}`]);
    // A second pass: nothing more (the new card is fresh).
    expect(await h.services.rotation.run()).toEqual([]);

    const history = await answer(h.admin('/rotations?client_id=busy-1'));
    expect(history.items).toEqual([
      expect.objectContaining({
        policy_id: p.id,
        trigger: 'usage',
        from_bank_id: before.bank_id,
        from_slot_id: before.slot_id,
        to_bank_id: after.bank_id,
        to_slot_id: after.slot_id,
      }),
    ]);
    const events = await h.query<{ data: Doc }>(sql`SELECT data FROM events WHERE type = 'client.rotated'`);
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({
        client_id: 'busy-1',
        trigger: 'usage',
        from: { bank_id: before.bank_id, slot_id: before.slot_id },
        to: { bank_id: after.bank_id, slot_id: after.slot_id },
      }),
    ]);
    const audit = await answer(h.admin('/audit-log?action=client.rotate'));
    expect(audit.items[0]).toMatchObject({
      actor: `rotation:${p.id}`,
      before: { bank_id: before.bank_id, slot_id: before.slot_id },
      after: { bank_id: after.bank_id, slot_id: after.slot_id, trigger: 'usage', used_bytes: 900_000 },
    });
    await disable(p.id);
  });

  it('waits for its maintenance window; "rotate now" does not', async () => {
    await answer(client('/register-client', { client_id: 'old-1', tenant_id: 1, mcc_mnc: '311480' }));
    const before = await profile('old-1');
    await h.db.run((db) =>
      db.execute(sql`UPDATE service_profiles SET card_since = now() - interval '40 days' WHERE client_id = 'old-1'`),
    );
    // A window that is closed now, in the policy's time zone: the hour after this one.
    const hour = (new Date().getUTCHours() + 2) % 24;
    const hh = String(hour).padStart(2, '0');
    const p = await policy({
      name: 'monthly',
      max_days_on_card: 30,
      timezone: 'UTC',
      window: { start: `${hh}:00`, end: `${hh}:30` },
    });
    expect((await answer(h.admin(`/rotation-policies/${p.id}/due`))).in_window).toBe(false);
    expect(await h.services.rotation.run()).toEqual([]);
    expect(await profile('old-1')).toEqual(before);
    const now = await answer(h.admin(`/rotation-policies/${p.id}/run`, { method: 'POST' }));
    expect(now.items).toEqual([expect.objectContaining({ client_id: 'old-1', trigger: 'days_on_card', result: 'rotated' })]);
    const after = await profile('old-1');
    expect(after.bank_id).toBe(2);
    expect(after.slot_id).not.toBe(before.slot_id);
    // Its card_since moved with it: not due again.
    expect((await answer(h.admin(`/rotation-policies/${p.id}/due`))).due).toEqual([]);
    const audit = await answer(h.admin('/audit-log?action=client.rotate'));
    expect(audit.items[0].actor).toBe('key:1');
    await disable(p.id);
  });

  it('moves clients off cards near their last valid day, onto cards valid beyond it', async () => {
    await answer(client('/register-client', { client_id: 'expiring-1', tenant_id: 1, mcc_mnc: '310410' }));
    const before = await profile('expiring-1');
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await answer(
      h.admin(`/usage/cards/${before.bank_id}/${before.slot_id}/settings`, {
        method: 'PUT',
        body: JSON.stringify({ valid_until: soon }),
      }),
    );
    const p = await policy({ name: 'validity', validity_days: 7 });
    const outcomes = await h.services.rotation.run();
    expect(outcomes).toEqual([expect.objectContaining({ client_id: 'expiring-1', trigger: 'validity', result: 'rotated' })]);
    expect((await profile('expiring-1')).bank_id).toBe(1);
    await disable(p.id);
  });

  it('rotates a group on its schedule in the tenant’s time zone, within the group’s cards and carrier unless allowed', async () => {
    // A group of three cards: two AT&T, one Verizon; its client on the first.
    const g = await answer(
      h.admin(
        '/groups',
        json({
          tenant_id: 1,
          name: 'rotating trio',
          kind: 'explicit',
          members: [
            { bank_id: 1, slot_id: 30 },
            { bank_id: 1, slot_id: 31 },
            { bank_id: 2, slot_id: 31 },
          ],
        }),
      ),
    );
    await answer(h.admin('/banks/1/slots/31', { method: 'PATCH', body: JSON.stringify({ status: 'disabled' }) }));
    await answer(client('/register-client', { client_id: 'trio-1', tenant_id: 1, mcc_mnc: '310410' }));
    const start = await profile('trio-1');
    await h.services.clients.reassign('trio-1', { tenant_id: 1, bank_id: 1, slot_id: 30 }, { actor: 'test' }, null);
    expect(await profile('trio-1')).toMatchObject({ bank_id: 1, slot_id: 30 });
    expect(start).toBeTruthy();

    // Every day at 03:00 in Berlin; an occurrence after the policy was made is owed.
    const p = await policy({ name: 'nightly trio', group_id: g.id, schedule: '0 3 * * *', timezone: 'Europe/Berlin' });
    const rotation = h.services.rotation as RotationService;
    const tomorrow = new Date(Date.now() + 86_400_000);
    const at = new Date(`${tomorrow.toISOString().slice(0, 10)}T02:30:00Z`); // 03:30 in Berlin (winter)
    // The only free card of the group is Verizon's: not allowed, the client stays.
    const refused = await rotation.runPolicy(p.id, { now: at });
    expect(refused).toEqual([expect.objectContaining({ client_id: 'trio-1', trigger: 'schedule', result: 'failed' })]);
    expect(await profile('trio-1')).toMatchObject({ bank_id: 1, slot_id: 30 });
    // Allowed: it moves to the Verizon card of the group, and the occurrence is settled.
    await answer(h.admin(`/rotation-policies/${p.id}`, { method: 'PATCH', body: JSON.stringify({ allow_other_carrier: true }) }));
    const moved = await rotation.runPolicy(p.id, { now: at });
    expect(moved).toEqual([expect.objectContaining({ client_id: 'trio-1', result: 'rotated', to: { bank_id: 2, slot_id: 31 } })]);
    expect((await answer(h.admin(`/rotation-policies/${p.id}`))).last_scheduled_at).toBe(
      new Date(`${tomorrow.toISOString().slice(0, 10)}T02:00:00Z`).toISOString(),
    );
    expect(await rotation.runPolicy(p.id, { now: at })).toEqual([]);
    await disable(p.id);
  });

  it('refuses bad policies with a clear 400 and creates nothing', async () => {
    const before = await policies();
    const cases: [Doc, number, string][] = [
      [{ name: 'x' }, 400, 'needs a trigger'],
      [{ name: 'x', schedule: '61 * * * *' }, 400, 'not a cron schedule'],
      [{ name: 'x', schedule: '* * *' }, 400, 'five fields'],
      [{ name: 'x', usage_percent: 80, timezone: 'Mars/Olympus' }, 400, 'not a time zone'],
      [{ name: 'x', usage_percent: 0 }, 400, 'usage_percent'],
      [{ name: 'x', usage_percent: 80, window: { start: '25:00', end: '03:00' } }, 400, 'window/start'],
      [{ name: 'x', usage_percent: 80, group_id: 9999 }, 404, 'Group 9999'],
      [{ name: 'budget', usage_percent: 80 }, 409, 'already has a rotation policy named budget'],
      [{ tenant_id: 77, name: 'x', usage_percent: 80 }, 404, 'Tenant 77'],
    ];
    for (const [body, status, text] of cases) expect((await policy(body, status)).message, JSON.stringify(body)).toContain(text);
    expect(await policies()).toBe(before);
    await answer(h.admin('/rotation-policies/9999'), 404);
    await answer(h.admin('/rotation-policies/9999/run', { method: 'POST' }), 404);
  });

  it.runIf(onPostgres)('lets one replica at a time run a policy: every client rotates once', async () => {
    for (const id of ['pair-1', 'pair-2', 'pair-3'])
      await answer(client('/register-client', { client_id: id, tenant_id: 1, mcc_mnc: '311480' }));
    await h.db.run((db) =>
      db.execute(sql`UPDATE service_profiles SET card_since = now() - interval '90 days' WHERE client_id LIKE 'pair-%'`),
    );
    const p = await policy({ name: 'pairs', max_days_on_card: 60 });
    const replica = await startReplica(h);
    try {
      const [a, b] = await Promise.all([h.services.rotation.runPolicy(p.id), replica.services.rotation.runPolicy(p.id)]);
      const all = [...a, ...b].filter((o) => o.client_id.startsWith('pair-'));
      expect(all.map((o) => o.client_id).sort()).toEqual(['pair-1', 'pair-2', 'pair-3']);
      const rows = await until('three rotations', async () => {
        const r = await h.query(sql`SELECT client_id FROM client_rotations WHERE policy_id = ${p.id}`);
        return r.length === 3 ? r : null;
      });
      expect(rows.length).toBe(3);
    } finally {
      await replica.close();
    }
  });
});
