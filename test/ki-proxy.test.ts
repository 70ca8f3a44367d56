// KI proxy pools: an operator defines a carrier's pool, routers register in KI_PROXY_SWSIM and get
// virtual slots with virtual ICCIDs/IMSIs, never more than the pool holds, even all at once.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { virtualIccid, virtualImsi } from '../src/domain/virtual-identity.js';
import { readRegisterAnswer } from '../src/sim/openwrt-client.js';
import { type Harness, json, snapshot, startIonMesh } from './support/harness.js';
import { RemsimServerDouble } from './support/remsim-server-double.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read by the assertions
type Doc = Record<string, any>;

const REGISTER = '/api/backend/v1/remsim/register-client';
const att = {
  pool_name: 'att-ki',
  tenant_id: 1,
  carrier: 'AT&T',
  mcc_mnc: '310410',
  bank_id: 1,
  physical_slot_start: 20,
  physical_slot_end: 23,
  virtual_segments: [{ bank_id: 1, virtual_slot_start: 900, virtual_slot_end: 903 }],
};

describe('KI proxy pools', () => {
  let h: Harness;
  let remsim: RemsimServerDouble;
  let poolId: number;

  const register = async (clientId: string, extra: Record<string, unknown> = {}) => {
    const res = await fetch(`${h.url}${REGISTER}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: clientId, mapping_mode: 'KI_PROXY_SWSIM', mcc_mnc: '310410', tenant_id: 1, ...extra }),
    });
    return { status: res.status, text: await res.text() };
  };
  const pool = async (id = poolId) => (await (await h.admin(`/ki-proxy-pools/${id}`)).json()) as Doc;

  beforeAll(async () => {
    remsim = await new RemsimServerDouble({ bankdAckMs: 5 }).start();
    h = await startIonMesh({ remsim });
  });
  afterAll(async () => {
    await h.close();
    await remsim.close();
  });

  it('creates a pool with its physical KI cards, capacity and utilization', async () => {
    const res = await h.admin('/ki-proxy-pools', json(att));
    expect(res.status).toBe(200);
    const p = (await res.json()) as Doc;
    poolId = p.id;
    expect(p).toMatchObject({
      pool_name: 'att-ki',
      capacity: 4,
      current_virtual_sims: 0,
      utilization: 0,
      routing_mode: 'round-robin',
      enabled: true,
    });
    const detail = await pool();
    expect(detail.physical_sims.map((s: Doc) => s.slot_id)).toEqual([20, 21, 22, 23]);
    expect(detail.virtual_segments).toEqual([{ bank_id: 1, virtual_slot_start: 900, virtual_slot_end: 903 }]);
    const list = (await (await h.admin('/ki-proxy-pools?mcc_mnc=310410')).json()) as Doc;
    expect(list.items.map((i: Doc) => i.pool_name)).toEqual(['att-ki']);
  });

  it('refuses every broken range, overlap and unknown bank with a 4xx and writes nothing', async () => {
    const before = await snapshot(h);
    const cases: Array<[Doc, number, string]> = [
      [{ ...att, pool_name: 'x1', physical_slot_start: 23, physical_slot_end: 20 }, 400, 'VALIDATION_ERROR'],
      [
        { ...att, pool_name: 'x2', virtual_segments: [{ bank_id: 1, virtual_slot_start: 950, virtual_slot_end: 1024 }] },
        400,
        'VALIDATION_ERROR',
      ],
      [
        { ...att, pool_name: 'x3', virtual_segments: [{ bank_id: 1, virtual_slot_start: 22, virtual_slot_end: 40 }] },
        400,
        'VALIDATION_ERROR',
      ],
      [
        {
          ...att,
          pool_name: 'x4',
          physical_slot_start: 24,
          physical_slot_end: 25,
          virtual_segments: [{ bank_id: 1, virtual_slot_start: 903, virtual_slot_end: 910 }],
        },
        409,
        'POOL_OVERLAP',
      ],
      [
        {
          ...att,
          pool_name: 'x5',
          physical_slot_start: 24,
          physical_slot_end: 25,
          virtual_segments: [{ bank_id: 2, virtual_slot_start: 10, virtual_slot_end: 12 }],
        },
        409,
        'POOL_OVERLAP',
      ],
      [
        { ...att, pool_name: 'x6', virtual_segments: [{ bank_id: 7, virtual_slot_start: 0, virtual_slot_end: 9 }] },
        404,
        'BANK_NOT_FOUND',
      ],
      [
        {
          ...att,
          physical_slot_start: 24,
          physical_slot_end: 25,
          virtual_segments: [{ bank_id: 2, virtual_slot_start: 900, virtual_slot_end: 901 }],
        },
        409,
        'POOL_EXISTS',
      ],
      [{ ...att, pool_name: 'x7', mcc_mnc: '31041' + 'x' }, 400, 'VALIDATION_ERROR'],
      [{ ...att, pool_name: 'x8', routing_mode: 'sticky' }, 400, 'VALIDATION_ERROR'],
      [{ ...att, pool_name: 'x9', virtual_segments: [] }, 400, 'VALIDATION_ERROR'],
    ];
    for (const [body, status, code] of cases) {
      const res = await h.admin('/ki-proxy-pools', json(body));
      expect({ name: body.pool_name, status: res.status, code: ((await res.json()) as Doc).code }).toEqual({
        name: body.pool_name,
        status,
        code,
      });
    }
    expect(await snapshot(h)).toEqual(before);
    const [n] = await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM ki_proxy_pools`);
    expect(n?.n).toBe(1);
  });

  it('registers a router in KI_PROXY_SWSIM: a virtual slot, a virtual ICCID and IMSI, read by the deployed client', async () => {
    const { status, text } = await register('ki-one-slot0');
    expect(status).toBe(200);
    const a = JSON.parse(text) as Doc;
    expect(a).toMatchObject({
      bank_id: 1,
      slot_id: 900,
      iccid: virtualIccid(1, 1, 900),
      imsi: virtualImsi('310410', 1, 900),
      mapping_mode: 'KI_PROXY_SWSIM',
      ki_proxy_enabled: true,
      sim_slot: { bank_id: 1, slot_id: 900, tenant_id: 1 },
      ki_proxy_pool: { pool_id: poolId, pool_name: 'att-ki', carrier: 'AT&T', mcc_mnc: '310410', virtual_slot: 900 },
    });
    // Nested objects come after the top-level keys the client scans for.
    expect(text.indexOf('"ki_proxy_pool"')).toBeGreaterThan(text.indexOf('"mapping_mode"'));
    const reading = readRegisterAnswer(status, text);
    expect(reading.client_accepts).toBe(true);
    expect(reading.parsed).toMatchObject({ bank_id: 1, slot_id: 900, iccid: a.iccid, imsi: a.imsi });
    // Registering again returns the same virtual SIM; the pool counts one.
    const again = JSON.parse((await register('ki-one-slot0')).text) as Doc;
    expect([again.slot_id, again.iccid, again.note]).toEqual([900, a.iccid, expect.stringMatching(/already registered/)]);
    expect((await pool()).current_virtual_sims).toBe(1);
    // The remsim-server gets the mapping of the virtual slot.
    await h.services.reconciler.idle();
    expect(remsim.slotmaps().map((m) => `${m.client.clientId}:${m.client.slotNr}->${m.bank.bankId}:${m.bank.slotNr}`)).toContain(
      '1:900->1:900',
    );
  });

  it('asks for mcc_mnc, and answers 404 for a carrier no pool serves or a carrier hint that does not match', async () => {
    expect((await register('ki-x-slot0', { mcc_mnc: '' })).status).toBe(400);
    const none = await register('ki-x-slot0', { mcc_mnc: '311480' });
    expect([none.status, JSON.parse(none.text).code]).toEqual([404, 'NO_POOL_FOR_CARRIER']);
    expect((await register('ki-x-slot0', { carrier: 'Verizon' })).status).toBe(404);
    expect((await register('ki-x-slot0', { carrier: 'at&t' })).status).toBe(200);
    expect((await fetch(`${h.url}/api/backend/v1/remsim/unregister/ki-x-slot0`, { method: 'DELETE' })).status).toBe(200);
  });

  it('never exceeds capacity under concurrent registrations and never hands out a virtual slot twice', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => register(`ki-rush-${i}-slot0`)));
    const ok = results.filter((r) => r.status === 200).map((r) => JSON.parse(r.text) as Doc);
    const full = results.filter((r) => r.status === 503);
    expect(ok).toHaveLength(3); // capacity 4, one already held
    expect(full).toHaveLength(9);
    expect(full.every((r) => JSON.parse(r.text).code === 'POOL_FULL' && r.text.includes('"status":"error"'))).toBe(true);
    // What could serve an AT&T router now: a card of its own, not a virtual SIM (the pool is full).
    expect(JSON.parse(full[0]?.text as string).available_modes).toEqual(['ONE_TO_ONE_SWSIM', 'ONE_TO_ONE_VSIM']);
    const slots = ok.map((a) => a.slot_id).sort();
    expect(slots).toEqual([901, 902, 903]);
    expect(new Set(ok.map((a) => a.iccid)).size).toBe(3);
    expect((await pool()).current_virtual_sims).toBe(4);
    const [active] = await h.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM service_profiles WHERE status = 'ACTIVE' AND ki_pool_id = ${poolId}`,
    );
    expect(active?.n).toBe(4);
  });

  it('frees the virtual slot on unregister and reuses the lowest free one', async () => {
    const rush = (
      await h.query<{ client_id: string }>(
        sql`SELECT client_id FROM service_profiles WHERE status = 'ACTIVE' AND slot_id = 902 AND ki_pool_id = ${poolId}`,
      )
    )[0];
    expect((await fetch(`${h.url}/api/backend/v1/remsim/unregister/${rush?.client_id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await pool()).current_virtual_sims).toBe(3);
    const next = JSON.parse((await register('ki-late-slot0')).text) as Doc;
    expect(next.slot_id).toBe(902);
    expect((await pool()).utilization).toBe(1);
  });

  it('refuses to delete a pool that serves virtual SIMs, and to move a KI client to a physical slot', async () => {
    const del = await h.admin(`/ki-proxy-pools/${poolId}`, { method: 'DELETE' });
    expect([del.status, ((await del.json()) as Doc).code]).toEqual([409, 'POOL_IN_USE']);
    const move = await h.admin('/clients/ki-one-slot0/reassign', json({ bank_id: 2, slot_id: 5 }));
    expect([move.status, ((await move.json()) as Doc).code]).toEqual([409, 'REASSIGN_NOT_POSSIBLE']);
    const shrink = await h.admin(`/ki-proxy-pools/${poolId}`, { method: 'PATCH', body: JSON.stringify({ max_virtual_sims: 2 }) });
    expect(shrink.status).toBe(409);
  });

  it('gives the bankd launch line that matches the pool', async () => {
    const cfg = (await (await h.admin(`/ki-proxy-pools/${poolId}/bankd-config`)).json()) as Doc;
    expect(cfg.lines).toHaveLength(1);
    expect(cfg.lines[0].command).toBe(`osmo-remsim-bankd -i 127.0.0.1 -p 9998 -b 1 -n 904 -k -S 20-23 -V 900-903 -C 310410`);
    // The options past -n are the KI-proxy build's: the answer says so, and what a stock bankd takes.
    expect(cfg.bankd_build).toMatch(
      /KI-proxy build of osmo-remsim-bankd.*stock osmo-remsim-bankd has none of them \(it takes -i, -p, -b and -n/,
    );
  });

  it('names the -n a KI proxy bankd lacks when it reports fewer slots than the pool serves', async () => {
    const [server] = await h.query<{ id: number }>(sql`SELECT id FROM remsim_servers`);
    remsim.connectBankd(1, 32); // started with -n 32: virtual slots 900..903 are refused there
    const pass = (await (await h.admin(`/remsim-servers/${server?.id}/reconcile`, { method: 'POST' })).json()) as Doc;
    expect(pass.invalid).toEqual(
      expect.arrayContaining([
        {
          client_id: 'ki-one-slot0',
          reason:
            "the bankd of bank 1 reports 32 slots but KI proxy pool att-ki needs 904 (start it with -n 904: see the pool's bankd-config)",
        },
      ]),
    );
    remsim.dropBankd(1);
    remsim.connectBankd(1, 904); // restarted with the pool's line
    const fixed = (await (await h.admin(`/remsim-servers/${server?.id}/reconcile`, { method: 'POST' })).json()) as Doc;
    expect(fixed.invalid).toEqual([]);
  });

  it('sends a registration to the least utilised of two pools of the carrier', async () => {
    const second = await h.admin(
      '/ki-proxy-pools',
      json({
        ...att,
        pool_name: 'att-ki-2',
        bank_id: 2,
        physical_slot_start: 0,
        physical_slot_end: 1,
        virtual_segments: [{ bank_id: 2, virtual_slot_start: 500, virtual_slot_end: 509 }],
      }),
    );
    expect(second.status).toBe(200);
    const a = JSON.parse((await register('ki-spread-slot0')).text) as Doc;
    expect(a.ki_proxy_pool.pool_name).toBe('att-ki-2');
    expect([a.sim_slot.bank_id, a.slot_id]).toEqual([2, 500]);
    // Disabled pools take no one.
    const id2 = ((await second.json()) as Doc).id;
    await h.admin(`/ki-proxy-pools/${id2}`, { method: 'PATCH', body: JSON.stringify({ enabled: false }) });
    const b = await register('ki-spread2-slot0');
    expect([b.status, JSON.parse(b.text).code]).toEqual([503, 'POOL_FULL']);
  });
});
