// SQL of the inventory: tenants, bankd instances, banks, slots, and what the reconciler reports of
// banks' presence.
import { Type } from '@sinclair/typebox';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { rowsOf, type Sql, SqlTime } from '../../app/database.js';
import { paged, allOf as where } from '../../app/paging.js';
import { Nullable } from '../../app/schemas.js';
import { type PageRequest, pageOf } from '../../domain/pagination.js';
import { insertEvent } from '../events/index.js';
import { bankdInstances, remsimServers, simBanks, slots, tenants } from './inventory.table.js';

// --- tenants
/** Tenants; a tenant-scoped caller (scope) sees its own only. */
export const listTenants = (db: Sql, page: PageRequest, scope: number | null = null) => {
  const p = pageOf(page);
  const cond = scope === null ? undefined : eq(tenants.id, scope);
  return paged(
    db.select().from(tenants).where(cond).orderBy(asc(tenants.id)).limit(p.limit).offset(p.offset),
    db.select({ n: count() }).from(tenants).where(cond),
    p,
  );
};
export const getTenant = async (db: Sql, id: number) => (await db.select().from(tenants).where(eq(tenants.id, id)))[0] ?? null;

/** Whether a tenant exists: what every module asks before it writes an object of a tenant. */
export const tenantExists = async (db: Sql, tenantId: number) =>
  (await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId))).length === 1;

export async function tenantUsage(db: Sql, id: number) {
  const [r] = await rowsOf(
    db,
    Type.Object({ banks: Type.Integer(), profiles: Type.Integer() }),
    sql`SELECT (SELECT count(*)::int FROM sim_banks WHERE tenant_id = ${id}) AS banks,
               (SELECT count(*)::int FROM clients_profiles WHERE tenant_id = ${id}) AS profiles`,
  );
  return r ?? { banks: 0, profiles: 0 };
}

/** Keeps the id sequence past explicitly chosen ids (tenant 1 is created with its id). */
export async function syncTenantSequence(db: Sql) {
  await db.execute(sql`SELECT setval(pg_get_serial_sequence('tenants', 'id'), GREATEST((SELECT max(id) FROM tenants), 1))`);
}

// --- bankd instances
const bankdColumns = {
  id: bankdInstances.id,
  name: bankdInstances.name,
  endpoint: bankdInstances.endpoint,
  remsimServerId: bankdInstances.remsimServerId,
  remsimServerUrl: remsimServers.url,
  status: bankdInstances.status,
  createdAt: bankdInstances.createdAt,
  updatedAt: bankdInstances.updatedAt,
};
/** bankd instances; a tenant-scoped caller (scope) sees those behind its own banks only. */
export const listBankds = (db: Sql, page: PageRequest, scope: number | null = null) => {
  const p = pageOf(page);
  const cond =
    scope === null
      ? undefined
      : sql`EXISTS (SELECT 1 FROM sim_banks b WHERE b.bankd_instance_id = ${bankdInstances.id} AND b.tenant_id = ${scope})`;
  return paged(
    db
      .select(bankdColumns)
      .from(bankdInstances)
      .leftJoin(remsimServers, eq(remsimServers.id, bankdInstances.remsimServerId))
      .where(cond)
      .orderBy(asc(bankdInstances.id))
      .limit(p.limit)
      .offset(p.offset),
    db.select({ n: count() }).from(bankdInstances).where(cond),
    p,
  );
};
export const getBankd = async (db: Sql, id: number) =>
  (
    await db
      .select(bankdColumns)
      .from(bankdInstances)
      .leftJoin(remsimServers, eq(remsimServers.id, bankdInstances.remsimServerId))
      .where(eq(bankdInstances.id, id))
  )[0] ?? null;

// --- banks
const bankColumns = {
  bankId: simBanks.bankId,
  name: simBanks.name,
  tenantId: simBanks.tenantId,
  bankdInstanceId: simBanks.bankdInstanceId,
  status: simBanks.status,
  bankdConnected: simBanks.bankdConnected,
  bankdConnectedSince: simBanks.bankdConnectedSince,
  bankdSlots: simBanks.bankdSlots,
  unknownCardsPresent: simBanks.unknownCardsPresent,
  createdAt: simBanks.createdAt,
  updatedAt: simBanks.updatedAt,
  // Qualified by hand: inside the subquery an unqualified bank_id would be the slot's own.
  slotCount: sql<number>`(SELECT count(*)::int FROM slots s WHERE s.bank_id = "sim_banks"."bank_id")`,
  slotsAvailable: sql<number>`(SELECT count(*)::int FROM slots s WHERE s.bank_id = "sim_banks"."bank_id" AND s.status = 'available')`,
  slotsEmpty: sql<number>`(SELECT count(*)::int FROM slots s WHERE s.bank_id = "sim_banks"."bank_id" AND s.status = 'empty')`,
};

export interface BankFilter extends PageRequest {
  tenant_id?: number;
  bankd_instance_id?: number;
  status?: string;
}
export const listBanks = (db: Sql, f: BankFilter) => {
  const p = pageOf(f);
  const cond = where([
    f.tenant_id !== undefined ? eq(simBanks.tenantId, f.tenant_id) : undefined,
    f.bankd_instance_id !== undefined ? eq(simBanks.bankdInstanceId, f.bankd_instance_id) : undefined,
    f.status ? eq(simBanks.status, f.status) : undefined,
  ]);
  return paged(
    db.select(bankColumns).from(simBanks).where(cond).orderBy(asc(simBanks.bankId)).limit(p.limit).offset(p.offset),
    db.select({ n: count() }).from(simBanks).where(cond),
    p,
  );
};
export const getBank = async (db: Sql, bankId: number) =>
  (await db.select(bankColumns).from(simBanks).where(eq(simBanks.bankId, bankId)))[0] ?? null;

/** Re-derives available/empty/unserved of the bank's free slots (the slots_card_state trigger). */
export async function recheckCardState(db: Sql, bankId: number) {
  await db.execute(
    sql`UPDATE slots SET status = status WHERE bank_id = ${bankId} AND status IN ('available', 'empty', 'unserved')`,
  );
}

/** Creates the missing slots 0..slotCount-1; each starts empty or available (slots_card_state). */
export async function createSlots(db: Sql, bankId: number, slotCount: number) {
  if (slotCount <= 0) return;
  await db.execute(
    sql`INSERT INTO slots (bank_id, slot_id) SELECT ${bankId}, n FROM generate_series(0, ${slotCount - 1}) AS n
        ON CONFLICT DO NOTHING`,
  );
}

export async function bankProfileCount(db: Sql, bankId: number) {
  const [r] = await rowsOf(
    db,
    Type.Object({ active: Type.Integer(), total: Type.Integer() }),
    sql`SELECT count(*) FILTER (WHERE status = 'ACTIVE')::int AS active, count(*)::int AS total
        FROM clients_profiles WHERE bank_id = ${bankId}`,
  );
  return r ?? { active: 0, total: 0 };
}

// --- slots
export interface SlotFilter extends PageRequest {
  bank_id?: number;
  status?: string;
  carrier?: string;
  mcc_mnc?: string;
  tenant_id?: number;
}
export const listSlots = (db: Sql, f: SlotFilter) => {
  const p = pageOf(f);
  const cond = where([
    f.bank_id !== undefined ? eq(slots.bankId, f.bank_id) : undefined,
    f.status ? eq(slots.status, f.status) : undefined,
    f.carrier ? eq(slots.carrier, f.carrier) : undefined,
    f.mcc_mnc ? eq(slots.mccMnc, f.mcc_mnc) : undefined,
    f.tenant_id !== undefined
      ? sql`${slots.bankId} IN (SELECT bank_id FROM sim_banks WHERE tenant_id = ${f.tenant_id})`
      : undefined,
  ]);
  return paged(
    db.select().from(slots).where(cond).orderBy(asc(slots.bankId), asc(slots.slotId)).limit(p.limit).offset(p.offset),
    db.select({ n: count() }).from(slots).where(cond),
    p,
  );
};
export const getSlot = async (db: Sql, bankId: number, slotId: number, lock = false) => {
  const q = db
    .select()
    .from(slots)
    .where(and(eq(slots.bankId, bankId), eq(slots.slotId, slotId)));
  return (await (lock ? q.for('update') : q))[0] ?? null;
};

export async function slotHasActiveProfile(db: Sql, bankId: number, slotId: number) {
  const found = await rowsOf(
    db,
    Type.Object({ found: Type.Integer() }),
    sql`SELECT 1 AS found FROM clients_profiles WHERE bank_id = ${bankId} AND slot_id = ${slotId} AND status = 'ACTIVE'`,
  );
  return found.length > 0;
}

/** Sets a slot's status and logs the change in the clients' health log (an append-only log) and
 * the event outbox. */
export async function setSlotStatus(
  tx: Sql,
  slot: { bankId: number; slotId: number; tenantId: number },
  from: string,
  to: string,
  reason: string,
) {
  const changed = await rowsOf(
    tx,
    Type.Object({ changed: Type.Integer() }),
    sql`UPDATE slots SET status = ${to}, updated_at = now()
        WHERE bank_id = ${slot.bankId} AND slot_id = ${slot.slotId} AND status = ${from}
        RETURNING 1 AS changed`,
  );
  if (changed.length === 0) return false;
  await tx.execute(
    sql`INSERT INTO clients_health_log (tenant_id, bank_id, slot_id, kind, old_status, new_status, reason)
        VALUES (${slot.tenantId}, ${slot.bankId}, ${slot.slotId}, 'slot_status', ${from}, ${to}, ${reason})`,
  );
  await insertEvent(tx, 'slot.status_changed', slot.tenantId, {
    bank_id: slot.bankId,
    slot_id: slot.slotId,
    previous: from,
    status: to,
    reason,
  });
  return true;
}

/** A range of slots of one bank (a KI pool's physical range). */
export interface CardRange {
  bankId: number;
  start: number;
  end: number;
}

/** Marks the range's cards as KI cards: the allocator, reassign and the database's
 * service_profiles_regular_card trigger never give them to a router one-to-one. */
export async function markKiCards(db: Sql, r: CardRange) {
  await db.execute(
    sql`UPDATE slots SET card_type = 'KI_PROXY_MASTER'
        WHERE bank_id = ${r.bankId} AND slot_id BETWEEN ${r.start} AND ${r.end} AND card_type = 'REGULAR'`,
  );
}

/** Gives the cards of `r` that are not in `keep` back to one-to-one use (the pool shrank or went). */
export async function releaseKiCards(db: Sql, r: CardRange, keep: CardRange | null = null) {
  await db.execute(
    sql`UPDATE slots SET card_type = 'REGULAR'
        WHERE bank_id = ${r.bankId} AND slot_id BETWEEN ${r.start} AND ${r.end} AND card_type = 'KI_PROXY_MASTER'
          AND NOT (bank_id = ${keep?.bankId ?? -1}::int AND slot_id BETWEEN ${keep?.start ?? 0}::int AND ${keep?.end ?? -1}::int)`,
  );
}

// --- card columns (the SIM card API edits them)

export interface CardValues {
  iccid: string;
  imsi: string | null;
  carrier: string | null;
  mcc_mnc: string | null;
  card_type: string;
  ki_pool_name: string | null;
  ki_pool_priority: number | null;
  card_metadata: Record<string, unknown> | null;
}

export const writeCard = (db: Sql, bankId: number, slotId: number, v: CardValues) =>
  db.execute(
    sql`UPDATE slots SET iccid = ${v.iccid}, imsi = ${v.imsi}, carrier = ${v.carrier}, mcc_mnc = ${v.mcc_mnc},
          card_type = ${v.card_type}, ki_pool_name = ${v.ki_pool_name}, ki_pool_priority = ${v.ki_pool_priority},
          card_metadata = ${v.card_metadata === null ? null : JSON.stringify(v.card_metadata)}::jsonb, updated_at = now()
        WHERE bank_id = ${bankId} AND slot_id = ${slotId}`,
  );

export const clearCard = (db: Sql, bankId: number, slotId: number) =>
  db.execute(
    sql`UPDATE slots SET iccid = NULL, imsi = NULL, carrier = NULL, mcc_mnc = NULL, card_type = 'REGULAR',
          ki_pool_name = NULL, ki_pool_priority = NULL, card_metadata = NULL, updated_at = now()
        WHERE bank_id = ${bankId} AND slot_id = ${slotId}`,
  );

/** The slot's entries in the clients' health log (its published view), newest first. */
export const healthLogOfSlot = (db: Sql, bankId: number, slotId: number, limit = 100) =>
  rowsOf(
    db,
    Type.Object({
      id: Type.Number(),
      tenant_id: Nullable(Type.Integer()),
      profile_id: Nullable(Type.String()),
      client_id: Nullable(Type.String()),
      bank_id: Nullable(Type.Integer()),
      slot_id: Nullable(Type.Integer()),
      kind: Type.String(),
      old_status: Nullable(Type.String()),
      new_status: Type.String(),
      reason: Nullable(Type.String()),
      created_at: SqlTime,
    }),
    sql`SELECT id::float8 AS id, tenant_id, profile_id::text AS profile_id, client_id, bank_id, slot_id, kind, old_status,
               new_status, reason, created_at
          FROM clients_health_log WHERE bank_id = ${bankId} AND slot_id = ${slotId} ORDER BY id DESC LIMIT ${limit}`,
  );

// --- slots the remsim side serves (the reconciler reports what its server and bankds allow)

/** A bank slot held on the server by a map IonMesh does not own, and that map's RSPRO client. */
export interface ForeignHold {
  bankId: number;
  bankSlot: number;
  holder: string;
}

/**
 * Sets why each slot of the banks behind this server cannot be served now — beyond what its
 * bankd reports (`bankd_slots`), or held by a foreign map — and clears it when that no longer
 * holds; the slots_card_state trigger makes a free card with a reason `unserved` and one without
 * `available` again. Returns the slots whose reason changed, with the client that holds each.
 */
export function applySlotService(db: Sql, serverId: number, foreign: ForeignHold[]) {
  return rowsOf(
    db,
    Type.Object({
      bank_id: Int,
      slot_id: Int,
      tenant_id: Int,
      status: Type.String(),
      reason: Type.Union([Type.String(), Type.Null()]),
      client_id: Type.Union([Type.String(), Type.Null()]),
    }),
    sql`WITH held AS (
          SELECT * FROM unnest(${sql.param(foreign.map((f) => f.bankId))}::int[], ${sql.param(foreign.map((f) => f.bankSlot))}::int[],
                               ${sql.param(foreign.map((f) => f.holder))}::text[]) AS f(bank_id, slot_id, holder)),
        want AS (
          SELECT s.bank_id, s.slot_id, b.tenant_id, s.unserved_reason AS old,
                 ionmesh_slot_unserved_reason(b.bankd_slots, s.slot_id, h.holder) AS reason
          FROM slots s
          JOIN sim_banks b ON b.bank_id = s.bank_id
          JOIN bankd_instances bi ON bi.id = b.bankd_instance_id
          LEFT JOIN held h ON h.bank_id = s.bank_id AND h.slot_id = s.slot_id
          WHERE bi.remsim_server_id = ${serverId} AND s.card_type <> 'VIRTUAL'),
        changed AS (
          UPDATE slots s SET unserved_reason = w.reason, status = s.status, updated_at = now()
          FROM want w
          WHERE s.bank_id = w.bank_id AND s.slot_id = w.slot_id AND w.reason IS DISTINCT FROM w.old
          RETURNING s.bank_id, s.slot_id, s.status, w.reason, w.tenant_id)
        SELECT c.bank_id, c.slot_id, c.tenant_id, c.status, c.reason, p.client_id
        FROM changed c
        LEFT JOIN clients_profiles p ON p.bank_id = c.bank_id AND p.slot_id = c.slot_id
                                    AND p.status = 'ACTIVE' AND p.ki_pool_id IS NULL
        ORDER BY c.bank_id, c.slot_id`,
  );
}

// --- bank presence (the reconciler reports what a remsim-server lists)

const Int = Type.Integer();
const Bool = Type.Boolean();

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
