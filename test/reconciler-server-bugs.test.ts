// The real osmo-remsim-server has bugs of its own (REMSIM-SERVER.md, "Learned by running the real
// server and bankd"): its push to a bankd stalls when a create and a delete are both pending,
// it forgets every map on restart while its bankds keep serving them, and a pass can race a
// bankd that reconnects. The operator's story: whatever the server does, every router ends up
// with the card IonMesh assigned it, quickly, and IonMesh says what happened.
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, json, startIonMesh, until } from './support/harness.js';
import { RemsimServerDouble, type Slotmap } from './support/remsim-server-double.js';

const REGISTER = '/api/backend/v1/remsim/register-client';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read by the assertions
type Doc = Record<string, any>;
interface Answer {
  bank_id: number;
  slot_id: number;
  sim_slot: { bank_id: number; slot_id: number };
}

const tuple = (m: Slotmap) => `${m.client.clientId}:${m.client.slotNr}->${m.bank.bankId}:${m.bank.slotNr}`;

describe('reconciler against the real server’s bugs', () => {
  let remsim: RemsimServerDouble;
  let h: Harness;
  let serverId: number;

  const start = async (config: Record<string, unknown> = {}) => {
    remsim = await new RemsimServerDouble({ bankdAckMs: 5 }).start();
    h = await startIonMesh({ remsim, config: { remsimStallGraceMs: 300, ...config } });
    const [s] = await h.query<{ id: number }>(sql`SELECT id FROM remsim_servers`);
    serverId = s?.id as number;
  };
  const register = async (clientId: string) => {
    const res = await fetch(`${h.url}${REGISTER}`, {
      ...json({ client_id: clientId, tenant_id: 1 }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Answer;
  };
  const unregister = (clientId: string) => fetch(`${h.url}/api/backend/v1/remsim/unregister/${clientId}`, { method: 'DELETE' });
  const status = async () => (await (await h.admin(`/remsim-servers/${serverId}`)).json()) as Doc;
  const reconcile = async () => {
    const res = await h.admin(`/remsim-servers/${serverId}/reconcile`, { method: 'POST' });
    expect(res.status).toBe(200);
    return (await res.json()) as Doc;
  };
  const events = async (type: string) =>
    (await h.query<{ data: Doc }>(sql`SELECT data FROM events WHERE type = ${type} ORDER BY id`)).map((e) => e.data);

  afterEach(async () => {
    await h?.close();
    await remsim?.close();
  });

  it('keeps a DELETE and a POST for one bankd apart, so a reassign never stalls the server', async () => {
    await start();
    remsim.connectBankd(1, 32);
    remsim.connectBankd(2, 32);
    const a = await register('apart-slot0');
    await until('ACTIVE', () => remsim.slotmaps()[0]?.state === 'ACTIVE');
    const res = await h.admin('/clients/apart-slot0/reassign', json({ bank_id: 1, slot_id: 9 }));
    expect(res.status).toBe(200);
    await until('moved and ACTIVE', () => {
      const m = remsim.slotmaps();
      return m.length === 1 && tuple(m[0] as Slotmap) === `${a.bank_id}:${a.slot_id}->1:9` && m[0]?.state === 'ACTIVE';
    });
    const del = remsim.requests('DELETE')[0];
    const post = remsim.requests('POST')[1];
    expect((post?.at ?? 0) - (del?.at ?? 0)).toBeGreaterThanOrEqual(24);
    expect(remsim.stalls).toBe(0);
    expect(remsim.servedBy(1)).toEqual([{ slotNr: 9, clientId: a.bank_id, clientSlot: a.slot_id }]);
  });

  it('finds a reassign stuck in the server’s push stall, repairs it, and says so', async () => {
    await start();
    remsim.connectBankd(1, 32);
    const a = await register('stuck-slot0');
    await until('ACTIVE', () => remsim.slotmaps()[0]?.state === 'ACTIVE');
    await h.services.reconciler.idle();
    // The server's main thread is slow to wake: the DELETE and the POST are both pending.
    remsim.wakeMs = 150;
    expect((await h.admin('/clients/stuck-slot0/reassign', json({ bank_id: 1, slot_id: 5 }))).status).toBe(200);
    await until('stalled', () => remsim.pending(1).creates === 1 && remsim.pending(1).deletes === 1);
    expect(remsim.servedBy(1)).toEqual([{ slotNr: 0, clientId: a.bank_id, clientSlot: a.slot_id }]); // the old card
    remsim.wakeMs = 1; // the race was a one-off
    // A pass within the grace does not call it stalled yet, nor the map present.
    const early = await reconcile();
    expect(early.figures).toMatchObject({ stalled: 0 });
    await until(
      'repaired',
      () => {
        const m = remsim.slotmaps();
        return m.length === 1 && m[0]?.state === 'ACTIVE' && tuple(m[0]) === `${a.bank_id}:${a.slot_id}->1:5`;
      },
      5000,
    );
    expect(remsim.servedBy(1)).toEqual([{ slotNr: 5, clientId: a.bank_id, clientSlot: a.slot_id }]);
    await h.services.reconciler.idle();
    const [stalled] = await events('remsim.mapping_stalled');
    expect(stalled).toMatchObject({
      bank_id: 1,
      bank_slot: 5,
      action: 'repairing',
      client: { client_id: 'stuck-slot0' },
      reason: expect.stringContaining('push stall'),
    });
    const s = await status();
    expect(s).toMatchObject({ stalls_total: 1, repairs_total: 1, stalled: [] });
    const after = await reconcile();
    expect(after.figures).toMatchObject({ desired: 1, present: 1, missing: 0, stalled: 0 });
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/ionmesh_remsim_fixes_total\{server="[^"]+",kind="repair"\} 1\n/);
    expect(metrics).toMatch(/ionmesh_remsim_mappings\{server="[^"]+",kind="stalled"\} 0\n/);
  });

  it('backs off a repair that keeps stalling and reports the map as missing, never as present', async () => {
    await start();
    remsim.connectBankd(1, 32);
    await register('hopeless-slot0');
    await until('ACTIVE', () => remsim.slotmaps()[0]?.state === 'ACTIVE');
    await h.services.reconciler.idle();
    remsim.wakeMs = 200; // every repair stalls again
    expect((await h.admin('/clients/hopeless-slot0/reassign', json({ bank_id: 1, slot_id: 6 }))).status).toBe(200);
    const s = await until(
      'backing off',
      async () => {
        await h.services.reconciler.idle();
        const st = await status();
        return st.stalled?.[0]?.action === 'backing_off' ? st : null;
      },
      15_000,
    );
    expect(s.stalled[0]).toMatchObject({
      bank_id: 1,
      bank_slot: 6,
      attempts: 3,
      reason: expect.stringContaining('restart bankd 1'),
    });
    expect(s.figures).toMatchObject({ present: 0, missing: 1, stalled: 1 });
    expect(s.repairs_total).toBe(3);
    // Passes that find the same stall again do not count it again.
    const counted = (await status()).stalls_total;
    await reconcile();
    await reconcile();
    expect((await status()).stalls_total).toBe(counted);
    const overview = (await (await h.admin('/fleet/overview')).json()) as Doc;
    expect(overview.alerts).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'mapping_stalled', ref: `remsim-server:${serverId}` })]),
    );
  });

  it('repairs at once, without waiting out its back-off, when an operator clears another tool’s map on the bankd', async () => {
    await start();
    remsim.connectBankd(1, 32);
    // Another tool's map on bank 1, served by the bankd.
    const foreign = await fetch(`${remsim.url}/api/backend/v1/slotmaps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ bank: { bankId: 1, slotNr: 30 }, client: { clientId: 700, slotNr: 7 } }),
    });
    expect(foreign.status).toBe(201);
    await register('stuck-slot0');
    await until('ACTIVE', () => remsim.slotmaps().every((m) => m.state === 'ACTIVE') && remsim.slotmaps().length === 2);
    await h.services.reconciler.idle();
    remsim.wakeMs = 200; // the bankd's pushes stall; IonMesh's repairs back off after three
    expect((await h.admin('/clients/stuck-slot0/reassign', json({ bank_id: 1, slot_id: 6 }))).status).toBe(200);
    await until(
      'backing off',
      async () => {
        await h.services.reconciler.idle();
        return (await status()).stalled?.[0]?.action === 'backing_off';
      },
      15_000,
    );
    // The operator clears the other tool's map (and the server's pushes flow again).
    remsim.wakeMs = 0;
    expect((await fetch(`${remsim.url}/api/backend/v1/slotmaps/${1 * 65536 + 30}`, { method: 'DELETE' })).status).toBe(200);
    // The next pass sees the change and repairs now, not after the back-off (a minute or more).
    const s = await until(
      'repaired and present',
      async () => {
        await reconcile();
        await h.services.reconciler.idle();
        const st = await status();
        return st.figures?.present === 1 && st.stalled.length === 0 ? st : null;
      },
      5000,
    );
    expect(s.repairs_total).toBeGreaterThanOrEqual(4);
    expect(remsim.slotmaps().map((m) => `${m.bank.bankId}:${m.bank.slotNr}:${m.state}`)).toEqual(['1:6:ACTIVE']);
  });

  it('maps everything within 2 s of the server answering again, however long the outage was', async () => {
    await start();
    remsim.connectBankd(1, 32);
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => register(`outage-${i}-slot0`)));
    await until('8 maps', () => remsim.slotmaps().length === 8);
    await h.services.reconciler.idle();
    await remsim.restart({ reconnect: true });
    await remsim.down();
    expect((await reconcile()).status).toBe('unreachable');
    // As after a two-minute outage: many failures, the next pass a minute away.
    await h.query(sql`UPDATE remsim_servers SET failures = 8, next_attempt_at = now() + interval '60 seconds'`);
    // A registration during the outage, one right after.
    const during = await register('outage-during-slot0');
    await new Promise((r) => setTimeout(r, 1500));
    await remsim.up();
    const back = Date.now();
    const after = await register('outage-after-slot0');
    const want = [...answers, during, after].map((a) => `${a.bank_id}:${a.slot_id}->${a.sim_slot.bank_id}:${a.sim_slot.slot_id}`);
    await until('all 10 maps back', () => remsim.slotmaps().length === 10, 5000);
    const took = Date.now() - back;
    expect(took).toBeLessThan(2000);
    expect(remsim.slotmaps().map(tuple).sort()).toEqual(want.sort());
    await h.services.reconciler.idle();
    expect(await status()).toMatchObject({ status: 'reachable', failures: 0 });
  });

  it('keeps the back-off for a server that answers wrongly: no probes, no pass for each change', async () => {
    await start();
    remsim.failNext(10_000, 500, ['GET']);
    const failed = await reconcile();
    expect(failed).toMatchObject({ status: 'unreachable', error: expect.stringContaining('answered 500') });
    const asked = remsim.requests().length;
    await register('patient-slot0');
    await new Promise((r) => setTimeout(r, 700));
    expect(remsim.requests().length).toBe(asked);
    remsim.failNext(0);
    expect((await reconcile()).figures).toMatchObject({ posted: 1, present: 1 });
  });

  it('after a server restart, flushes a released bank slot the bankd still serves, without calling the bank offline', async () => {
    await start();
    remsim.connectBankd(1, 32);
    const a = await register('leaving-slot0');
    const b = await register('staying-slot0');
    await until('2 ACTIVE', () => remsim.slotmaps().filter((m) => m.state === 'ACTIVE').length === 2);
    await h.services.reconciler.idle();
    await reconcile();
    const slotA = a.sim_slot.slot_id;
    expect(remsim.servedBy(1).map((s) => s.slotNr)).toContain(slotA);

    // The server restarts; its bankd has not reconnected yet; the router leaves meanwhile.
    await remsim.restart({ reconnect: false });
    expect((await unregister('leaving-slot0')).status).toBe(200);
    await h.services.reconciler.idle();
    const first = await reconcile();
    expect(first.figures).toMatchObject({ desired: 1, present: 1, flushed: 0, flush_pending: 1 });
    expect((await events('remsim.server_restarted'))[0]).toMatchObject({ lost: 2 });
    // The bankd still serves the released slot: the router keeps the card. REST cannot show it.
    expect(remsim.servedBy(1).map((s) => s.slotNr)).toContain(slotA);
    expect(((await (await h.admin('/banks/1')).json()) as Doc).bankd_connected).toBe(true);

    remsim.connectBankd(1, 32); // reconnects on its retry delay
    await until('B ACTIVE again', () => remsim.slotmaps()[0]?.state === 'ACTIVE');
    const second = await reconcile();
    expect(second.figures).toMatchObject({ flushed: 1, flush_pending: 0 });
    await until('the bankd dropped the released slot', () => remsim.servedBy(1).length === 1);
    expect(remsim.servedBy(1)).toEqual([{ slotNr: b.sim_slot.slot_id, clientId: b.bank_id, clientSlot: b.slot_id }]);
    expect(remsim.slotmaps().map(tuple)).toEqual([`${b.bank_id}:${b.slot_id}->1:${b.sim_slot.slot_id}`]);
    expect(await events('remsim.bankd_slot_flushed')).toEqual([
      expect.objectContaining({ bank_id: 1, bank_slot: slotA, released_client_id: a.bank_id, released_client_slot: a.slot_id }),
    ]);
    expect(await h.query(sql`SELECT * FROM remsim_mappings WHERE purpose = 'flush' OR bank_slot = ${slotA}`)).toEqual([]);
    expect(await events('bank.offline')).toEqual([]);
    expect(await status()).toMatchObject({ flushes_total: 1 });
  });

  it('re-reads a map before deleting it when its bankd connected during the pass, and never deletes it UNACKNOWLEDGED', async () => {
    await start();
    remsim.bankdAckMs = 300;
    await register('racing-slot0');
    await until('map NEW', () => remsim.slotmaps()[0]?.state === 'NEW');
    await h.services.reconciler.idle();
    // The bankd connects right after the pass read the list: the NEW map becomes UNACKNOWLEDGED.
    let armed = true;
    remsim.onRequest((method, path) => {
      if (armed && method === 'GET' && path.endsWith('/slotmaps')) {
        armed = false;
        setImmediate(() => remsim.connectBankd(1, 32));
      }
    });
    expect((await unregister('racing-slot0')).status).toBe(200);
    await until('map removed', () => remsim.slotmaps().length === 0, 5000);
    await h.services.reconciler.idle();
    // Deleted once ACTIVE, so the bankd dropped it; deleted UNACKNOWLEDGED, it would serve it forever.
    await until('the bankd serves nothing', () => remsim.servedBy(1).length === 0, 3000);
    expect(remsim.ghostCount()).toBe(0);
  });
});
