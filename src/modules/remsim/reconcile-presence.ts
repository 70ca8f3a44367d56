// What the server's lists say and what follows from it: routers and bankds present or not, maps
// re-read before a DELETE, and bank slots a restarted server forgot, flushed at their bankd.
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../app/database.js';
import { bankKey, clientKey, type MapTuple, type PresentMap, RSPRO_MAX, tupleKey } from '../../domain/slotmap-plan.js';
import { applyRsproPresence } from '../clients/index.js';
import { insertEvent } from '../events/index.js';
import { applyBankPresence, type ServerRow } from '../inventory/index.js';
import { type ServerMemory, spaced } from './reconcile-memory.js';
import * as repo from './remsim.repository.js';
import type { RemsimApi, ServerView } from './remsim-api.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MAX_REPORTED = 100;
/** Flushes started in one pass (each waits for its bankd). */
const FLUSHES_PER_PASS = 200;

export interface PresenceContext {
  db: Database;
  log: FastifyBaseLogger;
  offlineAfterSec: number;
  bankOfflineGraceSec: number;
}
export interface FlushContext {
  db: Database;
  log: FastifyBaseLogger;
  settleMs: number;
  flushWaitMs: number;
}

/** Between the read and the DELETEs a bankd may have connected, making a NEW map
 * UNACKNOWLEDGED, which must not be deleted. When a bank with deletes changed presence since
 * the read, the list is read again and those maps re-checked. This narrows the window but
 * cannot close it: the server offers no conditional DELETE, and a bankd can connect between
 * this re-read and the DELETE itself (or leave and come back between two reads unseen). */
export async function recheckBeforeDelete(api: RemsimApi, view: ServerView, deletes: PresentMap[], waiting: PresentMap[]) {
  if (deletes.length === 0) return deletes;
  const before = new Set(view.banks.map((b) => b.bankId));
  const banks = new Set((await api.banks()).map((b) => b.bankId));
  const changed = new Set(deletes.map((d) => d.bankId).filter((b) => before.has(b) !== banks.has(b)));
  if (changed.size === 0) return deletes;
  const fresh = new Map((await api.slotmaps()).map((m) => [tupleKey(m), m]));
  const out: PresentMap[] = [];
  for (const d of deletes) {
    if (!changed.has(d.bankId)) {
      out.push(d);
      continue;
    }
    const now = fresh.get(tupleKey(d));
    if (!now) continue; // gone already
    if (now.state === 'UNACKNOWLEDGED') waiting.push(now);
    else out.push(now);
  }
  return out;
}

/** After a server restart the bankd keeps serving the maps it had (the server never resets
 * it): a bank slot released meanwhile stays with its old router until it is mapped again. For
 * each such slot, a map to a reserved identity (client slot 0, which IonMesh never assigns)
 * makes the bankd replace it; once ACTIVE it is deleted and the bankd serves nothing there.
 * Slots whose bankd is not connected, or does not answer in time, keep their record and are
 * flushed on a later pass. (docs/decisions/0008-remsim-stall-and-bankd-flush.md) */
export async function flushBankSlots(
  ctx: FlushContext,
  server: ServerRow,
  api: RemsimApi,
  mem: ServerMemory,
  view: ServerView,
  released: MapTuple[],
  connected: Set<number>,
  renew: () => Promise<void>,
): Promise<{ done: number; pending: MapTuple[]; retry: boolean }> {
  if (released.length === 0) return { done: 0, pending: [], retry: false };
  const usedClients = new Set(view.slotmaps.map(clientKey));
  let nextClient = RSPRO_MAX;
  const reserved = () => {
    while (nextClient > 0 && usedClients.has(`${nextClient}:0`)) nextClient--;
    const c = nextClient--;
    return c;
  };
  const pending: MapTuple[] = [];
  const started: Array<{ released: MapTuple; flush: MapTuple }> = [];
  const seenSlot = new Set<string>();
  for (const r of released) {
    if (!connected.has(r.bankId) || started.length >= FLUSHES_PER_PASS || seenSlot.has(bankKey(r))) {
      pending.push(r);
      continue;
    }
    seenSlot.add(bankKey(r));
    const clientId = reserved();
    if (clientId <= 0) {
      pending.push(r);
      continue;
    }
    started.push({ released: r, flush: { bankId: r.bankId, bankSlot: r.bankSlot, clientId, clientSlot: 0 } });
  }
  if (started.length > 0) {
    await ctx.db.run((db) =>
      repo.recordOwned(
        db,
        server.id,
        started.map((s) => s.flush),
        'flush',
      ),
    );
    const posted: typeof started = [];
    for (const s of started) {
      if (await spaced(mem, s.flush.bankId, 'create', ctx.settleMs, () => api.create(s.flush))) posted.push(s);
      else pending.push(s.released);
      await renew();
    }
    // Wait for the bankds to take them (a healthy bankd answers within milliseconds).
    const deadline = Date.now() + ctx.flushWaitMs;
    let states = new Map<string, string>();
    for (let i = 0; i < 100 && posted.length > 0; i++) {
      states = new Map((await api.slotmaps()).map((m) => [tupleKey(m), m.state]));
      if (posted.every((s) => states.get(tupleKey(s.flush)) === 'ACTIVE') || Date.now() > deadline) break;
      await sleep(Math.min(50, Math.max(5, deadline - Date.now())));
    }
    const done: typeof started = [];
    for (const s of posted) {
      if (states.get(tupleKey(s.flush)) === 'ACTIVE') {
        await spaced(mem, s.flush.bankId, 'delete', ctx.settleMs, () => api.remove(s.flush));
        done.push(s);
      } else pending.push(s.released); // its flush map stays recorded: deleted once ACTIVE
    }
    if (done.length) {
      await ctx.db.run((db) =>
        repo.forgetOwned(
          db,
          server.id,
          done.map((s) => s.flush),
        ),
      );
      ctx.log.info(
        { server: server.url, slots: done.slice(0, 20).map((s) => bankKey(s.released)) },
        'bankd slots flushed: maps the restarted remsim-server forgot are no longer served',
      );
      await ctx.db.transaction(async (tx) => {
        for (const s of done.slice(0, MAX_REPORTED))
          await insertEvent(tx, 'remsim.bankd_slot_flushed', null, {
            server_id: server.id,
            url: server.url,
            bank_id: s.released.bankId,
            bank_slot: s.released.bankSlot,
            released_client_id: s.released.clientId,
            released_client_slot: s.released.clientSlot,
          });
      });
    }
    // Soon again only for flush maps on their way (UNACKNOWLEDGED); one still NEW waits for
    // its bankd, and the periodic pass (re-posting it would only churn).
    return { done: done.length, pending, retry: posted.some((s) => states.get(tupleKey(s.flush)) === 'UNACKNOWLEDGED') };
  }
  return { done: 0, pending, retry: false };
}

/** Routers connected over RSPRO are online; bankds connected or not are recorded per bank. */
export async function recordPresence(
  ctx: PresenceContext,
  serverId: number,
  desiredRows: repo.DesiredRow[],
  view: { clients: Array<[number, number]>; banks: Array<{ bankId: number; numberOfSlots: number }> },
) {
  const connected = new Set(view.clients.map(([c, s]) => `${c}:${s}`));
  const changes = desiredRows
    .filter((r) => connected.has(`${r.rspro_client_id}:${r.rspro_slot_nr}`) !== r.rspro_connected)
    .map((r) => ({ profileId: r.profile_id, connected: !r.rspro_connected }));
  await ctx.db.transaction(async (tx) => {
    const clients = await applyRsproPresence(tx, changes, ctx.offlineAfterSec);
    const banks = await applyBankPresence(tx, serverId, view.banks, ctx.bankOfflineGraceSec);
    for (const b of banks) {
      await insertEvent(tx, b.connected ? 'bank.online' : 'bank.offline', b.tenant_id, {
        bank_id: b.bank_id,
        server_id: serverId,
      });
    }
    if (clients.length || banks.length)
      ctx.log.info(
        {
          server_id: serverId,
          rspro: clients.slice(0, 20).map((c) => `${c.client_id}:${c.old}->${c.new}`),
          banks: banks.map((b) => `${b.bank_id}:${b.connected ? 'online' : 'offline'}`),
        },
        'presence changed on remsim-server',
      );
  });
}
