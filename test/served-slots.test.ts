// A bank slot the remsim side cannot serve is never handed out: one beyond what its bankd serves
// (`-n 4` in front of a bank of 32) or one a map of another tool holds. It shows as `unserved`
// with its reason, clients on it are moved by the lost-card playbook (the card is not blamed),
// every map IonMesh cannot make is reported once with its reason, and the slots come back when
// the bankd serves them again or the foreign map goes.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, healAll, json, startIonMesh, until } from './support/harness.js';
import { RemsimServerDouble } from './support/remsim-server-double.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read by the assertions
type Doc = Record<string, any>;

describe('slots the remsim side does not serve', () => {
  let remsim: RemsimServerDouble;
  let h: Harness;
  let serverId: number;

  const register = (clientId: string, mcc_mnc: string) =>
    fetch(`${h.url}/api/backend/v1/remsim/register-client`, {
      ...json({ client_id: clientId, tenant_id: 1, mcc_mnc }),
      headers: { 'content-type': 'application/json' },
    });
  const registered = async (clientId: string, mcc_mnc = '310410') => {
    const r = await register(clientId, mcc_mnc);
    const body = (await r.json()) as Doc;
    expect(r.status, JSON.stringify(body)).toBe(200);
    return body;
  };
  const reconcile = async () => {
    const r = await h.admin(`/remsim-servers/${serverId}/reconcile`, { method: 'POST' });
    expect(r.status).toBe(200);
    return (await r.json()) as Doc;
  };
  const slot = async (bankId: number, slotId: number) =>
    (await (await h.admin(`/banks/${bankId}/slots/${slotId}`)).json()) as Doc;
  const cardOf = async (clientId: string) =>
    (
      await h.query<{ bank_id: number; slot_id: number }>(
        sql`SELECT bank_id, slot_id FROM service_profiles WHERE client_id = ${clientId} AND status = 'ACTIVE'`,
      )
    )[0];
  const events = (type: string) =>
    h.query<{ data: Doc }>(sql`SELECT data FROM events WHERE type = ${type} ORDER BY id`).then((r) => r.map((e) => e.data));
  const heal = () => healAll(h);

  beforeAll(async () => {
    remsim = await new RemsimServerDouble({ bankdAckMs: 5 }).start();
    h = await startIonMesh({ remsim });
    const [s] = await h.query<{ id: number }>(sql`SELECT id FROM remsim_servers`);
    serverId = s?.id as number;
    remsim.connectBankd(1, 32);
    remsim.connectBankd(2, 32);
    await reconcile();
  });
  afterAll(async () => {
    await h.close();
    await remsim.close();
  });

  it('moves clients off slots a shrunken bankd no longer serves, and hands those slots to no one', async () => {
    // Six AT&T routers on bank 1 slots 0..5; two leave, so slots 0 and 1 are free and served.
    for (let i = 0; i < 6; i++) await registered(`shrink-${i}-slot0`);
    expect(await cardOf('shrink-5-slot0')).toEqual({ bank_id: 1, slot_id: 5 });
    for (const id of ['shrink-0-slot0', 'shrink-1-slot0'])
      expect((await fetch(`${h.url}/api/backend/v1/remsim/unregister/${id}`, { method: 'DELETE' })).status).toBe(200);
    await reconcile();

    // The bankd restarts as `-n 4`.
    remsim.dropBankd(1);
    remsim.connectBankd(1, 4);
    const pass = await reconcile();
    expect(pass.invalid).toEqual([
      { client_id: 'shrink-4-slot0', reason: expect.stringContaining('reports 4 slots') },
      { client_id: 'shrink-5-slot0', reason: expect.stringContaining('reports 4 slots') },
    ]);
    expect(remsim.slotmaps().some((m) => m.bank.bankId === 1 && m.bank.slotNr >= 4)).toBe(false);
    // The status and one event per map say why; a second pass raises no second event.
    const status = (await (await h.admin(`/remsim-servers/${serverId}`)).json()) as Doc;
    expect(status.invalid).toEqual([
      expect.objectContaining({
        client_id: 'shrink-4-slot0',
        bank_id: 1,
        bank_slot: 4,
        reason: expect.stringContaining('4 slots'),
      }),
      expect.objectContaining({ client_id: 'shrink-5-slot0', bank_id: 1, bank_slot: 5 }),
    ]);
    await reconcile();
    expect(await events('remsim.mapping_invalid')).toEqual([
      expect.objectContaining({ bank_id: 1, bank_slot: 4, client: expect.objectContaining({ client_id: 'shrink-4-slot0' }) }),
      expect.objectContaining({ bank_id: 1, bank_slot: 5, client: expect.objectContaining({ client_id: 'shrink-5-slot0' }) }),
    ]);

    // A free slot beyond the bankd is shown as such, with the reason, and never handed out.
    expect(await slot(1, 9)).toMatchObject({ status: 'unserved', unserved_reason: 'its bankd serves 4 slots (0..3)' });
    expect(await slot(1, 2)).toMatchObject({ status: 'assigned', unserved_reason: null });
    const unserved = await events('slot.unserved');
    expect(unserved).toHaveLength(28);
    expect(unserved.filter((e) => e.client_id)).toEqual([
      expect.objectContaining({ bank_id: 1, slot_id: 4, client_id: 'shrink-4-slot0', reason: 'its bankd serves 4 slots (0..3)' }),
      expect.objectContaining({ bank_id: 1, slot_id: 5, client_id: 'shrink-5-slot0' }),
    ]);

    // The overview raises both: the maps that cannot be made, and the bank's slots not served.
    const overview = (await (await h.admin('/fleet/overview')).json()) as Doc;
    expect(overview.alerts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'mapping_invalid', message: expect.stringContaining('2 assignments cannot be mapped') }),
        expect.objectContaining({
          kind: 'slots_unserved',
          ref: 'bank:1',
          message: expect.stringContaining('its bankd serves 4 slots'),
        }),
      ]),
    );

    // Self-healing moves both to the served free slots; the cards they leave are not blamed.
    await heal();
    expect([await cardOf('shrink-4-slot0'), await cardOf('shrink-5-slot0')]).toEqual([
      { bank_id: 1, slot_id: 0 },
      { bank_id: 1, slot_id: 1 },
    ]);
    expect(await slot(1, 4)).toMatchObject({ status: 'unserved', unserved_reason: expect.stringContaining('4 slots') });
    const [incident] = (await (await h.admin('/incidents?cause=card_failure&client_id=shrink-4-slot0')).json()).items as Doc[];
    expect(incident).toMatchObject({ state: 'resolved', summary: expect.stringContaining('is not served: its bankd serves 4') });
    await reconcile();
    expect(
      remsim
        .slotmaps()
        .filter((m) => m.bank.bankId === 1)
        .map((m) => m.bank.slotNr)
        .sort(),
    ).toEqual([0, 1, 2, 3]);

    // No served AT&T card is left: the next router is refused rather than given slot 9.
    const refused = await register('late-slot0', '310410');
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as Doc).code).toBe('NO_SLOT_AVAILABLE');

    // The bankd serves 32 again: the slots come back, with an event each, and are handed out.
    remsim.dropBankd(1);
    remsim.connectBankd(1, 32);
    await reconcile();
    expect(await slot(1, 9)).toMatchObject({ status: 'available', unserved_reason: null });
    expect(await slot(1, 4)).toMatchObject({ status: 'available', unserved_reason: null });
    expect(await events('slot.served')).toHaveLength(28);
    expect((await registered('late-slot0')).sim_slot).toMatchObject({ bank_id: 1, slot_id: 4 });
  });

  it('never hands out a free slot a foreign map holds, and gives it back when the map goes', async () => {
    const foreign = await fetch(`${remsim.url}/api/backend/v1/slotmaps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ bank: { bankId: 2, slotNr: 0 }, client: { clientId: 900, slotNr: 3 } }),
    });
    expect(foreign.status).toBe(201);
    await reconcile();
    expect(await slot(2, 0)).toMatchObject({
      status: 'unserved',
      unserved_reason: expect.stringMatching(/held on the remsim-server by a map IonMesh does not own \(RSPRO client 900:3/),
    });
    expect((await registered('verizon-1-slot0', '311480')).sim_slot).toMatchObject({ bank_id: 2, slot_id: 1 });
    await reconcile();
    // The foreign map is left alone.
    expect(remsim.slotmaps().some((m) => m.bank.bankId === 2 && m.bank.slotNr === 0 && m.client.clientId === 900)).toBe(true);

    // The operator removes it: the slot is served again and handed out.
    expect((await fetch(`${remsim.url}/api/backend/v1/slotmaps/${2 * 65536}`, { method: 'DELETE' })).status).toBe(200);
    await until('the foreign map is gone', () => !remsim.slotmaps().some((m) => m.client.clientId === 900));
    await reconcile();
    expect(await slot(2, 0)).toMatchObject({ status: 'available', unserved_reason: null });
    expect((await registered('verizon-2-slot0', '311480')).sim_slot).toMatchObject({ bank_id: 2, slot_id: 0 });
  });
});
