// The events outbox: every state change writes its event in the same transaction; a refused
// or failed change writes none.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, json, startIonMesh } from './support/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: event data, read by the assertions
type Doc = Record<string, any>;

describe('events outbox', () => {
  let h: Harness;
  const remsim = (path: string, body: unknown, method = 'POST') =>
    fetch(`${h.url}/api/backend/v1/remsim${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  const events = (after = 0) =>
    h.query<{ id: number; type: string; tenant_id: number | null; data: Doc }>(
      sql`SELECT id, type, tenant_id, data FROM events WHERE id > ${after} ORDER BY id`,
    );
  const last = async () => (await events()).at(-1)?.id ?? 0;

  beforeAll(async () => {
    h = await startIonMesh({ config: { offlineAfterSec: 10 } });
  });
  afterAll(() => h.close());

  it('writes client.registered with the registration, and nothing for a refused one', async () => {
    const before = await last();
    expect((await remsim('/register-client', { client_id: 'ev-1-slot0', tenant_id: 1 })).status).toBe(200);
    expect((await remsim('/register-client', { client_id: 'ev-1-slot0', tenant_id: 1 })).status).toBe(200); // again: no change
    expect((await remsim('/register-client', { client_id: 'ev-2-slot0', tenant_id: 9 })).status).toBe(404);
    expect((await remsim('/register-client', { client_id: 'ev 3', tenant_id: 1 })).status).toBe(400);
    expect((await remsim('/register-client', { client_id: 'ev-4-slot0', tenant_id: 1, mcc_mnc: '99999' })).status).toBe(503);
    const got = await events(before);
    expect(got.map((e) => e.type)).toEqual(['client.registered']);
    expect(got[0]).toMatchObject({ tenant_id: 1, data: { client_id: 'ev-1-slot0', mapping_mode: 'ONE_TO_ONE_SWSIM' } });
  });

  it('writes client.online and client.health_changed from heartbeats, client.offline from the sweep', async () => {
    const before = await last();
    expect((await remsim('/heartbeat', { client_id: 'ev-1-slot0', status: 'active' })).status).toBe(200);
    expect((await remsim('/heartbeat', { client_id: 'ev-1-slot0', status: 'active' })).status).toBe(200);
    expect((await remsim('/heartbeat', { client_id: 'ev-1-slot0', status: 'degraded' })).status).toBe(200);
    await h.query(sql`UPDATE service_profiles SET last_heartbeat = now() - interval '1 hour' WHERE client_id = 'ev-1-slot0'`);
    await h.services.clients.sweepOffline();
    const got = await events(before);
    expect(got.map((e) => e.type)).toEqual(['client.online', 'client.health_changed', 'client.health_changed', 'client.offline']);
    expect(got[3]?.data).toMatchObject({ client_id: 'ev-1-slot0', previous: 'online', reason: 'no heartbeat for 10 s' });
  });

  it('writes client.reassigned and the slot changes, then client.unregistered', async () => {
    const before = await last();
    expect((await h.admin('/clients/ev-1-slot0/reassign', json({ bank_id: 2, slot_id: 9 }))).status).toBe(200);
    expect((await h.admin('/clients/ev-1-slot0/reassign', json({ bank_id: 2, slot_id: 9 }))).status).toBe(409);
    expect((await remsim('/unregister/ev-1-slot0', undefined, 'DELETE')).status).toBe(200);
    const got = await events(before);
    expect(got.map((e) => e.type)).toEqual([
      'slot.status_changed',
      'slot.status_changed',
      'client.reassigned',
      'slot.status_changed',
      'client.unregistered',
    ]);
    expect(got[2]?.data).toMatchObject({ from: { bank_id: 1 }, to: { bank_id: 2, slot_id: 9 } });
  });

  it('warns when a KI proxy pool crosses 80 % and 95 % of its capacity', async () => {
    const pool = await h.admin(
      '/ki-proxy-pools',
      json({
        pool_name: 'small',
        tenant_id: 1,
        mcc_mnc: '310410',
        bank_id: 1,
        physical_slot_start: 30,
        physical_slot_end: 31,
        virtual_segments: [{ bank_id: 1, virtual_slot_start: 900, virtual_slot_end: 919 }],
      }),
    );
    expect(pool.status).toBe(200);
    const before = await last();
    for (let i = 0; i < 20; i++) {
      const r = await remsim('/register-client', {
        client_id: `ki-ev-${i}-slot0`,
        mapping_mode: 'KI_PROXY_SWSIM',
        mcc_mnc: '310410',
        tenant_id: 1,
      });
      expect(r.status).toBe(200);
    }
    const warnings = (await events(before)).filter((e) => e.type === 'pool.capacity_warning');
    expect(warnings.map((w) => [w.data.threshold_percent, w.data.current_virtual_sims])).toEqual([
      [80, 16],
      [95, 19],
    ]);
  });
});
