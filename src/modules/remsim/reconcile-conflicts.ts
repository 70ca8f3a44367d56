// Foreign slot maps that stand where an assignment must go: what is reported of them (each
// once), taken over with --remsim-takeover or left alone.
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../app/database.js';
import type { SlotmapPlan } from '../../domain/slotmap-plan.js';
import { insertEvent } from '../events/index.js';
import type { ServerRow } from '../inventory/index.js';

export interface ConflictReport {
  bank_id: number;
  bank_slot: number;
  client_id: number;
  client_slot: number;
  state: string;
  on: 'bank_slot' | 'client_slot';
  action: 'reported' | 'taken_over' | 'waiting';
  blocks: { client_id: string; profile_id: string; tenant_id: number; rspro_client_id: number; rspro_slot_nr: number };
}

const MAX_REPORTED = 100;

const conflictKey = (c: Pick<ConflictReport, 'bank_id' | 'bank_slot' | 'client_id' | 'client_slot'>) =>
  `${c.bank_id}:${c.bank_slot}>${c.client_id}:${c.client_slot}`;

/** The plan's conflicts as the API and events report them. */
export const conflictReports = (planned: SlotmapPlan['conflicts']): ConflictReport[] =>
  planned.map((c) => ({
    bank_id: c.present.bankId,
    bank_slot: c.present.bankSlot,
    client_id: c.present.clientId,
    client_slot: c.present.clientSlot,
    state: c.present.state,
    on: c.on,
    action: c.action,
    blocks: {
      client_id: c.desired.clientName,
      profile_id: c.desired.profileId,
      tenant_id: c.desired.tenantId,
      rspro_client_id: c.desired.clientId,
      rspro_slot_nr: c.desired.clientSlot,
    },
  }));

export async function reportConflicts(
  db: Database,
  log: FastifyBaseLogger,
  takeover: boolean,
  server: ServerRow,
  conflicts: ConflictReport[],
  previous: ConflictReport[],
) {
  const before = new Set(previous.map(conflictKey));
  const fresh = conflicts.filter((c) => !before.has(conflictKey(c)));
  if (fresh.length === 0) return;
  log.warn(
    { server: server.url, conflicts: fresh.slice(0, 20) },
    takeover
      ? 'foreign slot maps stood in the way of assignments: taken over (--remsim-takeover)'
      : 'foreign slot maps stand in the way of assignments; left alone (use --remsim-takeover to replace them)',
  );
  await db.transaction(async (tx) => {
    for (const c of fresh.slice(0, MAX_REPORTED)) {
      await insertEvent(tx, 'remsim.mapping_conflict', c.blocks.tenant_id, {
        server_id: server.id,
        url: server.url,
        ...c,
      });
    }
  });
}
