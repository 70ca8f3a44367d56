// SQL of automation rules: the rules, the engine's cursor over the outbox, runs (claimed once per
// rule and event), cooldowns, what a condition needs to know of a card or client, and measures.
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { CountRow, rowsOf, type Sql, SqlTime } from '../../app/database.js';
import { Nullable } from '../../app/schemas.js';
import { type OutboxCursor, OutboxEvent } from '../events/index.js';

const Int = Type.Integer();
const Str = Type.String();

export const RuleRow = Type.Object({
  id: Int,
  tenant_id: Int,
  name: Str,
  enabled: Type.Boolean(),
  trigger: Type.Record(Str, Type.Unknown()),
  conditions: Type.Record(Str, Type.Unknown()),
  actions: Type.Array(Type.Record(Str, Type.Unknown())),
  cooldown_sec: Int,
  max_per_hour: Int,
  created_by: Str,
  created_at: SqlTime,
  updated_at: SqlTime,
  last_run_at: Nullable(SqlTime),
  runs_last_hour: Int,
});
export type RuleRow = Static<typeof RuleRow>;

const RULE_COLUMNS = sql`r.id, r.tenant_id, r.name, r.enabled, r.trigger, r.conditions, r.actions, r.cooldown_sec, r.max_per_hour,
  r.created_by, r.created_at::text AS created_at, r.updated_at::text AS updated_at,
  (SELECT max(x.at)::text FROM rule_runs x WHERE x.rule_id = r.id) AS last_run_at,
  (SELECT count(*)::int FROM rule_runs x WHERE x.rule_id = r.id AND x.at > now() - interval '1 hour'
      AND x.result IN ('pending', 'done', 'failed', 'job')) AS runs_last_hour`;

export interface RuleValues {
  name: string;
  enabled: boolean;
  trigger: unknown;
  conditions: unknown;
  actions: unknown;
  cooldown_sec: number;
  max_per_hour: number;
}

export async function listRules(db: Sql, f: { tenantId?: number; enabledOnly?: boolean }, limit: number, offset: number) {
  const cond = sql`WHERE (${f.tenantId ?? null}::int IS NULL OR r.tenant_id = ${f.tenantId ?? null}::int)
                     AND (NOT ${f.enabledOnly ?? false} OR r.enabled)`;
  return {
    items: await rowsOf(
      db,
      RuleRow,
      sql`SELECT ${RULE_COLUMNS} FROM automation_rules r ${cond} ORDER BY r.tenant_id, r.name LIMIT ${limit} OFFSET ${offset}`,
    ),
    total: (await rowsOf(db, CountRow, sql`SELECT count(*)::int AS n FROM automation_rules r ${cond}`))[0]?.n ?? 0,
  };
}

export const getRule = async (db: Sql, id: number) =>
  (await rowsOf(db, RuleRow, sql`SELECT ${RULE_COLUMNS} FROM automation_rules r WHERE r.id = ${id}`))[0] ?? null;

export const EngineRule = Type.Object({
  id: Int,
  tenant_id: Int,
  name: Str,
  trigger: Type.Record(Str, Type.Unknown()),
  conditions: Type.Record(Str, Type.Unknown()),
  actions: Type.Array(Type.Record(Str, Type.Unknown())),
  cooldown_sec: Int,
  max_per_hour: Int,
  created_by: Str,
});
export type EngineRule = Static<typeof EngineRule>;

/** The enabled rules, as the engine needs them. */
export const enabledRules = (db: Sql) =>
  rowsOf(
    db,
    EngineRule,
    sql`SELECT id, tenant_id, name, trigger, conditions, actions, cooldown_sec, max_per_hour, created_by
          FROM automation_rules WHERE enabled ORDER BY id`,
  );

const json = (v: unknown) => JSON.stringify(v);

export async function insertRule(tx: Sql, tenantId: number, v: RuleValues, by: string) {
  const [row] = await rowsOf(
    tx,
    Type.Object({ id: Int }),
    sql`INSERT INTO automation_rules (tenant_id, name, enabled, trigger, conditions, actions, cooldown_sec, max_per_hour, created_by)
        VALUES (${tenantId}, ${v.name}, ${v.enabled}, ${json(v.trigger)}::jsonb, ${json(v.conditions)}::jsonb,
                ${json(v.actions)}::jsonb, ${v.cooldown_sec}, ${v.max_per_hour}, ${by})
        RETURNING id`,
  );
  return row?.id as number;
}

export const updateRule = (tx: Sql, id: number, v: RuleValues) =>
  tx.execute(
    sql`UPDATE automation_rules SET name = ${v.name}, enabled = ${v.enabled}, trigger = ${json(v.trigger)}::jsonb,
               conditions = ${json(v.conditions)}::jsonb, actions = ${json(v.actions)}::jsonb, cooldown_sec = ${v.cooldown_sec},
               max_per_hour = ${v.max_per_hour}, updated_at = now()
         WHERE id = ${id}`,
  );

export const deleteRule = (tx: Sql, id: number) => tx.execute(sql`DELETE FROM automation_rules WHERE id = ${id}`);

/** The engine's cursor, locked for this transaction (null: another process holds it). */
export const lockCursor = async (tx: Sql) =>
  (
    await rowsOf(
      tx,
      Type.Object({ id: Int, txid: Type.Number(), measured_at: Nullable(SqlTime), now: SqlTime }),
      sql`SELECT last_event_id::int AS id, last_txid::float8 AS txid, measured_at::text AS measured_at, now()::text AS now
            FROM rules_state WHERE id = 1 FOR UPDATE SKIP LOCKED`,
    )
  )[0] ?? null;

export const moveCursor = (tx: Sql, upTo: OutboxCursor, measured: boolean) =>
  tx.execute(
    sql`UPDATE rules_state SET last_event_id = ${upTo.id}, last_txid = ${upTo.txid}, updated_at = now(),
               measured_at = CASE WHEN ${measured} THEN now() ELSE measured_at END
         WHERE id = 1`,
  );

export type EventRow = OutboxEvent;

/** The latest events of a tenant of a type (a dry run replays them). */
export const latestEvents = (db: Sql, tenantId: number, types: string[], limit: number) =>
  rowsOf(
    db,
    OutboxEvent,
    sql`SELECT id::int AS id, type, tenant_id, data, created_at::text AS created_at, txid::float8 AS txid
          FROM events_outbox WHERE tenant_id = ${tenantId} AND type = ANY(${sql.param(types)}::text[])
         ORDER BY id DESC LIMIT ${limit}`,
  );

/** What a condition needs to know of cards: carrier, KI pool, tags, groups, the client on it. */
export const CardContext = Type.Object({
  bank_id: Int,
  slot_id: Int,
  mcc_mnc: Nullable(Str),
  pool_id: Nullable(Int),
  tags: Type.Array(Str),
  groups: Type.Array(Int),
  client_id: Nullable(Str),
});
export type CardContext = Static<typeof CardContext>;

export function cardContext(db: Sql, cards: { bank_id: number; slot_id: number }[]) {
  if (cards.length === 0) return Promise.resolve([]);
  const banks = `{${cards.map((c) => c.bank_id).join(',')}}`;
  const slots = `{${cards.map((c) => c.slot_id).join(',')}}`;
  return rowsOf(
    db,
    CardContext,
    sql`WITH given AS (SELECT DISTINCT u.b AS bank_id, u.s AS slot_id FROM unnest(${banks}::int[], ${slots}::int[]) AS u(b, s)),
        g AS (SELECT * FROM ionmesh_card_groups(${banks}::int[], ${slots}::int[]))
        SELECT given.bank_id, given.slot_id, COALESCE(s.mcc_mnc, kp.mcc_mnc) AS mcc_mnc, v.pool_id,
               COALESCE((SELECT array_agg(t.tag ORDER BY t.tag) FROM groups_card_tags t
                          WHERE t.bank_id = given.bank_id AND t.slot_id = given.slot_id), '{}') AS tags,
               COALESCE((SELECT array_agg(g.group_id ORDER BY g.group_id) FROM g
                          WHERE g.bank_id = given.bank_id AND g.slot_id = given.slot_id), '{}') AS groups,
               (SELECT p.client_id FROM clients_profiles p WHERE p.bank_id = given.bank_id AND p.slot_id = given.slot_id
                   AND p.status = 'ACTIVE' LIMIT 1) AS client_id
          FROM given
          LEFT JOIN inventory_slots s ON s.bank_id = given.bank_id AND s.slot_id = given.slot_id
          LEFT JOIN kiproxy_virtual_slots v ON v.bank_id = given.bank_id AND v.slot_nr = given.slot_id
          LEFT JOIN kiproxy_pools kp ON kp.id = v.pool_id`,
  );
}

/** The card each client holds now (active profile of the tenant) and the client's tags. */
export const ClientContext = Type.Object({
  client_id: Str,
  tenant_id: Int,
  bank_id: Nullable(Int),
  slot_id: Nullable(Int),
  tags: Type.Array(Str),
});
export type ClientContext = Static<typeof ClientContext>;

export function clientContext(db: Sql, clients: { tenant_id: number; client_id: string }[]) {
  if (clients.length === 0) return Promise.resolve([]);
  return rowsOf(
    db,
    ClientContext,
    sql`WITH given AS (SELECT DISTINCT u.t AS tenant_id, u.c AS client_id
                         FROM unnest(${`{${clients.map((c) => c.tenant_id).join(',')}}`}::int[],
                                     ${sql.param(clients.map((c) => c.client_id))}::text[]) AS u(t, c))
        SELECT given.client_id, given.tenant_id, p.bank_id, p.slot_id,
               COALESCE((SELECT array_agg(t.tag ORDER BY t.tag) FROM groups_client_tags t
                          WHERE t.tenant_id = given.tenant_id AND t.client_id = given.client_id), '{}') AS tags
          FROM given
          LEFT JOIN clients_profiles p ON p.tenant_id = given.tenant_id AND p.client_id = given.client_id AND p.status = 'ACTIVE'`,
  );
}

export interface NewRun {
  ruleId: number;
  tenantId: number;
  eventId: number | null;
  trigger: unknown;
  objectKey: string;
  result: 'pending' | 'cooldown' | 'limited' | 'job' | 'failed';
  reason: string | null;
  actions?: unknown;
}

/**
 * Records a run. A run to act ('pending') first takes the object's cooldown: when the rule is
 * cooling down on it, the run is logged as 'cooldown' instead. Once per rule and event: a run of
 * an event already logged is none (null).
 */
export async function insertRun(tx: Sql, r: NewRun, cooldownSec: number) {
  let result = r.result;
  let reason = r.reason;
  if (result === 'pending' && cooldownSec > 0) {
    const [took] = await rowsOf(
      tx,
      Type.Object({ until: SqlTime }),
      sql`INSERT INTO rule_cooldowns (rule_id, object_key, until)
          VALUES (${r.ruleId}, ${r.objectKey}, now() + make_interval(secs => ${cooldownSec}))
          ON CONFLICT (rule_id, object_key) DO UPDATE SET until = EXCLUDED.until WHERE rule_cooldowns.until <= now()
          RETURNING until::text AS until`,
    );
    if (!took) {
      result = 'cooldown';
      reason = 'the rule acted on it within its cooldown';
    }
  }
  const [row] = await rowsOf(
    tx,
    Type.Object({ id: Int }),
    sql`INSERT INTO rule_runs (rule_id, tenant_id, event_id, trigger, object_key, result, reason, actions)
        VALUES (${r.ruleId}, ${r.tenantId}, ${r.eventId}, ${json(r.trigger)}::jsonb, ${r.objectKey}, ${result}, ${reason},
                ${r.actions === undefined ? null : json(r.actions)}::jsonb)
        ON CONFLICT (rule_id, event_id) WHERE event_id IS NOT NULL DO NOTHING
        RETURNING id::int AS id`,
  );
  return row ? { id: row.id, result } : null;
}

/** Runs of each rule within the last hour that acted (or are acting): the hourly limit. */
export const runsLastHour = async (db: Sql, ruleIds: number[]) =>
  new Map(
    (
      await rowsOf(
        db,
        Type.Object({ rule_id: Int, n: Int }),
        sql`SELECT rule_id, count(*)::int AS n FROM rule_runs
             WHERE rule_id = ANY(${`{${ruleIds.join(',')}}`}::int[]) AND at > now() - interval '1 hour'
               AND result IN ('pending', 'done', 'failed', 'job')
             GROUP BY rule_id`,
      )
    ).map((r) => [r.rule_id, r.n]),
  );

export const finishRun = (db: Sql, id: number, result: 'done' | 'failed' | 'job', actions: unknown, reason: string | null) =>
  db.execute(
    sql`UPDATE rule_runs SET result = ${result}, actions = ${json(actions)}::jsonb, reason = ${reason}, finished_at = now()
         WHERE id = ${id}`,
  );

/** A run a stopped process left acting: failed, never repeated (an action may have happened). */
export const failRun = (db: Sql, id: number, reason: string) =>
  db.execute(
    sql`UPDATE rule_runs SET result = 'failed', reason = ${reason}, finished_at = now() WHERE id = ${id} AND result = 'pending'`,
  );

export const RunRow = Type.Object({
  id: Int,
  rule_id: Int,
  tenant_id: Int,
  event_id: Nullable(Int),
  trigger: Type.Unknown(),
  object_key: Str,
  result: Str,
  actions: Type.Unknown(),
  reason: Nullable(Str),
  at: SqlTime,
  finished_at: Nullable(SqlTime),
});

export async function listRuns(db: Sql, ruleId: number, limit: number, offset: number) {
  return {
    items: await rowsOf(
      db,
      RunRow,
      sql`SELECT id::int AS id, rule_id, tenant_id, event_id::int AS event_id, trigger, object_key, result, actions, reason,
                 at::text AS at, finished_at::text AS finished_at
            FROM rule_runs WHERE rule_id = ${ruleId} ORDER BY id DESC LIMIT ${limit} OFFSET ${offset}`,
    ),
    total: (await rowsOf(db, CountRow, sql`SELECT count(*)::int AS n FROM rule_runs WHERE rule_id = ${ruleId}`))[0]?.n ?? 0,
  };
}

/** The objects of a tenant a measure crosses now: clients offline that long, cards used that share, clients with that signal. */
export function measured(db: Sql, tenantId: number, measure: string, op: '>=' | '<=', value: number, windowMin: number) {
  const cmp = (x: ReturnType<typeof sql>) => (op === '>=' ? sql`${x} >= ${value}` : sql`${x} <= ${value}`);
  const Row = Type.Object({
    object_key: Str,
    value: Type.Number(),
    client_id: Nullable(Str),
    bank_id: Nullable(Int),
    slot_id: Nullable(Int),
  });
  if (measure === 'offline_minutes')
    return rowsOf(
      db,
      Row,
      sql`SELECT 'client:' || client_id AS object_key, client_id, bank_id, slot_id,
                 (extract(epoch FROM now() - liveness_changed_at) / 60)::float8 AS value
            FROM clients_profiles
           WHERE tenant_id = ${tenantId} AND status = 'ACTIVE' AND liveness = 'offline' AND liveness_changed_at IS NOT NULL
             AND ${cmp(sql`extract(epoch FROM now() - liveness_changed_at) / 60`)}`,
    );
  if (measure === 'usage_percent')
    return rowsOf(
      db,
      Row,
      sql`WITH c AS (
            SELECT s.bank_id, s.slot_id FROM inventory_slots s JOIN inventory_banks b ON b.bank_id = s.bank_id
             WHERE b.tenant_id = ${tenantId} AND s.status IN ('assigned', 'available')),
          st AS (SELECT * FROM ionmesh_card_standing((SELECT array_agg(bank_id) FROM c), (SELECT array_agg(slot_id) FROM c)))
          SELECT 'card:' || st.bank_id || '/' || st.slot_id AS object_key, NULL::text AS client_id, st.bank_id, st.slot_id,
                 (st.used_bytes * 100 / st.allowance_bytes)::float8 AS value
            FROM st WHERE st.allowance_bytes > 0 AND ${cmp(sql`st.used_bytes * 100 / st.allowance_bytes`)}`,
    );
  if (measure === 'cost')
    return rowsOf(
      db,
      Row,
      sql`WITH c AS (
            SELECT s.bank_id, s.slot_id FROM inventory_slots s JOIN inventory_banks b ON b.bank_id = s.bank_id
             WHERE b.tenant_id = ${tenantId} AND s.status IN ('assigned', 'available')),
          st AS (SELECT * FROM ionmesh_card_standing((SELECT array_agg(bank_id) FROM c), (SELECT array_agg(slot_id) FROM c)))
          SELECT 'card:' || st.bank_id || '/' || st.slot_id AS object_key, NULL::text AS client_id, st.bank_id, st.slot_id,
                 st.cost AS value
            FROM st WHERE st.cost IS NOT NULL AND ${cmp(sql`st.cost`)}`,
    );
  if (measure === 'failure_count')
    return rowsOf(
      db,
      Row,
      sql`SELECT 'card:' || f.bank_id || '/' || f.slot_id AS object_key, NULL::text AS client_id, f.bank_id, f.slot_id,
                 count(*)::float8 AS value
            FROM usage_card_failures f
           WHERE f.tenant_id = ${tenantId} AND f.at > now() - make_interval(mins => ${windowMin})
           GROUP BY f.bank_id, f.slot_id
          HAVING ${cmp(sql`count(*)`)}`,
    );
  // signal_rssi: the mean RSSI of the client's samples within the window.
  return rowsOf(
    db,
    Row,
    sql`SELECT 'client:' || r.client_id AS object_key, r.client_id, NULL::int AS bank_id, NULL::int AS slot_id,
               avg(r.rssi)::float8 AS value
          FROM stats_raw_samples r
         WHERE r.tenant_id = ${tenantId} AND r.ts > now() - make_interval(mins => ${windowMin}) AND r.rssi IS NOT NULL
         GROUP BY r.client_id
        HAVING ${cmp(sql`avg(r.rssi)`)}`,
  );
}

/** The execution log's retention: runs older than that, a batch at a time; how many went. */
export const pruneRuns = async (db: Sql, retentionSec: number, batch: number) =>
  (
    await rowsOf(
      db,
      CountRow,
      sql`WITH doomed AS (SELECT id FROM rule_runs WHERE at < now() - make_interval(secs => ${retentionSec}) ORDER BY at LIMIT ${batch}),
          gone AS (DELETE FROM rule_runs WHERE id IN (SELECT id FROM doomed) RETURNING 1)
          SELECT count(*)::int AS n FROM gone`,
    )
  )[0]?.n ?? 0;
