// The deployed OpenWRT client's whole conversation, byte for byte (CLIENT-CONTRACT.md), with a
// re-implementation of its strstr/sscanf reading as the oracle.
import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployedClient, rawRequest, readRegisterAnswer, registerBody } from '../src/sim/openwrt-client.js';
import { type Harness, startIonMesh } from './support/harness.js';

// The recorded vectors live in shared/design beside the project; a copy is kept for clones without it.
const shared = new URL('../../shared/design/client-vectors.json', import.meta.url);
const vectorsFile = existsSync(shared) ? shared : new URL('./fixtures/client-vectors.json', import.meta.url);
const vectors = JSON.parse(readFileSync(vectorsFile, 'utf8')) as {
  cases: Array<{
    name: string;
    http_status: number;
    body: string;
    client_accepts: boolean;
    register_rc: number;
    parsed: unknown;
  }>;
};

describe('the client oracle', () => {
  it.each(vectors.cases.map((c, i) => [`${i} ${c.name} (${c.http_status})`, c] as const))(
    'reads recorded answer %s as the real client did',
    (_name, c) => {
      expect(readRegisterAnswer(c.http_status, c.body)).toEqual({
        client_accepts: c.client_accepts,
        register_rc: c.register_rc,
        parsed: c.parsed,
      });
    },
  );

  it('formats the register body with exactly the four keys, compact', () => {
    expect(registerBody('router1-slot0', {})).toBe(
      '{"client_id":"router1-slot0","mapping_mode":"ONE_TO_ONE_SWSIM","mcc_mnc":"","tenant_id":1}',
    );
  });
});

describe('a deployed router talking to IonMesh', () => {
  let h: Harness;
  const router = (id: string, extra: { mccMnc?: string; tenantId?: number } = {}) =>
    new DeployedClient(id, { host: '127.0.0.1', port: h.port, ...extra });

  beforeAll(async () => {
    h = await startIonMesh();
  });
  afterAll(() => h.close());

  it('registers and gets a usable assignment, non-zero even for physical slot 0', async () => {
    const { answer, reading } = await router('router1-slot0').register();
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.body).not.toContain('"status":"error"');
    expect(reading.client_accepts).toBe(true);
    const json = JSON.parse(answer.body);
    // The first free card of the demo is bank 1 slot 0: its identity must still be non-zero.
    expect(json.sim_slot).toEqual({ bank_id: 1, slot_id: 0, tenant_id: 1 });
    expect(reading.parsed.bank_id).toBeGreaterThanOrEqual(1);
    expect(reading.parsed.slot_id).toBeGreaterThanOrEqual(1);
    expect(reading.parsed.slot_id).toBeLessThanOrEqual(1023);
    // Every string field reads back as the JSON value (compact JSON, no escapes, <= 31 chars).
    expect(reading.parsed.iccid).toBe(json.iccid);
    expect(reading.parsed.imsi).toBe(json.imsi);
    expect(reading.parsed.mapping_mode).toBe('ONE_TO_ONE_SWSIM');
    expect(`${reading.parsed.bankd_host}:${reading.parsed.bankd_port}`).toBe(json.bankd_endpoint);
    expect(json.iccid).toMatch(/^89[0-9]{17,18}$/);
    expect(answer.body).toBe(JSON.stringify(json)); // compact
    // Top-level keys come before the nested physical position (first occurrence wins).
    expect(answer.body.indexOf('"bank_id":')).toBeLessThan(answer.body.indexOf('"sim_slot"'));
  });

  it('gets the same assignment back when it reboots and registers again', async () => {
    const first = await router('router7-slot0').register();
    const again = await router('router7-slot0').register();
    expect(again.answer.status).toBe(200);
    expect(again.reading.parsed).toEqual(first.reading.parsed);
    expect(JSON.parse(again.answer.body).profile_id).toBe(JSON.parse(first.answer.body).profile_id);
    expect(again.answer.body).not.toContain('"status":"error"');
    const active = await h.query(sql`SELECT 1 FROM service_profiles WHERE client_id = 'router7-slot0' AND status = 'ACTIVE'`);
    expect(active).toHaveLength(1);
  });

  it('gets a card of its carrier when IONMESH_MCC_MNC is set', async () => {
    const { reading, answer } = await router('router2-slot0', { mccMnc: '311480' }).register();
    expect(reading.client_accepts).toBe(true);
    expect(JSON.parse(answer.body).imsi.startsWith('311480')).toBe(true);
    expect(JSON.parse(answer.body).sim_slot.bank_id).toBe(2);
  });

  it('gives every router a distinct RSPRO identity', async () => {
    const readings = [];
    for (let i = 0; i < 5; i++) readings.push((await router(`site-${i}-slot0`).register()).reading);
    const ids = readings.map((r) => `${r.parsed.bank_id}:${r.parsed.slot_id}`);
    expect(new Set(ids).size).toBe(5);
    expect(readings.every((r) => r.client_accepts)).toBe(true);
  });

  it('sends the minimal heartbeat and gets a 200', async () => {
    await router('hb-router-slot0').register();
    const answer = await router('hb-router-slot0').heartbeat();
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ status: 'ok', next_heartbeat_interval: 60, commands: [] });
  });

  it('unregisters with the client id unencoded in the path, and a second time is a 404', async () => {
    const client = router('gone.router_1-slot0');
    const { answer } = await client.register();
    const sim = JSON.parse(answer.body).sim_slot;
    const bye = await client.unregister();
    expect(bye.status).toBe(200);
    expect(bye.body.length).toBeLessThan(100);
    const [slot] = await h.query<{ status: string }>(
      sql`SELECT status FROM slots WHERE bank_id = ${sim.bank_id} AND slot_id = ${sim.slot_id}`,
    );
    expect(slot?.status).toBe('available');
    const again = await client.unregister();
    expect(again.status).toBe(404);
    expect(again.body).toContain('"status":"error"');
  });

  it('fails registration in a way the client sees when the tenant is unknown (atoi garbage = 0)', async () => {
    const { answer, reading } = await router('lost-slot0', { tenantId: 0 }).register();
    expect(answer.status).toBe(404);
    expect(answer.body).toContain('"status":"error"');
    expect(JSON.parse(answer.body).code).toBe('TENANT_NOT_FOUND');
    expect(reading.client_accepts).toBe(false);
  });

  it('answers the status page discovery quickly and without auth', async () => {
    const answer = await rawRequest('127.0.0.1', h.port, 'GET', '/api/backend/v1/remsim/discover', undefined, 2000);
    expect(answer.status).toBe(200);
    const json = JSON.parse(answer.body);
    expect(json).toMatchObject({
      service: 'ionmesh-orchestrator',
      product: 'ionmesh',
      api_endpoint: `http://127.0.0.1:${h.port}/api/backend/v1/remsim`,
      api_path: '/api/backend/v1/remsim',
      heartbeat_interval: 60,
    });
    expect(json.supported_modes).toContain('ONE_TO_ONE_SWSIM');
    expect(json.supported_mapping_modes).toEqual(json.supported_modes);
    expect(json.capabilities).toEqual(
      expect.arrayContaining(['slot-assignment', 'ki-proxy', 'multi-tenant', 'mcc-mnc-routing', 'health-monitoring']),
    );
  });
});

describe('a site that runs out of cards', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh();
  });
  afterAll(() => h.close());

  it('gets a 503 error the client recognises, with the modes that could serve it now', async () => {
    // The demo has 32 cards of 311480; the 33rd router asking for that carrier gets none.
    for (let i = 0; i < 32; i++) {
      const { reading } = await new DeployedClient(`vz-${i}-slot0`, {
        host: '127.0.0.1',
        port: h.port,
        mccMnc: '311480',
      }).register();
      expect(reading.client_accepts).toBe(true);
    }
    const { answer, reading } = await new DeployedClient('vz-32-slot0', {
      host: '127.0.0.1',
      port: h.port,
      mccMnc: '311480',
    }).register();
    expect(answer.status).toBe(503);
    expect(answer.body).toContain('"status":"error"');
    expect(reading.client_accepts).toBe(false);
    const json = JSON.parse(answer.body);
    expect(json.code).toBe('NO_SLOT_AVAILABLE');
    // No mode could serve a Verizon router now: no Verizon card is free and no pool serves Verizon.
    expect(json.available_modes).toEqual([]);
    const [n] = await h.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM service_profiles WHERE client_id = 'vz-32-slot0'`,
    );
    expect(n?.n).toBe(0);
  });
});
