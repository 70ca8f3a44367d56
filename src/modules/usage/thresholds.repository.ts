// SQL of the usage thresholds: which cards crossed one this cycle (claimed once per threshold,
// card and cycle by the firings' primary key), and what their actions did.
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { rowsOf, type Sql } from '../../app/database.js';
import { Nullable } from '../../app/schemas.js';

const Int = Type.Integer();
const Str = Type.String();

export const FiringRow = Type.Object({
  threshold_id: Int,
  bank_id: Int,
  slot_id: Int,
  cycle_start: Str,
  tenant_id: Int,
  iccid: Nullable(Str),
  percent: Int,
  action: Str,
  command_type: Nullable(Str),
  command_payload: Type.Unknown(),
  used_bytes: Type.Number(),
  allowance_bytes: Type.Number(),
  client_id: Nullable(Str),
  mapping_mode: Nullable(Str),
});
export type FiringRow = Static<typeof FiringRow>;

/**
 * Claims the thresholds that the current cycles crossed and that have not fired for that card
 * and cycle: the cycles changed since the last check (all current ones when `since` is 'epoch'),
 * at most `limit`. A claim is a firing row (result pending) written in the caller's transaction;
 * with several processes the primary key gives each firing to one.
 */
export async function claimFirings(tx: Sql, limit: number) {
  const [state] = await rowsOf(
    tx,
    Type.Object({ since: Str, now: Str }),
    sql`SELECT thresholds_checked_at::text AS since, now()::text AS now FROM usage_state WHERE id = 1 FOR UPDATE SKIP LOCKED`,
  );
  if (!state) return { skipped: true, firings: [] as FiringRow[], more: false };
  const firings = await rowsOf(
    tx,
    FiringRow,
    sql`WITH c AS (
          SELECT * FROM card_usage_cycles
           WHERE cycle_start <= current_date AND cycle_end > current_date AND updated_at >= ${state.since}::timestamptz - interval '5 minutes'),
        pl AS (SELECT * FROM ionmesh_card_plans((SELECT array_agg(bank_id) FROM c), (SELECT array_agg(slot_id) FROM c))),
        cg AS (SELECT * FROM ionmesh_card_groups((SELECT array_agg(bank_id) FROM c), (SELECT array_agg(slot_id) FROM c))),
        cand AS (
          SELECT c.tenant_id, c.bank_id, c.slot_id, c.cycle_start, c.iccid, ionmesh_usage_add(c.rx_bytes, c.tx_bytes) AS used,
                 p.allowance_bytes, t.id AS threshold_id, t.percent, t.action, t.command_type, t.command_payload
            FROM c JOIN pl ON pl.bank_id = c.bank_id AND pl.slot_id = c.slot_id
            JOIN sim_plans p ON p.id = pl.plan_id AND p.allowance_bytes > 0
            JOIN usage_thresholds t ON t.enabled
                 AND (t.plan_id = p.id OR (t.bank_id = c.bank_id AND t.slot_id = c.slot_id)
                      OR t.group_id IN (SELECT cg.group_id FROM cg WHERE cg.bank_id = c.bank_id AND cg.slot_id = c.slot_id))
           WHERE ionmesh_usage_add(c.rx_bytes, c.tx_bytes) >= p.allowance_bytes * t.percent / 100.0
             AND NOT EXISTS (SELECT 1 FROM threshold_firings f WHERE f.threshold_id = t.id AND f.bank_id = c.bank_id
                               AND f.slot_id = c.slot_id AND f.cycle_start = c.cycle_start)
           ORDER BY t.percent DESC, c.bank_id, c.slot_id
           LIMIT ${limit + 1}),
        who AS (
          SELECT DISTINCT ON (cand.bank_id, cand.slot_id) cand.bank_id, cand.slot_id, p.client_id, p.mapping_mode
            FROM cand JOIN clients_profiles p ON p.bank_id = cand.bank_id AND p.slot_id = cand.slot_id AND p.status = 'ACTIVE'),
        claimed AS (
          INSERT INTO threshold_firings (threshold_id, bank_id, slot_id, cycle_start, tenant_id, client_id, percent, action,
                                         used_bytes, allowance_bytes)
          SELECT cand.threshold_id, cand.bank_id, cand.slot_id, cand.cycle_start, cand.tenant_id, who.client_id, cand.percent,
                 cand.action, cand.used, cand.allowance_bytes
            FROM (SELECT * FROM cand LIMIT ${limit}) cand
            LEFT JOIN who ON who.bank_id = cand.bank_id AND who.slot_id = cand.slot_id
          ON CONFLICT DO NOTHING
          RETURNING threshold_id, bank_id, slot_id, cycle_start)
        SELECT cand.threshold_id, cand.bank_id, cand.slot_id, cand.cycle_start::text AS cycle_start, cand.tenant_id, cand.iccid,
               cand.percent, cand.action, cand.command_type, cand.command_payload, cand.used::float8 AS used_bytes,
               cand.allowance_bytes::float8 AS allowance_bytes, who.client_id, who.mapping_mode
          FROM claimed JOIN cand USING (threshold_id, bank_id, slot_id, cycle_start)
          LEFT JOIN who ON who.bank_id = cand.bank_id AND who.slot_id = cand.slot_id
         ORDER BY cand.percent DESC, cand.bank_id, cand.slot_id`,
  );
  const full = firings.length >= limit;
  // The watermark moves only once a check found everything (not when it stopped at the limit).
  if (!full) await tx.execute(sql`UPDATE usage_state SET thresholds_checked_at = ${state.now}::timestamptz WHERE id = 1`);
  return { skipped: false, firings, more: full };
}

/** A firing's outcome. */
export const finishFiring = (tx: Sql, f: FiringRow, result: string, detail: string | null) =>
  tx.execute(
    sql`UPDATE threshold_firings SET result = ${result}, detail = ${detail}
         WHERE threshold_id = ${f.threshold_id} AND bank_id = ${f.bank_id} AND slot_id = ${f.slot_id}
           AND cycle_start = ${f.cycle_start}::date`,
  );

/** Makes the next check look at every current cycle (a plan or threshold changed). */
export const recheckAll = (tx: Sql) => tx.execute(sql`UPDATE usage_state SET thresholds_checked_at = 'epoch' WHERE id = 1`);

export const FiringView = Type.Object({
  threshold_id: Int,
  bank_id: Int,
  slot_id: Int,
  cycle_start: Str,
  tenant_id: Int,
  client_id: Nullable(Str),
  percent: Int,
  action: Str,
  used_bytes: Type.Number(),
  allowance_bytes: Type.Number(),
  result: Str,
  detail: Nullable(Str),
  fired_at: Str,
});

export function firingsOfCard(db: Sql, bankId: number, slotId: number, limit: number) {
  return rowsOf(
    db,
    FiringView,
    sql`SELECT threshold_id, bank_id, slot_id, cycle_start::text AS cycle_start, tenant_id, client_id, percent, action,
               used_bytes::float8 AS used_bytes, allowance_bytes::float8 AS allowance_bytes, result, detail,
               fired_at::text AS fired_at
          FROM threshold_firings WHERE bank_id = ${bankId} AND slot_id = ${slotId} ORDER BY fired_at DESC LIMIT ${limit}`,
  );
}
