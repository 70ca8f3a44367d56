// SQL of the stats history: the rollup of closed 5-minute buckets, retention, and the series.
import { type Static, Type } from '@sinclair/typebox';
import { type SQL, sql } from 'drizzle-orm';
import { CountRow, rowsOf, type Sql, SqlTime } from '../../app/database.js';
import { Nullable } from '../../app/schemas.js';
import type { StatsWindow } from '../../domain/stats-range.js';

const Int = Type.Integer();
const Num = Type.Number();

const FLEET_SUM_KEYS = ['clients', 'samples', 'rssi', 'n_rssi', 'rsrp', 'n_rsrp', 'rsrq', 'n_rsrq', 'sinr', 'n_sinr'] as const;
type FleetSums = Record<(typeof FLEET_SUM_KEYS)[number], number>;
/** Per "tenant|bucket": what the client rollups of the range done so far add up to. */
type FleetPartial = Record<string, FleetSums>;

export const SERIES_COLUMNS = ['rssi', 'rsrp', 'rsrq', 'sinr', 'tpdu_count', 'tpdu_errors', 'tx_bytes', 'rx_bytes'] as const;

/**
 * One step of the rollup of closed 5-minute buckets, in its own transaction, bounded in size so
 * that on PGlite's single connection no request waits behind a long statement:
 * - the range is the closed buckets after the watermark, at most `maxBuckets` of them (the first
 *   turn starts at raw retention; after an outage it catches up range by range), kept in
 *   `range_to` until it is done;
 * - a step rolls up the next `clientsPerStep` clients that have raw samples (found by a skip
 *   scan of the (tenant, client, ts) index after the cursor), each client's buckets whole, so the
 *   averages are exact; the cursor moves in the same transaction;
 * - the step that finds no client left rolls the range up per tenant, moves the watermark and
 *   clears the cursor.
 * The state row is locked with SKIP LOCKED: with several processes one works, the others skip.
 * Recomputing a client's bucket gives the same row, so a repeated step is harmless; prune keeps
 * every raw sample until the watermark passed it.
 */
export async function rollUpStep(tx: Sql, rawRetentionSec: number, maxBuckets: number, clientsPerStep: number) {
  const [state] = await rowsOf(
    tx,
    Type.Object({
      from: SqlTime,
      until: SqlTime,
      range_to: Nullable(SqlTime),
      cursor_tenant: Nullable(Int),
      cursor_client: Nullable(Type.String()),
      partial: Nullable(Type.Unsafe<FleetPartial>(Type.Record(Type.String(), Type.Record(Type.String(), Num)))),
    }),
    sql`SELECT date_bin('5 minutes', CASE WHEN rolled_until = 'epoch' THEN now() - make_interval(secs => ${rawRetentionSec})
                                          ELSE rolled_until END, 'epoch') AS "from",
               date_bin('5 minutes', now() - interval '30 seconds', 'epoch') AS "until",
               range_to, cursor_tenant, cursor_client, partial
          FROM stats_rollup_state WHERE id = 1 FOR UPDATE SKIP LOCKED`,
  );
  if (!state) return { skipped: true, rolled: 0, more: false };
  const from = state.from;
  let to = state.range_to;
  if (!to) {
    const [bounds] = await rowsOf(
      tx,
      Type.Object({ to: SqlTime, buckets: Int }),
      sql`SELECT least(${state.until}::timestamptz, ${from}::timestamptz + make_interval(mins => ${5 * maxBuckets})) AS "to",
                 floor(extract(epoch FROM (${state.until}::timestamptz - ${from}::timestamptz)) / 300)::int AS buckets`,
    );
    if (!bounds || bounds.buckets <= 0) return { skipped: false, rolled: 0, more: false };
    to = bounds.to;
  }
  // A range without samples (the first turn's day, an outage) is passed in one step; a range
  // already under way (range_to kept) has them.
  const started = state.range_to !== null;
  const [any] = started
    ? [{ found: true }]
    : await rowsOf(
        tx,
        Type.Object({ found: Type.Boolean() }),
        sql`SELECT EXISTS (SELECT 1 FROM client_stats_raw WHERE ts >= ${from}::timestamptz AND ts < ${to}::timestamptz) AS found`,
      );
  // The next clients with raw samples after the cursor: one index probe each (a skip scan).
  const clients = !any?.found
    ? []
    : await rowsOf(
        tx,
        Type.Object({ tenant_id: Int, client_id: Type.String() }),
        sql`WITH RECURSIVE c AS (
          (SELECT tenant_id, client_id FROM client_stats_raw
            WHERE (tenant_id, client_id) > (${state.cursor_tenant ?? -1}::int, ${state.cursor_client ?? ''}::text)
            ORDER BY tenant_id, client_id LIMIT 1)
          UNION ALL
          SELECT n.tenant_id, n.client_id FROM c, LATERAL (
            SELECT r.tenant_id, r.client_id FROM client_stats_raw r
             WHERE (r.tenant_id, r.client_id) > (c.tenant_id, c.client_id)
             ORDER BY r.tenant_id, r.client_id LIMIT 1) n)
        SELECT tenant_id, client_id FROM c LIMIT ${clientsPerStep}`,
      );
  const partial: FleetPartial = state.partial ?? {};
  if (clients.length > 0) {
    // The clients' buckets, and what they add to their tenant's fleet row (sums and counts, so
    // the fleet averages come out exact however the clients were split into steps).
    const added = await rowsOf(
      tx,
      Type.Object({
        tenant_id: Int,
        bucket: Type.String(),
        clients: Int,
        samples: Int,
        rssi: Nullable(Num),
        n_rssi: Int,
        rsrp: Nullable(Num),
        n_rsrp: Int,
        rsrq: Nullable(Num),
        n_rsrq: Int,
        sinr: Nullable(Num),
        n_sinr: Int,
      }),
      sql`WITH up AS (
        INSERT INTO client_stats_5m AS c (tenant_id, client_id, bucket, samples, rssi, rsrp, rsrq, sinr, rsrp_min,
                                         tpdu_count, tpdu_errors, tx_bytes, rx_bytes)
        SELECT r.tenant_id, r.client_id, date_bin('5 minutes', r.ts, 'epoch'), least(count(*), 32767),
               avg(r.rssi), avg(r.rsrp), avg(r.rsrq), avg(r.sinr), min(r.rsrp),
               max(r.tpdu_count), max(r.tpdu_errors), max(r.tx_bytes), max(r.rx_bytes)
          FROM unnest(${sql.param(clients.map((c) => c.tenant_id))}::int[], ${sql.param(clients.map((c) => c.client_id))}::text[])
               AS k(tenant_id, client_id)
          JOIN client_stats_raw r ON r.tenant_id = k.tenant_id AND r.client_id = k.client_id
         WHERE r.ts >= ${from}::timestamptz AND r.ts < ${to}::timestamptz
         GROUP BY 1, 2, 3
        ON CONFLICT (tenant_id, client_id, bucket) DO UPDATE SET
          samples = excluded.samples, rssi = excluded.rssi, rsrp = excluded.rsrp, rsrq = excluded.rsrq,
          sinr = excluded.sinr, rsrp_min = excluded.rsrp_min, tpdu_count = excluded.tpdu_count,
          tpdu_errors = excluded.tpdu_errors, tx_bytes = excluded.tx_bytes, rx_bytes = excluded.rx_bytes
        RETURNING tenant_id, bucket, samples, rssi, rsrp, rsrq, sinr)
      SELECT tenant_id, bucket::text AS bucket, count(*)::int AS clients, sum(samples)::int AS samples,
             sum(rssi)::float8 AS rssi, count(rssi)::int AS n_rssi, sum(rsrp)::float8 AS rsrp, count(rsrp)::int AS n_rsrp,
             sum(rsrq)::float8 AS rsrq, count(rsrq)::int AS n_rsrq, sum(sinr)::float8 AS sinr, count(sinr)::int AS n_sinr
        FROM up GROUP BY 1, 2`,
    );
    for (const a of added) {
      const key = `${a.tenant_id}|${a.bucket}`;
      const p = partial[key] ?? {
        clients: 0,
        samples: 0,
        rssi: 0,
        n_rssi: 0,
        rsrp: 0,
        n_rsrp: 0,
        rsrq: 0,
        n_rsrq: 0,
        sinr: 0,
        n_sinr: 0,
      };
      for (const k of FLEET_SUM_KEYS) p[k] += Number(a[k] ?? 0);
      partial[key] = p;
    }
    const last = clients.at(-1) as { tenant_id: number; client_id: string };
    await tx.execute(sql`UPDATE stats_rollup_state SET range_to = ${to}::timestamptz, cursor_tenant = ${last.tenant_id},
                                cursor_client = ${last.client_id}, partial = ${JSON.stringify(partial)}::jsonb, last_run_at = now()
                          WHERE id = 1`);
    return { skipped: false, rolled: 0, more: true };
  }
  // The range is done: its fleet rows from the sums, then the watermark moves.
  const fleet = Object.entries(partial).map(([key, p]) => {
    const [tenant, bucket] = key.split('|') as [string, string];
    const avg = (sum: number, n: number) => (n > 0 ? sum / n : null);
    return sql`(${Number(tenant)}::int, ${bucket}::timestamptz, ${p.clients}::int, ${p.samples}::int,
                ${avg(p.rssi, p.n_rssi)}::real, ${avg(p.rsrp, p.n_rsrp)}::real, ${avg(p.rsrq, p.n_rsrq)}::real,
                ${avg(p.sinr, p.n_sinr)}::real)`;
  });
  if (fleet.length)
    await tx.execute(sql`
      INSERT INTO fleet_stats_5m (tenant_id, bucket, clients, samples, rssi, rsrp, rsrq, sinr)
      VALUES ${sql.join(fleet, sql`, `)}
      ON CONFLICT (tenant_id, bucket) DO UPDATE SET
        clients = excluded.clients, samples = excluded.samples, rssi = excluded.rssi, rsrp = excluded.rsrp,
        rsrq = excluded.rsrq, sinr = excluded.sinr`);
  await tx.execute(sql`UPDATE stats_rollup_state SET rolled_until = ${to}::timestamptz, range_to = NULL, cursor_tenant = NULL,
                              cursor_client = NULL, partial = NULL, last_run_at = now() WHERE id = 1`);
  const [n] = await rowsOf(
    tx,
    CountRow,
    sql`SELECT floor(extract(epoch FROM (${to}::timestamptz - ${from}::timestamptz)) / 300)::int AS n`,
  );
  return { skipped: false, rolled: n?.n ?? 0, more: true };
}

/**
 * Deletes raw samples past retention (never one not rolled up, or not accounted as usage, yet) and rollups past theirs, at
 * most `batch` rows per table per call so that a long outage is caught up in small steps.
 */
export async function prune(db: Sql, rawRetentionSec: number, rollupRetentionSec: number, batch: number) {
  const raw = await rowsOf(
    db,
    CountRow,
    sql`WITH doomed AS (
          SELECT ctid FROM client_stats_raw
           WHERE ts < least(now() - make_interval(secs => ${rawRetentionSec}),
                            (SELECT rolled_until FROM stats_rollup_state WHERE id = 1),
                            coalesce((SELECT accounted_until FROM usage_progress), 'infinity'))
           LIMIT ${batch})
        , gone AS (DELETE FROM client_stats_raw WHERE ctid IN (SELECT ctid FROM doomed) RETURNING 1)
        SELECT count(*)::int AS n FROM gone`,
  );
  const rolled = await rowsOf(
    db,
    CountRow,
    sql`WITH doomed AS (
          SELECT ctid FROM client_stats_5m WHERE bucket < now() - make_interval(secs => ${rollupRetentionSec}) LIMIT ${batch})
        , gone AS (DELETE FROM client_stats_5m WHERE ctid IN (SELECT ctid FROM doomed) RETURNING 1)
        SELECT count(*)::int AS n FROM gone`,
  );
  const fleet = await rowsOf(
    db,
    CountRow,
    sql`WITH gone AS (DELETE FROM fleet_stats_5m WHERE bucket < now() - make_interval(secs => ${rollupRetentionSec}) RETURNING 1)
        SELECT count(*)::int AS n FROM gone`,
  );
  return { raw: raw[0]?.n ?? 0, rollups: rolled[0]?.n ?? 0, fleet: fleet[0]?.n ?? 0 };
}

export const SeriesRow = Type.Object({
  t: SqlTime,
  samples: Int,
  rssi: Nullable(Num),
  rsrp: Nullable(Num),
  rsrq: Nullable(Num),
  sinr: Nullable(Num),
  tpdu_count: Nullable(Num),
  tpdu_errors: Nullable(Num),
  tx_bytes: Nullable(Num),
  rx_bytes: Nullable(Num),
});
export type SeriesRow = Static<typeof SeriesRow>;

const step = (w: StatsWindow) => sql`make_interval(secs => ${w.stepSec})`;

/**
 * One client's series. A rollup window also reads the raw samples after the watermark, so the
 * newest minutes are never missing from a 7-day graph.
 */
export async function clientSeries(db: Sql, tenantId: number, clientId: string, w: StatsWindow) {
  const from = w.from.toISOString();
  const to = w.to.toISOString();
  const raw = (since: SQL) => sql`
    SELECT ts AS at, 1 AS samples, rssi, rsrp, rsrq, sinr, tpdu_count, tpdu_errors, tx_bytes, rx_bytes
      FROM client_stats_raw WHERE tenant_id = ${tenantId} AND client_id = ${clientId} AND ts >= ${since} AND ts < ${to}::timestamptz`;
  const source =
    w.source === 'raw'
      ? raw(sql`${from}::timestamptz`)
      : sql`SELECT bucket AS at, samples, rssi, rsrp, rsrq, sinr, tpdu_count, tpdu_errors, tx_bytes, rx_bytes
              FROM client_stats_5m
             WHERE tenant_id = ${tenantId} AND client_id = ${clientId} AND bucket >= ${from}::timestamptz
               AND bucket < (SELECT rolled_until FROM stats_rollup_state WHERE id = 1)
            UNION ALL ${raw(sql`greatest(${from}::timestamptz, (SELECT rolled_until FROM stats_rollup_state WHERE id = 1))`)}`;
  return rowsOf(
    db,
    SeriesRow,
    sql`SELECT date_bin(${step(w)}, at, 'epoch') AS t, sum(samples)::int AS samples,
               (sum(rssi * samples) / nullif(sum(samples) FILTER (WHERE rssi IS NOT NULL), 0))::real AS rssi,
               (sum(rsrp * samples) / nullif(sum(samples) FILTER (WHERE rsrp IS NOT NULL), 0))::real AS rsrp,
               (sum(rsrq * samples) / nullif(sum(samples) FILTER (WHERE rsrq IS NOT NULL), 0))::real AS rsrq,
               (sum(sinr * samples) / nullif(sum(samples) FILTER (WHERE sinr IS NOT NULL), 0))::real AS sinr,
               max(tpdu_count)::float8 AS tpdu_count, max(tpdu_errors)::float8 AS tpdu_errors,
               max(tx_bytes)::float8 AS tx_bytes, max(rx_bytes)::float8 AS rx_bytes
          FROM (${source}) s
         GROUP BY 1 ORDER BY 1`,
  );
}

export const FleetRow = Type.Object({
  t: SqlTime,
  clients: Int,
  samples: Int,
  rssi: Nullable(Num),
  rsrp: Nullable(Num),
  rsrq: Nullable(Num),
  sinr: Nullable(Num),
});
export type FleetRow = Static<typeof FleetRow>;

/** Fleet aggregates from the per-tenant rollups (the newest, still open bucket is not in them). */
export async function fleetSeries(db: Sql, tenantId: number | undefined, w: StatsWindow) {
  const tenant = tenantId === undefined ? sql`` : sql`AND tenant_id = ${tenantId}`;
  const stepSec = Math.max(w.stepSec, 300);
  return rowsOf(
    db,
    FleetRow,
    sql`SELECT t, max(clients)::int AS clients, sum(samples)::int AS samples,
               (sum(rssi * clients) / nullif(sum(clients) FILTER (WHERE rssi IS NOT NULL), 0))::real AS rssi,
               (sum(rsrp * clients) / nullif(sum(clients) FILTER (WHERE rsrp IS NOT NULL), 0))::real AS rsrp,
               (sum(rsrq * clients) / nullif(sum(clients) FILTER (WHERE rsrq IS NOT NULL), 0))::real AS rsrq,
               (sum(sinr * clients) / nullif(sum(clients) FILTER (WHERE sinr IS NOT NULL), 0))::real AS sinr
          FROM (SELECT date_bin(make_interval(secs => ${stepSec}), bucket, 'epoch') AS t, bucket,
                       sum(clients) AS clients, sum(samples) AS samples,
                       sum(rssi * clients) / nullif(sum(clients) FILTER (WHERE rssi IS NOT NULL), 0) AS rssi,
                       sum(rsrp * clients) / nullif(sum(clients) FILTER (WHERE rsrp IS NOT NULL), 0) AS rsrp,
                       sum(rsrq * clients) / nullif(sum(clients) FILTER (WHERE rsrq IS NOT NULL), 0) AS rsrq,
                       sum(sinr * clients) / nullif(sum(clients) FILTER (WHERE sinr IS NOT NULL), 0) AS sinr
                  FROM fleet_stats_5m
                 WHERE bucket >= ${w.from.toISOString()}::timestamptz AND bucket < ${w.to.toISOString()}::timestamptz ${tenant}
                 GROUP BY 1, 2) per_bucket
         GROUP BY t ORDER BY t`,
  );
}

/** Row estimates and on-disk size of the stats tables (from the catalog: no table scan). */
export async function storageFigures(db: Sql) {
  const tables = await rowsOf(
    db,
    Type.Object({ table: Type.String(), rows: Num, bytes: Num }),
    sql`SELECT c.relname AS "table", greatest(c.reltuples, 0)::float8 AS rows, pg_total_relation_size(c.oid)::float8 AS bytes
          FROM pg_class c
         WHERE c.relkind = 'r' AND c.relname IN ('client_stats_raw', 'client_stats_5m', 'fleet_stats_5m')
           AND c.relnamespace = current_schema()::regnamespace
         ORDER BY 1`,
  );
  // Null until the first rollup (the column's 'epoch' means "never").
  const [state] = await rowsOf(
    db,
    Type.Object({ rolled_until: Nullable(SqlTime), last_run_at: Nullable(SqlTime) }),
    sql`SELECT NULLIF(rolled_until, 'epoch') AS rolled_until, last_run_at FROM stats_rollup_state WHERE id = 1`,
  );
  return { tables, rolled_until: state?.rolled_until ?? null, last_run_at: state?.last_run_at ?? null };
}
