// Heartbeat stats history: raw samples (one row per heartbeat that carried stats, kept for
// --stats-raw-hours), 5-minute rollups per client and per tenant (kept for --stats-rollup-days),
// and the rollup watermark that serialises the rollup job across processes (a row lock).
import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, real, smallint, text, timestamp } from 'drizzle-orm/pg-core';

const signal = {
  rssi: real('rssi'),
  rsrp: real('rsrp'),
  rsrq: real('rsrq'),
  sinr: real('sinr'),
};
const counters = {
  tpduCount: bigint('tpdu_count', { mode: 'number' }),
  tpduErrors: bigint('tpdu_errors', { mode: 'number' }),
  txBytes: bigint('tx_bytes', { mode: 'number' }),
  rxBytes: bigint('rx_bytes', { mode: 'number' }),
};

export const clientStatsRaw = pgTable(
  'client_stats_raw',
  {
    tenantId: integer('tenant_id').notNull(),
    clientId: text('client_id').notNull(),
    ts: timestamp('ts', { withTimezone: true }).notNull().defaultNow(),
    ...signal,
    ...counters,
    /** The card in use when the sample was taken (the profile's bank slot; the virtual slot of a
     * KI pool), and the client's uptime: usage is attributed to cards and resets are seen. */
    bankId: integer('bank_id'),
    slotId: integer('slot_id'),
    uptimeSec: bigint('uptime_sec', { mode: 'number' }),
  },
  // No primary key: two heartbeats of one client may share a timestamp (same batch). Rows arrive
  // in time order, so a BRIN index (a few pages) serves the rollup and retention scans by time.
  (t) => [
    index('client_stats_raw_client_idx').on(t.tenantId, t.clientId, t.ts),
    index('client_stats_raw_ts_brin').using('brin', t.ts),
  ],
);

/** Averages of the signal, and the counters as last seen in the bucket (they only grow). */
export const clientStats5m = pgTable(
  'client_stats_5m',
  {
    tenantId: integer('tenant_id').notNull(),
    clientId: text('client_id').notNull(),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    samples: smallint('samples').notNull(),
    ...signal,
    rsrpMin: real('rsrp_min'),
    ...counters,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.clientId, t.bucket] }),
    index('client_stats_5m_bucket_brin').using('brin', t.bucket),
  ],
);

/** Per tenant and bucket: how many clients reported, and the sums behind the fleet averages. */
export const fleetStats5m = pgTable(
  'fleet_stats_5m',
  {
    tenantId: integer('tenant_id').notNull(),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    clients: integer('clients').notNull(),
    samples: integer('samples').notNull(),
    rssi: real('rssi'),
    rsrp: real('rsrp'),
    rsrq: real('rsrq'),
    sinr: real('sinr'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.bucket] })],
);

/** One row: the end of the last bucket rolled up. */
export const statsRollupState = pgTable('stats_rollup_state', {
  id: integer('id').primaryKey().default(1),
  rolledUntil: timestamp('rolled_until', { withTimezone: true }).notNull().default(sql`'epoch'`),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }),
  /** The bucket being rolled up client by client (null: none started), and the last client done. */
  rangeTo: timestamp('range_to', { withTimezone: true }),
  cursorClient: text('cursor_client'),
  cursorTenant: integer('cursor_tenant'),
  /** Per tenant and bucket of the range: sums and counts of the client rollups done so far. */
  partial: jsonb('partial'),
});
