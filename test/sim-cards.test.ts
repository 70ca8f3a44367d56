// SIM card metadata: an operator records what card sits in each slot, with KI pool membership
// and free-form data; bad data is refused and changes nothing.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLuhn } from '../src/domain/iccid.js';
import { type Harness, snapshot, startIonMesh } from './support/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read by the assertions
type Doc = Record<string, any>;

describe('SIM card metadata API', () => {
  let h: Harness;
  const put = (bank: number, slot: number, body: unknown) =>
    h.admin(`/sim-cards/${bank}/${slot}`, { method: 'PUT', body: JSON.stringify(body) });
  const master = {
    iccid: withLuhn('890141000000990001'),
    imsi: '310410990000001',
    carrier: 'AT&T',
    mcc_mnc: '310410',
    card_type: 'KI_PROXY_MASTER',
    ki_pool_name: 'att-ki',
    ki_pool_priority: 1,
    card_metadata: { supplier: 'G+D', batch: 'B-17' },
  };

  beforeAll(async () => {
    h = await startIonMesh();
  });
  afterAll(() => h.close());

  it('puts a card in a slot, reads it back, and lists it by carrier, pool, type and bank', async () => {
    const res = await put(1, 31, master);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ bank_id: 1, slot_id: 31, ...master, status: 'available' });
    expect(await (await h.admin('/sim-cards/1/31')).json()).toMatchObject({
      iccid: master.iccid,
      card_metadata: master.card_metadata,
    });
    for (const q of ['ki_pool_name=att-ki', 'card_type=KI_PROXY_MASTER', 'carrier=AT%26T&bank_id=1']) {
      const list = (await (await h.admin(`/sim-cards?${q}`)).json()) as Doc;
      expect(
        list.items.map((c: Doc) => `${c.bank_id}:${c.slot_id}`),
        q,
      ).toContain('1:31');
    }
    const other = (await (await h.admin('/sim-cards?ki_pool_name=none')).json()) as Doc;
    expect(other).toMatchObject({ items: [], total: 0 });
    // A KI master card is never handed to a one-to-one client.
    const reg = await fetch(`${h.url}/api/backend/v1/remsim/register-client`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'c1-slot0', tenant_id: 1, preferred_bank_id: 1 }),
    });
    expect(((await reg.json()) as Doc).sim_slot.slot_id).not.toBe(31);
  });

  it('replaces a card’s data on a second put, and forgets fields left out', async () => {
    const res = await put(1, 31, { iccid: master.iccid, card_type: 'REGULAR' });
    expect(await res.json()).toMatchObject({ card_type: 'REGULAR', ki_pool_name: null, card_metadata: null, imsi: null });
  });

  it('refuses bad cards, unknown slots and duplicate ICCIDs with a 4xx and writes nothing', async () => {
    const before = await snapshot(h);
    const cases: Array<[number, number, unknown, number, string]> = [
      [1, 30, { iccid: '8901410000009900019' }, 400, 'VALIDATION_ERROR'], // wrong Luhn digit
      [1, 30, { iccid: master.iccid.slice(0, 10) }, 400, 'VALIDATION_ERROR'],
      [1, 30, { iccid: withLuhn('890141000000990002'), imsi: '311480990000001', mcc_mnc: '310410' }, 400, 'VALIDATION_ERROR'],
      [1, 30, { iccid: withLuhn('890141000000990002'), imsi: '3104109900000011' }, 400, 'VALIDATION_ERROR'],
      [1, 30, { iccid: withLuhn('890141000000990002'), card_type: 'PLASTIC' }, 400, 'VALIDATION_ERROR'],
      [1, 30, { iccid: withLuhn('890141000000990002'), extra: 1 }, 400, 'VALIDATION_ERROR'],
      [1, 500, { iccid: withLuhn('890141000000990002') }, 404, 'SLOT_NOT_FOUND'],
      [1, 1024, { iccid: withLuhn('890141000000990002') }, 400, 'VALIDATION_ERROR'],
      [1, 30, { iccid: master.iccid }, 409, 'DUPLICATE_ICCID'],
    ];
    for (const [bank, slot, body, status, code] of cases) {
      const res = await put(bank, slot, body);
      expect({ body, status: res.status, code: ((await res.json()) as Doc).code }).toEqual({ body, status, code });
    }
    expect(await snapshot(h)).toEqual(before);
  });

  it('takes a card out unless a client holds its slot', async () => {
    const held = await h.query<{ bank_id: number; slot_id: number }>(
      sql`SELECT bank_id, slot_id FROM service_profiles WHERE client_id = 'c1-slot0'`,
    );
    const slot = held[0] as { bank_id: number; slot_id: number };
    const refused = await h.admin(`/sim-cards/${slot.bank_id}/${slot.slot_id}`, { method: 'DELETE' });
    expect([refused.status, ((await refused.json()) as Doc).code]).toEqual([409, 'SLOT_ASSIGNED']);
    expect((await h.admin('/sim-cards/1/31', { method: 'DELETE' })).status).toBe(200);
    const gone = await h.admin('/sim-cards/1/31');
    expect([gone.status, ((await gone.json()) as Doc).code]).toEqual([404, 'CARD_NOT_FOUND']);
    expect((await h.admin('/banks/1/slots/31')).status).toBe(200);
  });
});
