// Invariants under contention (ARCHITECTURE.md): one slot per profile, one identity per profile,
// one profile per client; on PostgreSQL the requests really run on parallel connections.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployedClient } from '../src/sim/openwrt-client.js';
import { type Harness, json, startIonMesh } from './support/harness.js';

describe('a reboot storm bigger than the inventory', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh({ demo: false, poolSize: 20 });
    expect((await h.admin('/tenants', json({ id: 1, name: 'storm', enrollment_mode: 'open' }))).status).toBe(200);
    const bankd = await (await h.admin('/bankd-instances', json({ name: 'b', endpoint: 'bankd.example:9999' }))).json();
    // 100 free slots numbered 0..99: slot 0 needs a spare identity, the others keep their own.
    const bank = await h.admin(
      '/banks',
      json({
        bank_id: 10,
        name: 'storm bank',
        tenant_id: 1,
        bankd_instance_id: bankd.id,
        slot_count: 100,
        unknown_cards_present: true,
      }),
    );
    expect(bank.status).toBe(200);
  });
  afterAll(() => h.close());

  it('gives 100 of 200 concurrent routers a slot, the others a 503, nothing held twice', async () => {
    const routers = Array.from(
      { length: 200 },
      (_, i) => new DeployedClient(`storm-${i}-slot0`, { host: '127.0.0.1', port: h.port }),
    );
    const results = await Promise.all(routers.map((r) => r.register()));
    const ok = results.filter((r) => r.answer.status === 200);
    const full = results.filter((r) => r.answer.status === 503);
    expect(ok).toHaveLength(100);
    expect(full).toHaveLength(100);
    expect(ok.every((r) => r.reading.client_accepts)).toBe(true);
    expect(full.every((r) => !r.reading.client_accepts && JSON.parse(r.answer.body).code === 'NO_SLOT_AVAILABLE')).toBe(true);
    const identities = new Set(ok.map((r) => `${r.reading.parsed.bank_id}:${r.reading.parsed.slot_id}`));
    const slots = new Set(
      ok.map((r) => {
        const s = JSON.parse(r.answer.body).sim_slot;
        return `${s.bank_id}:${s.slot_id}`;
      }),
    );
    expect(identities.size).toBe(100);
    expect(slots.size).toBe(100);
    const [db] = await h.query<{ active: number; assigned: number; identities: number }>(
      sql`SELECT (SELECT count(*)::int FROM service_profiles WHERE status = 'ACTIVE') AS active,
                 (SELECT count(*)::int FROM slots WHERE status = 'assigned') AS assigned,
                 (SELECT count(DISTINCT (rspro_client_id, rspro_slot_nr))::int FROM service_profiles WHERE status = 'ACTIVE') AS identities`,
    );
    expect(db).toEqual({ active: 100, assigned: 100, identities: 100 });
  });
});

describe('one router whose register request is duplicated 20 times at once', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh({ poolSize: 20 });
  });
  afterAll(() => h.close());

  it('gets one profile and twenty identical assignments', async () => {
    const router = new DeployedClient('dup-router-slot0', { host: '127.0.0.1', port: h.port });
    const results = await Promise.all(Array.from({ length: 20 }, () => router.register()));
    expect(results.every((r) => r.answer.status === 200 && r.reading.client_accepts)).toBe(true);
    const profiles = new Set(results.map((r) => JSON.parse(r.answer.body).profile_id));
    expect(profiles.size).toBe(1);
    const readings = new Set(results.map((r) => JSON.stringify(r.reading.parsed)));
    expect(readings.size).toBe(1);
    const rows = await h.query(sql`SELECT 1 FROM service_profiles WHERE client_id = 'dup-router-slot0'`);
    expect(rows).toHaveLength(1);
    const [assigned] = await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM slots WHERE status = 'assigned'`);
    expect(assigned?.n).toBe(1);
  });
});
