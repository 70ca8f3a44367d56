// Offline detection: heartbeating clients go offline after --offline-after of silence and come
// back on their next heartbeat; deployed clients that never heartbeat stay "unknown".
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, json, startIonMesh } from '../../../test/support/harness.js';

describe('a router that stops sending heartbeats', () => {
  let h: Harness;
  const remsim = (path: string, body: unknown) =>
    fetch(`${h.url}/api/backend/v1/remsim${path}`, { ...json(body), headers: { 'content-type': 'application/json' } });
  const liveness = async (clientId: string) =>
    (
      await h.query<{ liveness: string }>(
        sql`SELECT liveness FROM service_profiles WHERE client_id = ${clientId} AND status = 'ACTIVE'`,
      )
    )[0]?.liveness;
  const silence = (clientId: string, seconds: number) =>
    h.query(
      sql`UPDATE service_profiles SET last_heartbeat = now() - make_interval(secs => ${seconds}) WHERE client_id = ${clientId}`,
    );

  beforeAll(async () => {
    h = await startIonMesh({ config: { offlineAfterSec: 300 } });
    for (const id of ['rich-slot0', 'deployed-slot0', 'quiet-slot0'])
      expect((await remsim('/register-client', { client_id: id, tenant_id: 1 })).status).toBe(200);
  });
  afterAll(() => h.close());

  it('is online after its first heartbeat, with stats and modem info stored', async () => {
    expect(await liveness('rich-slot0')).toBe('unknown');
    const res = await remsim('/heartbeat', {
      client_id: 'rich-slot0',
      status: 'active',
      stats: { rssi: -71, rsrp: -98, rsrq: -11, sinr: 13.5, tpdus_sent: 10 },
      modem_info: { model: 'FM350-GL', firmware: '81600.0000.00.29.21.12' },
    });
    expect(res.status).toBe(200);
    expect(await liveness('rich-slot0')).toBe('online');
    const [p] = await h.query<{
      client_stats: { rssi: number };
      client_hardware_info: { model: string };
      client_ip_address: string;
    }>(
      sql`SELECT client_stats, client_hardware_info, client_ip_address FROM service_profiles WHERE client_id = 'rich-slot0' AND status = 'ACTIVE'`,
    );
    expect(p?.client_stats.rssi).toBe(-71);
    expect(p?.client_hardware_info.model).toBe('FM350-GL');
    expect(p?.client_ip_address).toBe('127.0.0.1');
  });

  it('stays online while heartbeats are younger than offline-after', async () => {
    await silence('rich-slot0', 200);
    expect(await h.services.clients.sweepOffline()).toHaveLength(0);
    expect(await liveness('rich-slot0')).toBe('online');
  });

  it('goes offline after offline-after of silence, logged in its health log', async () => {
    await silence('rich-slot0', 301);
    const changed = await h.services.clients.sweepOffline();
    expect(changed.map((c) => c.client_id)).toEqual(['rich-slot0']);
    expect(await liveness('rich-slot0')).toBe('offline');
    const detail = await (await h.admin('/clients/rich-slot0')).json();
    expect(detail.profile.liveness).toBe('offline');
    expect(detail.health_log[0]).toMatchObject({ kind: 'client_liveness', old_status: 'online', new_status: 'offline' });
  });

  it('is not logged offline twice by a second sweep (or a second IonMesh process)', async () => {
    const [a, b] = await Promise.all([h.services.clients.sweepOffline(), h.services.clients.sweepOffline()]);
    expect(a.length + b.length).toBe(0);
    const [n] = await h.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM health_log WHERE client_id = 'rich-slot0' AND new_status = 'offline'`,
    );
    expect(n?.n).toBe(1);
  });

  it('comes back online with its next heartbeat', async () => {
    expect((await remsim('/heartbeat', { client_id: 'rich-slot0', status: 'active' })).status).toBe(200);
    expect(await liveness('rich-slot0')).toBe('online');
    const listed = await (await h.admin('/clients?status=online')).json();
    expect(listed.items.map((c: { client_id: string }) => c.client_id)).toEqual(['rich-slot0']);
  });

  it('logs a change of reported health', async () => {
    expect((await remsim('/heartbeat', { client_id: 'rich-slot0', status: 'degraded' })).status).toBe(200);
    const detail = await (await h.admin('/clients/rich-slot0')).json();
    expect(detail.profile.health_status).toBe('degraded');
    expect(detail.health_log[0]).toMatchObject({ kind: 'client_health', old_status: 'active', new_status: 'degraded' });
  });

  it('leaves a deployed client that never heartbeats as liveness unknown, never offline', async () => {
    await h.query(sql`UPDATE service_profiles SET created_at = now() - interval '2 days' WHERE client_id = 'deployed-slot0'`);
    await h.services.clients.sweepOffline();
    expect(await liveness('deployed-slot0')).toBe('unknown');
    const unknown = await (await h.admin('/clients?status=unknown')).json();
    expect(unknown.items.map((c: { client_id: string }) => c.client_id).sort()).toEqual(['deployed-slot0', 'quiet-slot0']);
  });

  it('writes concurrent heartbeats of many clients, each answered after its write', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `burst-${i}-slot0`);
    for (const id of ids) expect((await remsim('/register-client', { client_id: id, tenant_id: 1 })).status).toBe(200);
    const answers = await Promise.all(
      [...ids, 'nobody-slot0', ids[0]].map((id) => remsim('/heartbeat', { client_id: id, status: 'active' })),
    );
    expect(answers.map((a) => a.status)).toEqual([...ids.map(() => 200), 404, 200]);
    const [n] = await h.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM service_profiles WHERE client_id LIKE 'burst-%' AND liveness = 'online'`,
    );
    expect(n?.n).toBe(20);
  });
});
