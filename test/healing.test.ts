// Self-healing, as an operator meets it: a bankd goes away and its routers move to a bank another
// bankd serves (the remsim-server double shows the maps follow, the routers keep their RSPRO
// identity) and back when it returns; a failing card's client moves and the card is locked
// faulty; a router asks for a new card or another bankd; a silent router gets a restart when it
// returns or a person when it does not; a remsim-server's drift is an incident until the
// reconciler repaired it. Cooldowns and the hourly limit stop a storm; incidents are listed,
// acknowledged and resolved by hand; two replicas never heal one incident twice.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLuhn } from '../src/domain/iccid.js';
import { type Harness, healAll, json, onPostgres, startIonMesh, startReplica, until } from './support/harness.js';
import { RemsimServerDouble } from './support/remsim-server-double.js';

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field
type Doc = Record<string, any>;

async function answer(res: Response | Promise<Response>, status = 200) {
  const r = await res;
  const body = await r.json();
  expect(r.status, JSON.stringify(body)).toBe(status);
  return body as Doc;
}

describe('self-healing', () => {
  let h: Harness;
  let remsim: RemsimServerDouble;
  const client = (path: string, body: unknown) =>
    fetch(`${h.url}/api/backend/v1/remsim${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  type Profile = { bank_id: number; slot_id: number; rspro_client_id: number; rspro_slot_nr: number };
  const profile = async (clientId: string) =>
    (
      await h.query<Profile>(
        sql`SELECT bank_id, slot_id, rspro_client_id, rspro_slot_nr FROM service_profiles WHERE client_id = ${clientId} AND status = 'ACTIVE'`,
      )
    )[0] as Profile;
  const mapOf = (p: Profile) =>
    remsim
      .slotmaps()
      .filter((m) => m.client.clientId === p.rspro_client_id && m.client.slotNr === p.rspro_slot_nr)
      .map((m) => `${m.bank.bankId}:${m.bank.slotNr}`);
  const settle = async () => {
    await h.services.reconciler.idle();
    await h.services.reconciler.periodic();
    await h.services.reconciler.idle();
  };
  const heal = () => healAll(h);
  const incidents = async (query: string) => (await answer(h.admin(`/incidents?${query}`))).items as Doc[];
  const slotStatus = async (bankId: number, slotId: number) =>
    (await h.query<{ status: string }>(sql`SELECT status FROM slots WHERE bank_id = ${bankId} AND slot_id = ${slotId}`))[0]
      ?.status;
  const playbooks = (body: Doc, status = 200) =>
    answer(h.admin('/tenants/1/healing', { method: 'PUT', body: JSON.stringify(body) }), status);
  /** Nothing waits for time in a test: the incidents due later are due now. */
  const dueNow = () => h.query(sql`UPDATE incidents SET next_at = now() WHERE next_at IS NOT NULL`);
  /** Moves by self-healing are an hour old (the cooldown and the hourly limit start again). */
  const forgetMoves = () => h.query(sql`UPDATE incident_attempts SET started_at = started_at - interval '2 hours'`);

  beforeAll(async () => {
    remsim = await new RemsimServerDouble({ bankdAckMs: 5 }).start();
    h = await startIonMesh({ remsim, config: { bankOfflineGraceSec: 0 } });
    // A standby: bank 3 (AT&T, like bank 1) served by a second bankd on the same remsim-server.
    const [server] = await h.query<{ id: number }>(sql`SELECT id FROM remsim_servers LIMIT 1`);
    const bankd = await answer(
      h.admin('/bankd-instances', json({ name: 'standby-bankd', endpoint: '127.0.0.1:9997', remsim_server_id: server?.id })),
    );
    await answer(
      h.admin('/banks', json({ bank_id: 3, name: 'standby AT&T', tenant_id: 1, bankd_instance_id: bankd.id, slot_count: 4 })),
    );
    for (let s = 0; s < 4; s++)
      await answer(
        h.admin(`/banks/3/slots/${s}`, {
          method: 'PATCH',
          body: JSON.stringify({
            iccid: withLuhn(`8901410300000000${s}0`),
            imsi: `31041030000000${s}`,
            carrier: 'AT&T',
            mcc_mnc: '310410',
          }),
        }),
      );
    for (const bank of [1, 2, 3]) remsim.connectBankd(bank, 32);
    await settle();
  });
  afterAll(async () => {
    await h?.close();
    await remsim?.close();
  });

  it('starts with the playbooks’ defaults and refuses a bad change, changing nothing', async () => {
    const d = await answer(h.admin('/tenants/1/healing'));
    expect(d).toMatchObject({
      tenant_id: 1,
      card_failure: { enabled: true, max_attempts: 3, backoff_sec: 60 },
      bankd_loss: { enabled: true, move_back: false },
      move_cooldown_min: 30,
      max_moves_per_hour: 50,
    });
    for (const bad of [{ bankd_loss: { move_back: 'yes' } }, { card_failure: { max_attempts: 0 } }, { nonsense: true }, {}])
      expect((await playbooks(bad, 400)).code).toBe('VALIDATION_ERROR');
    expect((await answer(h.admin('/tenants/99/healing'), 404)).code).toBe('TENANT_NOT_FOUND');
    expect(await answer(h.admin('/tenants/1/healing'))).toEqual(d);
    const changed = await playbooks({ bankd_loss: { move_back: true } });
    expect(changed.bankd_loss).toEqual({ ...d.bankd_loss, move_back: true });
    expect(changed.card_failure).toEqual(d.card_failure);
  });

  it('moves the clients of a lost bankd to a bank another bankd serves; the maps follow; back when it returns', async () => {
    for (const id of ['loss-1', 'loss-2'])
      await answer(client('/register-client', { client_id: id, tenant_id: 1, mcc_mnc: '310410' }));
    const before = { a: await profile('loss-1'), b: await profile('loss-2') };
    expect([before.a.bank_id, before.b.bank_id]).toEqual([1, 1]);
    await settle();

    remsim.dropBankd(1);
    await settle(); // the reconciler sees bank 1 gone: bank.offline (grace 0 here)
    await heal();
    const incident = (await incidents('cause=bankd_loss'))[0] as Doc;
    expect(incident).toMatchObject({
      state: 'resolved',
      bank_id: 1,
      severity: 'critical',
      follow_up: 'await_return',
      tenant_id: 1,
    });
    expect(incident.duration_sec).toBeGreaterThan(0);
    const after = { a: await profile('loss-1'), b: await profile('loss-2') };
    expect([after.a.bank_id, after.b.bank_id]).toEqual([3, 3]);
    // The routers keep their RSPRO identity; only the maps moved, to the standby bank.
    expect([after.a.rspro_client_id, after.a.rspro_slot_nr]).toEqual([before.a.rspro_client_id, before.a.rspro_slot_nr]);
    await settle();
    expect(mapOf(after.a)).toEqual([`3:${after.a.slot_id}`]);
    expect(mapOf(after.b)).toEqual([`3:${after.b.slot_id}`]);
    const detail = await answer(h.admin(`/incidents/${incident.id}`));
    expect(detail.attempts_log.map((a: Doc) => [a.action, a.result, a.client_id])).toEqual([
      ['reassign', 'success', 'loss-1'],
      ['reassign', 'success', 'loss-2'],
    ]);
    const events = await h.query<{ type: string }>(
      sql`SELECT type FROM events WHERE type LIKE 'incident.%' AND data->>'incident_id' = ${String(incident.id)} ORDER BY id`,
    );
    expect(events.map((e) => e.type)).toEqual(['incident.opened', 'incident.resolved']);

    // Bank 1 returns: its clients go back to the cards they left (move_back is on).
    remsim.connectBankd(1, 32);
    await settle();
    await heal();
    const back = { a: await profile('loss-1'), b: await profile('loss-2') };
    expect([back.a.bank_id, back.a.slot_id]).toEqual([before.a.bank_id, before.a.slot_id]);
    expect([back.b.bank_id, back.b.slot_id]).toEqual([before.b.bank_id, before.b.slot_id]);
    await settle();
    expect(mapOf(back.a)).toEqual([`1:${before.a.slot_id}`]);
    const done = await answer(h.admin(`/incidents/${incident.id}`));
    expect(done).toMatchObject({ follow_up: null, details: { moved_back: ['loss-1', 'loss-2'] } });
    expect(done.attempts_log.filter((a: Doc) => a.action === 'move_back' && a.result === 'success')).toHaveLength(2);
    for (const id of ['loss-1', 'loss-2'])
      await answer(fetch(`${h.url}/api/backend/v1/remsim/unregister/${id}`, { method: 'DELETE' }));
    await forgetMoves();
  });

  it('moves a KI proxy client whose bankd is lost to a virtual slot of its carrier another bankd serves', async () => {
    // A pool of AT&T's KI cards (bank 1) with virtual slots behind bank 1's bankd and the standby's.
    const pool = await answer(
      h.admin(
        '/ki-proxy-pools',
        json({
          pool_name: 'att-ki-heal',
          tenant_id: 1,
          carrier: 'AT&T',
          mcc_mnc: '310410',
          bank_id: 1,
          physical_slot_start: 26,
          physical_slot_end: 27,
          virtual_segments: [
            { bank_id: 1, virtual_slot_start: 900, virtual_slot_end: 901 },
            { bank_id: 3, virtual_slot_start: 10, virtual_slot_end: 11 },
          ],
        }),
      ),
    );
    const reg = await answer(
      client('/register-client', { client_id: 'ki-loss-slot0', tenant_id: 1, mapping_mode: 'KI_PROXY_SWSIM', mcc_mnc: '310410' }),
    );
    const before = await profile('ki-loss-slot0');
    expect([before.bank_id, before.slot_id]).toEqual([1, 900]);
    await settle();

    remsim.dropBankd(1);
    await settle();
    // Healing reads the outbox in transaction order; a pass may find the bank's event still
    // behind a transaction in flight, so passes are repeated until the move shows.
    const after = await until(
      'the KI proxy client moved off bank 1',
      async () => {
        await heal();
        const p = await profile('ki-loss-slot0');
        return p.bank_id !== 1 ? p : null;
      },
      20_000,
    );
    expect([after.bank_id, after.slot_id]).toEqual([3, 10]);
    // Its RSPRO identity stays; its virtual identity follows the slot; the pool's count is unchanged.
    expect([after.rspro_client_id, after.rspro_slot_nr]).toEqual([before.rspro_client_id, before.rspro_slot_nr]);
    const again = await answer(
      client('/register-client', { client_id: 'ki-loss-slot0', tenant_id: 1, mapping_mode: 'KI_PROXY_SWSIM', mcc_mnc: '310410' }),
    );
    expect(again.iccid).not.toBe(reg.iccid);
    expect(again.sim_slot).toMatchObject({ bank_id: 3, slot_id: 10 });
    expect((await answer(h.admin(`/ki-proxy-pools/${pool.id}`))).current_virtual_sims).toBe(1);
    const [used] = await h.query<{ b: number; s: number }>(
      sql`SELECT bank_id AS b, slot_nr AS s FROM ki_virtual_slots WHERE pool_id = ${pool.id} AND in_use`,
    );
    expect(used).toEqual({ b: 3, s: 10 });
    await settle();
    expect(mapOf(after)).toEqual(['3:10']);
    const incident = (await incidents('cause=bankd_loss&state=resolved')).find((x: Doc) =>
      (x.details?.moved ?? []).some((m: Doc) => m.client_id === 'ki-loss-slot0'),
    ) as Doc;
    expect(incident).toBeDefined();

    // Bank 1 returns: a KI proxy client keeps the virtual slot it moved to (none is named back).
    remsim.connectBankd(1, 32);
    await settle();
    await heal();
    expect(await profile('ki-loss-slot0')).toMatchObject({ bank_id: 3, slot_id: 10 });
    const detail = await answer(h.admin(`/incidents/${incident.id}`));
    expect(detail.attempts_log).toContainEqual(
      expect.objectContaining({
        action: 'move_back',
        result: 'skipped',
        client_id: 'ki-loss-slot0',
        detail: expect.stringContaining('KI proxy'),
      }),
    );
    await answer(fetch(`${h.url}/api/backend/v1/remsim/unregister/ki-loss-slot0`, { method: 'DELETE' }));
    await forgetMoves();
  });

  it('moves the client off a card in error and locks the card faulty; a second failure within the cooldown escalates', async () => {
    await answer(client('/register-client', { client_id: 'sick-1', tenant_id: 1, mcc_mnc: '310410' }));
    const before = await profile('sick-1');
    await answer(
      h.admin(`/banks/${before.bank_id}/slots/${before.slot_id}`, {
        method: 'PATCH',
        body: JSON.stringify({ health_status: 'error' }),
      }),
    );
    await heal();
    const after = await profile('sick-1');
    expect([after.bank_id, after.slot_id]).not.toEqual([before.bank_id, before.slot_id]);
    expect(await slotStatus(before.bank_id, before.slot_id)).toBe('faulty');
    const locks = await answer(h.admin('/card-locks?active=true'));
    expect(locks.items).toEqual([
      expect.objectContaining({ bank_id: before.bank_id, slot_id: before.slot_id, kind: 'auto_lock' }),
    ]);
    const first = (await incidents('cause=card_failure'))[0] as Doc;
    expect(first).toMatchObject({
      state: 'resolved',
      bank_id: before.bank_id,
      slot_id: before.slot_id,
      resolved_by: 'self-healing',
    });

    // Its new card fails too, at once: the cooldown holds the client where it is; a person decides.
    await answer(
      h.admin(`/banks/${after.bank_id}/slots/${after.slot_id}`, {
        method: 'PATCH',
        body: JSON.stringify({ health_status: 'error' }),
      }),
    );
    await heal();
    expect(await profile('sick-1')).toEqual(after);
    const second = (await incidents('cause=card_failure&state=escalated'))[0] as Doc;
    expect(second).toMatchObject({ bank_id: after.bank_id, slot_id: after.slot_id });
    expect(second.summary).toMatch(/cooldown/);
    const attempts = (await answer(h.admin(`/incidents/${second.id}`))).attempts_log;
    expect(attempts).toEqual([expect.objectContaining({ action: 'reassign', result: 'skipped', moved: false })]);

    // A person resolves it by hand; a second resolve is refused.
    const resolved = await answer(h.admin(`/incidents/${second.id}/resolve`, json({ note: 'card reseated' })));
    expect(resolved).toMatchObject({
      state: 'resolved',
      resolution: 'card reseated',
      resolved_by: expect.stringMatching(/^key:|admin/),
    });
    expect((await answer(h.admin(`/incidents/${second.id}/resolve`, json({})), 409)).code).toBe('INCIDENT_RESOLVED');
    const acked = await answer(h.admin(`/incidents/${first.id}/acknowledge`, { method: 'POST' }));
    expect(acked.acknowledged_at).not.toBeNull();
    await answer(fetch(`${h.url}/api/backend/v1/remsim/unregister/sick-1`, { method: 'DELETE' }));
    await forgetMoves();
  });

  it('gives a client that asks another card (card locked faulty) or another bankd, within its cooldown', async () => {
    await answer(client('/register-client', { client_id: 'asks-1', tenant_id: 1, mcc_mnc: '310410' }));
    const before = await profile('asks-1');
    await settle();
    const moved = await answer(client('/request-new-slot', { client_id: 'asks-1', reason: 'SIM not responding' }));
    const after = await profile('asks-1');
    expect(moved).toMatchObject({
      status: 'success',
      client_id: 'asks-1',
      bank_id: before.rspro_client_id,
      slot_id: before.rspro_slot_nr,
      sim_slot: { bank_id: after.bank_id, slot_id: after.slot_id, tenant_id: 1 },
      bankd_endpoint: expect.stringMatching(/^127\.0\.0\.1:/),
    });
    expect([after.bank_id, after.slot_id]).not.toEqual([before.bank_id, before.slot_id]);
    expect(moved.iccid).toMatch(/^89/);
    expect(await slotStatus(before.bank_id, before.slot_id)).toBe('faulty');
    await settle();
    expect(mapOf(after)).toEqual([`${after.bank_id}:${after.slot_id}`]);
    const incident = await answer(h.admin(`/incidents/${moved.incident_id}`));
    expect(incident).toMatchObject({ cause: 'client_request', state: 'resolved', client_id: 'asks-1' });

    // Again at once: the cooldown refuses, the client stays.
    const res = await client('/request-different-bankd', { client_id: 'asks-1' });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await answer(res, 429)).toMatchObject({ code: 'HEALING_COOLDOWN', retry_after_sec: expect.any(Number) });
    expect(await profile('asks-1')).toEqual(after);

    // Past the cooldown, another bankd: a bank served by the standby bankd (bank 3).
    await forgetMoves();
    const other = await answer(client('/request-different-bankd', { client_id: 'asks-1', reason: 'bankd timeout' }));
    expect(other.sim_slot.bank_id).toBe(3);
    expect(other.bankd_endpoint).toBe('127.0.0.1:9997');
    expect(await slotStatus(after.bank_id, after.slot_id)).toBe('available'); // a bankd problem: the card is fine

    // Bad input: a clear 4xx, nothing opened.
    const count = async () => (await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM incidents`))[0]?.n;
    const n = await count();
    expect((await answer(client('/request-new-slot', { reason: 'x' }), 400)).code).toBe('VALIDATION_ERROR');
    expect((await answer(client('/request-new-slot', { client_id: 'nobody-here' }), 404)).code).toBe('CLIENT_NOT_FOUND');
    expect((await answer(client('/request-new-slot', { client_id: 'asks-1', reason: 'x'.repeat(201) }), 400)).code).toBe(
      'VALIDATION_ERROR',
    );
    expect(await count()).toBe(n);
    await answer(fetch(`${h.url}/api/backend/v1/remsim/unregister/asks-1`, { method: 'DELETE' }));
    await forgetMoves();
  });

  it('stops at the tenant’s hourly limit: the rest are escalated, not reshuffled', async () => {
    await playbooks({ max_moves_per_hour: 1 });
    for (const id of ['storm-1', 'storm-2'])
      await answer(client('/register-client', { client_id: id, tenant_id: 1, mcc_mnc: '310410' }));
    const cards = [await profile('storm-1'), await profile('storm-2')];
    for (const c of cards)
      await answer(
        h.admin(`/banks/${c.bank_id}/slots/${c.slot_id}`, { method: 'PATCH', body: JSON.stringify({ health_status: 'error' }) }),
      );
    await heal();
    const now = [await profile('storm-1'), await profile('storm-2')];
    const moved = now.filter((p, i) => p.slot_id !== cards[i]?.slot_id || p.bank_id !== cards[i]?.bank_id);
    expect(moved).toHaveLength(1);
    const escalated = await incidents('cause=card_failure&state=escalated');
    expect(escalated.some((i) => /limit of 1 moves an hour/.test(i.summary))).toBe(true);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/ionmesh_healing_attempts_total\{action="lock_card"\} [1-9]/);
    expect(metrics).toMatch(/ionmesh_healing_time_to_recovery_seconds_count\{cause="card_failure"\} [1-9]/);
    await h.services.metrics.refreshFleet();
    expect(await (await fetch(`${h.url}/metrics`)).text()).toMatch(
      /ionmesh_incidents_open\{cause="card_failure",severity="warning"\} [1-9]/,
    );
    await playbooks({ max_moves_per_hour: 50 });
    for (const id of ['storm-1', 'storm-2'])
      await answer(fetch(`${h.url}/api/backend/v1/remsim/unregister/${id}`, { method: 'DELETE' }));
    await forgetMoves();
  });

  it('keeps a client whose card failed when no card is free (503, the card locked), and moves it once one frees', async () => {
    await answer(client('/register-client', { client_id: 'alone-1', tenant_id: 1, mcc_mnc: '311480' }));
    const before = await profile('alone-1');
    // Every other Verizon card out of service for a moment.
    const others = (
      await h.query<{ slot_id: number }>(
        sql`SELECT slot_id FROM slots WHERE bank_id = ${before.bank_id} AND status = 'available' ORDER BY slot_id`,
      )
    ).map((r) => r.slot_id);
    const status = (slot: number, to: string) =>
      answer(h.admin(`/banks/${before.bank_id}/slots/${slot}`, { method: 'PATCH', body: JSON.stringify({ status: to }) }));
    for (const slot of others) await status(slot, 'disabled');
    const refused = await answer(client('/request-new-slot', { client_id: 'alone-1', reason: 'SIM dead' }), 503);
    expect(refused).toMatchObject({ code: 'NO_SLOT_AVAILABLE', incident_id: expect.any(Number) });
    expect(await profile('alone-1')).toEqual(before);
    const locks = await answer(h.admin('/card-locks?active=true'));
    expect(locks.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ bank_id: before.bank_id, slot_id: before.slot_id, state: 'pending_move' }),
      ]),
    );
    expect(await answer(h.admin(`/incidents/${refused.incident_id}`))).toMatchObject({
      state: 'escalated',
      cause: 'client_request',
    });

    // A card comes free: the lock's retry moves the client, and the escalated incident resolves with it.
    await status(others[0] as number, 'available');
    await h.services.protection.run();
    expect(await profile('alone-1')).toMatchObject({ bank_id: before.bank_id, slot_id: others[0] });
    await heal();
    const done = await answer(h.admin(`/incidents/${refused.incident_id}`));
    expect(done).toMatchObject({ state: 'resolved', resolved_by: 'auto-lock' });
    expect(done.attempts_log.at(-1)).toMatchObject({ action: 'reassign', result: 'success', moved: true });
    for (const slot of others.slice(1)) await status(slot, 'available');
    await answer(fetch(`${h.url}/api/backend/v1/remsim/unregister/alone-1`, { method: 'DELETE' }));
    await forgetMoves();
  });

  it('queues a restart for a silent router when it returns, and escalates one that stays silent', async () => {
    for (const id of ['quiet-1', 'quiet-2']) {
      await answer(client('/register-client', { client_id: id, tenant_id: 1, mcc_mnc: '311480' }));
      await answer(client('/heartbeat', { client_id: id, tenant_id: 1 }));
    }
    await h.query(
      sql`UPDATE service_profiles SET last_heartbeat = now() - interval '1 hour' WHERE client_id IN ('quiet-1', 'quiet-2')`,
    );
    await h.services.clients.sweepOffline();
    await heal();
    const open = await incidents('cause=silent_router&state=diagnosing');
    expect(open.map((i) => i.client_id).sort()).toEqual(['quiet-1', 'quiet-2']);

    await answer(client('/heartbeat', { client_id: 'quiet-1', tenant_id: 1 }));
    await heal();
    const back = (await incidents('cause=silent_router&client_id=quiet-1'))[0] as Doc;
    expect(back).toMatchObject({ state: 'resolved', resolution: expect.stringMatching(/restart queued/) });
    const commands = await h.query<{ type: string }>(
      sql`SELECT c.type FROM client_commands c JOIN service_profiles p ON p.profile_id = c.profile_id WHERE p.client_id = 'quiet-1'`,
    );
    expect(commands.map((c) => c.type)).toEqual(['restart']);

    await dueNow(); // quiet-2's escalation time has come
    await heal();
    const still = (await incidents('cause=silent_router&client_id=quiet-2'))[0] as Doc;
    expect(still).toMatchObject({ state: 'escalated' });
    // When it does come back, the escalated incident resolves too.
    await answer(client('/heartbeat', { client_id: 'quiet-2', tenant_id: 1 }));
    await heal();
    expect((await incidents('cause=silent_router&client_id=quiet-2'))[0]).toMatchObject({ state: 'resolved' });
  });

  it('records a remsim-server’s drift as an incident until the reconciler has repaired it', async () => {
    await answer(client('/register-client', { client_id: 'drift-1', tenant_id: 1, mcc_mnc: '311480' }));
    await settle();
    await remsim.restart();
    await settle(); // the reconciler finds its maps lost and pushes them again
    await heal();
    const drift = (await incidents('cause=remsim_drift'))[0] as Doc;
    expect(drift).toMatchObject({ tenant_id: null, server_id: expect.any(Number), state: 'healing' });
    // A pass of the reconciler after the loss: the incident's next look finds it repaired.
    await expect
      .poll(
        async () => {
          await settle();
          await dueNow();
          await heal();
          return (await incidents('cause=remsim_drift'))[0];
        },
        { timeout: 10_000, interval: 200 },
      )
      .toMatchObject({ state: 'resolved', resolved_by: 'reconciler' });
    expect(mapOf(await profile('drift-1'))).toHaveLength(1);
  });

  it('never lets another tenant’s key see or touch an incident', async () => {
    const one = (await incidents('cause=card_failure'))[0] as Doc;
    const [t2] = await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM tenants WHERE id = 2`);
    if (!t2?.n) await answer(h.admin('/tenants', json({ id: 2, name: 'other tenant' })));
    const key = await answer(h.admin('/api-keys', json({ name: 'other', role: 'operator', tenant_id: 2 })), 201);
    const as2 = (path: string, init: RequestInit = {}) =>
      fetch(`${h.url}/api/backend/v1${path}`, { ...init, headers: { 'x-api-key': key.key, 'content-type': 'application/json' } });
    expect((await answer(as2(`/incidents/${one?.id}`), 404)).code).toBe('INCIDENT_NOT_FOUND');
    expect((await answer(as2('/incidents'))).items).toEqual([]);
    expect((await answer(as2(`/incidents/${one?.id}/resolve`, json({})), 404)).code).toBe('INCIDENT_NOT_FOUND');
    expect((await answer(as2('/tenants/1/healing'), 404)).code).toBe('TENANT_NOT_FOUND');
  });

  it.runIf(onPostgres)('two replicas never heal the same incident twice', async () => {
    await forgetMoves();
    const replicas = [await startReplica(h), await startReplica(h)];
    try {
      await answer(client('/register-client', { client_id: 'race-1', tenant_id: 1, mcc_mnc: '310410' }));
      const before = await profile('race-1');
      for (const health of ['ok', 'error'])
        await answer(
          h.admin(`/banks/${before.bank_id}/slots/${before.slot_id}`, {
            method: 'PATCH',
            body: JSON.stringify({ health_status: health }),
          }),
        );
      await until(
        'the incident detected',
        async () => {
          await h.services.healingEngine.detect();
          return (await incidents('cause=card_failure&client_id=race-1')).length > 0;
        },
        8000,
      );
      await Promise.all(replicas.map((r) => r.services.healingEngine.healDue()).concat(h.services.healingEngine.healDue()));
      const incident = (await incidents('cause=card_failure&client_id=race-1'))[0] as Doc;
      expect(incident, JSON.stringify(await incidents('limit=3'))).toBeDefined();
      const moves = await h.query<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM incident_attempts WHERE client_id = 'race-1' AND moved`,
      );
      expect(moves[0]?.n).toBe(1);
      expect(incident).toMatchObject({ state: 'resolved', attempts: 1 });
      const moved = await h.query<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM events WHERE type = 'client.reassigned' AND data->>'client_id' = 'race-1'`,
      );
      expect(moved[0]?.n).toBe(1);
    } finally {
      for (const r of replicas) await r.close();
    }
  });
});
