// Agents and scripts written from the seed documents work against IonMesh unchanged: the seeds'
// own request bodies, as they print them, are accepted and read.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLuhn } from '../src/domain/iccid.js';
import { type Harness, startIonMesh } from './support/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read by the assertions
type Doc = Record<string, any>;

const post = (h: Harness, path: string, body: unknown) =>
  fetch(`${h.url}/api/backend/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const SEED_ICCID = withLuhn('8914800099990002331');
/** The same ICCID with its last digit off by one (the seeds' sample had such a check digit). */
const wrongCheckDigit = (iccid: string) => `${iccid.slice(0, -1)}${(Number(iccid.at(-1)) + 1) % 10}`;

/** The seeds' heartbeat body, verbatim. */
const seedHeartbeat = {
  client_id: 'openwrt-router1-slot0',
  status: 'active',
  stats: {
    uptime_seconds: 3600,
    tpdus_sent: 1234,
    tpdus_received: 5678,
    errors: 0,
    signal_rssi: -75,
    signal_rsrp: -95,
    data_rx_bytes: 1048576,
    data_tx_bytes: 524288,
  },
  modem_info: {
    vendor: 'Fibocom',
    model: 'FM350-GL',
    firmware: 'FM350GL-12.001.01.00',
    imei: '861536030000000',
    network: 'AT&T',
  },
};

describe('the seeds’ heartbeat', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh();
    const reg = await post(h, '/remsim/register-client', {
      client_id: 'openwrt-router1-slot0',
      tenant_id: 1,
      hardware_info: { vendor: 'Fibocom', model: 'FM350-GL', gpio: { power: 4, reset: 5 } },
    });
    expect(reg.status).toBe(200);
  });
  afterAll(() => h.close());

  it('feeds the signal and counters of the seeds’ names into the stats history and the client', async () => {
    const res = await post(h, '/remsim/heartbeat', seedHeartbeat);
    expect(res.status).toBe(200);
    const [sample] = await h.query<Doc>(
      sql`SELECT rssi, rsrp, tpdu_count::int, tpdu_errors::int, tx_bytes::int, rx_bytes::int FROM client_stats_raw
          WHERE client_id = 'openwrt-router1-slot0'`,
    );
    expect(sample).toEqual({ rssi: -75, rsrp: -95, tpdu_count: 6912, tpdu_errors: 0, tx_bytes: 524288, rx_bytes: 1048576 });
    const client = (await (await h.admin('/clients/openwrt-router1-slot0')).json()) as Doc;
    expect(client.profile.client_stats).toMatchObject({ rssi: -75, rsrp: -95, signal_rssi: -75, uptime_seconds: 3600 });
  });

  it('merges modem_info into the hardware info field by field, and keeps a modem swap as history', async () => {
    const [p] = await h.query<{ hw: Doc }>(
      sql`SELECT client_hardware_info AS hw FROM service_profiles WHERE client_id = 'openwrt-router1-slot0' AND status = 'ACTIVE'`,
    );
    expect(p?.hw).toEqual({
      vendor: 'Fibocom',
      model: 'FM350-GL',
      gpio: { power: 4, reset: 5 },
      firmware: 'FM350GL-12.001.01.00',
      imei: '861536030000000',
      network: 'AT&T',
    });
    const swapped = { ...seedHeartbeat, modem_info: { ...seedHeartbeat.modem_info, imei: '861536030000001' } };
    expect((await post(h, '/remsim/heartbeat', swapped)).status).toBe(200);
    await post(h, '/remsim/heartbeat', swapped); // the same again: no second change
    const history = await h.query<{ old_status: string; new_status: string; reason: string }>(
      sql`SELECT old_status, new_status, reason FROM health_log WHERE client_id = 'openwrt-router1-slot0' AND kind = 'client_hardware'`,
    );
    expect(history).toEqual([{ old_status: '861536030000000', new_status: '861536030000001', reason: 'imei' }]);
    const events = await h.query<{ data: Doc }>(sql`SELECT data FROM events WHERE type = 'client.hardware_changed'`);
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({
        client_id: 'openwrt-router1-slot0',
        field: 'imei',
        previous: '861536030000000',
        value: '861536030000001',
      }),
    ]);
  });

  it('shows the seeds’ exporter metrics for the client', async () => {
    const text = await (await fetch(`${h.url}/metrics`)).text();
    for (const [name, value] of [
      ['ionmesh_client_uptime_seconds', '3600'],
      ['ionmesh_client_signal_rssi_dbm', '-75'],
      ['ionmesh_client_signal_rsrp_dbm', '-95'],
      ['ionmesh_client_rssi_dbm', '-75'],
      ['ionmesh_client_tpdus_sent', '1234'],
      ['ionmesh_client_data_rx_bytes', '1048576'],
    ])
      expect(text).toMatch(new RegExp(`${name}\\{tenant="1",client_id="openwrt-router1-slot0"\\} ${value}\\n`));
  });
});

describe('the seeds’ examples, request by request', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh();
  });
  afterAll(() => h.close());

  interface Case {
    name: string;
    method: 'GET' | 'POST';
    path: string;
    admin?: boolean;
    body?: unknown;
    status: number;
    fields: Doc;
  }
  // The demo inventory: banks 1 (AT&T, 310410) and 2 (Verizon, 311480), 32 cards each.
  const cases: Case[] = [
    {
      name: 'register with JSON null for the optional fields',
      method: 'POST',
      path: '/remsim/register-client',
      body: {
        client_id: 'seed-null-slot0',
        mapping_mode: 'ONE_TO_ONE_SWSIM',
        mcc_mnc: null,
        tenant_id: 1,
        carrier: null,
        preferred_bank_id: null,
        hardware_info: null,
      },
      status: 200,
      fields: { status: 'success', mapping_mode: 'ONE_TO_ONE_SWSIM' },
    },
    {
      name: 'register with the seeds’ modem keys',
      method: 'POST',
      path: '/remsim/register-client',
      body: { client_id: 'seed-modem-slot0', tenant_id: 1, modem_vendor: 'Quectel', modem_model: 'RM520N-GL' },
      status: 200,
      fields: { status: 'success' },
    },
    {
      name: 'discover',
      method: 'GET',
      path: '/remsim/discover',
      status: 200,
      fields: {
        service: 'ionmesh-orchestrator',
        supported_mapping_modes: expect.arrayContaining(['ONE_TO_ONE_SWSIM', 'KI_PROXY_SWSIM']),
        capabilities: expect.arrayContaining([
          'slot-assignment',
          'ki-proxy',
          'multi-tenant',
          'mcc-mnc-routing',
          'health-monitoring',
        ]),
      },
    },
    {
      name: 'heartbeat, the seeds’ body',
      method: 'POST',
      path: '/remsim/heartbeat',
      body: { ...seedHeartbeat, client_id: 'seed-null-slot0' },
      status: 200,
      fields: { status: 'ok' },
    },
    {
      name: 'a KI proxy pool, the seeds’ create body',
      method: 'POST',
      path: '/ki-proxy-pools',
      admin: true,
      body: { pool_name: 'att-ki-pool', carrier: 'AT&T', bank_id: 1, slot_range_start: 28, slot_range_end: 31, tenant_id: 1 },
      status: 200,
      fields: {
        pool_name: 'att-ki-pool',
        mcc_mnc: '310410',
        physical_slot_start: 28,
        physical_slot_end: 31,
        slot_range: '28-31',
        slots: 4,
        utilization: 0,
        physical_sims: expect.arrayContaining([expect.objectContaining({ slot_id: 28, card_type: 'KI_PROXY_MASTER' })]),
        virtual_segments: [{ bank_id: 1, virtual_slot_start: 32, virtual_slot_end: 1023 }],
      },
    },
    {
      name: 'a SIM card, the seeds’ POST with physical_iccid',
      method: 'POST',
      path: '/sim-cards',
      admin: true,
      body: {
        bank_id: 2,
        slot_id: 31,
        physical_iccid: SEED_ICCID,
        carrier: 'Verizon',
        mcc_mnc: '311480',
        ki_pool_name: null,
      },
      status: 200,
      fields: {
        bank_id: 2,
        slot_id: 31,
        iccid: SEED_ICCID,
        physical_iccid: SEED_ICCID,
        carrier: 'Verizon',
      },
    },
    {
      name: 'a SIM card, the seeds’ POST with the tenant, slot_number, physical_imsi, pool_priority and metadata',
      method: 'POST',
      path: '/sim-cards',
      admin: true,
      body: {
        tenant_id: 1,
        bank_id: 2,
        slot_number: 29,
        physical_iccid: withLuhn('8914800099990002329'),
        physical_imsi: '311480000000029',
        carrier: 'Verizon',
        mcc_mnc: '311480',
        pool_priority: null,
        metadata: { supplier: 'seed' },
      },
      status: 200,
      fields: { bank_id: 2, slot_id: 29, physical_imsi: '311480000000029', card_metadata: { supplier: 'seed' } },
    },
    {
      name: 'a SIM card naming another tenant than its bank’s: a clear 400',
      method: 'POST',
      path: '/sim-cards',
      admin: true,
      body: { tenant_id: 2, bank_id: 2, slot_number: 28, physical_iccid: withLuhn('8914800099990002328') },
      status: 400,
      fields: { code: 'VALIDATION_ERROR', message: 'bank 2 belongs to tenant 1, not to tenant 2' },
    },
    {
      name: 'a SIM card whose ICCID has a wrong check digit: a 400 naming the Luhn check',
      method: 'POST',
      path: '/sim-cards',
      admin: true,
      body: { tenant_id: 1, bank_id: 2, slot_number: 28, physical_iccid: wrongCheckDigit(withLuhn('8914800099990002328')) },
      status: 400,
      fields: { code: 'VALIDATION_ERROR', message: expect.stringContaining('Luhn') },
    },
    {
      name: 'a KI pool naming its range twice, differently: a clear 400',
      method: 'POST',
      path: '/ki-proxy-pools',
      admin: true,
      body: { pool_name: 'twice', bank_id: 2, tenant_id: 1, physical_slot_start: 26, slot_range_start: 25, slot_range_end: 27 },
      status: 400,
      fields: { code: 'VALIDATION_ERROR', message: 'physical_slot_start and slot_range_start differ' },
    },
    {
      name: 'a KI pool without a physical range: a clear 400',
      method: 'POST',
      path: '/ki-proxy-pools',
      admin: true,
      body: { pool_name: 'rangeless', bank_id: 2, tenant_id: 1, mcc_mnc: '311480' },
      status: 400,
      fields: { code: 'VALIDATION_ERROR', message: expect.stringContaining('slot_range_start') },
    },
    {
      name: 'a KI pool over cards of no known MCC/MNC, without mcc_mnc: a clear 400',
      method: 'POST',
      path: '/ki-proxy-pools',
      admin: true,
      body: {
        pool_name: 'nameless',
        bank_id: 2,
        tenant_id: 1,
        slot_range_start: 600,
        slot_range_end: 601,
        virtual_segments: [{ bank_id: 2, virtual_slot_start: 700, virtual_slot_end: 701 }],
      },
      status: 400,
      fields: { code: 'VALIDATION_ERROR', message: expect.stringContaining('mcc_mnc is required') },
    },
    {
      name: 'a SIM card whose ICCID is given twice, differently: a clear 400',
      method: 'POST',
      path: '/sim-cards',
      admin: true,
      body: { bank_id: 2, slot_id: 30, iccid: SEED_ICCID, physical_iccid: withLuhn('8914800099990002330') },
      status: 400,
      fields: { code: 'VALIDATION_ERROR', message: 'iccid is given twice with different values' },
    },
    {
      name: 'a SIM card without a slot: a clear 400',
      method: 'POST',
      path: '/sim-cards',
      admin: true,
      body: { bank_id: 2, physical_iccid: SEED_ICCID },
      status: 400,
      fields: { code: 'VALIDATION_ERROR', message: expect.stringContaining('slot_id') },
    },
  ];

  for (const c of cases) {
    it(`${c.method} ${c.path}: ${c.name}`, async () => {
      const init: RequestInit = {
        method: c.method,
        ...(c.body === undefined ? {} : { body: JSON.stringify(c.body), headers: { 'content-type': 'application/json' } }),
      };
      const res = c.admin ? await h.admin(c.path, init) : await fetch(`${h.url}/api/backend/v1${c.path}`, init);
      const text = await res.text();
      expect(res.status, text).toBe(c.status);
      expect(JSON.parse(text)).toMatchObject(c.fields);
    });
  }

  it('creates nothing for the refused requests', async () => {
    const pools = await h.query<{ pool_name: string }>(sql`SELECT pool_name FROM ki_proxy_pools ORDER BY id`);
    expect(pools.map((p) => p.pool_name)).toEqual(['att-ki-pool']);
    const [slot30] = await h.query<{ iccid: string }>(sql`SELECT iccid FROM slots WHERE bank_id = 2 AND slot_id = 30`);
    expect(slot30?.iccid).not.toBe(SEED_ICCID);
  });

  it('feeds the seeds’ modem keys to the hardware record', async () => {
    const [p] = await h.query<{ hw: Doc }>(
      sql`SELECT client_hardware_info AS hw FROM service_profiles WHERE client_id = 'seed-modem-slot0' AND status = 'ACTIVE'`,
    );
    expect(p?.hw).toMatchObject({ vendor: 'Quectel', model: 'RM520N-GL' });
  });
});

describe('small things a user trips on', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh();
  });
  afterAll(() => h.close());

  it('answers every timestamp as ISO 8601 with Z, and no 1970 for a rollup that never ran', async () => {
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    const made = await h.admin('/ki-proxy-pools', {
      method: 'POST',
      body: JSON.stringify({ pool_name: 'iso-pool', tenant_id: 1, bank_id: 2, slot_range_start: 28, slot_range_end: 29 }),
    });
    expect(made.status).toBe(200);
    const pool = (await (await h.admin('/ki-proxy-pools')).json()) as Doc;
    const server = (await (await h.admin('/remsim-servers/1')).json()) as Doc;
    const events = (await (await h.admin('/events?limit=3')).json()) as Doc;
    const stamps = [server.created_at, server.updated_at, ...events.items.map((e: Doc) => e.created_at)];
    for (const p of pool.items) stamps.push(p.created_at, p.updated_at);
    expect(stamps.length).toBeGreaterThan(2);
    for (const t of stamps) expect(t).toMatch(iso);
    const storage = (await (await h.admin('/stats/storage')).json()) as Doc;
    expect(storage.rolled_until).toBeNull();
  });
});
