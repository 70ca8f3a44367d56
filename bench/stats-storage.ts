// The stats history's bytes per row, for the storage figure in the README: 200,000 raw samples
// and 200,000 five-minute rollups (15-character client ids) are written into a fresh PostgreSQL
// database (DATABASE_URL), vacuumed, and measured with pg_total_relation_size (indexes
// included); then scaled to 100,000 routers at one heartbeat a minute with the default
// retention. `npm run bench:storage`; writes bench/results/stats-storage.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openPostgres, rows } from '../src/app/database.js';
import { freshBenchDatabase, round } from './support.js';

const N = 200_000;
const ROUTERS = 100_000;
const RAW_HOURS = 24;
const ROLLUP_DAYS = 30;

if (!process.env.DATABASE_URL) {
  console.log('stats storage: set DATABASE_URL (a PostgreSQL to create a scratch database next to)');
  process.exit(0);
}
const database = await freshBenchDatabase('postgres', 'storage');
const db = await openPostgres(database.url as string);
try {
  await db.migrate();
  const client = sql`'sim-' || lpad((n % ${ROUTERS})::text, 5, '0') || '-slot0'`;
  await db.run((h) =>
    h.execute(sql`INSERT INTO client_stats_raw (tenant_id, client_id, ts, rssi, rsrp, rsrq, sinr, tpdu_count, tpdu_errors, tx_bytes, rx_bytes)
      SELECT 1, ${client}, now() - make_interval(secs => n), -70, -95.5, -10, 12, 100000 + n, 3, 1000000 + n, 9000000 + n
        FROM generate_series(1, ${N}) n`),
  );
  await db.run((h) =>
    h.execute(sql`INSERT INTO client_stats_5m (tenant_id, client_id, bucket, samples, rssi, rsrp, rsrq, sinr, rsrp_min,
                                                tpdu_count, tpdu_errors, tx_bytes, rx_bytes)
      SELECT 1, ${client}, date_bin('5 minutes', now(), 'epoch') - make_interval(mins => 5 * (n / ${ROUTERS})), 5,
             -70, -95.5, -10, 12, -97, 100000 + n, 3, 1000000 + n, 9000000 + n
        FROM generate_series(1, ${N}) n`),
  );
  await db.run((h) => h.execute(sql`VACUUM ANALYZE client_stats_raw, client_stats_5m`));
  const sizes = await db.run((h) =>
    rows<{ relname: string; total: number }>(
      h,
      sql`SELECT relname, pg_total_relation_size(oid)::float8 AS total FROM pg_class
           WHERE relname IN ('client_stats_raw', 'client_stats_5m')`,
    ),
  );
  const per = Object.fromEntries(sizes.map((s) => [s.relname, s.total / N]));
  const rawRows = ROUTERS * 60 * RAW_HOURS;
  const rollupRows = ROUTERS * 288 * ROLLUP_DAYS;
  const gb = (bytes: number) => round(bytes / 1e9);
  const result = {
    bytes_per_row: { raw: round(per.client_stats_raw ?? 0), rollup_5m: round(per.client_stats_5m ?? 0) },
    routers: ROUTERS,
    raw_hours: RAW_HOURS,
    rollup_days: ROLLUP_DAYS,
    raw_gb: gb(rawRows * (per.client_stats_raw ?? 0)),
    rollup_gb: gb(rollupRows * (per.client_stats_5m ?? 0)),
  };
  console.log(
    `stats storage: raw ${result.bytes_per_row.raw} B/row, rollup ${result.bytes_per_row.rollup_5m} B/row; ` +
      `${ROUTERS.toLocaleString('en-US')} routers, one heartbeat a minute: raw ${RAW_HOURS} h ${result.raw_gb} GB + ` +
      `rollups ${ROLLUP_DAYS} d ${result.rollup_gb} GB = ${round(result.raw_gb + result.rollup_gb)} GB`,
  );
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(join(import.meta.dirname, 'results', 'stats-storage.json'), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await db.close();
  await database.cleanup();
}
