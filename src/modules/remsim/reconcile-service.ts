// What the remsim side can serve, told to the inventory and to operators: bank slots beyond what
// their bankd reports and slots held by maps IonMesh does not own are not handed out (and come
// back when that ends); each map IonMesh wants but cannot make is reported once, with its reason.
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../app/database.js';
import {
  bankKey,
  type DesiredMap,
  type InvalidMap,
  type MapTuple,
  type PresentMap,
  tupleKey,
} from '../../domain/slotmap-plan.js';
import { insertEvent } from '../events/index.js';
import { applySlotService, type ForeignHold, type ServerRow } from '../inventory/index.js';
import type { ServerMemory } from './reconcile-memory.js';

const MAX_REPORTED = 100;

export interface InvalidReport {
  client_id: string;
  profile_id: string;
  tenant_id: number;
  bank_id: number;
  bank_slot: number;
  client_slot: number;
  rspro_client_id: number;
  reason: string;
}

export const invalidReports = (invalid: InvalidMap[]): InvalidReport[] =>
  invalid.map((i) => ({
    client_id: i.desired.clientName,
    profile_id: i.desired.profileId,
    tenant_id: i.desired.tenantId,
    bank_id: i.desired.bankId,
    bank_slot: i.desired.bankSlot,
    client_slot: i.desired.clientSlot,
    rspro_client_id: i.desired.clientId,
    reason: i.reason,
  }));

const invalidKey = (r: Pick<InvalidReport, 'profile_id' | 'bank_id' | 'bank_slot' | 'reason'>) =>
  `${r.profile_id}@${r.bank_id}:${r.bank_slot}:${r.reason}`;

/** Bank slots held by a map that is neither IonMesh's nor one it wants there. */
export function foreignHolds(present: PresentMap[], owned: MapTuple[], desired: DesiredMap[]): ForeignHold[] {
  const ours = new Set(owned.map(tupleKey));
  const wanted = new Set(desired.map(bankKey));
  return present
    .filter((m) => !ours.has(tupleKey(m)) && !wanted.has(bankKey(m)))
    .map((m) => ({ bankId: m.bankId, bankSlot: m.bankSlot, holder: `RSPRO client ${m.clientId}:${m.clientSlot}, ${m.state}` }));
}

/**
 * After presence is recorded (the banks' `bankd_slots`): marks the slots the remsim side cannot
 * serve and clears the ones it serves again, with `slot.unserved` (naming the client it holds,
 * whom self-healing moves) and `slot.served` events. Run when what decides it changed since this
 * process last ran it (the first pass always runs it).
 */
export async function recordSlotService(
  ctx: { db: Database; log: FastifyBaseLogger },
  server: ServerRow,
  mem: ServerMemory,
  banks: Array<{ bankId: number; numberOfSlots: number }>,
  holds: ForeignHold[],
) {
  const signature = JSON.stringify([banks.map((b) => [b.bankId, b.numberOfSlots]).sort(), holds]);
  if (mem.serviceSignature === signature) return;
  await ctx.db.transaction(async (tx) => {
    const changed = await applySlotService(tx, server.id, holds);
    for (const c of changed) {
      if (c.reason === null)
        await insertEvent(tx, 'slot.served', c.tenant_id, { bank_id: c.bank_id, slot_id: c.slot_id, server_id: server.id });
      else
        await insertEvent(tx, 'slot.unserved', c.tenant_id, {
          bank_id: c.bank_id,
          slot_id: c.slot_id,
          server_id: server.id,
          reason: c.reason,
          client_id: c.client_id,
        });
    }
    if (changed.length)
      ctx.log.warn(
        {
          server: server.url,
          slots: changed.slice(0, 20).map((c) => `${c.bank_id}:${c.slot_id} ${c.reason ?? 'served again'}`),
        },
        'slots the remsim side serves changed',
      );
  });
  mem.serviceSignature = signature;
}

/** Reports each map IonMesh wants but cannot make once (until its reason changes or it goes). */
export async function reportInvalid(
  db: Database,
  log: FastifyBaseLogger,
  server: ServerRow,
  invalid: InvalidReport[],
  previous: InvalidReport[],
) {
  const before = new Set(previous.map(invalidKey));
  const fresh = invalid.filter((r) => !before.has(invalidKey(r)));
  if (fresh.length === 0) return;
  log.warn({ server: server.url, invalid: fresh.slice(0, 20) }, 'maps IonMesh wants cannot be made on the remsim-server');
  await db.transaction(async (tx) => {
    for (const r of fresh.slice(0, MAX_REPORTED))
      await insertEvent(tx, 'remsim.mapping_invalid', r.tenant_id, {
        server_id: server.id,
        url: server.url,
        bank_id: r.bank_id,
        bank_slot: r.bank_slot,
        client_id: r.rspro_client_id,
        client_slot: r.client_slot,
        reason: r.reason,
        client: { client_id: r.client_id, profile_id: r.profile_id, tenant_id: r.tenant_id },
      });
  });
}
