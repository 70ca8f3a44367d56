// SQL of the reconciler: the desired maps of a remsim-server and IonMesh's record of the maps it
// created. A server's lease and pass status, and the presence its lists show, are written through
// the inventory's and the clients' index.ts (their tables, decision 0010).
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { rowsOf, type Sql } from '../../app/database.js';
import { Nullable } from '../../app/schemas.js';
import type { MapTuple } from '../../domain/slotmap-plan.js';

const Int = Type.Integer();
const Str = Type.String();
const Bool = Type.Boolean();

export const DesiredRow = Type.Object({
  profile_id: Str,
  tenant_id: Int,
  client_id: Str,
  bank_id: Int,
  slot_id: Int,
  rspro_client_id: Int,
  rspro_slot_nr: Int,
  rspro_connected: Bool,
  /** For a virtual slot of a KI proxy pool: the pool and the -n its bankd needs on this bank. */
  ki_pool: Nullable(Str),
  ki_slots_needed: Nullable(Int),
});
export type DesiredRow = Static<typeof DesiredRow>;

export const OwnedMap = Type.Object({
  bankId: Int,
  bankSlot: Int,
  clientId: Int,
  clientSlot: Int,
  seenActive: Bool,
  purpose: Type.Union([Type.Literal('assignment'), Type.Literal('flush')]),
});
export type OwnedMap = Static<typeof OwnedMap>;

/** Active profiles served through this remsim-server (its bankd instances' banks), but those
 * whose card an enforcing IMEI lock blocks (usage_blocked_cards). */
export const desiredMaps = (db: Sql, serverId: number) =>
  rowsOf(
    db,
    DesiredRow,
    sql`WITH ki AS (
          SELECT v.pool_id, v.bank_id, kp.pool_name,
                 GREATEST(max(v.slot_nr) + 1, CASE WHEN kp.bank_id = v.bank_id THEN kp.physical_slot_end + 1 ELSE 0 END) AS slots
          FROM kiproxy_virtual_slots v JOIN kiproxy_pools kp ON kp.id = v.pool_id
          GROUP BY v.pool_id, v.bank_id, kp.pool_name, kp.bank_id, kp.physical_slot_end)
        SELECT p.profile_id, p.tenant_id, p.client_id, p.bank_id, p.slot_id, p.rspro_client_id, p.rspro_slot_nr,
               p.rspro_connected, ki.pool_name AS ki_pool, ki.slots::int AS ki_slots_needed
        FROM clients_profiles p
        JOIN inventory_banks b ON b.bank_id = p.bank_id
        JOIN inventory_bankds bi ON bi.id = b.bankd_instance_id
        LEFT JOIN kiproxy_virtual_slots vs ON vs.bank_id = p.bank_id AND vs.slot_nr = p.slot_id
        LEFT JOIN ki ON ki.pool_id = vs.pool_id AND ki.bank_id = vs.bank_id
        WHERE p.status = 'ACTIVE' AND bi.remsim_server_id = ${serverId}
          AND NOT EXISTS (SELECT 1 FROM usage_blocked_cards x WHERE x.bank_id = p.bank_id AND x.slot_id = p.slot_id)`,
  );

export const ownedMaps = (db: Sql, serverId: number) =>
  rowsOf(
    db,
    OwnedMap,
    sql`SELECT bank_id AS "bankId", bank_slot AS "bankSlot", client_id AS "clientId", client_slot AS "clientSlot",
               seen_active AS "seenActive", purpose
        FROM remsim_mappings WHERE server_id = ${serverId}`,
  );

const columns = (maps: MapTuple[]) => ({
  bank: sql.param(maps.map((m) => m.bankId)),
  bankSlot: sql.param(maps.map((m) => m.bankSlot)),
  client: sql.param(maps.map((m) => m.clientId)),
  clientSlot: sql.param(maps.map((m) => m.clientSlot)),
});

/** Written before the POSTs that create them, so a crash never leaves a map of ours unowned. */
export async function recordOwned(
  db: Sql,
  serverId: number,
  maps: Array<MapTuple & { profileId?: string }>,
  purpose: OwnedMap['purpose'] = 'assignment',
) {
  if (maps.length === 0) return;
  const c = columns(maps);
  const profiles = sql.param(maps.map((m) => m.profileId ?? null));
  await db.execute(
    sql`INSERT INTO remsim_mappings (server_id, bank_id, bank_slot, client_id, client_slot, profile_id, purpose)
        SELECT ${serverId}, u.b, u.bs, u.c, u.cs, u.p, ${purpose}
        FROM unnest(${c.bank}::int[], ${c.bankSlot}::int[], ${c.client}::int[], ${c.clientSlot}::int[], ${profiles}::uuid[])
             AS u(b, bs, c, cs, p)
        ON CONFLICT DO NOTHING`,
  );
}

export async function forgetOwned(db: Sql, serverId: number, maps: MapTuple[]) {
  if (maps.length === 0) return;
  const c = columns(maps);
  await db.execute(
    sql`DELETE FROM remsim_mappings m
        USING unnest(${c.bank}::int[], ${c.bankSlot}::int[], ${c.client}::int[], ${c.clientSlot}::int[]) AS u(b, bs, c, cs)
        WHERE m.server_id = ${serverId} AND m.bank_id = u.b AND m.bank_slot = u.bs
          AND m.client_id = u.c AND m.client_slot = u.cs`,
  );
}

/** The server listed these maps of IonMesh's ACTIVE: their bankd has served them. */
export async function markSeenActive(db: Sql, serverId: number, maps: MapTuple[]) {
  if (maps.length === 0) return;
  const c = columns(maps);
  await db.execute(
    sql`UPDATE remsim_mappings m SET seen_active = true
        FROM unnest(${c.bank}::int[], ${c.bankSlot}::int[], ${c.client}::int[], ${c.clientSlot}::int[]) AS u(b, bs, c, cs)
        WHERE m.server_id = ${serverId} AND m.bank_id = u.b AND m.bank_slot = u.bs
          AND m.client_id = u.c AND m.client_slot = u.cs AND NOT m.seen_active`,
  );
}

// --- presence ---------------------------------------------------------------------------------
