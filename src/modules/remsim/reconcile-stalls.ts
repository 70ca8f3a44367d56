// The push stall (REMSIM-SERVER.md): maps stuck NEW although their bankd is connected. Which
// maps are stalled, which of them are repaired now or wait, and what is reported of them.
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../app/database.js';
import { backoff } from '../../domain/backoff.js';
import { type DesiredMap, type PresentMap, tupleKey } from '../../domain/slotmap-plan.js';
import { insertEvent } from '../events/index.js';
import type { ServerRow } from '../inventory/index.js';
import type { ServerMemory } from './reconcile-memory.js';

/** A map stuck NEW although its bankd is connected: the server's push stall (REMSIM-SERVER.md). */
export interface StallReport {
  bank_id: number;
  bank_slot: number;
  client_id: number;
  client_slot: number;
  /** repairing: deleted and posted again now; backing_off: repaired too often, waits;
   * reported: a map of another tool, which IonMesh does not touch. */
  action: 'repairing' | 'backing_off' | 'reported';
  attempts: number;
  stalled_since: string;
  reason: string;
  client?: { client_id: string; profile_id: string; tenant_id: number };
}

/** Repairs of one map before its repairs back off. */
export const REPAIRS_BEFORE_BACKOFF = 3;
const MAX_REPORTED = 100;

/** Which present maps are stalled: NEW while their bankd is listed, for stallGraceMs or more.
 * A stalled bankd gets nothing pushed until its pending creates are all gone, so once one map
 * of a bank is stalled, every NEW map of that bank is. */
export function detectStalls(
  mem: ServerMemory,
  present: PresentMap[],
  connected: Set<number>,
  now: number,
  stallGraceMs: number,
) {
  const since = new Map<string, number>();
  const stalledBanks = new Set<number>();
  let recheckInMs: number | null = null;
  const candidates = present.filter((m) => m.state === 'NEW' && connected.has(m.bankId));
  for (const m of candidates) {
    const key = tupleKey(m);
    const first = mem.newSince.get(key) ?? now;
    since.set(key, first);
    if (now - first >= stallGraceMs) stalledBanks.add(m.bankId);
    else recheckInMs = Math.min(recheckInMs ?? Number.POSITIVE_INFINITY, first + stallGraceMs - now);
  }
  mem.newSince = since;
  const stalled = new Set(candidates.filter((m) => stalledBanks.has(m.bankId)).map(tupleKey));
  return { stalled, since, recheckInMs };
}

/** A stall is counted when first found, not on every pass that still finds it. */
export function newStalls(mem: ServerMemory, stalled: Set<string>) {
  let fresh = 0;
  for (const key of stalled) if (!mem.stalledKnown.has(key)) fresh++;
  mem.stalledKnown = new Set(stalled);
  return fresh;
}

/** When the maps of other tools on a bank change (an operator deleted the one that held the
 * bankd's pushes up), IonMesh's repairs on that bank start afresh instead of waiting out their
 * back-off. */
export function resetBackoffOnChange(mem: ServerMemory, present: PresentMap[], ours: Set<string>) {
  const foreign = new Map<number, string[]>();
  for (const m of present) {
    const key = tupleKey(m);
    if (ours.has(key)) continue;
    const list = foreign.get(m.bankId) ?? [];
    list.push(`${key}/${m.state}`);
    foreign.set(m.bankId, list);
  }
  const now = new Map([...foreign].map(([bank, keys]) => [bank, keys.sort().join(',')]));
  const changed = new Set<number>();
  for (const bank of new Set([...now.keys(), ...mem.foreignByBank.keys()]))
    if ((now.get(bank) ?? '') !== (mem.foreignByBank.get(bank) ?? '')) changed.add(bank);
  mem.foreignByBank = now;
  for (const [key, r] of mem.repairs) {
    if (!changed.has(Number(key.split(':')[0]))) continue;
    r.attempts = Math.min(r.attempts, REPAIRS_BEFORE_BACKOFF - 1);
    r.nextAt = 0;
  }
}

/**
 * Of the stalled maps, those repaired now (IonMesh's, not backing off) and those left stuck (of
 * another tool, or repaired too often lately); repaired maps seen again past NEW are confirmed.
 */
export function classifyStalls(
  mem: ServerMemory,
  stalled: Set<string>,
  desiredByKey: Map<string, DesiredMap>,
  ownedKeys: Set<string>,
  presentByKey: Map<string, PresentMap>,
  now: number,
) {
  const repairNow = new Set<string>();
  const stuck = new Set<string>();
  for (const key of stalled) {
    const theirs = !desiredByKey.has(key) && !ownedKeys.has(key);
    const r = mem.repairs.get(key);
    if (theirs || (r && r.attempts >= REPAIRS_BEFORE_BACKOFF && now < r.nextAt)) stuck.add(key);
    else repairNow.add(key);
  }
  for (const key of mem.confirming) {
    const m = presentByKey.get(key);
    if (m && m.state !== 'NEW') {
      mem.confirming.delete(key);
      mem.repairs.delete(key);
    } else if (!m) mem.confirming.delete(key);
  }
  return { repairNow, stuck };
}

/** Counts a repair sent (deleted and posted again): NEW again from its new POST. */
export function recordRepairs(mem: ServerMemory, repaired: DesiredMap[], now: number, postedAt: number) {
  for (const d of repaired) {
    const key = tupleKey(d);
    const r = mem.repairs.get(key) ?? { attempts: 0, nextAt: 0 };
    r.attempts++;
    r.nextAt = now + backoff(r.attempts - REPAIRS_BEFORE_BACKOFF, { base: 60_000, max: 600_000 });
    mem.repairs.set(key, r);
    mem.confirming.add(key);
    mem.newSince.set(key, postedAt);
  }
}

export function stallReports(
  mem: ServerMemory,
  since: Map<string, number>,
  repairNow: Set<string>,
  stuck: Set<string>,
  desiredByKey: Map<string, DesiredMap>,
  presentByKey: Map<string, PresentMap>,
): StallReport[] {
  const out: StallReport[] = [];
  for (const key of [...repairNow, ...stuck]) {
    const m = presentByKey.get(key);
    if (!m) continue;
    const d = desiredByKey.get(key);
    const attempts = mem.repairs.get(key)?.attempts ?? 0;
    const action = repairNow.has(key) ? 'repairing' : d ? 'backing_off' : 'reported';
    const reason =
      action === 'reported'
        ? `a map of another tool is stuck NEW although bankd ${m.bankId} is connected: the server pushes nothing to that bankd until it is deleted (or the bankd restarts)`
        : action === 'backing_off'
          ? `stuck NEW although bankd ${m.bankId} is connected, after ${attempts} repairs; restart bankd ${m.bankId} if it stays so`
          : `stuck NEW although bankd ${m.bankId} is connected (the server's push stall): deleted and posted again`;
    out.push({
      bank_id: m.bankId,
      bank_slot: m.bankSlot,
      client_id: m.clientId,
      client_slot: m.clientSlot,
      action,
      attempts,
      stalled_since: new Date(since.get(key) ?? Date.now()).toISOString(),
      reason,
      ...(d && { client: { client_id: d.clientName, profile_id: d.profileId, tenant_id: d.tenantId } }),
    });
  }
  return out;
}

export async function reportStalls(db: Database, log: FastifyBaseLogger, server: ServerRow, stalls: StallReport[]) {
  if (stalls.length === 0) return;
  log.warn({ server: server.url, stalled: stalls.slice(0, 20) }, 'slot maps stalled on the remsim-server');
  await db.transaction(async (tx) => {
    for (const s of stalls.slice(0, MAX_REPORTED)) {
      // One event per stall found and per repair attempt; a map backing off is not repeated.
      if (s.action === 'backing_off') continue;
      await insertEvent(tx, 'remsim.mapping_stalled', s.client?.tenant_id ?? null, {
        server_id: server.id,
        url: server.url,
        ...s,
      });
    }
  });
}
