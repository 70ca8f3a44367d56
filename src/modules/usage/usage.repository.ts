// SQL of SIM usage: the accounting step (raw heartbeat samples → per card per day and per cycle),
// retention, and the reads of the usage API.
import { type Static, Type } from '@sinclair/typebox';
import { type SQL, sql } from 'drizzle-orm';
import { CountRow, rowsOf, type Sql, SqlTime } from '../../app/database.js';
import { Nullable } from '../../app/schemas.js';
import { PROTECTION_DEFAULTS } from './protection.repository.js';

const Int = Type.Integer();
const Num = Type.Number();
const Day = Type.String({ description: 'a date as PostgreSQL writes it (YYYY-MM-DD)' });

/** The most a cellular link carries per second and direction (LTE Cat 20 is 2 Gbit/s down): a
 * byte delta above this × the seconds between two samples is refused as implausible. */
export const MAX_BYTES_PER_SEC = 250_000_000;
/** TPDUs per second a remote SIM link could exchange at most (the real figure is tens). */
export const MAX_TPDUS_PER_SEC = 10_000;
/** A client whose uptime grew this much less than the time between its samples restarted. */
const UPTIME_SLACK_SEC = 60;
/** Samples younger than this are not accounted yet: a heartbeat's transaction may still commit
 * one with an earlier timestamp (the same margin as the stats rollup). */
export const SETTLE_SEC = 30;

/** The SET list of an upsert adding a usage row to the row `t` already holds. */
const addedTo = (t: 'u' | 'c') =>
  sql.raw(`rx_bytes = ionmesh_usage_add(${t}.rx_bytes, EXCLUDED.rx_bytes),
           tx_bytes = ionmesh_usage_add(${t}.tx_bytes, EXCLUDED.tx_bytes),
           tpdus = ionmesh_usage_add(${t}.tpdus, EXCLUDED.tpdus),
           tpdu_errors = ionmesh_usage_add(${t}.tpdu_errors, EXCLUDED.tpdu_errors),
           samples = ${t}.samples + EXCLUDED.samples, resets = ${t}.resets + EXCLUDED.resets,
           discarded = ${t}.discarded + EXCLUDED.discarded, last_at = greatest(${t}.last_at, EXCLUDED.last_at)`);

const StepState = Type.Object({ from: SqlTime, until: SqlTime, more: Type.Boolean(), empty: Type.Boolean() });

const StepResult = Type.Object({ samples: Int, days: Int, cycles: Int });

/**
 * One step of the accounting: the raw samples after the watermark (at most `sliceSec` of them;
 * the first step ever starts at raw retention, and the stats module keeps every raw sample until
 * it is accounted, so an outage of the job is caught up later),
 * in its own transaction. Each sample's deltas (against the client's previous sample, found by
 * the (tenant, client, ts) index even when it lies before the slice) go to the card of the sample
 * (bank slot or KI virtual slot), on its UTC day and in the card's billing cycle; the watermark
 * moves in the same transaction. The state row is locked with SKIP LOCKED: with several processes
 * one accounts, the others skip, and no sample is ever counted twice.
 */
export async function accountStep(tx: Sql, rawRetentionSec: number, sliceSec: number, settleSec = SETTLE_SEC) {
  const [state] = await rowsOf(
    tx,
    StepState,
    sql`WITH s AS (
          SELECT CASE WHEN accounted_until = 'epoch' THEN now() - make_interval(secs => ${rawRetentionSec})
                      ELSE accounted_until END AS "from",
                 now() - make_interval(secs => ${settleSec}) AS settled
            FROM usage_state WHERE id = 1 FOR UPDATE SKIP LOCKED)
        SELECT "from"::text AS "from", least(settled, "from" + make_interval(secs => ${sliceSec}))::text AS "until",
               settled > "from" + make_interval(secs => ${sliceSec}) AS more, settled <= "from" AS empty
          FROM s`,
  );
  if (!state) return { skipped: true, samples: 0, days: 0, cycles: 0, more: false };
  if (state.empty) return { skipped: false, samples: 0, days: 0, cycles: 0, more: false };
  const from = sql`${state.from}::timestamptz`;
  const until = sql`${state.until}::timestamptz`;
  const [r] = await rowsOf(
    tx,
    StepResult,
    sql`WITH fresh AS (
          SELECT tenant_id, client_id, ts, bank_id, slot_id, uptime_sec, rx_bytes, tx_bytes, tpdu_count, tpdu_errors, true AS fresh
            FROM stats_raw_samples WHERE ts > ${from} AND ts <= ${until}),
        who AS (SELECT DISTINCT tenant_id, client_id FROM fresh),
        before AS (
          SELECT w.tenant_id, w.client_id, b.ts, b.bank_id, b.slot_id, b.uptime_sec, b.rx_bytes, b.tx_bytes,
                 b.tpdu_count, b.tpdu_errors, false AS fresh
            FROM who w CROSS JOIN LATERAL (
              SELECT r.ts, r.bank_id, r.slot_id, r.uptime_sec, r.rx_bytes, r.tx_bytes, r.tpdu_count, r.tpdu_errors
                FROM stats_raw_samples r
               WHERE r.tenant_id = w.tenant_id AND r.client_id = w.client_id AND r.ts <= ${from}
               ORDER BY r.ts DESC LIMIT 1) b),
        seq AS (
          SELECT x.*,
                 lag(x.ts) OVER w AS p_ts, lag(x.uptime_sec) OVER w AS p_up,
                 lag(x.rx_bytes) OVER w AS p_rx, lag(x.tx_bytes) OVER w AS p_tx,
                 lag(x.tpdu_count) OVER w AS p_tpdus, lag(x.tpdu_errors) OVER w AS p_errors
            FROM (SELECT * FROM fresh UNION ALL SELECT * FROM before) x
          WINDOW w AS (PARTITION BY x.tenant_id, x.client_id ORDER BY x.ts, x.fresh, x.uptime_sec, x.tpdu_count)),
        judged AS (
          SELECT s.*, greatest(extract(epoch FROM s.ts - s.p_ts), 1)::float8 AS elapsed,
                 (s.uptime_sec IS NOT NULL AND s.p_up IS NOT NULL
                  AND s.uptime_sec + ${UPTIME_SLACK_SEC} < s.p_up + extract(epoch FROM s.ts - s.p_ts)) AS restarted
            FROM seq s WHERE s.fresh AND s.bank_id IS NOT NULL AND s.slot_id IS NOT NULL),
        delta AS (
          SELECT j.tenant_id, j.client_id, j.bank_id, j.slot_id, j.ts, (j.ts AT TIME ZONE 'UTC')::date AS day,
                 ionmesh_usage_delta(j.rx_bytes, j.p_rx, j.restarted, j.elapsed * ${MAX_BYTES_PER_SEC}) AS rx,
                 ionmesh_usage_delta(j.tx_bytes, j.p_tx, j.restarted, j.elapsed * ${MAX_BYTES_PER_SEC}) AS tx,
                 ionmesh_usage_delta(j.tpdu_count, j.p_tpdus, j.restarted, j.elapsed * ${MAX_TPDUS_PER_SEC}) AS tpdus,
                 ionmesh_usage_delta(j.tpdu_errors, j.p_errors, j.restarted, j.elapsed * ${MAX_TPDUS_PER_SEC}) AS errors,
                 (j.p_ts IS NOT NULL AND (j.restarted OR j.rx_bytes < j.p_rx OR j.tx_bytes < j.p_tx
                   OR j.tpdu_count < j.p_tpdus OR j.tpdu_errors < j.p_errors)) AS reset,
                 (ionmesh_usage_implausible(j.rx_bytes, j.p_rx, j.restarted, j.elapsed * ${MAX_BYTES_PER_SEC})
                  OR ionmesh_usage_implausible(j.tx_bytes, j.p_tx, j.restarted, j.elapsed * ${MAX_BYTES_PER_SEC})
                  OR ionmesh_usage_implausible(j.tpdu_count, j.p_tpdus, j.restarted, j.elapsed * ${MAX_TPDUS_PER_SEC})
                  OR ionmesh_usage_implausible(j.tpdu_errors, j.p_errors, j.restarted, j.elapsed * ${MAX_TPDUS_PER_SEC}))
                   AS discarded
            FROM judged j),
        per_day AS (
          SELECT d.tenant_id, d.bank_id, d.slot_id, d.day, d.client_id,
                 sum(d.rx)::bigint AS rx, sum(d.tx)::bigint AS tx, sum(d.tpdus)::bigint AS tpdus, sum(d.errors)::bigint AS errors,
                 count(*)::int AS samples, count(*) FILTER (WHERE d.reset)::int AS resets,
                 count(*) FILTER (WHERE d.discarded)::int AS discarded, max(d.ts) AS last_at
            FROM delta d GROUP BY d.tenant_id, d.bank_id, d.slot_id, d.day, d.client_id),
        cards AS (SELECT DISTINCT bank_id, slot_id FROM per_day),
        plan AS (
          SELECT * FROM ionmesh_card_plans((SELECT array_agg(bank_id) FROM cards), (SELECT array_agg(slot_id) FROM cards))),
        named AS (
          -- A bank slot's card, or (no slot row: a KI virtual slot) the virtual ICCID of the profile
          -- that holds it, found by the one-active-profile-per-slot index.
          SELECT d.*, CASE WHEN s.bank_id IS NOT NULL THEN s.iccid
                           ELSE (SELECT p.virtual_iccid FROM clients_profiles p
                                  WHERE p.bank_id = d.bank_id AND p.slot_id = d.slot_id AND p.status = 'ACTIVE'
                                    AND p.client_id = d.client_id) END AS iccid,
                 ionmesh_cycle_start(d.day, COALESCE(pl.cycle_day, 1)) AS cycle_start
            FROM per_day d
            LEFT JOIN inventory_slots s ON s.bank_id = d.bank_id AND s.slot_id = d.slot_id
            LEFT JOIN plan pl ON pl.bank_id = d.bank_id AND pl.slot_id = d.slot_id),
        days AS (
          INSERT INTO card_usage_daily AS u (tenant_id, bank_id, slot_id, day, client_id, iccid, rx_bytes, tx_bytes, tpdus,
                                             tpdu_errors, samples, resets, discarded, last_at)
          SELECT tenant_id, bank_id, slot_id, day, client_id, iccid, rx, tx, tpdus, errors, samples, resets, discarded, last_at
            FROM named
          ON CONFLICT (bank_id, slot_id, day, tenant_id, client_id) DO UPDATE SET
            iccid = COALESCE(EXCLUDED.iccid, u.iccid), ${addedTo('u')}
          RETURNING 1),
        per_cycle AS (
          SELECT n.bank_id, n.slot_id, n.cycle_start, min(n.tenant_id) AS tenant_id,
                 (array_agg(n.iccid ORDER BY n.last_at DESC) FILTER (WHERE n.iccid IS NOT NULL))[1] AS iccid,
                 (array_agg(n.client_id ORDER BY n.last_at DESC))[1] AS client_id,
                 sum(n.rx)::bigint AS rx, sum(n.tx)::bigint AS tx, sum(n.tpdus)::bigint AS tpdus, sum(n.errors)::bigint AS errors,
                 sum(n.samples)::int AS samples, sum(n.resets)::int AS resets, sum(n.discarded)::int AS discarded,
                 max(n.last_at) AS last_at
            FROM named n GROUP BY n.bank_id, n.slot_id, n.cycle_start),
        cycles AS (
          INSERT INTO card_usage_cycles AS c (tenant_id, bank_id, slot_id, cycle_start, cycle_end, iccid, last_client_id,
                                              rx_bytes, tx_bytes, tpdus, tpdu_errors, samples, resets, discarded, last_at)
          SELECT tenant_id, bank_id, slot_id, cycle_start, ionmesh_cycle_end(cycle_start), iccid, client_id,
                 rx, tx, tpdus, errors, samples, resets, discarded, last_at
            FROM per_cycle
          ON CONFLICT (bank_id, slot_id, cycle_start) DO UPDATE SET
            tenant_id = EXCLUDED.tenant_id,
            iccid = COALESCE(EXCLUDED.iccid, c.iccid), last_client_id = EXCLUDED.last_client_id, updated_at = now(),
            ${addedTo('c')}
          RETURNING 1),
        -- A sample with a high share of TPDUs in error is a failure of its card (auto-lock counts them).
        failing AS (
          INSERT INTO card_failures (tenant_id, bank_id, slot_id, kind, client_id, detail, subject, at)
          SELECT d.tenant_id, d.bank_id, d.slot_id, 'tpdu_errors', d.client_id,
                 d.errors || ' of ' || d.tpdus || ' TPDUs in error', d.client_id || '@' || d.ts::text, d.ts
            FROM delta d LEFT JOIN protection_settings ps ON ps.tenant_id = d.tenant_id
           WHERE d.tpdus >= COALESCE(ps.min_tpdus, ${PROTECTION_DEFAULTS.min_tpdus})
             AND d.errors >= d.tpdus * COALESCE(ps.tpdu_error_rate, ${PROTECTION_DEFAULTS.tpdu_error_rate})
          ON CONFLICT DO NOTHING
          RETURNING 1),
        -- Data-modifying CTEs run whether or not the result reads them.
        moved AS (UPDATE usage_state SET accounted_until = ${until}, last_run_at = now() WHERE id = 1 RETURNING 1)
        SELECT (SELECT count(*) FROM fresh)::int AS samples, (SELECT count(*) FROM days)::int AS days,
               (SELECT count(*) FROM cycles)::int AS cycles`,
  );
  return { skipped: false, samples: r?.samples ?? 0, days: r?.days ?? 0, cycles: r?.cycles ?? 0, more: state.more };
}

/** Deletes usage past retention, at most `batch` rows per table per call. */
export async function prune(db: Sql, retentionDays: number, batch: number) {
  const days = await rowsOf(
    db,
    CountRow,
    sql`WITH doomed AS (
          SELECT ctid FROM card_usage_daily WHERE day < current_date - ${retentionDays}::int LIMIT ${batch}),
        gone AS (DELETE FROM card_usage_daily WHERE ctid IN (SELECT ctid FROM doomed) RETURNING 1)
        SELECT count(*)::int AS n FROM gone`,
  );
  const cycles = await rowsOf(
    db,
    CountRow,
    sql`WITH doomed AS (
          SELECT ctid FROM card_usage_cycles WHERE cycle_end < current_date - ${retentionDays}::int LIMIT ${batch}),
        gone AS (DELETE FROM card_usage_cycles WHERE ctid IN (SELECT ctid FROM doomed) RETURNING 1)
        SELECT count(*)::int AS n FROM gone`,
  );
  return { days: days[0]?.n ?? 0, cycles: cycles[0]?.n ?? 0 };
}

/** Counters of a usage row as numbers (float8: exact to 2^53 bytes, 9 PB). */
const COUNTERS = sql`rx_bytes::float8 AS rx_bytes, tx_bytes::float8 AS tx_bytes,
  ionmesh_usage_add(rx_bytes, tx_bytes)::float8 AS total_bytes, tpdus::float8 AS tpdus, tpdu_errors::float8 AS tpdu_errors,
  samples, resets, discarded`;
const SUMMED = sql`sum(rx_bytes)::float8 AS rx_bytes, sum(tx_bytes)::float8 AS tx_bytes,
  ionmesh_usage_add(sum(rx_bytes)::bigint, sum(tx_bytes)::bigint)::float8 AS total_bytes, sum(tpdus)::float8 AS tpdus,
  sum(tpdu_errors)::float8 AS tpdu_errors, sum(samples)::int AS samples, sum(resets)::int AS resets,
  sum(discarded)::int AS discarded`;

export const UsageCounters = {
  rx_bytes: Nullable(Num),
  tx_bytes: Nullable(Num),
  total_bytes: Nullable(Num),
  tpdus: Nullable(Num),
  tpdu_errors: Nullable(Num),
  samples: Int,
  resets: Int,
  discarded: Int,
};

export const DayRow = Type.Object({ day: Day, client_id: Type.String(), iccid: Nullable(Type.String()), ...UsageCounters });

/** A card's days in [from, to), one row per day and client. */
export function cardDays(db: Sql, bankId: number, slotId: number, from: string, to: string) {
  return rowsOf(
    db,
    DayRow,
    sql`SELECT day::text AS day, client_id, iccid, ${COUNTERS} FROM card_usage_daily
         WHERE bank_id = ${bankId} AND slot_id = ${slotId} AND day >= ${from}::date AND day < ${to}::date
         ORDER BY day, client_id`,
  );
}

export const ClientDayRow = Type.Object({
  day: Day,
  bank_id: Int,
  slot_id: Int,
  iccid: Nullable(Type.String()),
  ...UsageCounters,
});

/** A client's days in [from, to), one row per day and card. */
export function clientDays(db: Sql, tenantId: number, clientId: string, from: string, to: string) {
  return rowsOf(
    db,
    ClientDayRow,
    sql`SELECT day::text AS day, bank_id, slot_id, iccid, ${COUNTERS} FROM card_usage_daily
         WHERE tenant_id = ${tenantId} AND client_id = ${clientId} AND day >= ${from}::date AND day < ${to}::date
         ORDER BY day, bank_id, slot_id`,
  );
}

export const CycleRow = Type.Object({
  tenant_id: Int,
  bank_id: Int,
  slot_id: Int,
  cycle_start: Day,
  cycle_end: Day,
  iccid: Nullable(Type.String()),
  last_client_id: Nullable(Type.String()),
  last_at: SqlTime,
  ...UsageCounters,
});

/** A card's cycles, newest first. */
export function cardCycles(db: Sql, bankId: number, slotId: number, limit: number) {
  return rowsOf(
    db,
    CycleRow,
    sql`SELECT tenant_id, bank_id, slot_id, cycle_start::text AS cycle_start, cycle_end::text AS cycle_end, iccid,
               last_client_id, last_at::text AS last_at, ${COUNTERS}
          FROM card_usage_cycles WHERE bank_id = ${bankId} AND slot_id = ${slotId}
         ORDER BY cycle_start DESC LIMIT ${limit}`,
  );
}

export const PlanOfCard = Type.Object({
  bank_id: Int,
  slot_id: Int,
  tenant_id: Nullable(Int),
  mcc_mnc: Nullable(Type.String()),
  plan_id: Nullable(Int),
  plan_source: Nullable(Type.String()),
  cycle_day: Int,
  cycle_start: Day,
  cycle_end: Day,
});

/** The plan and current cycle (of `today`) of each card given. */
export function plansOf(db: Sql, cards: { bank_id: number; slot_id: number }[], today: string) {
  if (cards.length === 0) return Promise.resolve([]);
  const banks = `{${cards.map((c) => c.bank_id).join(',')}}`;
  const slots = `{${cards.map((c) => c.slot_id).join(',')}}`;
  return rowsOf(
    db,
    PlanOfCard,
    sql`SELECT p.bank_id, p.slot_id, p.tenant_id, p.mcc_mnc, p.plan_id, p.plan_source, p.cycle_day,
               ionmesh_cycle_start(${today}::date, p.cycle_day)::text AS cycle_start,
               ionmesh_cycle_end(ionmesh_cycle_start(${today}::date, p.cycle_day))::text AS cycle_end
          FROM ionmesh_card_plans(${banks}::int[], ${slots}::int[]) p`,
  );
}

export type GroupBy = 'card' | 'client' | 'tenant' | 'day';

export const ReportRow = Type.Object(
  {
    tenant_id: Int,
    bank_id: Type.Optional(Int),
    slot_id: Type.Optional(Int),
    iccid: Type.Optional(Nullable(Type.String())),
    client_id: Type.Optional(Nullable(Type.String())),
    day: Type.Optional(Day),
    cards: Type.Optional(Int),
    clients: Type.Optional(Int),
    ...UsageCounters,
  },
  { additionalProperties: false },
);
export type ReportRow = Static<typeof ReportRow>;

export interface ReportQuery {
  tenantId: number | undefined;
  from: string;
  to: string;
  groupBy: GroupBy;
  limit: number;
  offset: number;
  clientId?: string;
  bankId?: number;
}

/** Usage over the days [from, to), grouped, largest first (day: in day order). */
export async function report(db: Sql, q: ReportQuery) {
  const where: SQL[] = [sql`day >= ${q.from}::date`, sql`day < ${q.to}::date`];
  if (q.tenantId !== undefined) where.push(sql`tenant_id = ${q.tenantId}`);
  if (q.clientId !== undefined) where.push(sql`client_id = ${q.clientId}`);
  if (q.bankId !== undefined) where.push(sql`bank_id = ${q.bankId}`);
  const cond = sql.join(where, sql` AND `);
  const shape: Record<GroupBy, { select: SQL; group: SQL; order: SQL }> = {
    card: {
      select: sql`tenant_id, bank_id, slot_id, (array_agg(iccid ORDER BY day DESC) FILTER (WHERE iccid IS NOT NULL))[1] AS iccid,
                  (array_agg(client_id ORDER BY last_at DESC))[1] AS client_id, count(DISTINCT client_id)::int AS clients`,
      group: sql`tenant_id, bank_id, slot_id`,
      order: sql`coalesce(ionmesh_usage_add(sum(rx_bytes)::bigint, sum(tx_bytes)::bigint), -1) DESC, bank_id, slot_id`,
    },
    client: {
      select: sql`tenant_id, client_id, count(DISTINCT (bank_id, slot_id))::int AS cards`,
      group: sql`tenant_id, client_id`,
      order: sql`coalesce(ionmesh_usage_add(sum(rx_bytes)::bigint, sum(tx_bytes)::bigint), -1) DESC, client_id`,
    },
    tenant: {
      select: sql`tenant_id, count(DISTINCT (bank_id, slot_id))::int AS cards, count(DISTINCT client_id)::int AS clients`,
      group: sql`tenant_id`,
      order: sql`tenant_id`,
    },
    day: {
      select: sql`tenant_id, day::text AS day, count(DISTINCT (bank_id, slot_id))::int AS cards,
                  count(DISTINCT client_id)::int AS clients`,
      group: sql`tenant_id, day`,
      order: sql`day, tenant_id`,
    },
  };
  const s = shape[q.groupBy];
  const rows = await rowsOf(
    db,
    Type.Object({ ...ReportRow.properties, total_rows: Int }),
    sql`SELECT ${s.select}, ${SUMMED}, count(*) OVER ()::int AS total_rows
          FROM card_usage_daily WHERE ${cond}
         GROUP BY ${s.group} ORDER BY ${s.order} LIMIT ${q.limit} OFFSET ${q.offset}`,
  );
  const total = rows[0]?.total_rows ?? 0;
  return { total, rows: rows.map(({ total_rows: _, ...r }) => r) };
}

export const CycleReportRow = Type.Object(
  {
    tenant_id: Int,
    bank_id: Type.Optional(Int),
    slot_id: Type.Optional(Int),
    iccid: Type.Optional(Nullable(Type.String())),
    client_id: Type.Optional(Nullable(Type.String())),
    cycle_start: Type.Optional(Day),
    cycle_end: Type.Optional(Day),
    cards: Type.Optional(Int),
    group_id: Type.Optional(Int),
    plan_id: Type.Optional(Nullable(Int)),
    plan_name: Type.Optional(Nullable(Type.String())),
    allowance_bytes: Type.Optional(Nullable(Num)),
    used_percent: Type.Optional(Nullable(Num)),
    currency: Nullable(Type.String()),
    cost: Nullable(Num),
    ...UsageCounters,
  },
  { additionalProperties: false },
);
export type CycleGroupBy = 'card' | 'client' | 'tenant' | 'group';

/**
 * Each card's usage in its cycle holding `day` (the cycle of the card's plan when accounted),
 * with its plan today and what the cycle costs on it; or summed per client (the card's last
 * client) or tenant, per currency. Largest first.
 */
export async function cycleReport(
  db: Sql,
  q: { tenantId: number | undefined; day: string; limit: number; offset: number; bankId?: number; groupBy?: CycleGroupBy },
) {
  const where: SQL[] = [sql`cycle_start <= ${q.day}::date`, sql`cycle_end > ${q.day}::date`];
  if (q.tenantId !== undefined) where.push(sql`tenant_id = ${q.tenantId}`);
  if (q.bankId !== undefined) where.push(sql`bank_id = ${q.bankId}`);
  const priced = sql`
    c AS (SELECT * FROM card_usage_cycles WHERE ${sql.join(where, sql` AND `)}),
    pl AS (SELECT * FROM ionmesh_card_plans((SELECT array_agg(bank_id) FROM c), (SELECT array_agg(slot_id) FROM c))),
    r AS (
      SELECT c.*, ionmesh_usage_add(c.rx_bytes, c.tx_bytes) AS used, p.id AS plan_id, p.name AS plan_name,
             p.allowance_bytes, p.currency,
             ionmesh_usage_cost(ionmesh_usage_add(c.rx_bytes, c.tx_bytes), p.allowance_bytes, p.cost_per_mb,
                                p.overage_cost_per_mb, p.monthly_fee) AS cost
        FROM c LEFT JOIN pl ON pl.bank_id = c.bank_id AND pl.slot_id = c.slot_id
        LEFT JOIN sim_plans p ON p.id = pl.plan_id)`;
  const groupBy = q.groupBy ?? 'card';
  const Row = Type.Object({ ...CycleReportRow.properties, total_rows: Int });
  const rows =
    groupBy === 'card'
      ? await rowsOf(
          db,
          Row,
          sql`WITH ${priced}
              SELECT tenant_id, bank_id, slot_id, iccid, last_client_id AS client_id, cycle_start::text AS cycle_start,
                     cycle_end::text AS cycle_end, plan_id, plan_name, allowance_bytes::float8 AS allowance_bytes,
                     CASE WHEN allowance_bytes > 0 AND used IS NOT NULL THEN round(used * 100.0 / allowance_bytes, 2)::float8 END
                       AS used_percent,
                     currency, round(cost, 4)::float8 AS cost, ${COUNTERS}, count(*) OVER ()::int AS total_rows
                FROM r ORDER BY coalesce(used, -1) DESC, bank_id, slot_id LIMIT ${q.limit} OFFSET ${q.offset}`,
        )
      : groupBy === 'group'
        ? // A card in several groups counts in each (ionmesh_card_groups: the groups' one rule).
          await rowsOf(
            db,
            Row,
            sql`WITH ${priced},
                cg AS (SELECT * FROM ionmesh_card_groups((SELECT array_agg(bank_id) FROM c), (SELECT array_agg(slot_id) FROM c)))
                SELECT r.tenant_id, cg.group_id, count(*)::int AS cards, r.currency, round(sum(r.cost), 4)::float8 AS cost,
                       ${SUMMED}, count(*) OVER ()::int AS total_rows
                  FROM r JOIN cg ON cg.bank_id = r.bank_id AND cg.slot_id = r.slot_id
                 GROUP BY r.tenant_id, cg.group_id, r.currency
                 ORDER BY coalesce(ionmesh_usage_add(sum(rx_bytes)::bigint, sum(tx_bytes)::bigint), -1) DESC, cg.group_id
                 LIMIT ${q.limit} OFFSET ${q.offset}`,
          )
        : await rowsOf(
            db,
            Row,
            sql`WITH ${priced}
              SELECT tenant_id, ${groupBy === 'client' ? sql`last_client_id AS client_id,` : sql``}
                     count(*)::int AS cards, currency, round(sum(cost), 4)::float8 AS cost, ${SUMMED},
                     count(*) OVER ()::int AS total_rows
                FROM r GROUP BY tenant_id, ${groupBy === 'client' ? sql`last_client_id,` : sql``} currency
               ORDER BY coalesce(ionmesh_usage_add(sum(rx_bytes)::bigint, sum(tx_bytes)::bigint), -1) DESC, tenant_id
               LIMIT ${q.limit} OFFSET ${q.offset}`,
          );
  const total = rows[0]?.total_rows ?? 0;
  return { total, rows: rows.map(({ total_rows: _, ...r }) => r) };
}
