// "Register" means "this router now has this SIM": every assignment becomes a slot mapping on the
// osmo-remsim-server (here the faithful double), kept right through unregister, reassign,
// restarts, outages and maps of other tools, with presence read back from the server's lists.
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeployedClient } from '../src/sim/openwrt-client.js';
import { type Harness, json, onPostgres, startIonMesh, startReplica, until } from './support/harness.js';
import { RemsimServerDouble, type Slotmap } from './support/remsim-server-double.js';

const REGISTER = '/api/backend/v1/remsim/register-client';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read by the assertions
type Doc = Record<string, any>;

const tuple = (m: Slotmap) => `${m.client.clientId}:${m.client.slotNr}->${m.bank.bankId}:${m.bank.slotNr}`;

describe('reconciler against the remsim-server double', () => {
  let remsim: RemsimServerDouble;
  let h: Harness;
  let serverId: number;

  const register = async (clientId: string, extra: Record<string, unknown> = {}) => {
    const res = await fetch(`${h.url}${REGISTER}`, {
      ...json({ client_id: clientId, tenant_id: 1, ...extra }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { bank_id: number; slot_id: number; sim_slot: { bank_id: number; slot_id: number } };
  };
  const unregister = (clientId: string) => fetch(`${h.url}/api/backend/v1/remsim/unregister/${clientId}`, { method: 'DELETE' });
  const mapped = (a: { bank_id: number; slot_id: number; sim_slot: { bank_id: number; slot_id: number } }) =>
    `${a.bank_id}:${a.slot_id}->${a.sim_slot.bank_id}:${a.sim_slot.slot_id}`;
  const status = async () => (await (await h.admin(`/remsim-servers/${serverId}`)).json()) as Doc;
  const reconcile = async () => {
    const res = await h.admin(`/remsim-servers/${serverId}/reconcile`, { method: 'POST' });
    expect(res.status).toBe(200);
    return (await res.json()) as Doc;
  };

  beforeEach(async () => {
    remsim = await new RemsimServerDouble({ bankdAckMs: 5 }).start();
    h = await startIonMesh({ remsim });
    const [s] = await h.query<{ id: number }>(sql`SELECT id FROM remsim_servers`);
    serverId = s?.id as number;
  });
  afterEach(async () => {
    await h.close();
    await remsim.close();
  });

  it('maps a registration within a second of its 200, and removes it on unregister', async () => {
    const started = Date.now();
    const a = await register('r1-slot0');
    await until('mapping present', () => remsim.slotmaps().some((m) => tuple(m) === mapped(a)));
    expect(Date.now() - started).toBeLessThan(1000);
    // Physical slot 0 is served through a spare identity of the same bank.
    expect(a.sim_slot).toEqual({ bank_id: 1, slot_id: 0, tenant_id: 1 });
    expect(a.bank_id).toBe(1);
    expect(a.slot_id).toBeGreaterThan(0);
    expect((await unregister('r1-slot0')).status).toBe(200);
    await until('mapping gone', () => remsim.slotmaps().length === 0);
    // IonMesh forgets the map it created once it is gone.
    await until('record forgotten', async () => (await h.query(sql`SELECT * FROM remsim_mappings`)).length === 0);
    expect(remsim.requests('DELETE').map((r) => r.status)).toEqual([200]);
  });

  it('sends mutations one at a time even when many routers register at once', async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => register(`storm-${i}-slot0`)));
    await until('30 mappings', () => remsim.slotmaps().length === 30);
    expect(remsim.slotmaps().map(tuple).sort()).toEqual(answers.map(mapped).sort());
    expect(remsim.maxConcurrentMutations).toBe(1);
    expect(remsim.requests('POST').filter((r) => r.status !== 201)).toEqual([]);
    const s = await until('status recorded', async () => {
      const st = await status();
      return st.figures?.present === 30 ? st : null;
    });
    expect(s).toMatchObject({ status: 'reachable', reachable: true, figures: { desired: 30, missing: 0, conflicting: 0 } });
  });

  it('moves the mapping on reassign: the router keeps its identity, the bank side follows', async () => {
    const a = await register('mover-slot0');
    await until('first mapping', () => remsim.slotmaps().length === 1);
    const res = await h.admin('/clients/mover-slot0/reassign', { ...json({ bank_id: 2, slot_id: 7, reason: 'card failing' }) });
    expect(res.status).toBe(200);
    const moved = (await res.json()) as Doc;
    expect(moved).toMatchObject({ from: a.sim_slot && { bank_id: 1, slot_id: 0 }, to: { bank_id: 2, slot_id: 7 } });
    expect(moved.rspro).toEqual({ client_id: a.bank_id, slot_nr: a.slot_id });
    await until('mapping moved', () => {
      const maps = remsim.slotmaps().map(tuple);
      return maps.length === 1 && maps[0] === `${a.bank_id}:${a.slot_id}->2:7`;
    });
    // The slots follow, and registering again answers the same identity with the new card.
    const slots = await h.query<{ bank_id: number; slot_id: number; status: string }>(
      sql`SELECT bank_id, slot_id, status FROM slots WHERE (bank_id, slot_id) IN ((1, 0), (2, 7)) ORDER BY bank_id`,
    );
    expect(slots.map((s) => s.status)).toEqual(['available', 'assigned']);
    const again = await register('mover-slot0');
    expect([again.bank_id, again.slot_id, again.sim_slot.bank_id, again.sim_slot.slot_id]).toEqual([a.bank_id, a.slot_id, 2, 7]);
  });

  it('refuses a reassign to a taken slot or an unknown client, and changes nothing', async () => {
    await register('one-slot0');
    await register('two-slot0');
    await until('two mappings', () => remsim.slotmaps().length === 2);
    const taken = await h.admin('/clients/one-slot0/reassign', json({ bank_id: 1, slot_id: 1 }));
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { code: string }).code).toBe('REASSIGN_NOT_POSSIBLE');
    expect((await h.admin('/clients/ghost-slot0/reassign', json({}))).status).toBe(404);
    expect((await h.admin('/clients/one-slot0/reassign', json({ slot_id: 3 }))).status).toBe(400);
    expect((await h.admin('/clients/one-slot0/reassign', json({ bank_id: 1, slot_id: 1024 }))).status).toBe(400);
    const [n] = await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'client.reassign'`);
    expect(n?.n).toBe(0);
  });

  it('restores every mapping in one pass after the server restarts and forgets them', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => register(`keep-${i}-slot0`)));
    await until('12 mappings', () => remsim.slotmaps().length === 12);
    await h.services.reconciler.idle();
    await remsim.restart();
    expect(remsim.slotmaps()).toEqual([]);
    const pass = await reconcile();
    expect(pass).toMatchObject({ status: 'reconciled', figures: { desired: 12, present: 12, posted: 12, missing: 0 } });
    expect(remsim.slotmaps().map(tuple).sort()).toEqual(answers.map(mapped).sort());
  });

  it('leaves foreign maps alone, reports one that conflicts, and never overwrites it', async () => {
    // Another tool's maps: one out of the way, one on the bank slot IonMesh will want.
    remsim.connectBankd(9, 8);
    await fetch(`${remsim.url}/api/backend/v1/slotmaps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ bank: { bankId: 9, slotNr: 1 }, client: { clientId: 900, slotNr: 1 } }),
    });
    await fetch(`${remsim.url}/api/backend/v1/slotmaps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ bank: { bankId: 1, slotNr: 0 }, client: { clientId: 901, slotNr: 1 } }),
    });
    const a = await register('blocked-slot0');
    expect(a.sim_slot).toMatchObject({ bank_id: 1, slot_id: 0 });
    const pass = await reconcile();
    expect(pass.figures).toMatchObject({ desired: 1, present: 0, missing: 1, conflicting: 1, foreign: 1, posted: 0, deleted: 0 });
    expect(pass.conflicts[0]).toMatchObject({
      bank_id: 1,
      bank_slot: 0,
      client_id: 901,
      client_slot: 1,
      on: 'bank_slot',
      action: 'reported',
      blocks: { client_id: 'blocked-slot0' },
    });
    expect(remsim.slotmaps().map(tuple).sort()).toEqual(['900:1->9:1', '901:1->1:0']);
    expect((await status()).conflicts).toHaveLength(1);
    const events = await h.query<{ type: string; n: number }>(
      sql`SELECT type, count(*)::int AS n FROM events WHERE type = 'remsim.mapping_conflict' GROUP BY type`,
    );
    expect(events).toEqual([{ type: 'remsim.mapping_conflict', n: 1 }]);
    // A second pass reports it again in the status, but raises no second event.
    await reconcile();
    const [again] = await h.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM events WHERE type = 'remsim.mapping_conflict'`,
    );
    expect(again?.n).toBe(1);
  });

  it('never deletes a map while it is UNACKNOWLEDGED: it waits until the bankd answered', async () => {
    remsim.bankdAckMs = 300;
    remsim.connectBankd(1, 32);
    const a = await register('quick-slot0');
    await until('map sent to the bankd', () => remsim.slotmaps()[0]?.state === 'UNACKNOWLEDGED');
    expect(tuple(remsim.slotmaps()[0] as Slotmap)).toBe(mapped(a));
    expect((await unregister('quick-slot0')).status).toBe(200);
    await until('map removed', () => remsim.slotmaps().length === 0, 5000);
    expect(remsim.ghostCount()).toBe(0);
    const deletes = remsim.requests('DELETE');
    expect(deletes).toHaveLength(1);
    // The DELETE went out only after the map had been acknowledged.
    const created = remsim.requests('POST')[0]?.at ?? 0;
    expect((deletes[0]?.at ?? 0) - created).toBeGreaterThanOrEqual(250);
  });

  it('checks bank slots against the bankd’s numberOfSlots before sending', async () => {
    remsim.connectBankd(1, 3); // the bankd says it has slots 0..2 only
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await register(`small-${i}-slot0`));
    const pass = await reconcile();
    expect(pass.figures).toMatchObject({ desired: 4, present: 3, invalid: 1 });
    expect(pass.invalid).toEqual([{ client_id: 'small-3-slot0', reason: expect.stringContaining('reports 3 slots') }]);
    expect(remsim.slotmaps().some((m) => m.bank.slotNr >= 3)).toBe(false);
  });

  it('shows an unreachable server, backs off, and repairs it when it is back', async () => {
    await register('patient-slot0');
    await until('mapping', () => remsim.slotmaps().length === 1);
    await remsim.restart();
    await remsim.down();
    const failed = await reconcile();
    expect(failed).toMatchObject({ status: 'unreachable', reachable: false });
    const s = await status();
    expect(s).toMatchObject({ status: 'unreachable', reachable: false, failures: 1 });
    expect(s.last_error).toMatch(/ECONNREFUSED|fetch failed/);
    expect(new Date(s.next_attempt_at).getTime()).toBeGreaterThan(Date.now());
    // Back-off: an ordinary trigger does nothing until next_attempt_at; a forced pass does.
    expect(await h.services.reconciler.trigger(serverId)).toBeNull();
    await remsim.up();
    const repaired = await reconcile();
    expect(repaired).toMatchObject({ status: 'reconciled', figures: { posted: 1, present: 1 } });
    expect((await status()).status).toBe('reachable');
    const types = (await h.query<{ type: string }>(sql`SELECT type FROM events ORDER BY id`)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['remsim.server_unreachable', 'remsim.server_reachable']));
  });

  it('takes presence from the server: a router connected over RSPRO is online, a bankd connected is a bank online', async () => {
    const router = new DeployedClient('presence-slot0', { host: '127.0.0.1', port: h.port });
    const { reading } = await router.register();
    expect(reading.client_accepts).toBe(true);
    remsim.connectBankd(1, 32);
    // The deployed client presents its answer's bank_id/slot_id on RSPRO; it never heartbeats.
    remsim.connectClient(reading.parsed.bank_id, reading.parsed.slot_id, 'presence');
    await reconcile();
    const [p] = await h.query<{ liveness: string; rspro_connected: boolean; rspro_connected_since: Date | null }>(
      sql`SELECT liveness, rspro_connected, rspro_connected_since FROM service_profiles WHERE client_id = 'presence-slot0'`,
    );
    expect(p).toMatchObject({ liveness: 'online', rspro_connected: true });
    expect(p?.rspro_connected_since).not.toBeNull();
    const bank = (await (await h.admin('/banks/1')).json()) as Record<string, unknown>;
    expect(bank).toMatchObject({ bankd_connected: true, bankd_slots: 32 });
    // The offline sweep leaves a connected router alone, though it never heartbeats.
    expect(await h.services.clients.sweepOffline()).toEqual([]);

    remsim.dropClient(reading.parsed.bank_id, reading.parsed.slot_id);
    remsim.dropBankd(1);
    await reconcile();
    // A bankd the server stops listing is not offline at once (a restarted server lists none
    // until each reconnects): only once it has been missing for --bank-offline-grace.
    const within = (await (await h.admin('/banks/1')).json()) as Record<string, unknown>;
    expect(within).toMatchObject({ bankd_connected: true });
    const [missing] = await h.query<{ since: Date | null }>(
      sql`SELECT bankd_missing_since AS since FROM sim_banks WHERE bank_id = 1`,
    );
    expect(missing?.since).not.toBeNull();
    await h.query(sql`UPDATE sim_banks SET bankd_missing_since = now() - interval '31 seconds' WHERE bank_id = 1`);
    await reconcile();
    expect(((await (await h.admin('/banks/1')).json()) as Record<string, unknown>).bankd_connected).toBe(false);
    const [q] = await h.query<{ liveness: string; rspro_connected: boolean }>(
      sql`SELECT liveness, rspro_connected FROM service_profiles WHERE client_id = 'presence-slot0'`,
    );
    expect(q).toEqual({ liveness: 'offline', rspro_connected: false });
    const log = await h.query<{ old_status: string; new_status: string; reason: string }>(
      sql`SELECT old_status, new_status, reason FROM health_log WHERE client_id = 'presence-slot0' AND kind = 'client_liveness' ORDER BY id`,
    );
    expect(log).toEqual([
      { old_status: 'unknown', new_status: 'online', reason: 'RSPRO connected' },
      { old_status: 'online', new_status: 'offline', reason: 'RSPRO disconnected' },
    ]);
    const types = (await h.query<{ type: string }>(sql`SELECT type FROM events WHERE type LIKE 'bank.%' ORDER BY id`)).map(
      (e) => e.type,
    );
    expect(types).toEqual(['bank.online', 'bank.offline']);
  });
});

describe('remsim-servers in the inventory', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh();
  });
  afterAll(() => h.close());

  it('creates, lists, updates and deletes servers; a URL without a port means 9997', async () => {
    const res = await h.admin('/remsim-servers', json({ name: 'site-a', url: 'http://10.9.8.7' }));
    expect(res.status).toBe(200);
    const s = (await res.json()) as { id: number; url: string; status: string };
    expect(s).toMatchObject({ url: 'http://10.9.8.7:9997', status: 'pending' });
    const dup = await h.admin('/remsim-servers', json({ name: 'site-a2', url: 'http://10.9.8.7:9997/' }));
    expect([dup.status, ((await dup.json()) as { code: string }).code]).toEqual([409, 'REMSIM_SERVER_EXISTS']);
    const list = (await (await h.admin('/remsim-servers')).json()) as { items: Array<{ url: string }>; total: number };
    expect(list.items.map((i) => i.url)).toContain('http://10.9.8.7:9997');
    // A bankd instance names it by id or by URL.
    const bankd = await h.admin('/bankd-instances', json({ name: 'bankd-a', endpoint: '10.9.8.7:9999', remsim_server_id: s.id }));
    expect(((await bankd.json()) as { remsim_server_url: string }).remsim_server_url).toBe('http://10.9.8.7:9997');
    const inUse = await h.admin(`/remsim-servers/${s.id}`, { method: 'DELETE' });
    expect([inUse.status, ((await inUse.json()) as { code: string }).code]).toEqual([409, 'REMSIM_SERVER_IN_USE']);
    const moved = await h.admin(`/remsim-servers/${s.id}`, { method: 'PATCH', body: JSON.stringify({ url: '10.9.8.8:19997' }) });
    expect(((await moved.json()) as { url: string }).url).toBe('http://10.9.8.8:19997');
    const viaUrl = await h.admin(
      '/bankd-instances',
      json({ name: 'bankd-b', endpoint: '10.9.8.9:9999', remsim_server_url: '10.9.8.9' }),
    );
    expect(((await viaUrl.json()) as { remsim_server_url: string }).remsim_server_url).toBe('http://10.9.8.9:9997');
  });

  it('refuses bad URLs and unknown servers with a 4xx and changes nothing', async () => {
    const before = await h.query(sql`SELECT id, url FROM remsim_servers ORDER BY id`);
    for (const url of ['ftp://x:1', 'http://user:pw@x', 'http://x:0', 'http://x:70000', 'http://x/api', 'http://x?y=1', '']) {
      const res = await h.admin('/remsim-servers', json({ url }));
      expect(res.status, url).toBe(400);
    }
    expect((await h.admin('/remsim-servers', json({ url: 'http://a', extra: 1 }))).status).toBe(400);
    expect((await h.admin('/remsim-servers/999')).status).toBe(404);
    expect((await h.admin('/remsim-servers/999/reconcile', { method: 'POST' })).status).toBe(404);
    const bankd = await h.admin('/bankd-instances', json({ name: 'x', endpoint: '1.2.3.4:9999', remsim_server_id: 999 }));
    expect([bankd.status, ((await bankd.json()) as { code: string }).code]).toEqual([404, 'REMSIM_SERVER_NOT_FOUND']);
    expect(await h.query(sql`SELECT id, url FROM remsim_servers ORDER BY id`)).toEqual(before);
  });
});

describe.runIf(onPostgres)('two IonMesh processes reconciling one remsim-server', () => {
  it('never double-post and end with exactly the desired maps', async () => {
    const remsim = await new RemsimServerDouble({ bankdAckMs: 5 }).start();
    const h = await startIonMesh({ remsim, poolSize: 20 });
    const replica = await startReplica(h, 20, { reconcile: true });
    try {
      const urls = [h.url, `http://127.0.0.1:${replica.port}`];
      const answers = await Promise.all(
        Array.from({ length: 60 }, async (_, i) => {
          const res = await fetch(`${urls[i % 2]}${REGISTER}`, {
            ...json({ client_id: `pair-${i}-slot0`, tenant_id: 1 }),
            headers: { 'content-type': 'application/json' },
          });
          expect(res.status).toBe(200);
          return (await res.json()) as { bank_id: number; slot_id: number; sim_slot: { bank_id: number; slot_id: number } };
        }),
      );
      // Both processes also run their periodic pass at the same moment.
      await Promise.all([h.services.reconciler.periodic(), replica.services.reconciler.periodic()]);
      await until('60 mappings', () => remsim.slotmaps().length === 60, 5000);
      const want = answers.map((a) => `${a.bank_id}:${a.slot_id}->${a.sim_slot.bank_id}:${a.sim_slot.slot_id}`).sort();
      expect(remsim.slotmaps().map(tuple).sort()).toEqual(want);
      expect(remsim.maxConcurrentMutations).toBe(1);
      expect(remsim.requests('POST').filter((r) => r.status !== 201)).toEqual([]);
    } finally {
      await replica.close();
      await h.close();
      await remsim.close();
    }
  });
});

describe('reconciler with --remsim-takeover', () => {
  it('replaces a foreign map that stands in the way, and says so', async () => {
    const remsim = await new RemsimServerDouble({ bankdAckMs: 5 }).start();
    const h = await startIonMesh({ remsim, config: { remsimTakeover: true } });
    try {
      await fetch(`${remsim.url}/api/backend/v1/slotmaps`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ bank: { bankId: 1, slotNr: 0 }, client: { clientId: 901, slotNr: 1 } }),
      });
      const res = await fetch(`${h.url}${REGISTER}`, {
        ...json({ client_id: 'winner-slot0', tenant_id: 1 }),
        headers: { 'content-type': 'application/json' },
      });
      const a = (await res.json()) as { bank_id: number; slot_id: number };
      await until('taken over', () => {
        const maps = remsim.slotmaps().map(tuple);
        return maps.length === 1 && maps[0] === `${a.bank_id}:${a.slot_id}->1:0`;
      });
      await h.services.reconciler.idle();
      const [e] = await h.query<{ data: { action: string; client_id: number } }>(
        sql`SELECT data FROM events WHERE type = 'remsim.mapping_conflict'`,
      );
      expect(e?.data).toMatchObject({ action: 'taken_over', client_id: 901 });
    } finally {
      await h.close();
      await remsim.close();
    }
  });
});
