// SQL of the reconciler: the desired maps of a remsim-server, IonMesh's record of the maps it
// created, the lease that lets one process at a time reconcile a server, presence from the
// server's lists, and the status figures.
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { rowsOf, type Sql } from '../../app/database.js';
import { Nullable } from '../../app/schemas.js';
import type { MapTuple } from '../../domain/slotmap-plan.js';

const Int = Type.Integer();
const Str = Type.String();
const Bool = Type.Boolean();

export const ServerRow = Type.Object({
  id: Int,
  name: Str,
  url: Str,
  enabled: Bool,
  simulated: Bool,
  /** int8: read as text, and only handed back to SQL (releaseLease). */
  generation: Str,
});
export type ServerRow = Static<typeof ServerRow>;

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

/** Active profiles served through this remsim-server (its bankd instances' banks). */
export const desiredMaps = (db: Sql, serverId: number) =>
  rowsOf(
    db,
    DesiredRow,
    sql`WITH ki AS (
          SELECT v.pool_id, v.bank_id, kp.pool_name,
                 GREATEST(max(v.slot_nr) + 1, CASE WHEN kp.bank_id = v.bank_id THEN kp.physical_slot_end + 1 ELSE 0 END) AS slots
          FROM ki_virtual_slots v JOIN ki_proxy_pools kp ON kp.id = v.pool_id
          GROUP BY v.pool_id, v.bank_id, kp.pool_name, kp.bank_id, kp.physical_slot_end)
        SELECT p.profile_id, p.tenant_id, p.client_id, p.bank_id, p.slot_id, p.rspro_client_id, p.rspro_slot_nr,
               p.rspro_connected, ki.pool_name AS ki_pool, ki.slots::int AS ki_slots_needed
        FROM service_profiles p
        JOIN sim_banks b ON b.bank_id = p.bank_id
        JOIN bankd_instances bi ON bi.id = b.bankd_instance_id
        LEFT JOIN ki_virtual_slots vs ON vs.bank_id = p.bank_id AND vs.slot_nr = p.slot_id
        LEFT JOIN ki ON ki.pool_id = vs.pool_id AND ki.bank_id = vs.bank_id
        WHERE p.status = 'ACTIVE' AND bi.remsim_server_id = ${serverId}`,
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

// --- the lease ------------------------------------------------------------------------------

/** Takes (or keeps) the lease of one server unless another process holds it, or the server is
 * in its retry back-off (unless forced). Returns the server with the generation seen. */
export async function acquireLease(db: Sql, id: number, owner: string, leaseSec: number, force: boolean) {
  const [row] = await rowsOf(
    db,
    ServerRow,
    sql`UPDATE remsim_servers SET lease_owner = ${owner}, lease_until = now() + make_interval(secs => ${leaseSec})
        WHERE id = ${id} AND enabled
          AND (lease_owner IS NULL OR lease_owner = ${owner} OR lease_until < now())
          AND (${force}::boolean OR next_attempt_at IS NULL OR next_attempt_at <= now())
        RETURNING id, name, url, enabled, simulated, generation::text AS generation`,
  );
  return row ?? null;
}

export async function renewLease(db: Sql, id: number, owner: string, leaseSec: number) {
  const r = await rowsOf(
    db,
    Type.Object({ renewed: Int }),
    sql`UPDATE remsim_servers SET lease_until = now() + make_interval(secs => ${leaseSec})
        WHERE id = ${id} AND lease_owner = ${owner} RETURNING 1 AS renewed`,
  );
  return r.length > 0;
}

/** Gives the lease up only if no assignment changed since `generation` was read: otherwise the
 * caller keeps it and runs another pass, so a change made during a pass is never missed. */
export async function releaseLease(db: Sql, id: number, owner: string, generation: string | null) {
  const r = await rowsOf(
    db,
    Type.Object({ released: Int }),
    sql`UPDATE remsim_servers SET lease_owner = NULL, lease_until = NULL
        WHERE id = ${id} AND lease_owner = ${owner} AND (${generation}::bigint IS NULL OR generation = ${generation}::bigint)
        RETURNING 1 AS released`,
  );
  return r.length > 0;
}

export async function leaseHolder(db: Sql, id: number) {
  const [r] = await rowsOf(
    db,
    Type.Object({ lease_owner: Nullable(Str), active: Nullable(Bool) }),
    sql`SELECT lease_owner, (lease_until > now()) AS active FROM remsim_servers WHERE id = ${id}`,
  );
  return r?.active ? r.lease_owner : null;
}

/** Marks the servers that serve these banks as changed; returns their ids, and whether each is
 * in its retry back-off (unreachable: a probe, not a pass, finds out when it is back). */
export const bumpGeneration = (db: Sql, bankIds: number[]) =>
  rowsOf(
    db,
    Type.Object({ id: Int, backing_off: Bool }),
    sql`UPDATE remsim_servers SET generation = generation + 1
        WHERE id IN (SELECT bi.remsim_server_id FROM sim_banks b JOIN bankd_instances bi ON bi.id = b.bankd_instance_id
                     WHERE b.bank_id = ANY(${sql.param(bankIds)}::int[]))
        RETURNING id, COALESCE(next_attempt_at > now(), false) AS backing_off`,
  );

export async function previousConflicts<T>(db: Sql, id: number): Promise<T[]> {
  const [r] = await rowsOf(
    db,
    Type.Object({ conflicts: Type.Array(Type.Unknown()) }),
    sql`SELECT conflicts FROM remsim_servers WHERE id = ${id}`,
  );
  return (r?.conflicts ?? []) as T[];
}

export const enabledServerIds = (db: Sql) =>
  rowsOf(
    db,
    Type.Object({ id: Int, backing_off: Bool }),
    sql`SELECT id, COALESCE(next_attempt_at > now(), false) AS backing_off FROM remsim_servers WHERE enabled ORDER BY id`,
  );

// --- results --------------------------------------------------------------------------------

export interface PassRecord {
  figures: Record<string, number>;
  conflicts: unknown[];
  stalled: unknown[];
  passMs: number;
  /** Added to the running totals. */
  stalls: number;
  repairs: number;
  flushes: number;
}

/** Records a completed pass; returns whether the server was unreachable before. */
export async function recordSuccess(db: Sql, id: number, r: PassRecord) {
  const [row] = await rowsOf(
    db,
    Type.Object({ was: Nullable(Bool) }),
    sql`UPDATE remsim_servers s SET reachable = true, failures = 0, next_attempt_at = NULL, last_error = NULL,
          last_pass_at = now(), last_success_at = now(), last_pass_ms = ${r.passMs},
          figures = ${JSON.stringify(r.figures)}::jsonb, conflicts = ${JSON.stringify(r.conflicts)}::jsonb,
          stalled = ${JSON.stringify(r.stalled)}::jsonb, stalls_total = s.stalls_total + ${r.stalls},
          repairs_total = s.repairs_total + ${r.repairs}, flushes_total = s.flushes_total + ${r.flushes}
        FROM (SELECT reachable FROM remsim_servers WHERE id = ${id}) old
        WHERE s.id = ${id}
        RETURNING old.reachable AS was`,
  );
  return row?.was ?? null;
}

/** Records a failed pass and schedules the next attempt with exponential back-off. */
export async function recordFailure(
  db: Sql,
  id: number,
  error: string,
  passMs: number,
  backoffSec: (failures: number) => number,
) {
  const [row] = await rowsOf(
    db,
    Type.Object({ failures: Int, was: Nullable(Bool) }),
    sql`SELECT failures, reachable AS was FROM remsim_servers WHERE id = ${id}`,
  );
  const failures = (row?.failures ?? 0) + 1;
  await db.execute(
    sql`UPDATE remsim_servers SET reachable = false, failures = ${failures}, last_error = ${error.slice(0, 500)},
          last_pass_at = now(), last_pass_ms = ${passMs},
          next_attempt_at = now() + make_interval(secs => ${backoffSec(failures)})
        WHERE id = ${id}`,
  );
  return { failures, was: row?.was ?? null };
}

// --- presence ---------------------------------------------------------------------------------

/** Sets rspro_connected of the given profiles, and their liveness: connected is online; a
 * router that left and has no recent heartbeat is offline. Liveness changes are logged. */
export async function applyRsproPresence(
  db: Sql,
  changes: Array<{ profileId: string; connected: boolean }>,
  offlineAfterSec: number,
) {
  if (changes.length === 0) return [];
  const ids = sql.param(changes.map((c) => c.profileId));
  const connected = sql.param(changes.map((c) => c.connected));
  return rowsOf(
    db,
    Type.Object({ profile_id: Str, client_id: Str, tenant_id: Int, old: Str, new: Str }),
    sql`WITH input AS (SELECT * FROM unnest(${ids}::uuid[], ${connected}::boolean[]) AS u(profile_id, connected)),
        target AS (
          SELECT p.profile_id, p.tenant_id, p.client_id, p.bank_id, p.slot_id, p.liveness AS old, i.connected,
                 CASE WHEN i.connected THEN 'online'
                      WHEN p.liveness = 'online' AND (p.last_heartbeat IS NULL
                           OR p.last_heartbeat < now() - make_interval(secs => ${offlineAfterSec})) THEN 'offline'
                      ELSE p.liveness END AS new
          FROM input i JOIN service_profiles p ON p.profile_id = i.profile_id AND p.status = 'ACTIVE'
          WHERE p.rspro_connected <> i.connected
          FOR UPDATE OF p),
        updated AS (
          UPDATE service_profiles p SET rspro_connected = t.connected, rspro_connected_since = now(),
            liveness = t.new,
            liveness_changed_at = CASE WHEN t.new <> t.old THEN now() ELSE p.liveness_changed_at END
          FROM target t WHERE p.profile_id = t.profile_id
          RETURNING 1),
        logged AS (
          INSERT INTO health_log (tenant_id, profile_id, client_id, bank_id, slot_id, kind, old_status, new_status, reason)
          SELECT tenant_id, profile_id, client_id, bank_id, slot_id, 'client_liveness', old, new,
                 CASE WHEN connected THEN 'RSPRO connected' ELSE 'RSPRO disconnected' END
          FROM target WHERE new <> old
          RETURNING 1),
        evented AS (
          INSERT INTO events (type, tenant_id, data)
          SELECT 'client.' || new, tenant_id,
                 jsonb_build_object('profile_id', profile_id, 'client_id', client_id, 'previous', old,
                                    'reason', CASE WHEN connected THEN 'RSPRO connected' ELSE 'RSPRO disconnected' END)
          FROM target WHERE new <> old
          RETURNING 1)
        SELECT profile_id, client_id, tenant_id, old, new FROM target`,
  );
}

/** Updates bankd_connected of the banks served through this server; returns the changes worth an
 * event (a bank first seen offline is not a change: it was never known online). A bank the server
 * stops listing is called offline only once it has been missing for `graceSec`: a restarted
 * server lists no bankd until each reconnects on its own retry delay. */
export function applyBankPresence(
  db: Sql,
  serverId: number,
  connected: Array<{ bankId: number; numberOfSlots: number }>,
  graceSec: number,
) {
  const ids = sql.param(connected.map((b) => b.bankId));
  const slots = sql.param(connected.map((b) => b.numberOfSlots));
  return rowsOf(
    db,
    Type.Object({ bank_id: Int, tenant_id: Int, connected: Bool }),
    sql`WITH seen AS (SELECT * FROM unnest(${ids}::int[], ${slots}::int[]) AS u(bank_id, slots)),
        raw AS (
          SELECT b.bank_id, b.tenant_id, b.bankd_connected AS old, (s.bank_id IS NOT NULL) AS listed, s.slots,
                 b.bankd_missing_since AS missing_since
          FROM sim_banks b JOIN bankd_instances bi ON bi.id = b.bankd_instance_id
          LEFT JOIN seen s ON s.bank_id = b.bank_id
          WHERE bi.remsim_server_id = ${serverId}),
        target AS (
          SELECT bank_id, tenant_id, old, slots,
                 CASE WHEN listed THEN NULL ELSE COALESCE(missing_since, now()) END AS missing,
                 CASE WHEN listed THEN true
                      WHEN old IS NOT TRUE THEN false
                      WHEN COALESCE(missing_since, now()) <= now() - make_interval(secs => ${graceSec}) THEN false
                      ELSE true END AS now
          FROM raw),
        updated AS (
          UPDATE sim_banks b SET bankd_connected = t.now,
            bankd_connected_since = CASE WHEN t.old IS DISTINCT FROM t.now THEN now() ELSE b.bankd_connected_since END,
            bankd_slots = COALESCE(t.slots, b.bankd_slots),
            bankd_missing_since = t.missing
          FROM target t
          WHERE b.bank_id = t.bank_id AND (t.old IS DISTINCT FROM t.now OR t.slots IS DISTINCT FROM b.bankd_slots
                                           OR t.missing IS DISTINCT FROM b.bankd_missing_since)
          RETURNING b.bank_id)
        SELECT bank_id, tenant_id, now AS connected FROM target
        WHERE (old IS NULL AND now) OR (old IS NOT NULL AND old <> now)`,
  );
}

/** The URL of an enabled server, for a probe. */
export async function serverForProbe(db: Sql, id: number) {
  const [r] = await rowsOf(db, Type.Object({ url: Str }), sql`SELECT url FROM remsim_servers WHERE id = ${id} AND enabled`);
  return r ?? null;
}
