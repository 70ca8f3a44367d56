// One router's bad bytes never fail another router's request: characters PostgreSQL cannot store
// (an escaped NUL, an unpaired surrogate) are refused at the edge with 400 INVALID_CHARACTER,
// wherever they are (heartbeat stats, modem and hardware info, registration, acknowledgements,
// admin query strings, CSV uploads); query text never reaches SQL as a pattern; odd dates are a
// 400. Heartbeats sent together with poisoned ones are all written.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, json, snapshot, startIonMesh } from './support/harness.js';

const CLIENT_API = '/api/backend/v1/remsim';
const VALID = 300;

describe('poisoned heartbeats sent together with valid ones', () => {
  let h: Harness;
  const ids = Array.from({ length: VALID + 40 }, (_, i) => `fleet-${String(i).padStart(3, '0')}-slot0`);
  const send = (path: string, body: string) =>
    fetch(`${h.url}${CLIENT_API}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  beforeAll(async () => {
    h = await startIonMesh();
    const [bankd] = await h.query<{ id: number }>(sql`SELECT id FROM bankd_instances ORDER BY id LIMIT 1`);
    const bank = {
      bank_id: 60,
      name: 'big bank',
      tenant_id: 1,
      bankd_instance_id: bankd?.id,
      slot_count: ids.length,
      unknown_cards_present: true,
    };
    expect((await h.admin('/banks', json(bank))).status).toBe(200);
    for (const id of ids)
      expect((await send('/register-client', JSON.stringify({ client_id: id, tenant_id: 1 }))).status).toBe(200);
  });
  afterAll(() => h.close());

  it('writes every valid heartbeat and refuses every poisoned one with a 4xx', async () => {
    const valid = ids.slice(0, VALID);
    const victims = ids.slice(VALID);
    const poisons = [
      (id: string) => `{"client_id":"${id}","stats":{"signal_rssi":-70,"note":"a\\u0000b"}}`,
      (id: string) => `{"client_id":"${id}","modem_info":{"model":"\\u0000"}}`,
      (id: string) => `{"client_id":"${id}","hardware_info":{"gpio\\u0000":1}}`,
      (id: string) => `{"client_id":"${id}","stats":{"x":"\\ud800"}}`,
      (id: string) => `{"client_id":"${id}","acks":[{"id":1,"result":{"log":"\\u0000"}}]}`,
    ];
    const bodies = [
      ...valid.map((id, i) => ({
        id,
        poisoned: false,
        body: JSON.stringify({ client_id: id, stats: { rssi: -60 - (i % 30) } }),
      })),
      ...victims.map((id, i) => ({ id, poisoned: true, body: (poisons[i % poisons.length] as (id: string) => string)(id) })),
      // A keyless sender naming nobody at all, poisoned too.
      { id: 'ghost-slot0', poisoned: true, body: '{"client_id":"ghost-slot0","stats":{"a":"\\u0000"}}' },
    ];
    // Interleaved, all at once: the valid ones share batches with the poisoned ones.
    bodies.sort((a, b) => ((a.id.length * 7 + a.id.charCodeAt(8)) % 11) - ((b.id.length * 7 + b.id.charCodeAt(8)) % 11));
    const answers = await Promise.all(bodies.map(async (b) => ({ ...b, res: await send('/heartbeat', b.body) })));
    const wrong = answers.filter((a) => (a.poisoned ? a.res.status !== 400 : a.res.status !== 200));
    expect(wrong.map((a) => `${a.id} ${a.res.status}`)).toEqual([]);
    for (const a of answers.filter((x) => x.poisoned)) expect((await a.res.json()).code, a.body).toBe('INVALID_CHARACTER');

    const stored = await h.query<{ client_id: string; rssi: number | null; beat: boolean }>(
      sql`SELECT client_id, (client_stats->>'rssi')::int AS rssi, last_heartbeat IS NOT NULL AS beat
          FROM service_profiles WHERE status = 'ACTIVE' AND client_id LIKE 'fleet-%' ORDER BY client_id`,
    );
    expect(stored.filter((s) => s.beat).map((s) => s.client_id)).toEqual(valid);
    expect(stored.slice(0, VALID).every((s) => typeof s.rssi === 'number')).toBe(true);
  });

  it('refuses the same characters in a registration, and registers nothing', async () => {
    const before = await snapshot(h);
    for (const body of [
      '{"client_id":"new-slot0","hardware_info":{"vendor":"x\\u0000"}}',
      '{"client_id":"new-slot0","carrier":"AT\\u0000T"}',
      '{"client_id":"new-slot0","hardware_info":{"v":"\\udfff"}}',
    ]) {
      const res = await send('/register-client', body);
      expect([res.status, (await res.json()).code], body).toEqual([400, 'INVALID_CHARACTER']);
    }
    expect(await snapshot(h)).toEqual(before);
  });

  it('refuses them in a command acknowledgement', async () => {
    const res = await send('/commands/1/ack', `{"client_id":"${ids[0]}","result":{"out":"\\u0000"}}`);
    expect([res.status, (await res.json()).code]).toEqual([400, 'INVALID_CHARACTER']);
  });
});

describe('query text and dates from an operator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh();
    for (const id of ['plain-slot0', 'other-slot0'])
      expect(
        (
          await fetch(`${h.url}${CLIENT_API}/register-client`, {
            ...json({ client_id: id }),
            headers: { 'content-type': 'application/json' },
          })
        ).status,
      ).toBe(200);
  });
  afterAll(() => h.close());

  const get = async (path: string) => {
    const res = await h.admin(path);
    return { status: res.status, body: await res.json() };
  };

  it('answers a NUL in any query parameter with 400 INVALID_CHARACTER', async () => {
    for (const path of ['/clients?q=%00', '/audit-log?entity_id=a%00', '/audit-log?action=%00x', '/carriers?q=%00']) {
      const { status, body } = await get(path);
      expect([status, body.code, body.field], path).toEqual([400, 'INVALID_CHARACTER', expect.any(String)]);
    }
  });

  it('takes wildcards and backslashes literally', async () => {
    expect((await get('/clients?carrier=%25')).body.total).toBe(0); // "%" is no carrier
    expect((await get('/clients?carrier=a%5C')).status).toBe(200); // trailing backslash
    expect((await get('/clients?q=%5C')).status).toBe(200);
    expect((await get('/clients?q=%25')).body.total).toBe(0); // matched everything when it was a pattern
    expect((await get('/clients?q=_')).body.total).toBe(0);
    expect((await get('/clients?q=ain-')).body.items.map((c: { client_id: string }) => c.client_id)).toEqual(['plain-slot0']);
    expect((await get('/carriers?q=%25%5C')).status).toBe(200);
  });

  it('refuses dates no database holds with a 400, and takes the far ends it can', async () => {
    for (const d of ['0000-01-01T00:00:00Z', '275760-09-13T00:00:00Z', '2026-02-30T00:00:00Z', 'yesterday']) {
      const { status, body } = await get(`/audit-log?until=${encodeURIComponent(d)}`);
      expect([status, body.code], d).toEqual([400, 'VALIDATION_ERROR']);
    }
    expect((await get('/audit-log?since=0001-01-01T00:00:00Z&until=9999-12-31T23:59:59Z')).status).toBe(200);
  });

  it('refuses a CSV upload holding a NUL and imports nothing', async () => {
    const before = await snapshot(h);
    const res = await h.admin('/sim-imports', {
      method: 'POST',
      body: 'bank_id,slot_id,iccid\n1,5,8901260000000000\u0000\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect([res.status, (await res.json()).code]).toEqual([400, 'INVALID_CHARACTER']);
    expect(await snapshot(h)).toEqual(before);
  });
});

describe('what keyless routers may store about themselves', () => {
  let h: Harness;
  const send = (path: string, body: unknown) =>
    fetch(`${h.url}${CLIENT_API}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const refusal = async (res: Response) => {
    const body = await res.json();
    return [res.status, body.code, body.field];
  };
  const wide = (keys: number, chars: number) =>
    Object.fromEntries(Array.from({ length: keys }, (_, i) => [`k${i}`, 'x'.repeat(chars)]));

  beforeAll(async () => {
    h = await startIonMesh();
    const [bankd] = await h.query<{ id: number }>(sql`SELECT id FROM bankd_instances ORDER BY id LIMIT 1`);
    expect(
      (
        await h.admin(
          '/banks',
          json({
            bank_id: 61,
            name: 'b',
            tenant_id: 1,
            bankd_instance_id: bankd?.id,
            slot_count: 40,
            unknown_cards_present: true,
          }),
        )
      ).status,
    ).toBe(200);
  });
  afterAll(() => h.close());

  it('keeps the fields IonMesh reads typed: a signal that is not a number is refused', async () => {
    expect((await send('/register-client', { client_id: 'typed-slot0' })).status).toBe(200);
    for (const stats of [{ rssi: '-70' }, { data_rx_bytes: [1] }, { uptime_seconds: true }]) {
      const res = await send('/heartbeat', { client_id: 'typed-slot0', stats });
      expect((await refusal(res))[0], JSON.stringify(stats)).toBe(400);
    }
    expect(
      (await send('/heartbeat', { client_id: 'typed-slot0', stats: { rssi: -70, band: 'B3', cells: [{ pci: 1 }] } })).status,
    ).toBe(200);
    expect((await send('/heartbeat', { client_id: 'typed-slot0', modem_info: { model: 'x'.repeat(65) } })).status).toBe(400);
  });

  it('bounds the rest: 64 keys, 3 levels, 4 KiB per document', async () => {
    const cases: Array<[unknown, number, string]> = [
      [{ client_id: 'typed-slot0', stats: wide(65, 1) }, 400, 'VALIDATION_ERROR'],
      [{ client_id: 'typed-slot0', stats: { a: { b: { c: { d: 1 } } } } }, 400, 'VALIDATION_ERROR'],
      [{ client_id: 'typed-slot0', hardware_info: { list: Array.from({ length: 65 }, () => 1) } }, 400, 'VALIDATION_ERROR'],
      [{ client_id: 'typed-slot0', stats: wide(30, 200) }, 413, 'DOCUMENT_TOO_LARGE'],
      [{ client_id: 'typed-slot0', modem_info: wide(30, 200) }, 413, 'DOCUMENT_TOO_LARGE'],
      [{ client_id: 'typed-slot0', acks: [{ id: 1, result: wide(30, 200) }] }, 413, 'DOCUMENT_TOO_LARGE'],
    ];
    for (const [body, status, code] of cases) {
      const [s, c] = await refusal(await send('/heartbeat', body));
      expect([s, c], JSON.stringify(body).slice(0, 80)).toEqual([status, code]);
    }
    expect(await refusal(await send('/register-client', { client_id: 'big-slot0', hardware_info: wide(30, 200) }))).toEqual([
      413,
      'DOCUMENT_TOO_LARGE',
      'hardware_info',
    ]);
    expect(await refusal(await send('/commands/1/ack', { client_id: 'typed-slot0', result: wide(30, 200) }))).toEqual([
      413,
      'DOCUMENT_TOO_LARGE',
      'result',
    ]);
    const [stored] = await h.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM service_profiles WHERE client_id = 'big-slot0'`,
    );
    expect(stored?.n).toBe(0);
  });

  it('keeps the client list small: summary fields only, the documents on the client’s own page', async () => {
    for (let i = 0; i < 30; i++) {
      const id = `chatty-${i}-slot0`;
      expect((await send('/register-client', { client_id: id, hardware_info: wide(18, 200) })).status).toBe(200);
      expect(
        (await send('/heartbeat', { client_id: id, stats: { rsrp: -90 - i, ...wide(18, 200) }, modem_info: wide(18, 200) }))
          .status,
      ).toBe(200);
    }
    const list = await h.admin('/clients?q=chatty&limit=100');
    const text = await list.text();
    const body = JSON.parse(text);
    expect(body.total).toBe(30);
    expect(text.length).toBeLessThan(40_000); // 30 × (3 documents of ~3.7 KB) would be over 330 KB
    const row = body.items.find((c: { client_id: string }) => c.client_id === 'chatty-3-slot0');
    expect(row.client_stats).toEqual({ rsrp: -93 });
    expect(row.client_hardware_info).toBeUndefined();
    const detail = await (await h.admin('/clients/chatty-3-slot0')).json();
    const profile = detail.profile;
    expect(Object.keys(profile.client_stats)).toHaveLength(19);
    expect(Object.keys(profile.client_hardware_info).length).toBeGreaterThanOrEqual(18);
  });
});
