// SQL of the stats history: the rollup of closed 5-minute buckets, retention, and the series.
import { type SQL, sql } from 'drizzle-orm';
import { rows, type Sql } from '../../app/database.js';
import type { StatsWindow } from '../../domain/stats-range.js';

export const SERIES_COLUMNS = ['rssi', 'rsrp', 'rsrq', 'sinr', 'tpdu_count', 'tpdu_errors', 'tx_bytes', 'rx_bytes'] as const;

/**
 * Rolls up the closed buckets after the watermark, at most `maxBuckets` of them, and moves the
 * watermark (the first turn starts at raw retention; after an outage it catches up in steps, and
 * prune keeps every raw sample until it was rolled up). The watermark row is locked with SKIP LOCKED: with several processes one rolls up
 * and the others skip this turn. Recomputing a bucket from raw rows gives the same row, so a
 * repeated bucket (after a crash between statements) is harmless.
 */
export async function rollUp(tx: Sql, rawRetentionSec: number, maxBuckets: number) {
  const [state] = await rows<{ rolled_until: string; from: string; until: string }>(
    tx,
    sql`SELECT rolled_until,
               date_bin('5 minutes', CASE WHEN rolled_until = 'epoch' THEN now() - make_interval(secs => ${rawRetentionSec})
                                          ELSE rolled_until END, 'epoch') AS "from",
               date_bin('5 minutes', now() - interval '30 seconds', 'epoch') AS "until"
          FROM stats_rollup_state WHERE id = 1 FOR UPDATE SKIP LOCKED`,
  );
  if (!state) return { rolled: 0, skipped: true };
  const [bounds] = await rows<{ to: string; buckets: number }>(
    tx,
    sql`SELECT least(${state.until}::timestamptz, ${state.from}::timestamptz + make_interval(mins => ${5 * maxBuckets})) AS "to",
               floor(extract(epoch FROM (${state.until}::timestamptz - ${state.from}::timestamptz)) / 300)::int AS buckets`,
  );
  if (!bounds || bounds.buckets <= 0) return { rolled: 0, skipped: false };
  const from = state.from;
  const to = bounds.to;
  await tx.execute(sql`
    INSERT INTO client_stats_5m AS c (tenant_id, client_id, bucket, samples, rssi, rsrp, rsrq, sinr, rsrp_min,
                                     tpdu_count, tpdu_errors, tx_bytes, rx_bytes)
    SELECT tenant_id, client_id, date_bin('5 minutes', ts, 'epoch'), least(count(*), 32767),
           avg(rssi), avg(rsrp), avg(rsrq), avg(sinr), min(rsrp),
           max(tpdu_count), max(tpdu_errors), max(tx_bytes), max(rx_bytes)
      FROM client_stats_raw
     WHERE ts >= ${from}::timestamptz AND ts < ${to}::timestamptz
     GROUP BY 1, 2, 3
    ON CONFLICT (tenant_id, client_id, bucket) DO UPDATE SET
      samples = excluded.samples, rssi = excluded.rssi, rsrp = excluded.rsrp, rsrq = excluded.rsrq,
      sinr = excluded.sinr, rsrp_min = excluded.rsrp_min, tpdu_count = excluded.tpdu_count,
      tpdu_errors = excluded.tpdu_errors, tx_bytes = excluded.tx_bytes, rx_bytes = excluded.rx_bytes`);
  await tx.execute(sql`
    INSERT INTO fleet_stats_5m (tenant_id, bucket, clients, samples, rssi, rsrp, rsrq, sinr)
    SELECT tenant_id, bucket, count(*), sum(samples), avg(rssi), avg(rsrp), avg(rsrq), avg(sinr)
      FROM client_stats_5m
     WHERE bucket >= ${from}::timestamptz AND bucket < ${to}::timestamptz
     GROUP BY 1, 2
    ON CONFLICT (tenant_id, bucket) DO UPDATE SET
      clients = excluded.clients, samples = excluded.samples, rssi = excluded.rssi, rsrp = excluded.rsrp,
      rsrq = excluded.rsrq, sinr = excluded.sinr`);
  await tx.execute(sql`UPDATE stats_rollup_state SET rolled_until = ${to}::timestamptz, last_run_at = now() WHERE id = 1`);
  const [n] = await rows<{ n: number }>(
    tx,
    sql`SELECT floor(extract(epoch FROM (${to}::timestamptz - ${from}::timestamptz)) / 300)::int AS n`,
  );
  return { rolled: n?.n ?? 0, skipped: false };
}

/**
 * Deletes raw samples past retention (never one not rolled up yet) and rollups past theirs, at
 * most `batch` rows per table per call so that a long outage is caught up in small steps.
 */
export async function prune(db: Sql, rawRetentionSec: number, rollupRetentionSec: number, batch: number) {
  const raw = await rows<{ n: number }>(
    db,
    sql`WITH doomed AS (
          SELECT ctid FROM client_stats_raw
           WHERE ts < least(now() - make_interval(secs => ${rawRetentionSec}),
                            (SELECT rolled_until FROM stats_rollup_state WHERE id = 1))
           LIMIT ${batch})
        , gone AS (DELETE FROM client_stats_raw WHERE ctid IN (SELECT ctid FROM doomed) RETURNING 1)
        SELECT count(*)::int AS n FROM gone`,
  );
  const rolled = await rows<{ n: number }>(
    db,
    sql`WITH doomed AS (
          SELECT ctid FROM client_stats_5m WHERE bucket < now() - make_interval(secs => ${rollupRetentionSec}) LIMIT ${batch})
        , gone AS (DELETE FROM client_stats_5m WHERE ctid IN (SELECT ctid FROM doomed) RETURNING 1)
        SELECT count(*)::int AS n FROM gone`,
  );
  const fleet = await rows<{ n: number }>(
    db,
    sql`WITH gone AS (DELETE FROM fleet_stats_5m WHERE bucket < now() - make_interval(secs => ${rollupRetentionSec}) RETURNING 1)
        SELECT count(*)::int AS n FROM gone`,
  );
  return { raw: raw[0]?.n ?? 0, rollups: rolled[0]?.n ?? 0, fleet: fleet[0]?.n ?? 0 };
}

export interface SeriesRow {
  t: string;
  samples: number;
  rssi: number | null;
  rsrp: number | null;
  rsrq: number | null;
  sinr: number | null;
  tpdu_count: number | null;
  tpdu_errors: number | null;
  tx_bytes: number | null;
  rx_bytes: number | null;
}

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
  return rows<SeriesRow>(
    db,
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

export interface FleetRow {
  t: string;
  clients: number;
  samples: number;
  rssi: number | null;
  rsrp: number | null;
  rsrq: number | null;
  sinr: number | null;
}

/** Fleet aggregates from the per-tenant rollups (the newest, still open bucket is not in them). */
export async function fleetSeries(db: Sql, tenantId: number | undefined, w: StatsWindow) {
  const tenant = tenantId === undefined ? sql`` : sql`AND tenant_id = ${tenantId}`;
  const stepSec = Math.max(w.stepSec, 300);
  return rows<FleetRow>(
    db,
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
  const tables = await rows<{ table: string; rows: number; bytes: number }>(
    db,
    sql`SELECT c.relname AS "table", greatest(c.reltuples, 0)::float8 AS rows, pg_total_relation_size(c.oid)::float8 AS bytes
          FROM pg_class c
         WHERE c.relkind = 'r' AND c.relname IN ('client_stats_raw', 'client_stats_5m', 'fleet_stats_5m')
           AND c.relnamespace = current_schema()::regnamespace
         ORDER BY 1`,
  );
  const [state] = await rows<{ rolled_until: string; last_run_at: string | null }>(
    db,
    sql`SELECT rolled_until, last_run_at FROM stats_rollup_state WHERE id = 1`,
  );
  return { tables, rolled_until: state?.rolled_until ?? null, last_run_at: state?.last_run_at ?? null };
}
