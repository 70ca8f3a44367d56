// SIM usage and plans: what each card used per day and per billing cycle (from the deltas of the
// heartbeat counters, attributed to the card in use), the carrier plans that price it, and the
// accounting watermark that serialises the job across processes (a row lock).
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
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
