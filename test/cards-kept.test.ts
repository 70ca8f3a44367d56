// Cards IonMesh must keep: a KI proxy pool's physical cards authenticate every virtual SIM of the
// pool and are never given to a router one-to-one, and a slot with no known card is not handed
// out (a router would get service from nothing) unless the operator says the bankd has cards
// IonMesh has no data for. The database holds both rules, also with two IonMesh processes.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLuhn } from '../src/domain/iccid.js';
import { type Harness, json, onPostgres, startIonMesh, startReplica } from './support/harness.js';
import { ionmeshArgs } from './support/processes.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read by the assertions
type Doc = Record<string, any>;

const REGISTER = '/api/backend/v1/remsim/register-client';
const card = (bank: number, slot: number) => ({
  iccid: withLuhn(`8901410${String(bank).padStart(4, '0')}${String(slot).padStart(7, '0')}`),
  imsi: `31041${String(bank).padStart(3, '0')}${String(slot).padStart(7, '0')}`,
  mcc_mnc: '310410',
  carrier: 'AT&T',
});

async function site(h: Harness, bankId: number, slots: number, withCards: number[]) {
  const bankd = (await (
    await h.admin('/bankd-instances', json({ name: `bankd-${bankId}`, endpoint: `10.0.${bankId}.1:9999` }))
  ).json()) as Doc;
  const res = await h.admin(
    '/banks',
    json({ bank_id: bankId, name: `bank ${bankId}`, tenant_id: 1, bankd_instance_id: bankd.id, slot_count: slots }),
  );
  expect(res.status).toBe(200);
  for (const s of withCards)
    expect((await h.admin(`/sim-cards/${bankId}/${s}`, { method: 'PUT', body: JSON.stringify(card(bankId, s)) })).status).toBe(
      200,
    );
}

const register = async (url: string, clientId: string, extra: Record<string, unknown> = {}) => {
  const res = await fetch(`${url}${REGISTER}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: clientId, tenant_id: 1, ...extra }),
  });
  return { status: res.status, body: (await res.json()) as Doc };
};

describe('slots with no known card', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh({ demo: false });
    await h.admin('/tenants', json({ id: 1, name: 'site', enrollment_mode: 'open' }));
    await site(h, 5, 4, []);
  });
  afterAll(() => h.close());

  it('are empty and never handed out; a card imported or set makes its slot available', async () => {
    const bank = (await (await h.admin('/banks/5')).json()) as Doc;
    expect(bank).toMatchObject({ slot_count: 4, slots_available: 0, slots_empty: 4, unknown_cards_present: false });
    const none = await register(h.url, 'early-slot0');
    expect([none.status, none.body.code]).toEqual([503, 'NO_SLOT_AVAILABLE']);
    expect(await h.query(sql`SELECT * FROM service_profiles WHERE client_id = 'early-slot0'`)).toEqual([]);

    const imported = await h.admin('/sim-imports', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: `bank_id,slot_id,iccid,imsi,mcc_mnc,carrier\n5,2,${card(5, 2).iccid},${card(5, 2).imsi},310410,AT&T\n`,
    });
    expect(imported.status).toBe(200);
    const got = await register(h.url, 'first-slot0');
    expect(got.status).toBe(200);
    expect(got.body.sim_slot).toMatchObject({ bank_id: 5, slot_id: 2 });
    expect((await register(h.url, 'second-slot0')).status).toBe(503);
    // Released, the slot keeps its card and stays available.
    expect((await fetch(`${h.url}/api/backend/v1/remsim/unregister/first-slot0`, { method: 'DELETE' })).status).toBe(200);
    const [slot] = await h.query<{ status: string }>(sql`SELECT status FROM slots WHERE bank_id = 5 AND slot_id = 2`);
    expect(slot?.status).toBe('available');
  });

  it('cannot be made available by hand; a card taken out makes a free slot empty again', async () => {
    const forced = await h.admin('/banks/5/slots/0', { method: 'PATCH', body: '{"status":"available"}' });
    expect(forced.status).toBe(200);
    expect(((await forced.json()) as Doc).status).toBe('empty');
    expect((await h.admin(`/sim-cards/5/2`, { method: 'DELETE' })).status).toBe(200);
    const [slot] = await h.query<{ status: string }>(sql`SELECT status FROM slots WHERE bank_id = 5 AND slot_id = 2`);
    expect(slot?.status).toBe('empty');
  });

  it('are assignable once the operator declares the bankd’s unknown cards present, and empty again when not', async () => {
    const on = await h.admin('/banks/5', { method: 'PATCH', body: '{"unknown_cards_present":true}' });
    expect(await on.json()).toMatchObject({ slots_available: 4, slots_empty: 0 });
    const got = await register(h.url, 'declared-slot0');
    expect(got.status).toBe(200);
    const off = await h.admin('/banks/5', { method: 'PATCH', body: '{"unknown_cards_present":false}' });
    // The slot in use stays assigned; the free ones are empty again.
    expect(await off.json()).toMatchObject({ slots_available: 0, slots_empty: 3 });
    const grown = await h.admin('/banks/5', { method: 'PATCH', body: '{"slot_count":6}' });
    expect(await grown.json()).toMatchObject({ slot_count: 6, slots_empty: 5 });
    const audit = await h.query<{ after: Doc }>(
      sql`SELECT after FROM audit_log WHERE action = 'bank.update' AND entity_id = '5' ORDER BY id`,
    );
    expect(audit.map((a) => a.after.unknownCardsPresent)).toEqual([true, false, false]);
  });
});

describe('a KI proxy pool’s physical cards', () => {
  let h: Harness;
  let poolId: number;
  const pool = {
    pool_name: 'att-ki',
    tenant_id: 1,
    carrier: 'AT&T',
    mcc_mnc: '310410',
    bank_id: 7,
    physical_slot_start: 0,
    physical_slot_end: 3,
    virtual_segments: [{ bank_id: 8, virtual_slot_start: 900, virtual_slot_end: 909 }],
  };
  beforeAll(async () => {
    h = await startIonMesh({ demo: false });
    await h.admin('/tenants', json({ id: 1, name: 'site', enrollment_mode: 'open' }));
    await site(
      h,
      7,
      12,
      Array.from({ length: 12 }, (_, i) => i),
    );
    await site(h, 8, 0, []);
  });
  afterAll(() => h.close());

  it('cannot become KI cards while a router holds one: 409 naming it, nothing changed', async () => {
    const holder = await register(h.url, 'holder-slot0', { preferred_bank_id: 7 });
    expect(holder.body.sim_slot).toMatchObject({ bank_id: 7, slot_id: 0 });
    const refused = await h.admin('/ki-proxy-pools', json(pool));
    expect(refused.status).toBe(409);
    const err = (await refused.json()) as Doc;
    expect(err).toMatchObject({
      code: 'KI_CARDS_IN_USE',
      bank_id: 7,
      slots: [{ slot_id: 0, client_id: 'holder-slot0' }],
    });
    expect(err.message).toContain('holder-slot0');
    expect(await h.query(sql`SELECT * FROM ki_proxy_pools`)).toEqual([]);
    expect(await h.query(sql`SELECT slot_id FROM slots WHERE card_type <> 'REGULAR'`)).toEqual([]);
    expect((await fetch(`${h.url}/api/backend/v1/remsim/unregister/holder-slot0`, { method: 'DELETE' })).status).toBe(200);
  });

  it('are never assigned one-to-one once the pool holds them, by registration or reassign', async () => {
    const created = await h.admin('/ki-proxy-pools', json(pool));
    expect(created.status).toBe(200);
    poolId = ((await created.json()) as Doc).id;
    const kinds = await h.query<{ slot_id: number; card_type: string }>(
      sql`SELECT slot_id, card_type FROM slots WHERE bank_id = 7 AND slot_id < 6 ORDER BY slot_id`,
    );
    expect(kinds.map((k) => k.card_type)).toEqual([
      'KI_PROXY_MASTER',
      'KI_PROXY_MASTER',
      'KI_PROXY_MASTER',
      'KI_PROXY_MASTER',
      'REGULAR',
      'REGULAR',
    ]);
    const got = await Promise.all(
      Array.from({ length: 6 }, (_, i) => register(h.url, `o2o-${i}-slot0`, { preferred_bank_id: 7 })),
    );
    const slots = got.map((g) => g.body.sim_slot?.slot_id).sort((a, b) => a - b);
    expect(slots).toEqual([4, 5, 6, 7, 8, 9]);
    // Card data written over a KI card (PUT without card_type, as an import would) keeps it a KI card.
    const put = await h.admin('/sim-cards/7/3', { method: 'PUT', body: JSON.stringify(card(7, 3)) });
    expect(((await put.json()) as Doc).card_type).toBe('KI_PROXY_MASTER');
    const moved = await h.admin('/clients/o2o-0-slot0/reassign', json({ bank_id: 7, slot_id: 1 }));
    expect(moved.status).toBe(409);
    expect(((await moved.json()) as Doc).message).toContain('KI_PROXY_MASTER');
    // The database itself refuses a one-to-one profile on a KI card, whatever writes it.
    const refusal = await h
      .query(sql`UPDATE service_profiles SET slot_id = 2 WHERE client_id = 'o2o-1-slot0' AND status = 'ACTIVE'`)
      .then(
        () => 'written',
        (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
      );
    expect(refusal).toMatch(/bank 7 slot 2 holds a KI proxy card/);
  });

  it('go back to one-to-one use when the pool shrinks or is deleted', async () => {
    const shrunk = await h.admin(`/ki-proxy-pools/${poolId}`, { method: 'PATCH', body: '{"physical_slot_end":1}' });
    expect(shrunk.status).toBe(200);
    const kinds = await h.query<{ card_type: string }>(
      sql`SELECT card_type FROM slots WHERE bank_id = 7 AND slot_id < 4 ORDER BY slot_id`,
    );
    expect(kinds.map((k) => k.card_type)).toEqual(['KI_PROXY_MASTER', 'KI_PROXY_MASTER', 'REGULAR', 'REGULAR']);
    const got = await register(h.url, 'after-shrink-slot0', { preferred_bank_id: 7 });
    expect(got.body.sim_slot).toMatchObject({ bank_id: 7, slot_id: 2 });
    // Growing over a card in use is refused like creating.
    const grow = await h.admin(`/ki-proxy-pools/${poolId}`, { method: 'PATCH', body: '{"physical_slot_end":2}' });
    expect([grow.status, ((await grow.json()) as Doc).code]).toEqual([409, 'KI_CARDS_IN_USE']);
    expect((await h.admin(`/ki-proxy-pools/${poolId}`, { method: 'DELETE' })).status).toBe(200);
    const after = await h.query(sql`SELECT slot_id FROM slots WHERE card_type <> 'REGULAR'`);
    expect(after).toEqual([]);
  });
});

describe.runIf(onPostgres)('the rules under concurrency, two IonMesh processes on one PostgreSQL', () => {
  it('never hands out a KI card or an empty slot, whichever process registers and whenever the pool is made', async () => {
    const h = await startIonMesh({ demo: false, poolSize: 20 });
    const replica = await startReplica(h, 20);
    try {
      await h.admin('/tenants', json({ id: 1, name: 'site', enrollment_mode: 'open' }));
      await site(
        h,
        9,
        40,
        Array.from({ length: 30 }, (_, i) => i),
      ); // 30..39 have no card
      await site(h, 10, 0, []);
      const urls = [h.url, `http://127.0.0.1:${replica.port}`];
      const [answers, poolRes] = await Promise.all([
        Promise.all(Array.from({ length: 36 }, (_, i) => register(urls[i % 2] as string, `race-${i}-slot0`))),
        (async () => {
          await new Promise((r) => setTimeout(r, 5));
          return h.admin(
            '/ki-proxy-pools',
            json({
              pool_name: 'race-ki',
              tenant_id: 1,
              mcc_mnc: '310410',
              bank_id: 9,
              physical_slot_start: 20,
              physical_slot_end: 29,
              virtual_segments: [{ bank_id: 10, virtual_slot_start: 900, virtual_slot_end: 909 }],
            }),
          );
        })(),
      ]);
      expect([200, 409]).toContain(poolRes.status);
      const wrong = await h.query(
        sql`SELECT p.client_id, s.slot_id, s.card_type, s.iccid FROM service_profiles p
            JOIN slots s ON s.bank_id = p.bank_id AND s.slot_id = p.slot_id
            WHERE p.status = 'ACTIVE' AND (s.card_type <> 'REGULAR' OR s.iccid IS NULL)`,
      );
      expect(wrong).toEqual([]);
      const served = answers.filter((a) => a.status === 200).length;
      expect(served).toBe(poolRes.status === 200 ? 20 : 30);
      expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 503)).toBe(true);
    } finally {
      await replica.close();
      await h.close();
    }
  });
});

describe('importing over cards in use', () => {
  let h: Harness;
  const csv = (lines: string[]) => `bank_id,slot_id,iccid,imsi,mcc_mnc,carrier\n${lines.join('\n')}\n`;
  const line = (slot: number, c = card(6, slot), carrier = 'AT&T') => `6,${slot},${c.iccid},${c.imsi},310410,${carrier}`;
  const importCsv = (body: string, query = '') =>
    h.admin(`/sim-imports${query}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body });
  beforeAll(async () => {
    h = await startIonMesh({ demo: false });
    await h.admin('/tenants', json({ id: 1, name: 'site', enrollment_mode: 'open' }));
    await site(h, 6, 3, [0, 1, 2]);
  });
  afterAll(() => h.close());

  it('refuses, line by line, to change the card of a slot a router holds, and changes nothing', async () => {
    const held = await register(h.url, 'online-slot0', { preferred_bank_id: 6 });
    expect(held.body.sim_slot).toMatchObject({ bank_id: 6, slot_id: 0 });
    const before = await h.query(sql`SELECT * FROM slots WHERE bank_id = 6 ORDER BY slot_id`);
    // A new card for free slot 1 may go in; a new card for slot 0, which a router holds, may not.
    const refused = await importCsv(csv([line(1, card(6, 11)), line(0, card(6, 10), 'Other')]));
    expect(refused.status).toBe(422);
    const err = (await refused.json()) as Doc;
    expect(err.errors).toEqual([
      {
        line: 3,
        message: expect.stringMatching(/bank 6 slot 0 serves router online-slot0: its ICCID, IMSI, carrier would change/),
      },
    ]);
    expect(await h.query(sql`SELECT * FROM slots WHERE bank_id = 6 ORDER BY slot_id`)).toEqual(before);
    // The same data again changes nothing and is accepted.
    expect((await importCsv(csv([line(0)]))).status).toBe(200);
  });

  it('replaces it when asked, with before and after in the audit and an event for the client', async () => {
    const replaced = await importCsv(csv([line(0, card(6, 10), 'Other')]), '?replace_cards_in_use=true');
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toMatchObject({ rows: 1, updated: 1, replaced_in_use: 1 });
    const [audit] = await h.query<{ before: Doc; after: Doc; entity_id: string }>(
      sql`SELECT before, after, entity_id FROM audit_log WHERE action = 'slot.card_replaced'`,
    );
    expect(audit).toMatchObject({
      entity_id: '6:0',
      before: { iccid: card(6, 0).iccid, carrier: 'AT&T', client_id: 'online-slot0' },
      after: { iccid: card(6, 10).iccid, carrier: 'Other' },
    });
    const [event] = await h.query<{ data: Doc }>(sql`SELECT data FROM events WHERE type = 'client.card_replaced'`);
    expect(event?.data).toMatchObject({
      client_id: 'online-slot0',
      before: { iccid: card(6, 0).iccid },
      after: { iccid: card(6, 10).iccid },
    });
  });

  it.runIf(!onPostgres)('says so in one line when the file to import is missing (the CLI)', async () => {
    const r = await promisify(execFile)(process.execPath, ionmeshArgs(['import', 'sims', '/nonexistent/sims.csv']), {
      env: { ...process.env, DATABASE_URL: '' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('ionmesh import sims: cannot read /nonexistent/sims.csv: no such file');
  });
});
