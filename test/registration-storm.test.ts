// A registration storm: a registration that cannot start within its deadline (below the deployed
// client's 10 s timeout) answers 503 BUSY at once with Retry-After, holds nothing, and succeeds
// when the router registers again; one whose caller hung up keeps its slot for that client id,
// which gets the same slot when it registers again.
import { request } from 'node:http';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, json, startIonMesh } from './support/harness.js';

const register = async (h: Harness, clientId: string) => {
  const res = await fetch(`${h.url}/api/backend/v1/remsim/register-client`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: clientId, mapping_mode: 'ONE_TO_ONE_SWSIM', mcc_mnc: '', tenant_id: 1 }),
  });
  const body = (await res.json()) as {
    code?: string;
    bank_id?: number;
    slot_id?: number;
    sim_slot?: { bank_id: number; slot_id: number };
    note?: string;
  };
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
};

describe('a registration storm with a short deadline', () => {
  let h: Harness;
  const ids = Array.from({ length: 300 }, (_, i) => `storm-${String(i).padStart(4, '0')}-slot0`);
  beforeAll(async () => {
    h = await startIonMesh({ config: { registerDeadlineMs: 100 } });
    const [bankd] = await h.query<{ id: number }>(sql`SELECT id FROM bankd_instances ORDER BY id LIMIT 1`);
    for (const [bank, count] of [[70, 400]])
      expect(
        (
          await h.admin(
            '/banks',
            json({
              bank_id: bank,
              name: `storm ${bank}`,
              tenant_id: 1,
              bankd_instance_id: bankd?.id,
              slot_count: count,
              unknown_cards_present: true,
            }),
          )
        ).status,
      ).toBe(200);
  });
  afterAll(() => h.close());

  /** Holds the database up for `ms`, as a long statement ahead of the registrations would. */
  const holdDatabase = async (ms: number) => {
    if (!h.databaseUrl) {
      // PGlite: the one queue is busy while this unit of work waits.
      void h.db.run(() => new Promise((r) => setTimeout(r, ms)));
      return;
    }
    const c = new pg.Client({ connectionString: h.databaseUrl });
    await c.connect();
    await c.query('BEGIN');
    await c.query('LOCK TABLE service_profiles IN EXCLUSIVE MODE');
    setTimeout(() => void c.query('COMMIT').finally(() => c.end()), ms);
  };

  it('answers what it cannot start in time with a fast 503 BUSY that holds nothing; the router gets a slot next time', async () => {
    await holdDatabase(1000);
    const started = Date.now();
    const answers = await Promise.all(
      ids.map(async (id) => {
        const a = await register(h, id);
        return { ...a, after: Date.now() - started };
      }),
    );
    const ok = ids.filter((_, i) => answers[i]?.status === 200);
    const busy = ids.filter((_, i) => answers[i]?.status === 503);
    expect(ok.length + busy.length).toBe(ids.length);
    expect(busy.length).toBeGreaterThan(0);
    for (const a of answers.filter((x) => x.status === 503)) {
      expect(a.body.code).toBe('BUSY');
      expect(Number(a.retryAfter)).toBeGreaterThan(0);
    }
    // The refusals came while the database was still held, not after it let go.
    expect(Math.min(...answers.filter((x) => x.status === 503).map((a) => a.after))).toBeLessThan(1000);
    const held = await h.query<{ client_id: string }>(
      sql`SELECT client_id FROM service_profiles WHERE status = 'ACTIVE' AND client_id LIKE 'storm-%' ORDER BY client_id`,
    );
    expect(held.map((r) => r.client_id)).toEqual(ok);
    // Registering again (the router's next start), one at a time: each refused one gets a slot.
    for (const id of busy.slice(0, 50)) expect((await register(h, id)).status).toBe(200);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/ionmesh_registrations_total\{[^}]*outcome="busy"[^}]*\} [1-9]/);
  });

  it('keeps the slot of a registration whose caller hung up, and gives the router that slot again', async () => {
    await new Promise<void>((resolve) => {
      const payload = JSON.stringify({ client_id: 'hangup-slot0', tenant_id: 1 });
      const req = request({
        host: '127.0.0.1',
        port: h.port,
        method: 'POST',
        path: '/api/backend/v1/remsim/register-client',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      });
      req.on('error', () => resolve());
      req.end(payload, () =>
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 1),
      );
    });
    let kept: Array<{ bank_id: number; slot_id: number }> = [];
    for (let i = 0; i < 50 && kept.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      kept = await h.query(
        sql`SELECT bank_id, slot_id FROM service_profiles WHERE client_id = 'hangup-slot0' AND status = 'ACTIVE'`,
      );
    }
    expect(kept).toHaveLength(1);
    const again = await register(h, 'hangup-slot0');
    expect(again.status).toBe(200);
    expect(again.body.sim_slot).toEqual(expect.objectContaining(kept[0]));
    expect(again.body.note).toMatch(/already registered/);
  });
});
