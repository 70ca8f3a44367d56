// SQL of SIM rotation: policies, the clients a policy would move now and why, the card to move
// each to, and the rotations carried out.
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { CountRow, rowsOf, type Sql, SqlTime } from '../../app/database.js';
import { Nullable } from '../../app/schemas.js';
import type { RotationWindow } from './rotation.schedule.js';

const Int = Type.Integer();
const Str = Type.String();
const Num = Type.Number();

export const PolicyRow = Type.Object({
  id: Int,
  tenant_id: Int,
  group_id: Nullable(Int),
  name: Str,
  enabled: Type.Boolean(),
  schedule: Nullable(Str),
  usage_percent: Nullable(Int),
  validity_days: Nullable(Int),
  max_days_on_card: Nullable(Int),
  window: Nullable(Type.Unsafe<RotationWindow>(Type.Record(Str, Type.Unknown()))),
  timezone: Str,
  allow_other_carrier: Type.Boolean(),
  max_per_run: Int,
  last_scheduled_at: Nullable(SqlTime),
  last_run_at: Nullable(SqlTime),
  created_at: SqlTime,
  updated_at: SqlTime,
});
export type PolicyRow = Static<typeof PolicyRow>;

const POLICY_COLUMNS = sql`id, tenant_id, group_id, name, enabled, schedule, usage_percent, validity_days, max_days_on_card,
  "window", timezone, allow_other_carrier, max_per_run, last_scheduled_at::text AS last_scheduled_at,
  last_run_at::text AS last_run_at, created_at::text AS created_at, updated_at::text AS updated_at`;

export interface PolicyValues {
  group_id: number | null;
  name: string;
  enabled: boolean;
  schedule: string | null;
  usage_percent: number | null;
  validity_days: number | null;
  max_days_on_card: number | null;
  window: RotationWindow | null;
  timezone: string;
  allow_other_carrier: boolean;
  max_per_run: number;
}

export async function listPolicies(db: Sql, tenantId: number | undefined, limit: number, offset: number) {
  const cond = sql`WHERE (${tenantId ?? null}::int IS NULL OR tenant_id = ${tenantId ?? null}::int)`;
  return {
    items: await rowsOf(
      db,
      PolicyRow,
      sql`SELECT ${POLICY_COLUMNS} FROM rotation_policies ${cond} ORDER BY tenant_id, name LIMIT ${limit} OFFSET ${offset}`,
    ),
    total: (await rowsOf(db, CountRow, sql`SELECT count(*)::int AS n FROM rotation_policies ${cond}`))[0]?.n ?? 0,
  };
}

export const getPolicy = async (db: Sql, id: number) =>
  (await rowsOf(db, PolicyRow, sql`SELECT ${POLICY_COLUMNS} FROM rotation_policies WHERE id = ${id}`))[0] ?? null;

const windowJson = (w: RotationWindow | null) => (w ? JSON.stringify(w) : null);

export async function insertPolicy(tx: Sql, tenantId: number, v: PolicyValues) {
  const [row] = await rowsOf(
    tx,
    Type.Object({ id: Int }),
    sql`INSERT INTO rotation_policies (tenant_id, group_id, name, enabled, schedule, usage_percent, validity_days,
                                       max_days_on_card, "window", timezone, allow_other_carrier, max_per_run)
        VALUES (${tenantId}, ${v.group_id}, ${v.name}, ${v.enabled}, ${v.schedule}, ${v.usage_percent}, ${v.validity_days},
                ${v.max_days_on_card}, ${windowJson(v.window)}::jsonb, ${v.timezone}, ${v.allow_other_carrier}, ${v.max_per_run})
        RETURNING id`,
  );
  return row?.id as number;
}

/** A changed schedule starts from now: its past occurrences are not owed. */
export const updatePolicy = (tx: Sql, id: number, v: PolicyValues, scheduleChanged: boolean) =>
  tx.execute(
    sql`UPDATE rotation_policies SET group_id = ${v.group_id}, name = ${v.name}, enabled = ${v.enabled}, schedule = ${v.schedule},
               usage_percent = ${v.usage_percent}, validity_days = ${v.validity_days}, max_days_on_card = ${v.max_days_on_card},
               "window" = ${windowJson(v.window)}::jsonb, timezone = ${v.timezone}, allow_other_carrier = ${v.allow_other_carrier},
               max_per_run = ${v.max_per_run}, updated_at = now(),
               last_scheduled_at = CASE WHEN ${scheduleChanged} THEN now() ELSE last_scheduled_at END
         WHERE id = ${id}`,
  );

export const deletePolicy = (tx: Sql, id: number) => tx.execute(sql`DELETE FROM rotation_policies WHERE id = ${id}`);

/** Takes an enabled policy for one pass (none while another process holds it): the policy, or null. */
export const claimPolicy = async (db: Sql, id: number, holdSec: number, enabledOnly = true) =>
  (
    await rowsOf(
      db,
      PolicyRow,
      sql`UPDATE rotation_policies SET claimed_until = now() + make_interval(secs => ${holdSec}), last_run_at = now()
           WHERE id = ${id} AND (enabled OR NOT ${enabledOnly}) AND (claimed_until IS NULL OR claimed_until < now())
          RETURNING ${POLICY_COLUMNS}`,
    )
  )[0] ?? null;

export const releasePolicy = (db: Sql, id: number, scheduledAt: Date | null) =>
  db.execute(
    sql`UPDATE rotation_policies SET claimed_until = NULL,
               last_scheduled_at = COALESCE(${scheduledAt?.toISOString() ?? null}::timestamptz, last_scheduled_at)
         WHERE id = ${id}`,
  );

export const enabledPolicyIds = async (db: Sql) =>
  (await rowsOf(db, Type.Object({ id: Int }), sql`SELECT id FROM rotation_policies WHERE enabled ORDER BY id`)).map((r) => r.id);

export const CandidateRow = Type.Object({
  profile_id: Str,
  client_id: Str,
  bank_id: Int,
  slot_id: Int,
  card_since: SqlTime,
  used_bytes: Nullable(Num),
  allowance_bytes: Nullable(Num),
  valid_until: Nullable(Str),
  trigger: Str,
});
export type CandidateRow = Static<typeof CandidateRow>;

export interface Triggers {
  /** The schedule's occurrence owed (clients on their card since before it rotate). */
  occurrence: Date | null;
  usagePercent: number | null;
  validityDays: number | null;
  maxDaysOnCard: number | null;
}

export interface Card {
  bank_id: number;
  slot_id: number;
}

const cardArrays = (cards: Card[]) => ({
  banks: `{${cards.map((c) => c.bank_id).join(',')}}`,
  slots: `{${cards.map((c) => c.slot_id).join(',')}}`,
});

/**
 * The clients of a tenant (on the cards given, or on any of its cards) a policy would rotate now,
 * each with its first trigger (schedule, usage, validity, days_on_card), oldest on its card first.
 * KI proxy clients hold a pool's virtual slot: they never rotate.
 */
export function candidates(
  db: Sql,
  tenantId: number,
  cards: { bank_id: number; slot_id: number }[] | null,
  t: Triggers,
  limit: number,
) {
  const only = cards ? cardArrays(cards) : null;
  return rowsOf(
    db,
    CandidateRow,
    sql`WITH p AS (
          SELECT p.profile_id::text AS profile_id, p.client_id, p.bank_id, p.slot_id, p.card_since
            FROM clients_profiles p
           WHERE p.tenant_id = ${tenantId} AND p.status = 'ACTIVE' AND p.mapping_mode NOT LIKE 'KI_PROXY%'
             AND (${only === null} OR (p.bank_id, p.slot_id) IN (
                   SELECT u.b, u.s FROM unnest(${only?.banks ?? '{}'}::int[], ${only?.slots ?? '{}'}::int[]) AS u(b, s)))),
        st AS (SELECT * FROM ionmesh_card_standing((SELECT array_agg(bank_id) FROM p), (SELECT array_agg(slot_id) FROM p))),
        c AS (
          SELECT p.*, st.used_bytes, st.allowance_bytes, st.valid_until,
                 CASE
                   WHEN ${t.occurrence?.toISOString() ?? null}::timestamptz IS NOT NULL
                        AND p.card_since < ${t.occurrence?.toISOString() ?? null}::timestamptz THEN 'schedule'
                   WHEN ${t.usagePercent}::int IS NOT NULL AND st.allowance_bytes > 0
                        AND st.used_bytes >= st.allowance_bytes * ${t.usagePercent}::int / 100.0 THEN 'usage'
                   WHEN ${t.validityDays}::int IS NOT NULL AND st.valid_until IS NOT NULL
                        AND st.valid_until <= current_date + ${t.validityDays}::int THEN 'validity'
                   WHEN ${t.maxDaysOnCard}::int IS NOT NULL
                        AND p.card_since <= now() - make_interval(days => ${t.maxDaysOnCard}::int) THEN 'days_on_card'
                 END AS trigger
            FROM p LEFT JOIN st ON st.bank_id = p.bank_id AND st.slot_id = p.slot_id)
        SELECT profile_id, client_id, bank_id, slot_id, card_since::text AS card_since, used_bytes, allowance_bytes,
               valid_until::text AS valid_until, trigger
          FROM c WHERE trigger IS NOT NULL
         ORDER BY card_since, client_id LIMIT ${limit}`,
  );
}

export const TargetRow = Type.Object({
  bank_id: Int,
  slot_id: Int,
  mcc_mnc: Nullable(Str),
  same_carrier: Type.Boolean(),
  used_bytes: Nullable(Num),
});

/**
 * Cards a client on (bank, slot) could move to, best first: free regular cards of the tenant on
 * a bank served by the same remsim-server (the router keeps its RSPRO identity: only the map
 * moves), of the same carrier unless another is allowed (then the same carrier first), among the
 * cards given (a group's) when there are, not themselves due for rotation (under the usage share,
 * valid beyond the notice); the least used first.
 */
export function targets(
  db: Sql,
  tenantId: number,
  from: { bank_id: number; slot_id: number },
  o: {
    cards: { bank_id: number; slot_id: number }[] | null;
    allowOtherCarrier: boolean;
    usagePercent: number | null;
    validityDays: number | null;
  },
  limit: number,
) {
  const only = o.cards ? cardArrays(o.cards) : null;
  return rowsOf(
    db,
    TargetRow,
    sql`WITH cur AS (
          SELECT s.mcc_mnc, d.remsim_server_id
            FROM inventory_slots s JOIN inventory_banks b ON b.bank_id = s.bank_id
            JOIN inventory_bankds d ON d.id = b.bankd_instance_id
           WHERE s.bank_id = ${from.bank_id} AND s.slot_id = ${from.slot_id}),
        cand AS (
          SELECT s.bank_id, s.slot_id, s.mcc_mnc, s.mcc_mnc IS NOT DISTINCT FROM cur.mcc_mnc AS same_carrier
            FROM inventory_slots s JOIN inventory_banks b ON b.bank_id = s.bank_id
            JOIN inventory_bankds d ON d.id = b.bankd_instance_id, cur
           WHERE b.tenant_id = ${tenantId} AND s.status = 'available' AND s.card_type = 'REGULAR'
             AND b.status = 'active' AND d.status = 'active'
             AND d.remsim_server_id = cur.remsim_server_id
             AND (${o.allowOtherCarrier} OR s.mcc_mnc IS NOT DISTINCT FROM cur.mcc_mnc)
             AND NOT (s.bank_id = ${from.bank_id} AND s.slot_id = ${from.slot_id})
             AND (${only === null} OR (s.bank_id, s.slot_id) IN (
                   SELECT u.b, u.s FROM unnest(${only?.banks ?? '{}'}::int[], ${only?.slots ?? '{}'}::int[]) AS u(b, s)))),
        st AS (SELECT * FROM ionmesh_card_standing((SELECT array_agg(bank_id) FROM cand), (SELECT array_agg(slot_id) FROM cand)))
        SELECT cand.bank_id, cand.slot_id, cand.mcc_mnc, cand.same_carrier, st.used_bytes
          FROM cand LEFT JOIN st ON st.bank_id = cand.bank_id AND st.slot_id = cand.slot_id
         WHERE (${o.usagePercent}::int IS NULL OR COALESCE(st.allowance_bytes, 0) = 0
                OR st.used_bytes < st.allowance_bytes * ${o.usagePercent}::int / 100.0)
           AND (${o.validityDays}::int IS NULL OR st.valid_until IS NULL OR st.valid_until > current_date + ${o.validityDays}::int)
         ORDER BY cand.same_carrier DESC, COALESCE(st.used_bytes, 0), cand.bank_id, cand.slot_id
         LIMIT ${limit}`,
  );
}

export interface Rotation {
  tenantId: number;
  policyId: number | null;
  clientId: string;
  profileId: string;
  from: { bank_id: number; slot_id: number };
  to: { bank_id: number; slot_id: number };
  trigger: string;
  detail: unknown;
}

export async function insertRotation(tx: Sql, r: Rotation) {
  const [row] = await rowsOf(
    tx,
    Type.Object({ id: Int }),
    sql`INSERT INTO client_rotations (tenant_id, policy_id, client_id, profile_id, from_bank_id, from_slot_id, to_bank_id,
                                      to_slot_id, trigger, detail)
        VALUES (${r.tenantId}, ${r.policyId}, ${r.clientId}, ${r.profileId}, ${r.from.bank_id}, ${r.from.slot_id},
                ${r.to.bank_id}, ${r.to.slot_id}, ${r.trigger}, ${JSON.stringify(r.detail ?? null)}::jsonb)
        RETURNING id::int AS id`,
  );
  return row?.id as number;
}

export const RotationRow = Type.Object({
  id: Int,
  tenant_id: Int,
  policy_id: Nullable(Int),
  client_id: Str,
  profile_id: Str,
  from_bank_id: Int,
  from_slot_id: Int,
  to_bank_id: Int,
  to_slot_id: Int,
  trigger: Str,
  detail: Type.Unknown(),
  at: SqlTime,
});

export async function listRotations(
  db: Sql,
  f: { tenantId?: number; clientId?: string; policyId?: number },
  limit: number,
  offset: number,
) {
  const cond = sql`WHERE (${f.tenantId ?? null}::int IS NULL OR tenant_id = ${f.tenantId ?? null}::int)
                     AND (${f.clientId ?? null}::text IS NULL OR client_id = ${f.clientId ?? null}::text)
                     AND (${f.policyId ?? null}::int IS NULL OR policy_id = ${f.policyId ?? null}::int)`;
  return {
    items: await rowsOf(
      db,
      RotationRow,
      sql`SELECT id::int AS id, tenant_id, policy_id, client_id, profile_id, from_bank_id, from_slot_id, to_bank_id, to_slot_id,
                 trigger, detail, at::text AS at
            FROM client_rotations ${cond} ORDER BY id DESC LIMIT ${limit} OFFSET ${offset}`,
    ),
    total: (await rowsOf(db, CountRow, sql`SELECT count(*)::int AS n FROM client_rotations ${cond}`))[0]?.n ?? 0,
  };
}

/** A client's active profile of the tenant on a bank card (a KI proxy client: none), as a candidate. */
export const profileOf = async (db: Sql, tenantId: number, clientId: string) =>
  (
    await rowsOf(
      db,
      Type.Omit(CandidateRow, ['trigger']),
      sql`SELECT profile_id::text AS profile_id, client_id, bank_id, slot_id, card_since::text AS card_since,
                 NULL::float8 AS used_bytes, NULL::float8 AS allowance_bytes, NULL::text AS valid_until
            FROM clients_profiles
           WHERE tenant_id = ${tenantId} AND client_id = ${clientId} AND status = 'ACTIVE' AND mapping_mode NOT LIKE 'KI_PROXY%'`,
    )
  )[0] ?? null;
