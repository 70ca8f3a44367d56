// A router whose configuration changed registers again asking for another mapping mode or
// carrier. It keeps its assignment with a 200 (the deployed client must get the same answer),
// and IonMesh records what it asked for, says so once, shows it, and, where the tenant opts in,
// moves it to a matching card.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startIonMesh } from './support/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read by the assertions
type Doc = Record<string, any>;

describe('a router whose configuration changed', () => {
  let h: Harness;
  const register = async (clientId: string, mccMnc: string) => {
    const res = await fetch(`${h.url}/api/backend/v1/remsim/register-client`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: clientId, tenant_id: 1, mcc_mnc: mccMnc }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Doc;
  };
  const profile = async (clientId: string) => ((await (await h.admin(`/clients/${clientId}`)).json()) as Doc).profile as Doc;
  const mismatchEvents = async (clientId: string) =>
    (
      await h.query<{ data: Doc }>(
        sql`SELECT data FROM events WHERE type = 'client.config_mismatch' AND data->>'client_id' = ${clientId} ORDER BY id`,
      )
    ).map((e) => e.data);

  beforeAll(async () => {
    h = await startIonMesh(); // demo: bank 1 holds AT&T (310410) cards, bank 2 Verizon (311480)
  });
  afterAll(() => h.close());

  it('keeps its assignment, records what it asked for, and says so once per change', async () => {
    const first = await register('changer-slot0', '310410');
    const again = await register('changer-slot0', '311480');
    expect([again.bank_id, again.slot_id, again.iccid, again.sim_slot]).toEqual([
      first.bank_id,
      first.slot_id,
      first.iccid,
      first.sim_slot,
    ]);
    expect(await profile('changer-slot0')).toMatchObject({
      config_mismatch: true,
      requested_mapping_mode: 'ONE_TO_ONE_SWSIM',
      requested_mcc_mnc: '311480',
      mcc_mnc: '310410',
    });
    await register('changer-slot0', '311480');
    expect(await mismatchEvents('changer-slot0')).toEqual([
      expect.objectContaining({
        requested: { mapping_mode: 'ONE_TO_ONE_SWSIM', mcc_mnc: '311480' },
        assigned: { mapping_mode: 'ONE_TO_ONE_SWSIM', mcc_mnc: '310410' },
        action: 'kept',
      }),
    ]);
    // Asking for what it holds again clears it.
    await register('changer-slot0', '310410');
    expect(await profile('changer-slot0')).toMatchObject({ config_mismatch: false, requested_mcc_mnc: null });
  });

  it('is moved to a matching card when its tenant opts in, and keeps its card when none is free', async () => {
    const first = await register('mover-slot0', '310410');
    expect((await h.admin('/tenants/1', { method: 'PATCH', body: '{"move_on_config_mismatch":true}' })).status).toBe(200);
    const moved = await register('mover-slot0', '311480');
    expect(moved.note).toBeUndefined();
    expect(moved.sim_slot).toMatchObject({ bank_id: 2 });
    const [old] = await h.query<{ status: string }>(
      sql`SELECT status FROM slots WHERE bank_id = ${first.sim_slot.bank_id} AND slot_id = ${first.sim_slot.slot_id}`,
    );
    expect(old?.status).toBe('available');
    expect(await profile('mover-slot0')).toMatchObject({ config_mismatch: false, mcc_mnc: '311480' });
    expect(await mismatchEvents('mover-slot0')).toEqual([expect.objectContaining({ action: 'moved' })]);

    // Nothing of 99999 exists: it keeps what it has, with the mismatch on record.
    const kept = await register('mover-slot0', '99999');
    expect(kept.sim_slot).toEqual(moved.sim_slot);
    expect(await profile('mover-slot0')).toMatchObject({ config_mismatch: true, requested_mcc_mnc: '99999' });
    expect((await mismatchEvents('mover-slot0')).at(-1)).toMatchObject({ action: 'kept: no matching card free' });
    const active = await h.query(sql`SELECT 1 FROM service_profiles WHERE client_id = 'mover-slot0' AND status = 'ACTIVE'`);
    expect(active).toHaveLength(1);
  });
});
