// SQL of SIM plans, their thresholds and a card's own settings (plan, validity, thresholds).
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { CountRow, rowsOf, type Sql, SqlTime } from '../../app/database.js';
import { Nullable } from '../../app/schemas.js';

const Int = Type.Integer();
const Num = Type.Number();
const Str = Type.String();

export const ThresholdRow = Type.Object({
  id: Int,
  plan_id: Nullable(Int),
  bank_id: Nullable(Int),
  slot_id: Nullable(Int),
  percent: Int,
  action: Str,
  command_type: Nullable(Str),
  command_payload: Type.Unknown(),
  enabled: Type.Boolean(),
});
export type ThresholdRow = Static<typeof ThresholdRow>;

export const PlanRow = Type.Object({
  id: Int,
  tenant_id: Int,
  name: Str,
  mcc_mnc: Nullable(Str),
  carrier_default: Type.Boolean(),
  allowance_bytes: Nullable(Num),
  cycle_day: Int,
  cost_per_mb: Num,
  overage_cost_per_mb: Num,
  monthly_fee: Num,
  currency: Str,
  cards: Int,
  created_at: SqlTime,
  updated_at: SqlTime,
});
export type PlanRow = Static<typeof PlanRow>;

export interface PlanValues {
  name: string;
  mcc_mnc: string | null;
  carrier_default: boolean;
  allowance_bytes: number | null;
  cycle_day: number;
  cost_per_mb: number;
  overage_cost_per_mb: number;
  monthly_fee: number;
  currency: string;
}

export interface ThresholdValues {
  percent: number;
  action: string;
  command_type?: string | null;
  command_payload?: unknown;
  enabled?: boolean;
}

const PLAN_COLUMNS = sql`p.id, p.tenant_id, p.name, p.mcc_mnc, p.carrier_default, p.allowance_bytes::float8 AS allowance_bytes,
  p.cycle_day::int AS cycle_day, p.cost_per_mb::float8 AS cost_per_mb, p.overage_cost_per_mb::float8 AS overage_cost_per_mb,
  p.monthly_fee::float8 AS monthly_fee, p.currency,
  (SELECT count(*)::int FROM card_plans c WHERE c.plan_id = p.id) AS cards,
  p.created_at::text AS created_at, p.updated_at::text AS updated_at`;

export async function listPlans(db: Sql, tenantId: number | undefined, limit: number, offset: number) {
  const cond = sql`WHERE (${tenantId ?? null}::int IS NULL OR p.tenant_id = ${tenantId ?? null}::int)`;
  return {
    items: await rowsOf(
      db,
      PlanRow,
      sql`SELECT ${PLAN_COLUMNS} FROM sim_plans p ${cond} ORDER BY p.tenant_id, p.name LIMIT ${limit} OFFSET ${offset}`,
    ),
    total: (await rowsOf(db, CountRow, sql`SELECT count(*)::int AS n FROM sim_plans p ${cond}`))[0]?.n ?? 0,
  };
}

/** How many cards each plan of these tenants prices now (as its own plan, its group's or its
 * carrier's default: ionmesh_card_plans), by plan id. One pass over the tenants' cards. */
export async function pricedCards(db: Sql, tenantIds: number[]) {
  if (tenantIds.length === 0) return new Map<number, number>();
  const rows = await rowsOf(
    db,
    Type.Object({ plan_id: Int, n: Int }),
    sql`WITH cards AS (
          SELECT s.bank_id, s.slot_id FROM inventory_slots s
            JOIN inventory_banks b ON b.bank_id = s.bank_id
           WHERE b.tenant_id = ANY(${sql.param([...new Set(tenantIds)])}::int[]) AND s.iccid IS NOT NULL AND s.card_type = 'REGULAR')
        SELECT pl.plan_id, count(*)::int AS n
          FROM ionmesh_card_plans((SELECT coalesce(array_agg(bank_id), '{}') FROM cards),
                                  (SELECT coalesce(array_agg(slot_id), '{}') FROM cards)) pl
         WHERE pl.plan_id IS NOT NULL
         GROUP BY pl.plan_id`,
  );
  return new Map(rows.map((r) => [r.plan_id, r.n]));
}

export const getPlan = async (db: Sql, id: number) =>
  (await rowsOf(db, PlanRow, sql`SELECT ${PLAN_COLUMNS} FROM sim_plans p WHERE p.id = ${id}`))[0] ?? null;

export async function insertPlan(db: Sql, tenantId: number, v: PlanValues) {
  const [row] = await rowsOf(
    db,
    Type.Object({ id: Int }),
    sql`INSERT INTO sim_plans (tenant_id, name, mcc_mnc, carrier_default, allowance_bytes, cycle_day, cost_per_mb,
                               overage_cost_per_mb, monthly_fee, currency)
        VALUES (${tenantId}, ${v.name}, ${v.mcc_mnc}, ${v.carrier_default}, ${v.allowance_bytes}, ${v.cycle_day},
                ${v.cost_per_mb}, ${v.overage_cost_per_mb}, ${v.monthly_fee}, ${v.currency})
        RETURNING id`,
  );
  return row?.id as number;
}

export async function updatePlan(db: Sql, id: number, v: PlanValues) {
  await db.execute(
    sql`UPDATE sim_plans SET name = ${v.name}, mcc_mnc = ${v.mcc_mnc}, carrier_default = ${v.carrier_default},
          allowance_bytes = ${v.allowance_bytes}, cycle_day = ${v.cycle_day}, cost_per_mb = ${v.cost_per_mb},
          overage_cost_per_mb = ${v.overage_cost_per_mb}, monthly_fee = ${v.monthly_fee}, currency = ${v.currency},
          updated_at = now()
        WHERE id = ${id}`,
  );
}

export const deletePlan = (db: Sql, id: number) => db.execute(sql`DELETE FROM sim_plans WHERE id = ${id}`);

/** What thresholds belong to: a plan, a card, or a group (the groups module's). */
export type ThresholdTarget = { planId: number } | { bankId: number; slotId: number } | { groupId: number };

const targetCondition = (target: ThresholdTarget) =>
  'planId' in target
    ? sql`plan_id = ${target.planId}`
    : 'groupId' in target
      ? sql`group_id = ${target.groupId}`
      : sql`bank_id = ${target.bankId} AND slot_id = ${target.slotId}`;

/** The thresholds of a plan, a card or a group. */
export function thresholdsOf(db: Sql, target: ThresholdTarget) {
  const cond = targetCondition(target);
  return rowsOf(
    db,
    ThresholdRow,
    sql`SELECT id, plan_id, bank_id, slot_id, percent, action, command_type, command_payload, enabled
          FROM usage_thresholds WHERE ${cond} ORDER BY percent, action`,
  );
}

/** The thresholds of several groups in one statement, each row with its group. */
export function groupsThresholds(db: Sql, groupIds: number[]) {
  return rowsOf(
    db,
    Type.Composite([ThresholdRow, Type.Object({ group_id: Int })]),
    sql`SELECT id, plan_id, bank_id, slot_id, percent, action, command_type, command_payload, enabled, group_id
          FROM usage_thresholds WHERE group_id = ANY (${`{${groupIds.join(',')}}`}::int[]) ORDER BY group_id, percent, action`,
  );
}

/** Deletes a target's thresholds (a group that goes; their firings go with them). */
export function dropThresholds(tx: Sql, target: ThresholdTarget) {
  return tx.execute(sql`DELETE FROM usage_thresholds WHERE ${targetCondition(target)}`);
}

/**
 * Makes the thresholds of a plan, a card or a group the list given: one of the same percent and action
 * is kept (with its firings: it does not fire again in the cycle), changed in place; others go.
 */
export async function replaceThresholds(tx: Sql, tenantId: number, target: ThresholdTarget, list: ThresholdValues[]) {
  const plan = 'planId' in target ? target.planId : null;
  const group = 'groupId' in target ? target.groupId : null;
  const bank = 'bankId' in target ? target.bankId : null;
  const slot = 'bankId' in target ? target.slotId : null;
  const keep = list.map((t) => `${t.percent}:${t.action}`);
  await tx.execute(
    sql`DELETE FROM usage_thresholds
         WHERE ${targetCondition(target)}
           AND NOT (percent::text || ':' || action = ANY (${`{${keep.join(',')}}`}::text[]))`,
  );
  for (const t of list) {
    const conflictKey =
      plan !== null
        ? sql`(plan_id, percent, action) WHERE plan_id IS NOT NULL`
        : group !== null
          ? sql`(group_id, percent, action) WHERE group_id IS NOT NULL`
          : sql`(bank_id, slot_id, percent, action) WHERE bank_id IS NOT NULL`;
    await tx.execute(
      sql`INSERT INTO usage_thresholds (tenant_id, plan_id, group_id, bank_id, slot_id, percent, action, command_type,
                                        command_payload, enabled)
          VALUES (${tenantId}, ${plan}, ${group}, ${bank}, ${slot}, ${t.percent}, ${t.action}, ${t.command_type ?? null},
                  ${t.command_payload === undefined ? null : JSON.stringify(t.command_payload)}::jsonb, ${t.enabled ?? true})
          ON CONFLICT ${conflictKey} DO UPDATE SET command_type = EXCLUDED.command_type,
            command_payload = EXCLUDED.command_payload, enabled = EXCLUDED.enabled`,
    );
  }
}

export const CardSettingsRow = Type.Object({
  bank_id: Int,
  slot_id: Int,
  tenant_id: Int,
  plan_id: Nullable(Int),
  valid_until: Nullable(Str),
});

export async function cardSettings(db: Sql, bankId: number, slotId: number) {
  const [row] = await rowsOf(
    db,
    CardSettingsRow,
    sql`SELECT bank_id, slot_id, tenant_id, plan_id, valid_until::text AS valid_until FROM card_plans
         WHERE bank_id = ${bankId} AND slot_id = ${slotId}`,
  );
  return row ?? null;
}

export async function putCardSettings(
  tx: Sql,
  card: { bankId: number; slotId: number; tenantId: number },
  v: { plan_id: number | null; valid_until: string | null },
) {
  await tx.execute(
    sql`INSERT INTO card_plans (bank_id, slot_id, tenant_id, plan_id, valid_until)
        VALUES (${card.bankId}, ${card.slotId}, ${card.tenantId}, ${v.plan_id}, ${v.valid_until}::date)
        ON CONFLICT (bank_id, slot_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, plan_id = EXCLUDED.plan_id,
          valid_until = EXCLUDED.valid_until, updated_at = now()`,
  );
}

/** The tenant of a card (its bank's), or null when no such bank. */
export async function tenantOfBank(db: Sql, bankId: number) {
  const [row] = await rowsOf(
    db,
    Type.Object({ tenant_id: Int }),
    sql`SELECT tenant_id FROM inventory_banks WHERE bank_id = ${bankId}`,
  );
  return row?.tenant_id ?? null;
}

/**
 * Rebuilds the cycle rows of the cards whose plan may have changed (a card's own plan, or every
 * card of a carrier default's carrier) from their daily rows: their cycles follow the plan's
 * cycle day from now on, for the days kept.
 */
export async function recycleCards(tx: Sql, where: { bankId: number; slotId: number } | { tenantId: number; mccMnc: string }) {
  const cards =
    'bankId' in where
      ? sql`SELECT ${where.bankId}::int AS bank_id, ${where.slotId}::int AS slot_id`
      : sql`SELECT DISTINCT d.bank_id, d.slot_id FROM card_usage_cycles d
             LEFT JOIN inventory_slots s ON s.bank_id = d.bank_id AND s.slot_id = d.slot_id
             LEFT JOIN kiproxy_virtual_slots v ON v.bank_id = d.bank_id AND v.slot_nr = d.slot_id
             LEFT JOIN kiproxy_pools kp ON kp.id = v.pool_id
            WHERE d.tenant_id = ${where.tenantId} AND COALESCE(s.mcc_mnc, kp.mcc_mnc) = ${where.mccMnc}`;
  const [list] = await rowsOf(
    tx,
    Type.Object({ banks: Str, slots: Str }),
    sql`WITH cards AS (${cards}) SELECT coalesce(array_agg(bank_id), '{}')::text AS banks, coalesce(array_agg(slot_id), '{}')::text AS slots FROM cards`,
  );
  const banks = list?.banks ?? '{}';
  const slots = list?.slots ?? '{}';
  await tx.execute(
    sql`DELETE FROM card_usage_cycles c USING unnest(${banks}::int[], ${slots}::int[]) AS k(bank_id, slot_id)
         WHERE c.bank_id = k.bank_id AND c.slot_id = k.slot_id`,
  );
  await tx.execute(
    sql`WITH cards AS (SELECT * FROM unnest(${banks}::int[], ${slots}::int[]) AS k(bank_id, slot_id)),
        plan AS (SELECT * FROM ionmesh_card_plans(${banks}::int[], ${slots}::int[])),
        per_cycle AS (
          SELECT d.bank_id, d.slot_id, ionmesh_cycle_start(d.day, COALESCE(p.cycle_day, 1)) AS cycle_start, min(d.tenant_id) AS tenant_id,
                 (array_agg(d.iccid ORDER BY d.last_at DESC) FILTER (WHERE d.iccid IS NOT NULL))[1] AS iccid,
                 (array_agg(d.client_id ORDER BY d.last_at DESC))[1] AS client_id,
                 sum(d.rx_bytes)::bigint AS rx, sum(d.tx_bytes)::bigint AS tx, sum(d.tpdus)::bigint AS tpdus,
                 sum(d.tpdu_errors)::bigint AS errors, sum(d.samples)::int AS samples, sum(d.resets)::int AS resets,
                 sum(d.discarded)::int AS discarded, max(d.last_at) AS last_at
            FROM card_usage_daily d JOIN cards k ON k.bank_id = d.bank_id AND k.slot_id = d.slot_id
            LEFT JOIN plan p ON p.bank_id = d.bank_id AND p.slot_id = d.slot_id
           GROUP BY 1, 2, 3)
        INSERT INTO card_usage_cycles (tenant_id, bank_id, slot_id, cycle_start, cycle_end, iccid, last_client_id, rx_bytes,
                                       tx_bytes, tpdus, tpdu_errors, samples, resets, discarded, last_at)
        SELECT tenant_id, bank_id, slot_id, cycle_start, ionmesh_cycle_end(cycle_start), iccid, client_id, rx, tx, tpdus, errors,
               samples, resets, discarded, last_at
          FROM per_cycle`,
  );
}

/** The cards whose own plan is this one. */
export const cardsOfPlan = (db: Sql, planId: number) =>
  rowsOf(db, Type.Object({ bank_id: Int, slot_id: Int }), sql`SELECT bank_id, slot_id FROM card_plans WHERE plan_id = ${planId}`);
