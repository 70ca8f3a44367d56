// The API behind the console: the fleet overview, the client table (filters, sort, free text,
// export), recent events, and live heartbeat pulses for the clients on screen.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type Harness, startIonMesh } from './support/harness.js';
import { collect } from './support/sse.js';

const post = (h: Harness, path: string, body: unknown) =>
  fetch(`${h.url}/api/backend/v1/remsim${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('console API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh();
    // Demo: bank 1 is AT&T, bank 2 Verizon. Five clients on AT&T, then three on Verizon.
    for (let i = 1; i <= 5; i += 1)
      expect((await post(h, '/register-client', { client_id: `att-${i}`, preferred_bank_id: 1 })).status).toBe(200);
    for (let i = 1; i <= 3; i += 1)
      expect((await post(h, '/register-client', { client_id: `vz-${i}`, preferred_bank_id: 2 })).status).toBe(200);
    expect((await post(h, '/heartbeat', { client_id: 'att-1', stats: { rsrp: -90 } })).status).toBe(200);
    expect((await post(h, '/heartbeat', { client_id: 'vz-1' })).status).toBe(200);
  });
  afterAll(() => h.close());

  it('the overview counts clients by liveness, tenant, mode and carrier, with banks and alerts', async () => {
    const res = await h.admin('/fleet/overview');
    expect(res.status).toBe(200);
    const o = await res.json();
    expect(o.clients).toMatchObject({ total: 8, online: 2, unknown: 6, offline: 0 });
    expect(o.clients.by_tenant).toEqual([expect.objectContaining({ tenant_id: 1, total: 8, online: 2 })]);
    expect(o.clients.by_mode).toEqual([expect.objectContaining({ mapping_mode: 'ONE_TO_ONE_SWSIM', total: 8 })]);
    expect(o.clients.by_carrier).toEqual([
      expect.objectContaining({ carrier: 'AT&T', total: 5, online: 1 }),
      expect.objectContaining({ carrier: 'Verizon', total: 3, online: 1 }),
    ]);
    const bank1 = o.banks.find((b: { bank_id: number }) => b.bank_id === 1);
    expect(bank1.assigned).toBe(5);
    expect(bank1.utilization).toBeCloseTo(5 / bank1.slots);
    expect(Array.isArray(o.alerts)).toBe(true);
  });

  it('raises an alert when a carrier has no free card left', async () => {
    await h.query(sql`UPDATE slots SET status = 'disabled' WHERE bank_id = 2 AND status = 'available'`);
    try {
      // The overview is shared for two seconds (every open console asks after each burst of events).
      await expect
        .poll(async () => (await (await h.admin('/fleet/overview')).json()).alerts, { timeout: 5000, interval: 250 })
        .toContainEqual(expect.objectContaining({ kind: 'carrier_without_slots', ref: 'carrier:1:Verizon' }));
    } finally {
      await h.query(sql`UPDATE slots SET status = 'available' WHERE bank_id = 2 AND status = 'disabled'`);
    }
  });

  it('filters clients by carrier and free text (client id, ICCID, IMSI), and sorts them', async () => {
    const byCarrier = await (await h.admin('/clients?carrier=verizon')).json();
    expect(byCarrier.total).toBe(3);
    expect(byCarrier.items.every((c: { carrier: string }) => c.carrier === 'Verizon')).toBe(true);
    const vz1 = byCarrier.items.find((c: { client_id: string }) => c.client_id === 'vz-1');
    const byIccid = await (await h.admin(`/clients?q=${vz1.iccid.slice(-8)}`)).json();
    expect(byIccid.items.map((c: { client_id: string }) => c.client_id)).toEqual(['vz-1']);
    const byImsi = await (await h.admin(`/clients?q=${vz1.imsi}`)).json();
    expect(byImsi.total).toBe(1);
    const byText = await (await h.admin('/clients?q=ATT-')).json();
    expect(byText.total).toBe(5);
    // Wildcards in the text are literal.
    expect((await (await h.admin('/clients?q=%25')).json()).total).toBe(0);
    const recent = await (await h.admin('/clients?sort=last_heartbeat&order=desc&limit=2')).json();
    expect(recent.items.map((c: { client_id: string }) => c.client_id).sort()).toEqual(['att-1', 'vz-1']);
    const byIdDesc = await (await h.admin('/clients?sort=client_id&order=desc&limit=1')).json();
    expect(byIdDesc.items[0].client_id).toBe('vz-3');
    expect((await h.admin('/clients?sort=iccid')).status).toBe(400);
  });

  it('exports the current filter as CSV and as JSON', async () => {
    const csv = await h.admin('/exports/clients?carrier=AT%26T&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="ionmesh-clients-.*\.csv"$/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toMatch(/^client_id,tenant_id,mapping_mode,liveness,/);
    expect(lines.length).toBe(6);
    const json = await (await h.admin('/exports/clients?format=json&status=online')).json();
    expect(json.map((c: { client_id: string }) => c.client_id).sort()).toEqual(['att-1', 'vz-1']);
    expect((await h.admin('/exports/clients?format=xml')).status).toBe(400);
  });

  it('gives the audit trail of several profiles in one page (a client’s page asks once), and refuses too many', async () => {
    const profiles = await h.query<{ profile_id: string }>(
      sql`SELECT profile_id FROM service_profiles WHERE client_id IN ('att-1', 'att-2') ORDER BY client_id`,
    );
    expect(profiles).toHaveLength(2);
    const ids = profiles.map((p) => p.profile_id).join(',');
    const res = await h.admin(`/audit-log?entity_type=service_profile&entity_ids=${ids}`);
    expect(res.status).toBe(200);
    const trail = (await res.json()) as { items: Array<{ entity_id: string; action: string }>; total: number };
    expect(new Set(trail.items.map((a) => a.entity_id))).toEqual(new Set(profiles.map((p) => p.profile_id)));
    expect(trail.items.every((a) => a.action === 'client.register')).toBe(true);
    const many = Array.from({ length: 51 }, (_, i) => `p${i}`).join(',');
    expect((await h.admin(`/audit-log?entity_ids=${many}`)).status).toBe(400);
  });

  it('lists the newest events first, and the events of chosen clients', async () => {
    const newest = await (await h.admin('/events?newest=true&limit=3')).json();
    expect(newest.items.length).toBe(3);
    expect(newest.items[0].id).toBeGreaterThan(newest.items[2].id);
    const ofOne = await (await h.admin('/events?client_id=vz-2')).json();
    expect(ofOne.items.length).toBeGreaterThan(0);
    expect(ofOne.items.every((e: { data: { client_id: string } }) => e.data.client_id === 'vz-2')).toBe(true);
    expect((await h.admin(`/events?client_id=${Array.from({ length: 201 }, (_, i) => `c${i}`).join(',')}`)).status).toBe(400);
  });

  it('tells a fresh stream where it starts, and sends the heartbeats of watched clients with every event', async () => {
    const ctl = new AbortController();
    const head = await (await h.admin('/events?newest=true&limit=1')).json();
    const res = await fetch(`${h.url}/api/backend/v1/events?heartbeats_of=vz-3`, {
      headers: { accept: 'text/event-stream', 'x-api-key': ADMIN_KEY },
      signal: ctl.signal,
    });
    expect(res.headers.get('x-last-event-id')).toBe(String(head.items[0].id));
    ctl.abort();
    const stream = collect(h.url, 100, 2500, {}, '?heartbeats_of=vz-3');
    await new Promise((r) => setTimeout(r, 300));
    expect((await post(h, '/heartbeat', { client_id: 'vz-2', stats: { rsrp: -80 } })).status).toBe(200); // not watched
    expect((await post(h, '/heartbeat', { client_id: 'vz-3', stats: { rsrp: -99 } })).status).toBe(200);
    const { frames } = await stream;
    // Every domain event (both clients came online), and the pulse of the watched client only.
    expect(
      frames.filter((f) => f.event === 'client.heartbeat').map((f) => (f.data as unknown as { client_id: string }).client_id),
    ).toEqual(['vz-3']);
    expect(
      frames
        .filter((f) => f.event === 'client.online')
        .map((f) => f.data.data.client_id)
        .sort(),
    ).toEqual(['vz-2', 'vz-3']);
    expect((await h.admin(`/events?heartbeats_of=${'x'.repeat(256)}`)).status).toBe(400);
  });

  it('streams heartbeat pulses of the chosen clients to a subscriber that asks for them', async () => {
    const stream = collect(h.url, 100, 2500, {}, '?type=client.heartbeat,client.&client_id=att-2,att-3');
    await new Promise((r) => setTimeout(r, 300));
    expect((await post(h, '/heartbeat', { client_id: 'att-4', stats: { rsrp: -80 } })).status).toBe(200); // not chosen
    expect((await post(h, '/heartbeat', { client_id: 'att-2', stats: { rsrp: -101.5 } })).status).toBe(200);
    const { frames } = await stream;
    const pulses = frames.filter((f) => f.event === 'client.heartbeat');
    const online = frames.filter((f) => f.event === 'client.online');
    expect(pulses.map((p) => (p.data as unknown as { client_id: string }).client_id)).toEqual(['att-2']);
    expect(pulses[0]?.id).toBe(0); // no id: a pulse never moves Last-Event-ID
    const pulse = pulses[0]?.data as unknown as { stats: { rsrp: number } } | undefined;
    expect(pulse?.stats.rsrp).toBe(-101.5);
    expect(online.map((e) => e.data.data.client_id)).toEqual(['att-2']);
  });
});
