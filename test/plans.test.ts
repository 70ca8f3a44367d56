// SIM plans: a carrier default plan prices its carrier's cards and sets their billing cycle; a
// card's own plan wins; thresholds fire once per card and cycle (also with two processes) and
// act: an event, a command for the client, or the card disabled and its client moved to another
// card of the same carrier (keeping its RSPRO identity). The cycle report prices each card.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageService } from '../src/modules/usage/index.js';
import { type Harness, json, onPostgres, startIonMesh, startReplica } from './support/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field
type Doc = Record<string, any>;

const remsim = (h: Harness, path: string, body: unknown) =>
  fetch(`${h.url}/api/backend/v1/remsim${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** A heartbeat with byte counters. */
async function beat(h: Harness, clientId: string, rx: number) {
  const res = await remsim(h, '/heartbeat', {
    client_id: clientId,
    tenant_id: 1,
    stats: { data_rx_bytes: rx, data_tx_bytes: 0 },
  });
  expect(res.status).toBe(200);
  return res.json();
}

/** The accounting job as the server runs it, but without the settle margin: what was sampled
 * so far is accounted now (the test's steps follow one another). */
const accounting = (h: Harness) => new UsageService(h.db, { rawRetentionSec: 86_400, retentionDays: 400, settleSec: 0 });

/** Accounts what was sampled and checks the thresholds. */
async function settle(h: Harness) {
  await accounting(h).account();
  return h.services.thresholds.check();
}

async function register(h: Harness, clientId: string, mccMnc = '310410') {
  const res = await remsim(h, '/register-client', { client_id: clientId, tenant_id: 1, mcc_mnc: mccMnc });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body as Doc;
}

async function ok(res: Response) {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body as Doc;
}

const events = async (h: Harness, type: string) =>
  (await h.query<{ data: Doc }>(sql`SELECT data FROM events WHERE type = ${type} ORDER BY id`)).map((e) => e.data);

describe('SIM plans and thresholds', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh();
  });
  afterAll(() => h.close());

  it('creates a carrier default plan with thresholds, and shows it', async () => {
    const plan = await ok(
      await h.admin(
        '/plans',
        json({
          tenant_id: 1,
          name: 'AT&T 1 MB',
          mcc_mnc: '310410',
          carrier_default: true,
          allowance_mb: 1,
          cycle_day: 1,
          cost_per_mb: 0.5,
          overage_cost_per_mb: 2,
          monthly_fee: 3,
          currency: 'USD',
          thresholds: [
            { percent: 80, action: 'event' },
            { percent: 90, action: 'command', command_type: 'update_config', command_payload: { throttle: true } },
            { percent: 100, action: 'disable_and_move' },
          ],
        }),
      ),
    );
    expect(plan).toMatchObject({ tenant_id: 1, allowance_bytes: 1_000_000, allowance_mb: 1, cycle_day: 1, currency: 'USD' });
    expect(plan.thresholds.map((t: Doc) => [t.percent, t.action])).toEqual([
      [80, 'event'],
      [90, 'command'],
      [100, 'disable_and_move'],
    ]);
    const list = await ok(await h.admin('/plans?tenant_id=1'));
    expect(list.items.map((p: Doc) => p.id)).toEqual([plan.id]);
    // The demo's 32 AT&T cards have no plan of their own: the carrier default prices them all.
    expect(list.items[0]).toMatchObject({ cards: 0, cards_priced: 32 });
    expect(await ok(await h.admin(`/plans/${plan.id}`))).toMatchObject({ cards: 0, cards_priced: 32 });
    const audit = await ok(await h.admin('/audit-log?action=plan.create'));
    expect(audit.items).toHaveLength(1);
  });

  it('fires each threshold once per cycle: an event at 80 %, a command at 90 %, a move at 100 %', async () => {
    const reg = await register(h, 'heavy-1');
    const card = reg.sim_slot as Doc;
    const [before] = await h.query<Doc>(
      sql`SELECT rspro_client_id, rspro_slot_nr FROM service_profiles WHERE client_id = 'heavy-1' AND status = 'ACTIVE'`,
    );
    await beat(h, 'heavy-1', 100_000);
    await beat(h, 'heavy-1', 950_000); // 850,000 bytes used: 85 %
    expect((await settle(h)).fired).toBe(1);
    let reached = await events(h, 'usage.threshold_reached');
    expect(reached).toHaveLength(1);
    expect(reached[0]).toMatchObject({
      bank_id: card.bank_id,
      slot_id: card.slot_id,
      client_id: 'heavy-1',
      percent: 80,
      action: 'event',
      used_bytes: 850_000,
      allowance_bytes: 1_000_000,
      result: 'done',
    });
    // Still over 80 %, and nothing new: it does not fire again.
    await beat(h, 'heavy-1', 960_000);
    expect((await settle(h)).fired).toBe(0);

    // 91 %: the command goes to the client in its next heartbeat answer.
    await beat(h, 'heavy-1', 1_010_000);
    expect((await settle(h)).fired).toBe(1);
    const answer = await beat(h, 'heavy-1', 1_010_000);
    expect(answer.commands).toEqual([
      expect.objectContaining({ type: 'update_config', payload: { throttle: true, reason: 'usage_threshold', percent: 90 } }),
    ]);

    // 100 %: the card is disabled, the client moved to another AT&T card, same RSPRO identity.
    await beat(h, 'heavy-1', 1_200_000);
    expect((await settle(h)).fired).toBe(1);
    reached = await events(h, 'usage.threshold_reached');
    expect(reached.map((e) => [e.percent, e.result])).toEqual([
      [80, 'done'],
      [90, 'done'],
      [100, 'done'],
    ]);
    const [after] = await h.query<Doc>(
      sql`SELECT p.bank_id, p.slot_id, p.rspro_client_id, p.rspro_slot_nr, s.mcc_mnc FROM service_profiles p
            JOIN slots s ON s.bank_id = p.bank_id AND s.slot_id = p.slot_id WHERE p.client_id = 'heavy-1' AND p.status = 'ACTIVE'`,
    );
    expect([after?.bank_id, after?.slot_id]).not.toEqual([card.bank_id, card.slot_id]);
    expect(after).toMatchObject({ ...before, mcc_mnc: '310410' });
    const [old] = await h.query<Doc>(sql`SELECT status FROM slots WHERE bank_id = ${card.bank_id} AND slot_id = ${card.slot_id}`);
    expect(old?.status).toBe('disabled');
    const locks = await ok(await h.admin('/card-locks?tenant_id=1'));
    expect(locks.items[0]).toMatchObject({
      bank_id: card.bank_id,
      slot_id: card.slot_id,
      kind: 'usage',
      state: 'locked',
      client_id: 'heavy-1',
      slot_status: 'disabled',
    });
    expect(locks.items[0].details).toMatchObject({ used_bytes: 1_100_000, allowance_bytes: 1_000_000, percent: 100 });
    expect(await events(h, 'card.locked')).toEqual([
      expect.objectContaining({ kind: 'usage', moved_to: { bank_id: after?.bank_id, slot_id: after?.slot_id } }),
    ]);
    const audit = await ok(await h.admin('/audit-log?action=usage.threshold_action'));
    expect(audit.items).toHaveLength(3);
    expect(audit.items[0].after).toMatchObject({ used_bytes: 1_100_000, allowance_bytes: 1_000_000 });

    // An operator unlocks it: available again, and the lock is history.
    const unlocked = await ok(await h.admin(`/card-locks/${card.bank_id}/${card.slot_id}/unlock`, { method: 'POST' }));
    expect(unlocked).toMatchObject({ status: 'success', kind: 'usage', slot_status: 'available' });
    expect((await ok(await h.admin('/card-locks?tenant_id=1'))).total).toBe(0);
    expect((await ok(await h.admin('/card-locks?tenant_id=1&all=true'))).items[0].unlocked_by).toMatch(/^key:/);
    const again = await h.admin(`/card-locks/${card.bank_id}/${card.slot_id}/unlock`, { method: 'POST' });
    expect([again.status, (await again.json()).code]).toEqual([409, 'CARD_NOT_LOCKED']);
  });

  it('prices each card’s cycle: fee, MB within the allowance, MB over it', async () => {
    const report = await ok(await h.admin('/usage/cycles?tenant_id=1'));
    const rows = report.items.filter((r: Doc) => r.plan_id !== null);
    const heavy = rows.find((r: Doc) => r.total_bytes === 1_100_000);
    // 3 + 1 MB × 0.5 + 0.1 MB × 2
    expect(heavy).toMatchObject({ plan_name: 'AT&T 1 MB', currency: 'USD', used_percent: 110, cost: 3.7 });
    const perTenant = await ok(await h.admin('/usage/cycles?tenant_id=1&cycle_group_by=tenant'));
    const usd = perTenant.items.find((r: Doc) => r.currency === 'USD');
    expect(usd.cost).toBeCloseTo(
      rows.reduce((n: number, r: Doc) => n + r.cost, 0),
      4,
    );
    const csv = await (await h.admin('/exports/usage?kind=cycles&format=csv')).text();
    expect(csv.split('\n')[0]).toContain('cost');
    expect(csv).toContain('3.7');
  });

  it('moves a card’s cycles when its plan’s cycle day changes, and a card’s own plan wins over the default', async () => {
    const plan = (await ok(await h.admin('/plans?tenant_id=1'))).items[0];
    const today = new Date().getUTCDate();
    const day = today >= 15 ? 15 : 28;
    await ok(await h.admin(`/plans/${plan.id}`, { method: 'PATCH', body: JSON.stringify({ cycle_day: day }) }));
    const [cycle] = await h.query<{ cycle_start: string }>(
      sql`SELECT cycle_start::text AS cycle_start FROM card_usage_cycles WHERE rx_bytes = 1100000`,
    );
    expect(Number(cycle?.cycle_start.slice(8, 10))).toBe(day);

    const own = await ok(await h.admin('/plans', json({ tenant_id: 1, name: 'own', allowance_mb: 5, cycle_day: 3 })));
    const card = (await h.query<Doc>(sql`SELECT bank_id, slot_id FROM card_usage_cycles WHERE rx_bytes = 1100000`))[0] as Doc;
    const settings = await ok(
      await h.admin(`/usage/cards/${card.bank_id}/${card.slot_id}/settings`, {
        method: 'PUT',
        body: JSON.stringify({ plan_id: own.id, valid_until: '2099-12-31' }),
      }),
    );
    expect(settings).toMatchObject({ plan_id: own.id, valid_until: '2099-12-31' });
    const usage = await ok(await h.admin(`/usage/cards/${card.bank_id}/${card.slot_id}`));
    expect(usage).toMatchObject({ plan_id: own.id, plan_source: 'card' });
    expect(usage.cycle.start.slice(8, 10)).toBe('03');
    expect(usage.cycles[0].cycle_start.slice(8, 10)).toBe('03');
    // A plan a card has as its own cannot go.
    const gone = await h.admin(`/plans/${own.id}`, { method: 'DELETE' });
    expect([gone.status, (await gone.json()).code]).toEqual([409, 'PLAN_IN_USE']);
  });

  it('refuses bad plans and settings with a clear 4xx and changes nothing', async () => {
    const count = async () => (await ok(await h.admin('/plans'))).total;
    const n = await count();
    const bad: Array<[Doc, number, string]> = [
      [{ tenant_id: 1, name: 'x', carrier_default: true }, 400, 'VALIDATION_ERROR'],
      [{ tenant_id: 1, name: 'x', cycle_day: 29 }, 400, 'VALIDATION_ERROR'],
      [{ tenant_id: 1, name: 'x', allowance_mb: -1 }, 400, 'VALIDATION_ERROR'],
      [{ tenant_id: 1, name: 'x', currency: 'euro' }, 400, 'VALIDATION_ERROR'],
      [{ tenant_id: 1, name: 'x', thresholds: [{ percent: 80, action: 'command' }] }, 400, 'VALIDATION_ERROR'],
      [
        { tenant_id: 1, name: 'x', thresholds: [{ percent: 80, action: 'event', command_type: 'restart' }] },
        400,
        'VALIDATION_ERROR',
      ],
      [
        {
          tenant_id: 1,
          name: 'x',
          thresholds: [
            { percent: 80, action: 'event' },
            { percent: 80, action: 'event' },
          ],
        },
        400,
        'VALIDATION_ERROR',
      ],
      [{ tenant_id: 1, name: 'x', thresholds: [{ percent: 80, action: 'delete_everything' }] }, 400, 'VALIDATION_ERROR'],
      [{ tenant_id: 1, name: 'AT&T 1 MB' }, 409, 'PLAN_EXISTS'],
      [{ tenant_id: 1, name: 'second default', mcc_mnc: '310410', carrier_default: true }, 409, 'PLAN_EXISTS'],
      [{ tenant_id: 99, name: 'x' }, 404, 'TENANT_NOT_FOUND'],
    ];
    for (const [body, status, code] of bad) {
      const res = await h.admin('/plans', json(body));
      expect([res.status, (await res.json()).code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(await count()).toBe(n);
    expect((await h.admin('/plans/9999')).status).toBe(404);
    const settings = await h.admin('/usage/cards/1/5/settings', { method: 'PUT', body: JSON.stringify({ plan_id: 9999 }) });
    expect(settings.status).toBe(404);
    const date = await h.admin('/usage/cards/1/5/settings', { method: 'PUT', body: JSON.stringify({ valid_until: 'soon' }) });
    expect(date.status).toBe(400);
  });
});

describe('thresholds with two processes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh();
  });
  afterAll(() => h.close());

  it('fires a threshold once per card and cycle whichever process checks', async () => {
    await ok(
      await h.admin(
        '/plans',
        json({
          tenant_id: 1,
          name: 'tiny',
          mcc_mnc: '310410',
          carrier_default: true,
          allowance_mb: 0.01,
          thresholds: [{ percent: 50, action: 'event' }],
        }),
      ),
    );
    for (let i = 0; i < 10; i++) await register(h, `dual-${i}`);
    for (let i = 0; i < 10; i++) {
      await remsim(h, '/heartbeat', { client_id: `dual-${i}`, tenant_id: 1, stats: { data_rx_bytes: 1000, data_tx_bytes: 0 } });
      await remsim(h, '/heartbeat', { client_id: `dual-${i}`, tenant_id: 1, stats: { data_rx_bytes: 9000, data_tx_bytes: 0 } });
    }
    await accounting(h).account();
    const replica = onPostgres ? await startReplica(h) : null;
    try {
      const other = replica ?? h;
      const runs = await Promise.all([
        h.services.thresholds.check(),
        other.services.thresholds.check(),
        h.services.thresholds.check(),
      ]);
      expect(runs.reduce((n, r) => n + r.fired, 0)).toBe(10);
      const [firings] = await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM threshold_firings`);
      expect(firings?.n).toBe(10);
      expect(await events(h, 'usage.threshold_reached')).toHaveLength(10);
    } finally {
      await replica?.close();
    }
  });
});

describe('a threshold action that fails unexpectedly', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh();
    await ok(
      await h.admin(
        '/plans',
        json({
          tenant_id: 1,
          name: 'AT&T 1 MB',
          mcc_mnc: '310410',
          carrier_default: true,
          allowance_mb: 1,
          thresholds: [{ percent: 100, action: 'disable_and_move' }],
        }),
      ),
    );
  });
  afterAll(() => h.close());

  it('tries a firing whose action failed unexpectedly again, and shows every attempt for the card', async () => {
    const reg = await register(h, 'crashy-1');
    const card = reg.sim_slot as Doc;
    const object = `card:${card.bank_id}/${card.slot_id}`;
    const cards = h.services.cardActions;
    const real = cards.takeOutOfService.bind(cards);
    let failures = 1;
    cards.takeOutOfService = async (...args) => {
      if (failures-- > 0) throw new Error('bankd connection reset while disabling');
      return real(...args);
    };
    try {
      await beat(h, 'crashy-1', 100_000);
      await beat(h, 'crashy-1', 1_300_000); // 120 %
      // Claimed and tried once: no outcome yet, so no event, and the firing waits.
      expect((await settle(h)).fired).toBe(1);
      expect(await events(h, 'usage.threshold_reached')).toEqual([]);
      const [pending] = await h.query<Doc>(
        sql`SELECT result FROM threshold_firings WHERE bank_id = ${card.bank_id} AND slot_id = ${card.slot_id} AND percent = 100`,
      );
      expect(pending?.result).toBe('pending');
      let log = await ok(await h.admin(`/work-items?object=${encodeURIComponent(object)}&state=pending`));
      expect(log.items).toEqual([
        expect.objectContaining({
          kind: 'usage.threshold_action',
          owner: 'usage',
          tenant_id: 1,
          attempts: 1,
          last_error: 'bankd connection reset while disabling',
          attempt_log: [
            expect.objectContaining({ attempt: 1, outcome: 'retry', error: 'bankd connection reset while disabling' }),
          ],
        }),
      ]);
      // The back-off has passed: the next check acts, and the card is disabled once.
      await h.query(sql`UPDATE work_items SET next_at = now() WHERE object = ${object} AND state = 'pending'`);
      expect((await settle(h)).fired).toBe(1);
      const reached = await events(h, 'usage.threshold_reached');
      expect(reached.map((e) => [e.client_id, e.percent, e.result])).toEqual([['crashy-1', 100, 'done']]);
      log = await ok(await h.admin(`/work-items?object=${encodeURIComponent(object)}`));
      expect(log.total).toBe(1);
      const move = log.items[0];
      expect(move).toMatchObject({ state: 'done', attempts: 2 });
      expect(move.attempt_log.map((a: Doc) => a.outcome)).toEqual(['retry', 'done']);
      expect(move.attempt_log[1].detail).toMatchObject({ result: 'done' });
      const [slot] = await h.query<Doc>(
        sql`SELECT status FROM slots WHERE bank_id = ${card.bank_id} AND slot_id = ${card.slot_id}`,
      );
      expect(slot?.status).toBe('disabled');
      // Asked for another tenant, none of it; a bad filter is a 400.
      const other = await h.admin(`/work-items?object=${encodeURIComponent(object)}&tenant_id=2`);
      expect((await ok(other)).total).toBe(0);
      const bad = await h.admin('/work-items?state=sleeping');
      expect(bad.status).toBe(400);
    } finally {
      cards.takeOutOfService = real;
    }
  });
});
