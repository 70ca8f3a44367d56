// Carriers: the MCC+MNC list comes from a maintained data set, is seeded once, and is searchable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carrierDataset } from '../src/modules/carriers/carriers.usecases.js';
import { type Harness, startIonMesh } from './support/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read by the assertions
type Doc = Record<string, any>;

describe('carriers', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh({ demo: false });
  });
  afterAll(() => h.close());

  it('seeds every valid MCC+MNC of the data set once', async () => {
    const data = carrierDataset();
    expect(data.length).toBeGreaterThan(2500);
    expect(await h.services.carriers.seed()).toBe(data.length);
    expect(await h.services.carriers.seed()).toBe(0);
  });

  it('answers one carrier by MCC+MNC, and 404 or 400 for unknown or malformed codes', async () => {
    expect(await (await h.admin('/carriers/310410')).json()).toMatchObject({
      mcc_mnc: '310410',
      mcc: '310',
      mnc: '410',
      brand: 'AT&T',
      country_code: 'US',
      source: 'mcc-mnc-list 1.1.11',
    });
    const missing = await h.admin('/carriers/998877');
    expect([missing.status, ((await missing.json()) as Doc).code]).toEqual([404, 'CARRIER_NOT_FOUND']);
    expect((await h.admin('/carriers/31041x')).status).toBe(400);
  });

  it('filters by MCC, country and text, paginated', async () => {
    const de = (await (await h.admin('/carriers?country_code=de&limit=5')).json()) as Doc;
    expect(de.total).toBeGreaterThan(5);
    expect(de.items).toHaveLength(5);
    expect(de.items.every((c: Doc) => c.country_code === 'DE')).toBe(true);
    const verizon = (await (await h.admin('/carriers?mcc=311&q=verizon')).json()) as Doc;
    expect(verizon.items.map((c: Doc) => c.mcc_mnc)).toContain('311480');
    expect((await h.admin('/carriers?mcc=31')).status).toBe(400);
    expect((await h.admin('/carriers?q=%25')).status).toBe(200);
  });
});

describe('carrier as a registration hint', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh();
  });
  afterAll(() => h.close());

  const register = async (body: Doc) =>
    (await (
      await fetch(`${h.url}/api/backend/v1/remsim/register-client`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant_id: 1, ...body }),
      })
    ).json()) as Doc;

  it('gives a card of the hinted carrier when there is one, and any card otherwise', async () => {
    // Demo: bank 1 holds AT&T cards, bank 2 Verizon cards; without a hint bank 1 comes first.
    expect((await register({ client_id: 'hint-1-slot0', carrier: 'verizon' })).sim_slot.bank_id).toBe(2);
    expect((await register({ client_id: 'hint-2-slot0', carrier: 'Unknown Mobile' })).sim_slot.bank_id).toBe(1);
    expect((await register({ client_id: 'hint-3-slot0' })).sim_slot.bank_id).toBe(1);
    // An MCC/MNC is more precise than a name: it wins.
    expect((await register({ client_id: 'hint-4-slot0', mcc_mnc: '310410', carrier: 'Verizon' })).sim_slot.bank_id).toBe(1);
  });

  it('routes by carrier in all three mapping modes', async () => {
    const vsim = await register({ client_id: 'mode-v-slot0', mapping_mode: 'ONE_TO_ONE_VSIM', mcc_mnc: '311480' });
    expect([vsim.mapping_mode, vsim.sim_slot.bank_id, vsim.ki_proxy_enabled]).toEqual(['ONE_TO_ONE_VSIM', 2, false]);
    const swsim = await register({ client_id: 'mode-s-slot0', mapping_mode: 'ONE_TO_ONE_SWSIM', mcc_mnc: '310410' });
    expect([swsim.mapping_mode, swsim.sim_slot.bank_id]).toEqual(['ONE_TO_ONE_SWSIM', 1]);
    const pool = await h.admin('/ki-proxy-pools', {
      method: 'POST',
      body: JSON.stringify({
        pool_name: 'vzw-ki',
        tenant_id: 1,
        carrier: 'Verizon',
        mcc_mnc: '311480',
        bank_id: 2,
        physical_slot_start: 30,
        physical_slot_end: 31,
        virtual_segments: [{ bank_id: 2, virtual_slot_start: 500, virtual_slot_end: 509 }],
      }),
    });
    expect(pool.status).toBe(200);
    const ki = await register({ client_id: 'mode-k-slot0', mapping_mode: 'KI_PROXY_SWSIM', mcc_mnc: '311480' });
    expect([ki.mapping_mode, ki.sim_slot.bank_id, ki.slot_id, ki.ki_proxy_enabled, ki.imsi.slice(0, 6)]).toEqual([
      'KI_PROXY_SWSIM',
      2,
      500,
      true,
      '311480',
    ]);
  });
});
