// SQL of the client lifecycle: allocation with row locks, identities, heartbeats in batches,
// unregistration and the offline sweep. Every function takes the transaction it runs in.
import { sql } from 'drizzle-orm';
import { rows, type Sql } from '../../app/database.js';
import type { RsproIdentity } from '../../domain/rspro.js';

export interface AssignmentRow {
  profile_id: string;
  tenant_id: number;
  client_id: string;
  mapping_mode: string;
  bank_id: number;
  slot_id: number;
  rspro_client_id: number;
  rspro_slot_nr: number;
  iccid: string | null;
  imsi: string | null;
  bankd_endpoint: string | null;
}

const assignmentColumns = sql`p.profile_id, p.tenant_id, p.client_id, p.mapping_mode, p.bank_id, p.slot_id,
  p.rspro_client_id, p.rspro_slot_nr, s.iccid, s.imsi, bi.endpoint AS bankd_endpoint`;

export async function tenantExists(tx: Sql, tenantId: number): Promise<boolean> {
  const found = await rows(tx, sql`SELECT 1 FROM tenants WHERE id = ${tenantId}`);
  return found.length > 0;
}

/** Serialises registrations of one client (across processes) until the transaction ends. */
export async function lockClientId(tx: Sql, tenantId: number, clientId: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${tenantId}::int, hashtext(${clientId}))`);
}

export async function findActiveAssignment(tx: Sql, tenantId: number, clientId: string) {
  const [row] = await rows<AssignmentRow>(
    tx,
    sql`SELECT ${assignmentColumns}
        FROM service_profiles p
        JOIN slots s ON s.bank_id = p.bank_id AND s.slot_id = p.slot_id
        JOIN sim_banks b ON b.bank_id = p.bank_id
        LEFT JOIN bankd_instances bi ON bi.id = b.bankd_instance_id
        WHERE p.client_id = ${clientId} AND p.tenant_id = ${tenantId} AND p.status = 'ACTIVE'`,
  );
  return row ?? null;
}

export interface FreeSlot {
  bank_id: number;
  slot_id: number;
  iccid: string | null;
  imsi: string | null;
  bankd_endpoint: string;
}

export interface SlotWish {
  tenantId: number;
  mccMnc: string | null;
  preferredBankId: number | null;
}

/**
 * Takes one available slot of the tenant and locks it; slots locked by a concurrent
 * registration are skipped, so parallel registrations never wait on each other.
 */
export async function takeFreeSlot(tx: Sql, wish: SlotWish): Promise<FreeSlot | null> {
  const carrier = wish.mccMnc ? sql`AND s.mcc_mnc = ${wish.mccMnc}` : sql``;
  const preferred = wish.preferredBankId ?? 0;
  const [row] = await rows<FreeSlot>(
    tx,
    sql`SELECT s.bank_id, s.slot_id, s.iccid, s.imsi, bi.endpoint AS bankd_endpoint
        FROM slots s
        JOIN sim_banks b ON b.bank_id = s.bank_id
        JOIN bankd_instances bi ON bi.id = b.bankd_instance_id
        WHERE b.tenant_id = ${wish.tenantId} AND b.status = 'active' AND bi.status = 'active'
          AND s.status = 'available' AND s.card_type = 'REGULAR' ${carrier}
        ORDER BY (s.bank_id = ${preferred}) DESC, s.bank_id, s.slot_id
        LIMIT 1
        FOR UPDATE OF s SKIP LOCKED`,
  );
  return row ?? null;
}

export async function identityInUse(tx: Sql, id: RsproIdentity): Promise<boolean> {
  const found = await rows(
    tx,
    sql`SELECT 1 FROM service_profiles
        WHERE status = 'ACTIVE' AND rspro_client_id = ${id.clientId} AND rspro_slot_nr = ${id.slotNr}`,
  );
  return found.length > 0;
}

/**
 * A free RSPRO identity for a slot that cannot use its own position (slot 0, or its position is
 * taken). First a slot number of the same bank that no physical slot occupies (so it can never
 * collide with a card's natural identity), else a client id that is no bank's id.
 */
export async function findSpareIdentity(tx: Sql, bankId: number): Promise<RsproIdentity | null> {
  const [sameBank] = await rows<{ n: number }>(
    tx,
    sql`SELECT c.n FROM generate_series(1023, 1, -1) AS c(n)
        WHERE NOT EXISTS (SELECT 1 FROM slots WHERE bank_id = ${bankId} AND slot_id = c.n)
          AND NOT EXISTS (SELECT 1 FROM service_profiles
                          WHERE status = 'ACTIVE' AND rspro_client_id = ${bankId} AND rspro_slot_nr = c.n)
        LIMIT 1`,
  );
  if (sameBank) return { clientId: bankId, slotNr: sameBank.n };
  const [other] = await rows<{ client_id: number; n: number }>(
    tx,
    sql`SELECT c.id AS client_id, free.n
        FROM generate_series(1023, 1, -1) AS c(id)
        CROSS JOIN LATERAL (
          SELECT n FROM generate_series(1023, 1, -1) AS n
          WHERE NOT EXISTS (SELECT 1 FROM service_profiles
                            WHERE status = 'ACTIVE' AND rspro_client_id = c.id AND rspro_slot_nr = n)
          LIMIT 1) AS free
        WHERE NOT EXISTS (SELECT 1 FROM sim_banks WHERE bank_id = c.id)
        LIMIT 1`,
  );
  return other ? { clientId: other.client_id, slotNr: other.n } : null;
}

export interface NewProfile {
  tenantId: number;
  clientId: string;
  mappingMode: string;
  bankId: number;
  slotId: number;
  identity: RsproIdentity;
  hardwareInfo: unknown;
  clientIp: string | null;
}

export async function insertProfile(tx: Sql, p: NewProfile): Promise<string> {
  const [row] = await rows<{ profile_id: string }>(
    tx,
    sql`INSERT INTO service_profiles
          (tenant_id, client_id, mapping_mode, bank_id, slot_id, rspro_client_id, rspro_slot_nr,
           client_hardware_info, client_ip_address)
        VALUES (${p.tenantId}, ${p.clientId}, ${p.mappingMode}, ${p.bankId}, ${p.slotId},
                ${p.identity.clientId}, ${p.identity.slotNr},
                ${p.hardwareInfo === undefined ? null : JSON.stringify(p.hardwareInfo)}::jsonb, ${p.clientIp})
        RETURNING profile_id`,
  );
  if (!row) throw new Error('profile insert returned no row');
  return row.profile_id;
}

/** Sets a slot's status and logs the change in the slot health log. */
export async function setSlotStatus(
  tx: Sql,
  slot: { bankId: number; slotId: number; tenantId: number },
  from: string,
  to: string,
  reason: string,
) {
  const changed = await rows(
    tx,
    sql`UPDATE slots SET status = ${to}, updated_at = now()
        WHERE bank_id = ${slot.bankId} AND slot_id = ${slot.slotId} AND status = ${from}
        RETURNING 1`,
  );
  if (changed.length === 0) return false;
  await tx.execute(
    sql`INSERT INTO health_log (tenant_id, bank_id, slot_id, kind, old_status, new_status, reason)
        VALUES (${slot.tenantId}, ${slot.bankId}, ${slot.slotId}, 'slot_status', ${from}, ${to}, ${reason})`,
  );
  return true;
}

export interface DeactivatedProfile {
  profile_id: string;
  tenant_id: number;
  client_id: string;
  bank_id: number;
  slot_id: number;
  mapping_mode: string;
  rspro_client_id: number;
  rspro_slot_nr: number;
}

export async function deactivateProfiles(tx: Sql, clientId: string, tenantId: number | null) {
  const tenant = tenantId === null ? sql`` : sql`AND tenant_id = ${tenantId}`;
  return rows<DeactivatedProfile>(
    tx,
    sql`UPDATE service_profiles SET status = 'DEACTIVATED', deactivated_at = now()
        WHERE client_id = ${clientId} AND status = 'ACTIVE' ${tenant}
        RETURNING profile_id, tenant_id, client_id, bank_id, slot_id, mapping_mode, rspro_client_id, rspro_slot_nr`,
  );
}

export interface HeartbeatInput {
  clientId: string;
  tenantId: number | null;
  health: string;
  stats: unknown;
  hardwareInfo: unknown;
  clientIp: string | null;
}

/**
 * Applies many heartbeats in one statement: marks each client's active profiles online, stores
 * stats, and logs liveness and health changes. Returns, per input index, the profiles it touched.
 * Inputs must have distinct (clientId, tenantId).
 */
export async function applyHeartbeats(tx: Sql, inputs: HeartbeatInput[]) {
  const values = sql.join(
    inputs.map(
      (h, i) =>
        sql`(${i}::int, ${h.clientId}::text, ${h.tenantId}::int, ${h.health}::text,
             ${h.stats === undefined ? null : JSON.stringify(h.stats)}::jsonb,
             ${h.hardwareInfo === undefined ? null : JSON.stringify(h.hardwareInfo)}::jsonb,
             ${h.clientIp}::text)`,
    ),
    sql`, `,
  );
  return rows<{ ord: number; profile_id: string }>(
    tx,
    sql`WITH input(ord, client_id, tenant_id, health, stats, hw, ip) AS (VALUES ${values}),
        target AS (
          SELECT p.profile_id, p.tenant_id, p.client_id, p.bank_id, p.slot_id,
                 p.liveness AS old_liveness, p.health_status AS old_health,
                 i.ord, i.health, i.stats, i.hw, i.ip
          FROM service_profiles p
          JOIN input i ON p.client_id = i.client_id AND (i.tenant_id IS NULL OR p.tenant_id = i.tenant_id)
          WHERE p.status = 'ACTIVE'
          FOR UPDATE OF p),
        updated AS (
          UPDATE service_profiles p SET
            last_heartbeat = now(),
            liveness = 'online',
            liveness_changed_at = CASE WHEN t.old_liveness <> 'online' THEN now() ELSE p.liveness_changed_at END,
            health_status = t.health,
            client_stats = COALESCE(t.stats, p.client_stats),
            client_hardware_info = COALESCE(t.hw, p.client_hardware_info),
            client_ip_address = COALESCE(t.ip, p.client_ip_address)
          FROM target t WHERE p.profile_id = t.profile_id
          RETURNING p.profile_id),
        logged AS (
          INSERT INTO health_log (tenant_id, profile_id, client_id, bank_id, slot_id, kind, old_status, new_status, reason)
          SELECT tenant_id, profile_id, client_id, bank_id, slot_id, 'client_liveness', old_liveness, 'online', 'heartbeat'
            FROM target WHERE old_liveness <> 'online'
          UNION ALL
          SELECT tenant_id, profile_id, client_id, bank_id, slot_id, 'client_health', old_health, health, 'heartbeat'
            FROM target WHERE old_health IS DISTINCT FROM health
          RETURNING 1)
        SELECT t.ord, t.profile_id FROM target t`,
  );
}

/** Marks online clients without a heartbeat for offlineAfterSec as offline; safe in parallel. */
export async function sweepOffline(tx: Sql, offlineAfterSec: number) {
  const changed = await rows<{ profile_id: string; client_id: string; tenant_id: number }>(
    tx,
    sql`WITH changed AS (
          UPDATE service_profiles SET liveness = 'offline', liveness_changed_at = now()
          WHERE status = 'ACTIVE' AND liveness = 'online'
            AND last_heartbeat < now() - make_interval(secs => ${offlineAfterSec})
          RETURNING profile_id, tenant_id, client_id, bank_id, slot_id),
        logged AS (
          INSERT INTO health_log (tenant_id, profile_id, client_id, bank_id, slot_id, kind, old_status, new_status, reason)
          SELECT tenant_id, profile_id, client_id, bank_id, slot_id, 'client_liveness', 'online', 'offline',
                 ${`no heartbeat for ${offlineAfterSec} s`}
          FROM changed
          RETURNING 1)
        SELECT profile_id, client_id, tenant_id FROM changed`,
  );
  return changed;
}
