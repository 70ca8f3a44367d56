// SIM usage and plans: what each card used per day and per billing cycle (from the deltas of the
// heartbeat counters, attributed to the card in use), the carrier plans that price it, and the
// accounting watermark that serialises the job across processes (a row lock).
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { tenants } from '../inventory/inventory.table.js';

/** Counters added up from deltas: null while no sample of the row reported the counter. */
const usage = {
  rxBytes: bigint('rx_bytes', { mode: 'number' }),
  txBytes: bigint('tx_bytes', { mode: 'number' }),
  tpdus: bigint('tpdus', { mode: 'number' }),
  tpduErrors: bigint('tpdu_errors', { mode: 'number' }),
  /** Samples accounted, counter resets seen (reboot, modem reset), deltas refused as implausible. */
  samples: integer('samples').notNull().default(0),
  resets: integer('resets').notNull().default(0),
  discarded: integer('discarded').notNull().default(0),
  lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
};

/** Per card (bank slot or KI virtual slot), UTC day and client that used it. */
export const cardUsageDaily = pgTable(
  'card_usage_daily',
  {
    tenantId: integer('tenant_id').notNull(),
    bankId: integer('bank_id').notNull(),
    slotId: integer('slot_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    clientId: text('client_id').notNull(),
    /** The card's ICCID when the usage was accounted (the virtual ICCID of a KI profile). */
    iccid: text('iccid'),
    ...usage,
  },
  (t) => [
    primaryKey({ columns: [t.bankId, t.slotId, t.day, t.tenantId, t.clientId] }),
    index('card_usage_daily_tenant_day_idx').on(t.tenantId, t.day),
    index('card_usage_daily_client_idx').on(t.tenantId, t.clientId, t.day),
  ],
);

/** Per card and billing cycle (the cycle of the card's plan when the usage was accounted). */
export const cardUsageCycles = pgTable(
  'card_usage_cycles',
  {
    tenantId: integer('tenant_id').notNull(),
    bankId: integer('bank_id').notNull(),
    slotId: integer('slot_id').notNull(),
    cycleStart: date('cycle_start', { mode: 'string' }).notNull(),
    cycleEnd: date('cycle_end', { mode: 'string' }).notNull(),
    iccid: text('iccid'),
    lastClientId: text('last_client_id'),
    ...usage,
    /** When usage was last added (the threshold check reads the cycles changed since its last run). */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.bankId, t.slotId, t.cycleStart] }),
    index('card_usage_cycles_tenant_idx').on(t.tenantId, t.cycleStart),
  ],
);

/** One row: the end of the raw samples accounted so far. */
export const usageState = pgTable('usage_state', {
  id: integer('id').primaryKey().default(1),
  accountedUntil: timestamp('accounted_until', { withTimezone: true }).notNull().default(sql`'epoch'`),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }),
  /** Thresholds were checked for the cycles that changed since then ('epoch': check every
   * current cycle, after a plan or threshold changed). */
  thresholdsCheckedAt: timestamp('thresholds_checked_at', { withTimezone: true }).notNull().default(sql`'epoch'`),
});

/** A carrier plan: allowance and cycle, and what usage costs. Money in the plan's currency. */
export const simPlans = pgTable(
  'sim_plans',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    /** The carrier (MCC+MNC) the plan is for; with carrier_default, every card of that carrier
     * without a plan of its own is on it. */
    mccMnc: text('mcc_mnc'),
    carrierDefault: boolean('carrier_default').notNull().default(false),
    /** Bytes (received + sent) per cycle; null: no allowance (everything at cost_per_mb). */
    allowanceBytes: bigint('allowance_bytes', { mode: 'number' }),
    cycleDay: smallint('cycle_day').notNull().default(1),
    costPerMb: numeric('cost_per_mb', { precision: 14, scale: 6 }).notNull().default('0'),
    overageCostPerMb: numeric('overage_cost_per_mb', { precision: 14, scale: 6 }).notNull().default('0'),
    monthlyFee: numeric('monthly_fee', { precision: 14, scale: 4 }).notNull().default('0'),
    currency: text('currency').notNull().default('EUR'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sim_plans_tenant_name_key').on(t.tenantId, t.name),
    uniqueIndex('sim_plans_carrier_default_key').on(t.tenantId, t.mccMnc).where(sql`${t.carrierDefault}`),
    check('sim_plans_cycle_day', sql`${t.cycleDay} BETWEEN 1 AND 28`),
    check('sim_plans_default_has_carrier', sql`NOT ${t.carrierDefault} OR ${t.mccMnc} IS NOT NULL`),
    check('sim_plans_allowance', sql`${t.allowanceBytes} IS NULL OR ${t.allowanceBytes} >= 0`),
    check('sim_plans_costs', sql`${t.costPerMb} >= 0 AND ${t.overageCostPerMb} >= 0 AND ${t.monthlyFee} >= 0`),
  ],
);

/** A card's own usage settings: its plan (over the carrier default) and the date it stops being valid. */
export const cardPlans = pgTable(
  'card_plans',
  {
    bankId: integer('bank_id').notNull(),
    slotId: integer('slot_id').notNull(),
    tenantId: integer('tenant_id').notNull(),
    planId: integer('plan_id').references(() => simPlans.id),
    validUntil: date('valid_until', { mode: 'string' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.bankId, t.slotId] }), index('card_plans_plan_idx').on(t.planId)],
);

export const THRESHOLD_ACTIONS = ['event', 'disable_and_move', 'command'] as const;

/** A share of the allowance that, once reached in a cycle, acts: on every card of a plan, or on one card. */
export const usageThresholds = pgTable(
  'usage_thresholds',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    planId: integer('plan_id').references(() => simPlans.id, { onDelete: 'cascade' }),
    bankId: integer('bank_id'),
    slotId: integer('slot_id'),
    /** A group's threshold (a sim_groups id; the groups module deletes them with the group). */
    groupId: integer('group_id'),
    percent: integer('percent').notNull(),
    action: text('action').notNull().default('event'),
    /** action command: the command queued for the card's client (an agent that heartbeats). */
    commandType: text('command_type'),
    commandPayload: jsonb('command_payload'),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Exactly one target: a plan, a card, or a group.
    check(
      'usage_thresholds_one_target',
      sql`(${t.planId} IS NOT NULL)::int + (${t.bankId} IS NOT NULL AND ${t.slotId} IS NOT NULL)::int + (${t.groupId} IS NOT NULL)::int = 1`,
    ),
    check('usage_thresholds_percent', sql`${t.percent} BETWEEN 1 AND 1000`),
    check('usage_thresholds_action', sql`${t.action} IN ('event', 'disable_and_move', 'command')`),
    check('usage_thresholds_command', sql`(${t.action} = 'command') = (${t.commandType} IS NOT NULL)`),
    uniqueIndex('usage_thresholds_plan_key').on(t.planId, t.percent, t.action).where(sql`${t.planId} IS NOT NULL`),
    uniqueIndex('usage_thresholds_card_key').on(t.bankId, t.slotId, t.percent, t.action).where(sql`${t.bankId} IS NOT NULL`),
    uniqueIndex('usage_thresholds_group_key').on(t.groupId, t.percent, t.action).where(sql`${t.groupId} IS NOT NULL`),
  ],
);

/** A threshold that fired for a card in a cycle: at most once (the primary key), with the
 * numbers that triggered it and what its action did. */
export const thresholdFirings = pgTable(
  'threshold_firings',
  {
    thresholdId: integer('threshold_id')
      .notNull()
      .references(() => usageThresholds.id, { onDelete: 'cascade' }),
    bankId: integer('bank_id').notNull(),
    slotId: integer('slot_id').notNull(),
    cycleStart: date('cycle_start', { mode: 'string' }).notNull(),
    tenantId: integer('tenant_id').notNull(),
    clientId: text('client_id'),
    percent: integer('percent').notNull(),
    action: text('action').notNull(),
    usedBytes: bigint('used_bytes', { mode: 'number' }).notNull(),
    allowanceBytes: bigint('allowance_bytes', { mode: 'number' }).notNull(),
    /** pending (claimed, acting), done, skipped or failed, with why. */
    result: text('result').notNull().default('pending'),
    detail: text('detail'),
    firedAt: timestamp('fired_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.thresholdId, t.bankId, t.slotId, t.cycleStart] }),
    index('threshold_firings_tenant_idx').on(t.tenantId, t.firedAt),
    check('threshold_firings_result', sql`${t.result} IN ('pending', 'done', 'skipped', 'failed')`),
  ],
);

/** A tenant's protection settings (defaults when it has no row: protection.ts). */
export const protectionSettings = pgTable(
  'protection_settings',
  {
    tenantId: integer('tenant_id')
      .primaryKey()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    autoLock: boolean('auto_lock').notNull().default(true),
    failureLimit: integer('failure_limit').notNull().default(5),
    failureWindowMin: integer('failure_window_min').notNull().default(60),
    /** A sample whose TPDUs are at least this share in error (with at least min_tpdus) is a failure. */
    tpduErrorRate: doublePrecision('tpdu_error_rate').notNull().default(0.2),
    minTpdus: integer('min_tpdus').notNull().default(20),
    /** A registration the remsim-server never saw connect within this time is a failure. */
    presenceGraceMin: integer('presence_grace_min').notNull().default(10),
    /** Clients leave a card this long before its validity ends. */
    validityNoticeHours: integer('validity_notice_hours').notNull().default(24),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'protection_settings_limits',
      sql`${t.failureLimit} >= 1 AND ${t.failureWindowMin} BETWEEN 1 AND 10080
      AND ${t.tpduErrorRate} > 0 AND ${t.tpduErrorRate} <= 1 AND ${t.minTpdus} >= 1
      AND ${t.presenceGraceMin} BETWEEN 1 AND 1440 AND ${t.validityNoticeHours} BETWEEN 0 AND 8760`,
    ),
  ],
);

/** A failure IonMesh saw of a card that no other log keeps (a sample with a high TPDU error share,
 * a registration never followed by presence); health errors are read from the
 * health log. */
export const cardFailures = pgTable(
  'card_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    bankId: integer('bank_id').notNull(),
    slotId: integer('slot_id').notNull(),
    kind: text('kind').notNull(),
    clientId: text('client_id'),
    detail: text('detail'),
    /** What the failure is of, so that it is counted once (a profile id, a sample's time). */
    subject: text('subject').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('card_failures_card_idx').on(t.bankId, t.slotId, t.at),
    uniqueIndex('card_failures_once_key').on(t.bankId, t.slotId, t.kind, t.subject),
  ],
);

export const LOCK_KINDS = ['auto_lock', 'imei', 'usage', 'validity'] as const;

/** A card IonMesh took out of service and why; active until an operator unlocks it. */
export const cardLocks = pgTable(
  'card_locks',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    bankId: integer('bank_id').notNull(),
    slotId: integer('slot_id').notNull(),
    kind: text('kind').notNull(),
    reason: text('reason').notNull(),
    details: jsonb('details'),
    /** locked: the card is faulty or disabled and serves no one; pending_move: its client is
     * still on it, waiting for a free card of the same carrier. */
    state: text('state').notNull().default('locked'),
    clientId: text('client_id'),
    lockedAt: timestamp('locked_at', { withTimezone: true }).notNull().defaultNow(),
    unlockedAt: timestamp('unlocked_at', { withTimezone: true }),
    unlockedBy: text('unlocked_by'),
  },
  (t) => [
    uniqueIndex('card_locks_active_key').on(t.bankId, t.slotId).where(sql`${t.unlockedAt} IS NULL`),
    index('card_locks_tenant_idx').on(t.tenantId, t.lockedAt),
    check('card_locks_kind', sql`${t.kind} IN ('auto_lock', 'imei', 'usage', 'validity')`),
    check('card_locks_state', sql`${t.state} IN ('locked', 'pending_move')`),
  ],
);

/** A card or a client bound to a modem's IMEI. Enforcing: a heartbeat from another IMEI is
 * refused (403 IMEI_LOCKED) and the card disabled; otherwise the change is an event. */
export const imeiBindings = pgTable(
  'imei_bindings',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    bankId: integer('bank_id'),
    slotId: integer('slot_id'),
    clientId: text('client_id'),
    imei: text('imei').notNull(),
    enforcing: boolean('enforcing').notNull().default(false),
    /** The last IMEI seen that differs from the bound one (one event per new IMEI). */
    lastMismatch: text('last_mismatch'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by'),
  },
  (t) => [
    check('imei_bindings_target', sql`(${t.clientId} IS NULL) = (${t.bankId} IS NOT NULL AND ${t.slotId} IS NOT NULL)`),
    check('imei_bindings_imei', sql`${t.imei} ~ '^[0-9]{14,16}$'`),
    uniqueIndex('imei_bindings_card_key').on(t.bankId, t.slotId).where(sql`${t.bankId} IS NOT NULL`),
    uniqueIndex('imei_bindings_client_key').on(t.tenantId, t.clientId).where(sql`${t.clientId} IS NOT NULL`),
  ],
);
