// Several IonMesh processes on one PostgreSQL: the invariants hold because the database enforces
// them (unique indexes, SKIP LOCKED, advisory locks), not process memory.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployedClient } from '../src/sim/openwrt-client.js';
import { type Harness, json, onPostgres, startIonMesh, startReplica } from './support/harness.js';

describe.runIf(onPostgres)('two IonMesh replicas on one PostgreSQL', () => {
  let h: Harness;
  let replica: Awaited<ReturnType<typeof startReplica>>;
  beforeAll(async () => {
    h = await startIonMesh({ demo: false, poolSize: 20 });
    replica = await startReplica(h);
    await h.admin('/tenants', json({ id: 1, name: 'site', enrollment_mode: 'open' }));
    const bankd = await (await h.admin('/bankd-instances', json({ name: 'b', endpoint: 'bankd.example:9999' }))).json();
    await h.admin(
      '/banks',
      json({
        bank_id: 3,
        name: 'site bank',
        tenant_id: 1,
        bankd_instance_id: bankd.id,
        slot_count: 100,
        unknown_cards_present: true,
      }),
    );
  });
  afterAll(async () => {
    await replica.close();
    await h.close();
  });

  it('hand out 100 slots to 200 routers split across both, never one slot or identity twice', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        new DeployedClient(`rep-${i}-slot0`, { host: '127.0.0.1', port: i % 2 ? replica.port : h.port }).register(),
      ),
    );
    expect(results.filter((r) => r.answer.status === 200)).toHaveLength(100);
    expect(results.filter((r) => r.answer.status === 503)).toHaveLength(100);
    const [db] = await h.query<{ active: number; slots: number; identities: number }>(
      sql`SELECT count(*)::int AS active, count(DISTINCT (bank_id, slot_id))::int AS slots,
                 count(DISTINCT (rspro_client_id, rspro_slot_nr))::int AS identities
          FROM service_profiles WHERE status = 'ACTIVE'`,
    );
    expect(db).toEqual({ active: 100, slots: 100, identities: 100 });
  });

  it('give one profile to a router whose duplicated requests land on both', async () => {
    const id = 'rep-0-slot0'; // already holds a slot: must get it back from both replicas
    const again = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        new DeployedClient(id, { host: '127.0.0.1', port: i % 2 ? replica.port : h.port }).register(),
      ),
    );
    expect(new Set(again.map((r) => JSON.parse(r.answer.body).profile_id)).size).toBe(1);
    const rows = await h.query(sql`SELECT 1 FROM service_profiles WHERE client_id = ${id}`);
    expect(rows).toHaveLength(1);
  });

  it('log a client offline once when both run the sweep at the same moment', async () => {
    await fetch(`http://127.0.0.1:${h.port}/api/backend/v1/remsim/heartbeat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"client_id":"rep-0-slot0","status":"active"}',
    });
    await h.query(sql`UPDATE service_profiles SET last_heartbeat = now() - interval '1 hour' WHERE client_id = 'rep-0-slot0'`);
    const [a, b] = await Promise.all([h.services.clients.sweepOffline(), replica.services.clients.sweepOffline()]);
    expect(a.length + b.length).toBe(1);
    const [n] = await h.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM health_log WHERE client_id = 'rep-0-slot0' AND new_status = 'offline'`,
    );
    expect(n?.n).toBe(1);
  });
});
