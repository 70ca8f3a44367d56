// Card protection: an IMEI change is an event, and with an enforcing binding the heartbeat is
// refused (403 IMEI_LOCKED) and the card blocked (the remsim-server map goes); a card whose
// failures reach the tenant's limit becomes faulty and its client moves to a card of the same
// carrier; a card leaves service before its validity ends and is not assigned after; an
// operator unlocks. With the remsim-server double, so that the maps are the server's.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageService } from '../src/modules/usage/index.js';
import { type Harness, json, startIonMesh } from './support/harness.js';
import { RemsimServerDouble } from './support/remsim-server-double.js';

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field
type Doc = Record<string, any>;

const IMEI_A = '353209900000018';
const IMEI_B = '353209900000026';

async function ok(res: Response | Promise<Response>) {
  const r = await res;
  const body = await r.json();
  expect(r.status, JSON.stringify(body)).toBe(200);
  return body as Doc;
}

const events = async (h: Harness, type: string) =>
  (await h.query<{ data: Doc }>(sql`SELECT data FROM events WHERE type = ${type} ORDER BY id`)).map((e) => e.data);

const activeCard = async (h: Harness, clientId: string) =>
  (
    await h.query<{ bank_id: number; slot_id: number }>(
      sql`SELECT bank_id, slot_id FROM service_profiles WHERE client_id = ${clientId} AND status = 'ACTIVE'`,
    )
  )[0] as { bank_id: number; slot_id: number };

const slotStatus = async (h: Harness, card: { bank_id: number; slot_id: number }) =>
  (
    await h.query<{ status: string }>(sql`SELECT status FROM slots WHERE bank_id = ${card.bank_id} AND slot_id = ${card.slot_id}`)
  )[0]?.status;

describe('card protection', () => {
  let h: Harness;
  let remsim: RemsimServerDouble;
  const client = (path: string, body: unknown) =>
    fetch(`${h.url}/api/backend/v1/remsim${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const beat = (clientId: string, extra: Doc = {}) => client('/heartbeat', { client_id: clientId, tenant_id: 1, ...extra });
  const maps = () => remsim.slotmaps().map((m) => `${m.bank.bankId}:${m.bank.slotNr}`);

  beforeAll(async () => {
    remsim = await new RemsimServerDouble({ bankdAckMs: 5 }).start();
    h = await startIonMesh({ remsim });
  });
  afterAll(async () => {
    await h.close();
    await remsim.close();
  });

  it('binds what it sees, tells of another IMEI once, and with enforcing refuses it and blocks the card', async () => {
    await ok(client('/register-client', { client_id: 'imei-1', tenant_id: 1, hardware_info: { imei: IMEI_A } }));
    const card = await activeCard(h, 'imei-1');
    expect((await beat('imei-1', { modem_info: { imei: IMEI_A } })).status).toBe(200);
    const bound = await ok(h.admin('/imei-bindings/bind-current', json({ tenant_id: 1 })));
    expect(bound.cards).toContainEqual({ ...card, client_id: 'imei-1', imei: IMEI_A });

    // The modem was swapped: an event, once per new IMEI; not enforcing, the heartbeat is accepted.
    expect((await beat('imei-1', { modem_info: { imei: IMEI_B } })).status).toBe(200);
    expect((await beat('imei-1', { modem_info: { imei: IMEI_B } })).status).toBe(200);
    expect(await events(h, 'card.imei_changed')).toEqual([
      { ...card, client_id: 'imei-1', bound_imei: IMEI_A, imei: IMEI_B, enforcing: false },
    ]);

    // Enforcing: refused with 403 IMEI_LOCKED, the card disabled and unmapped, the client kept on it.
    await h.services.reconciler.idle();
    expect(maps()).toContain(`${card.bank_id}:${card.slot_id}`);
    await ok(h.admin('/imei-bindings', json({ tenant_id: 1, ...card, imei: IMEI_A, enforcing: true })));
    const refused = await beat('imei-1', { modem_info: { imei: IMEI_B } });
    expect([refused.status, (await refused.json()).code]).toEqual([403, 'IMEI_LOCKED']);
    expect(await slotStatus(h, card)).toBe('disabled');
    expect(await activeCard(h, 'imei-1')).toEqual(card);
    const locks = await ok(h.admin('/card-locks?kind=imei'));
    expect(locks.items[0]).toMatchObject({ ...card, kind: 'imei', state: 'locked', client_id: 'imei-1' });
    await h.services.reconciler.idle();
    await h.services.reconciler.periodic();
    await h.services.reconciler.idle();
    expect(maps()).not.toContain(`${card.bank_id}:${card.slot_id}`);
    // Its own modem again is welcome once the operator unlocks; the map comes back.
    await ok(h.admin(`/card-locks/${card.bank_id}/${card.slot_id}/unlock`, { method: 'POST' }));
    expect(await slotStatus(h, card)).toBe('assigned');
    expect((await beat('imei-1', { modem_info: { imei: IMEI_A } })).status).toBe(200);
    await h.services.reconciler.periodic();
    await h.services.reconciler.idle();
    expect(maps()).toContain(`${card.bank_id}:${card.slot_id}`);
  });

  it('locks a card whose failures reach the tenant’s limit, moves its client to the same carrier, and unlocks', async () => {
    await ok(
      h.admin('/tenants/1/protection', { method: 'PUT', body: JSON.stringify({ failure_limit: 3, failure_window_min: 30 }) }),
    );
    await ok(client('/register-client', { client_id: 'flaky-1', tenant_id: 1, mcc_mnc: '311480' }));
    const card = await activeCard(h, 'flaky-1');
    // Two health errors: under the limit.
    for (const status of ['error', 'active', 'error', 'active']) expect((await beat('flaky-1', { status })).status).toBe(200);
    expect((await h.services.protection.run()).locked).toBe(0);
    // A sample with half its TPDUs in error is the third failure.
    const accounting = new UsageService(h.db, { rawRetentionSec: 86_400, retentionDays: 400, settleSec: 0 });
    expect((await beat('flaky-1', { stats: { tpdu_count: 100, tpdu_errors: 0 } })).status).toBe(200);
    expect((await beat('flaky-1', { stats: { tpdu_count: 200, tpdu_errors: 50 } })).status).toBe(200);
    await accounting.account();
    expect((await h.services.protection.run()).locked).toBe(1);
    const now = await activeCard(h, 'flaky-1');
    expect(now).not.toEqual(card);
    const [carrier] = await h.query<{ mcc_mnc: string }>(
      sql`SELECT mcc_mnc FROM slots WHERE bank_id = ${now.bank_id} AND slot_id = ${now.slot_id}`,
    );
    expect(carrier?.mcc_mnc).toBe('311480');
    expect(await slotStatus(h, card)).toBe('faulty');
    const lock = (await ok(h.admin('/card-locks?kind=auto_lock'))).items[0];
    expect(lock).toMatchObject({ ...card, kind: 'auto_lock', state: 'locked', slot_status: 'faulty', client_id: 'flaky-1' });
    expect(lock.reason).toContain('3 failures');
    expect(lock.details).toMatchObject({ health_errors: 2, tpdu_errors: 1, moved_to: now });
    expect(await events(h, 'card.locked')).toContainEqual(
      expect.objectContaining({ ...card, kind: 'auto_lock', client_id: 'flaky-1', moved_to: now, state: 'locked' }),
    );
    // Once locked, the same failures never lock it again; unlocked, it starts afresh.
    expect((await h.services.protection.run()).locked).toBe(0);
    await ok(h.admin(`/card-locks/${card.bank_id}/${card.slot_id}/unlock`, { method: 'POST' }));
    expect(await slotStatus(h, card)).toBe('available');
    expect((await h.services.protection.run()).locked).toBe(0);
  });

  it('does not blame a card for its router dropping its RSPRO connection (power, backhaul, a stopped client)', async () => {
    await ok(
      h.admin('/tenants/1/protection', { method: 'PUT', body: JSON.stringify({ failure_limit: 2, failure_window_min: 30 }) }),
    );
    const a = await ok(client('/register-client', { client_id: 'walker-1', tenant_id: 1, mcc_mnc: '311480' }));
    const card = await activeCard(h, 'walker-1');
    const pass = async () => {
      await h.services.reconciler.idle();
      await h.services.reconciler.periodic();
      await h.services.reconciler.idle();
    };
    // The router's client process is started and killed four times: four RSPRO drops.
    for (let i = 0; i < 4; i++) {
      remsim.connectClient(a.bank_id, a.slot_id, 'walker-1');
      await pass();
      remsim.dropClient(a.bank_id, a.slot_id);
      await pass();
    }
    const [drops] = await h.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM health_log WHERE client_id = 'walker-1' AND reason = 'RSPRO disconnected'`,
    );
    expect(drops?.n).toBe(4);
    expect((await h.services.protection.run()).locked).toBe(0);
    expect(await activeCard(h, 'walker-1')).toEqual(card);
    expect(await slotStatus(h, card)).toBe('assigned');
    await ok(
      h.admin('/tenants/1/protection', { method: 'PUT', body: JSON.stringify({ failure_limit: 5, failure_window_min: 60 }) }),
    );
  });

  it('counts a registration never followed by presence on the remsim-server as a failure', async () => {
    await ok(
      h.admin('/tenants/1/protection', { method: 'PUT', body: JSON.stringify({ failure_limit: 1, presence_grace_min: 5 }) }),
    );
    await ok(client('/register-client', { client_id: 'ghost-1', tenant_id: 1, mcc_mnc: '311480' }));
    const card = await activeCard(h, 'ghost-1');
    expect((await h.services.protection.run()).no_presence).toBe(0); // within its grace
    await h.query(sql`UPDATE service_profiles SET created_at = now() - interval '6 minutes' WHERE client_id = 'ghost-1'`);
    await h.services.reconciler.periodic(); // the server was reached after the grace
    const run = await h.services.protection.run();
    expect(run.no_presence).toBe(1);
    expect(run.locked).toBe(1);
    expect((await ok(h.admin('/card-locks?kind=auto_lock'))).items[0]).toMatchObject({ ...card, client_id: 'ghost-1' });
    await ok(h.admin('/tenants/1/protection', { method: 'PUT', body: JSON.stringify({ auto_lock: false, failure_limit: 5 }) }));
  });

  it('takes a card out of service before its validity ends, and never assigns it after', async () => {
    await ok(client('/register-client', { client_id: 'expiring-1', tenant_id: 1, mcc_mnc: '311480' }));
    const card = await activeCard(h, 'expiring-1');
    // Valid through today: with the default notice (24 h before the end of its last day) it goes now.
    const today = new Date().toISOString().slice(0, 10);
    await ok(
      h.admin(`/usage/cards/${card.bank_id}/${card.slot_id}/settings`, {
        method: 'PUT',
        body: JSON.stringify({ valid_until: today }),
      }),
    );
    expect((await h.services.protection.run()).retired).toBe(1);
    const now = await activeCard(h, 'expiring-1');
    expect(now).not.toEqual(card);
    expect(await slotStatus(h, card)).toBe('disabled');
    const lock = (await ok(h.admin('/card-locks?kind=validity'))).items[0];
    expect(lock).toMatchObject({ ...card, kind: 'validity', client_id: 'expiring-1' });
    expect(lock.details).toMatchObject({ valid_until: today, notice_hours: 24 });
    // No registration gets it.
    for (let i = 0; i < 5; i++) {
      const res = await client('/register-client', { client_id: `after-${i}`, tenant_id: 1, mcc_mnc: '311480' });
      const body = await res.json();
      expect(body.sim_slot).not.toEqual({ ...card, tenant_id: 1 });
    }
  });

  it('gives settings back as they were written', async () => {
    for (const rate of [0.2, 0.35, 0.123456789]) {
      const put = await ok(h.admin('/tenants/1/protection', { method: 'PUT', body: JSON.stringify({ tpdu_error_rate: rate }) }));
      expect(put.tpdu_error_rate).toBe(rate);
      expect((await ok(h.admin('/tenants/1/protection'))).tpdu_error_rate).toBe(rate);
    }
    await ok(h.admin('/tenants/1/protection', { method: 'PUT', body: JSON.stringify({ tpdu_error_rate: 0.2 }) }));
  });

  it('refuses bad settings and bindings with a clear 4xx and changes nothing', async () => {
    const before = await ok(h.admin('/tenants/1/protection'));
    for (const body of [{}, { failure_limit: 0 }, { tpdu_error_rate: 0 }, { tpdu_error_rate: 1.5 }, { nonsense: true }]) {
      const res = await h.admin('/tenants/1/protection', { method: 'PUT', body: JSON.stringify(body) });
      expect([res.status, (await res.json()).code], JSON.stringify(body)).toEqual([400, 'VALIDATION_ERROR']);
    }
    expect(await ok(h.admin('/tenants/1/protection'))).toEqual(before);
    expect((await h.admin('/tenants/77/protection')).status).toBe(404);
    const n = (await ok(h.admin('/imei-bindings'))).total;
    for (const body of [
      { tenant_id: 1, imei: '12' },
      { tenant_id: 1, imei: IMEI_A },
      { tenant_id: 1, imei: IMEI_A, bank_id: 1 },
      { tenant_id: 1, imei: IMEI_A, bank_id: 1, slot_id: 2, client_id: 'x' },
    ]) {
      const res = await h.admin('/imei-bindings', json(body));
      expect([res.status, (await res.json()).code], JSON.stringify(body)).toEqual([400, 'VALIDATION_ERROR']);
    }
    expect((await ok(h.admin('/imei-bindings'))).total).toBe(n);
    const gone = await h.admin('/imei-bindings/9999', { method: 'DELETE' });
    expect([gone.status, (await gone.json()).code]).toEqual([404, 'IMEI_BINDING_NOT_FOUND']);
  });
});
