// SQL of KI proxy pools: the pools with their segments, capacity and utilization.
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { CountRow, rowsOf, type Sql, SqlTime } from '../../app/database.js';
import { Nullable } from '../../app/schemas.js';
import type { SlotRange } from '../../domain/ki-pool-rules.js';
import type { CardRange } from '../inventory/index.js';

const Int = Type.Integer();

export const PoolRow = Type.Object({
  id: Int,
  tenant_id: Int,
  pool_name: Type.String(),
  carrier: Nullable(Type.String()),
  mcc_mnc: Type.String(),
  bank_id: Int,
  physical_slot_start: Int,
  physical_slot_end: Int,
  routing_mode: Type.String(),
  max_virtual_sims: Int,
  current_virtual_sims: Int,
  enabled: Type.Boolean(),
  created_at: SqlTime,
  updated_at: SqlTime,
  virtual_segments: Type.Array(Type.Object({ bank_id: Int, virtual_slot_start: Int, virtual_slot_end: Int })),
  virtual_slots: Int,
  capacity: Int,
});
export type PoolRow = Static<typeof PoolRow>;

export interface PoolFilter {
  tenant_id?: number;
  mcc_mnc?: string;
  enabled?: boolean;
  limit?: number;
  offset?: number;
}

const poolSelect = sql`
  SELECT kp.id, kp.tenant_id, kp.pool_name, kp.carrier, kp.mcc_mnc, kp.bank_id, kp.physical_slot_start,
         kp.physical_slot_end, kp.routing_mode, kp.max_virtual_sims, kp.current_virtual_sims, kp.enabled,
         kp.created_at, kp.updated_at,
         COALESCE(seg.list, '[]'::jsonb) AS virtual_segments,
         COALESCE(seg.slots, 0)::int AS virtual_slots,
         ionmesh_pool_capacity(kp.id, kp.max_virtual_sims) AS capacity
  FROM ki_proxy_pools kp
  LEFT JOIN LATERAL (
    SELECT jsonb_agg(jsonb_build_object('bank_id', g.bank_id, 'virtual_slot_start', g.virtual_slot_start,
                                        'virtual_slot_end', g.virtual_slot_end) ORDER BY g.id) AS list,
           sum(g.virtual_slot_end - g.virtual_slot_start + 1)::int AS slots
    FROM ki_pool_segments g WHERE g.pool_id = kp.id) seg ON true`;

export async function listPools(db: Sql, f: PoolFilter) {
  const limit = f.limit ?? 50;
  const offset = f.offset ?? 0;
  const cond = sql`WHERE (${f.tenant_id ?? null}::int IS NULL OR kp.tenant_id = ${f.tenant_id ?? null}::int)
    AND (${f.mcc_mnc ?? null}::text IS NULL OR kp.mcc_mnc = ${f.mcc_mnc ?? null}::text)
    AND (${f.enabled ?? null}::boolean IS NULL OR kp.enabled = ${f.enabled ?? null}::boolean)`;
  const items = await rowsOf(db, PoolRow, sql`${poolSelect} ${cond} ORDER BY kp.id LIMIT ${limit} OFFSET ${offset}`);
  const [total] = await rowsOf(db, CountRow, sql`SELECT count(*)::int AS n FROM ki_proxy_pools kp ${cond}`);
  return { items, total: total?.n ?? 0, limit, offset };
}

export async function getPool(db: Sql, id: number, lock = false) {
  if (lock) await db.execute(sql`SELECT 1 FROM ki_proxy_pools WHERE id = ${id} FOR UPDATE`);
  const [row] = await rowsOf(db, PoolRow, sql`${poolSelect} WHERE kp.id = ${id}`);
  return row ?? null;
}

/** Serialises changes to pool ranges across processes (the overlap check reads every pool). */
export async function lockPoolRanges(db: Sql) {
  await db.execute(sql`LOCK TABLE ki_pool_segments IN SHARE ROW EXCLUSIVE MODE`);
}

/** Every other pool's ranges (all tenants: slot numbers of a bank are shared by everyone). */
export async function otherPoolRanges(db: Sql, exceptId: number | null) {
  const list = await rowsOf(db, PoolRow, sql`${poolSelect} WHERE ${exceptId}::int IS NULL OR kp.id <> ${exceptId}::int`);
  return list.map((p) => ({
    name: p.pool_name,
    physical: { bankId: p.bank_id, start: p.physical_slot_start, end: p.physical_slot_end },
    segments: p.virtual_segments.map((s) => ({ bankId: s.bank_id, start: s.virtual_slot_start, end: s.virtual_slot_end })),
  }));
}

/** Physical slots (rows of `slots`) inside virtual ranges: virtual slot numbers must be free of cards. */
export async function physicalSlotsIn(db: Sql, ranges: SlotRange[]) {
  if (ranges.length === 0) return [];
  const banks = sql.param(ranges.map((r) => r.bankId));
  const starts = sql.param(ranges.map((r) => r.start));
  const ends = sql.param(ranges.map((r) => r.end));
  return rowsOf(
    db,
    Type.Object({ bank_id: Int, slot_id: Int }),
    sql`SELECT s.bank_id, s.slot_id FROM inventory_slots s
        JOIN unnest(${banks}::int[], ${starts}::int[], ${ends}::int[]) AS r(bank_id, lo, hi)
          ON s.bank_id = r.bank_id AND s.slot_id BETWEEN r.lo AND r.hi
        ORDER BY s.bank_id, s.slot_id LIMIT 5`,
  );
}

/** Active virtual SIMs of the pool outside the given segments (a change may not strand them). */
export async function activeOutside(db: Sql, poolId: number, segments: SlotRange[]) {
  const banks = sql.param(segments.map((r) => r.bankId));
  const starts = sql.param(segments.map((r) => r.start));
  const ends = sql.param(segments.map((r) => r.end));
  const [r] = await rowsOf(
    db,
    CountRow,
    sql`SELECT count(*)::int AS n FROM clients_profiles p
        WHERE p.status = 'ACTIVE' AND p.ki_pool_id = ${poolId}
          AND NOT EXISTS (SELECT 1 FROM unnest(${banks}::int[], ${starts}::int[], ${ends}::int[]) AS r(bank_id, lo, hi)
                          WHERE p.bank_id = r.bank_id AND p.slot_id BETWEEN r.lo AND r.hi)`,
  );
  return r?.n ?? 0;
}

/** Sets the pool's segments and rebuilds its virtual slot rows (one per slot, allocation order =
 * segment order, then slot), marking those active profiles hold. */
export async function replaceSegments(db: Sql, poolId: number, segments: SlotRange[]) {
  await db.execute(sql`DELETE FROM ki_pool_segments WHERE pool_id = ${poolId}`);
  await db.execute(sql`DELETE FROM ki_virtual_slots WHERE pool_id = ${poolId}`);
  for (const [i, s] of segments.entries()) {
    await db.execute(
      sql`INSERT INTO ki_pool_segments (pool_id, bank_id, virtual_slot_start, virtual_slot_end)
          VALUES (${poolId}, ${s.bankId}, ${s.start}, ${s.end})`,
    );
    await db.execute(
      sql`INSERT INTO ki_virtual_slots (pool_id, bank_id, slot_nr, ord)
          SELECT ${poolId}, ${s.bankId}, n, ${i * 1024} + n FROM generate_series(${s.start}::int, ${s.end}::int) AS n`,
    );
  }
  await db.execute(
    sql`UPDATE ki_virtual_slots v SET in_use = true FROM clients_profiles p
        WHERE v.pool_id = ${poolId} AND p.status = 'ACTIVE' AND p.ki_pool_id = ${poolId}
          AND p.bank_id = v.bank_id AND p.slot_id = v.slot_nr`,
  );
}

/** The pool's physical KI cards: the slots of its physical range. */
export const physicalSims = (db: Sql, p: Pick<PoolRow, 'bank_id' | 'physical_slot_start' | 'physical_slot_end'>) =>
  rowsOf(
    db,
    Type.Object({
      bank_id: Int,
      slot_id: Int,
      iccid: Nullable(Type.String()),
      imsi: Nullable(Type.String()),
      carrier: Nullable(Type.String()),
      mcc_mnc: Nullable(Type.String()),
      card_type: Type.String(),
      status: Type.String(),
      health_status: Type.String(),
    }),
    sql`SELECT bank_id, slot_id, iccid, imsi, carrier, mcc_mnc, card_type, status, health_status
        FROM inventory_slots WHERE bank_id = ${p.bank_id} AND slot_id BETWEEN ${p.physical_slot_start} AND ${p.physical_slot_end}
        ORDER BY slot_id`,
  );

/** Banks with their bankd endpoint and remsim-server URL (for the bankd launch lines). */
export const banksFor = (db: Sql, bankIds: number[]) =>
  rowsOf(
    db,
    Type.Object({
      bank_id: Int,
      tenant_id: Int,
      slot_count: Int,
      endpoint: Nullable(Type.String()),
      remsim_url: Nullable(Type.String()),
    }),
    sql`SELECT b.bank_id, b.tenant_id, (SELECT count(*)::int FROM inventory_slots s WHERE s.bank_id = b.bank_id) AS slot_count,
               bi.endpoint, rs.url AS remsim_url
        FROM inventory_banks b
        LEFT JOIN inventory_bankds bi ON bi.id = b.bankd_instance_id
        LEFT JOIN inventory_remsim_servers rs ON rs.id = bi.remsim_server_id
        WHERE b.bank_id = ANY(${sql.param(bankIds)}::int[])`,
  );

/** A pool's physical range: the inventory's range of slots of one bank. */
export type PhysicalRange = CardRange;

/** Locks the slots of a pool's physical range and answers those assigned one-to-one (with the
 * client holding each): such cards cannot become KI cards. */
export async function assignedInRange(db: Sql, r: PhysicalRange) {
  await db.execute(
    sql`SELECT 1 FROM inventory_slots WHERE bank_id = ${r.bankId} AND slot_id BETWEEN ${r.start} AND ${r.end} ORDER BY slot_id FOR UPDATE`,
  );
  return rowsOf(
    db,
    Type.Object({ slot_id: Int, client_id: Nullable(Type.String()) }),
    sql`SELECT s.slot_id, p.client_id FROM inventory_slots s
        LEFT JOIN clients_profiles p ON p.bank_id = s.bank_id AND p.slot_id = s.slot_id AND p.status = 'ACTIVE'
        WHERE s.bank_id = ${r.bankId} AND s.slot_id BETWEEN ${r.start} AND ${r.end}
          AND (s.status = 'assigned' OR p.profile_id IS NOT NULL)
        ORDER BY s.slot_id`,
  );
}

/** The highest slot number in use on a bank: its slots, and every pool's ranges there (-1: none). */
export async function highestUsedSlot(db: Sql, bankId: number) {
  const [r] = await rowsOf(
    db,
    CountRow,
    sql`SELECT GREATEST(
          (SELECT max(slot_id) FROM inventory_slots WHERE bank_id = ${bankId}),
          (SELECT max(physical_slot_end) FROM ki_proxy_pools WHERE bank_id = ${bankId}),
          (SELECT max(virtual_slot_end) FROM ki_pool_segments WHERE bank_id = ${bankId}),
          -1)::int AS n`,
  );
  return r?.n ?? -1;
}

/** The distinct MCC/MNCs of the cards in a range. */
export async function mccMncsIn(db: Sql, r: PhysicalRange) {
  const found = await rowsOf(
    db,
    Type.Object({ mcc_mnc: Type.String() }),
    sql`SELECT DISTINCT mcc_mnc FROM inventory_slots
        WHERE bank_id = ${r.bankId} AND slot_id BETWEEN ${r.start} AND ${r.end} AND mcc_mnc IS NOT NULL ORDER BY 1`,
  );
  return found.map((f) => f.mcc_mnc);
}

export interface PoolValues {
  pool_name: string;
  carrier: string | null;
  physical: { start: number; end: number };
  routing_mode: string;
  max_virtual_sims: number;
  enabled: boolean;
}

/** A new pool's row (its segments and KI cards are written after); its id. */
export async function insertPool(db: Sql, v: PoolValues & { tenant_id: number; mcc_mnc: string; bank_id: number }) {
  const [created] = await rowsOf(
    db,
    Type.Object({ id: Type.Integer() }),
    sql`INSERT INTO ki_proxy_pools (tenant_id, pool_name, carrier, mcc_mnc, bank_id, physical_slot_start, physical_slot_end,
                                    routing_mode, max_virtual_sims, enabled)
        VALUES (${v.tenant_id}, ${v.pool_name}, ${v.carrier}, ${v.mcc_mnc}, ${v.bank_id}, ${v.physical.start}, ${v.physical.end},
                ${v.routing_mode}, ${v.max_virtual_sims}, ${v.enabled})
        RETURNING id`,
  );
  if (!created) throw new Error('INSERT … RETURNING answered no row');
  return created.id;
}

export const updatePool = (db: Sql, id: number, v: PoolValues) =>
  db.execute(
    sql`UPDATE ki_proxy_pools SET pool_name = ${v.pool_name}, carrier = ${v.carrier},
          physical_slot_start = ${v.physical.start}, physical_slot_end = ${v.physical.end}, routing_mode = ${v.routing_mode},
          max_virtual_sims = ${v.max_virtual_sims}, enabled = ${v.enabled}, updated_at = now()
        WHERE id = ${id}`,
  );

export const deletePool = (db: Sql, id: number) => db.execute(sql`DELETE FROM ki_proxy_pools WHERE id = ${id}`);

/** Gives a released virtual slot back to its pool: the count, and the slot free again. */
export async function releaseVirtualSlot(tx: Sql, poolId: number, bankId: number, slotNr: number) {
  await tx.execute(
    sql`UPDATE ki_proxy_pools SET current_virtual_sims = current_virtual_sims - 1, updated_at = now() WHERE id = ${poolId}`,
  );
  await tx.execute(sql`UPDATE ki_virtual_slots SET in_use = false WHERE bank_id = ${bankId} AND slot_nr = ${slotNr}`);
}

/** A free virtual slot taken for a KI proxy client that moves: of a pool of the tenant and
 * carrier with room (its own pool first, then the least used), on an active bank whose bankd is
 * active, not listed offline, on the client's remsim-server and not among `avoidBanks`. Pools are
 * locked before their count is trusted (as registration does). Null: none. */
export async function takeVirtualSlot(
  tx: Sql,
  w: { tenantId: number; mccMnc: string; ownPool: number | null; avoidBanks: number[]; remsimServerId: number | null },
) {
  const pools = await rowsOf(
    tx,
    Type.Object({ id: Int }),
    sql`SELECT kp.id FROM ki_proxy_pools kp
         WHERE kp.tenant_id = ${w.tenantId} AND kp.enabled AND kp.mcc_mnc = ${w.mccMnc}
         ORDER BY (kp.id = ${w.ownPool ?? 0}) DESC,
                  kp.current_virtual_sims::float8 / GREATEST(1, ionmesh_pool_capacity(kp.id, kp.max_virtual_sims)), kp.id`,
  );
  for (const pool of pools) {
    const [room] = await rowsOf(
      tx,
      Type.Object({ room: Type.Boolean() }),
      sql`SELECT kp.current_virtual_sims < ionmesh_pool_capacity(kp.id, kp.max_virtual_sims) AS room
            FROM ki_proxy_pools kp WHERE kp.id = ${pool.id} AND kp.enabled FOR UPDATE`,
    );
    if (!room?.room) continue;
    const [slot] = await rowsOf(
      tx,
      Type.Object({ bank_id: Int, slot_nr: Int, endpoint: Type.Union([Type.String(), Type.Null()]) }),
      sql`SELECT v.bank_id, v.slot_nr, bi.endpoint
            FROM ki_virtual_slots v
            JOIN inventory_banks b ON b.bank_id = v.bank_id AND b.status = 'active' AND b.bankd_connected IS NOT FALSE
            JOIN inventory_bankds bi ON bi.id = b.bankd_instance_id AND bi.status = 'active'
           WHERE v.pool_id = ${pool.id} AND NOT v.in_use
             AND v.bank_id <> ALL(${sql.param(w.avoidBanks)}::int[])
             AND bi.remsim_server_id IS NOT DISTINCT FROM ${w.remsimServerId}
           ORDER BY v.ord
           LIMIT 1
           FOR UPDATE OF v SKIP LOCKED`,
    );
    if (!slot) continue;
    await tx.execute(
      sql`UPDATE ki_proxy_pools SET current_virtual_sims = current_virtual_sims + 1, updated_at = now() WHERE id = ${pool.id}`,
    );
    await tx.execute(
      sql`UPDATE ki_virtual_slots SET in_use = true WHERE bank_id = ${slot.bank_id} AND slot_nr = ${slot.slot_nr}`,
    );
    return { pool_id: pool.id, ...slot };
  }
  return null;
}
