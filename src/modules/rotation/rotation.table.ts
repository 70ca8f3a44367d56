// SIM rotation: a policy of a tenant (or of one of its groups) moves the card behind a client on
// a schedule, after a usage budget, before a card's validity ends or after some days on one card,
// only within a maintenance window, and within the carrier unless allowed; each rotation kept.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { simGroups } from '../groups/groups.table.js';
import { tenants } from '../inventory/inventory.table.js';

export const rotationPolicies = pgTable(
  'rotation_policies',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** The group whose cards it rotates; null: every card of the tenant. */
    groupId: integer('group_id').references(() => simGroups.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** Triggers (any of them): a cron schedule (5 fields) in `timezone`; a share of the plan's
     * allowance used this cycle; days before the card's last valid day; days on one card. */
    schedule: text('schedule'),
    usagePercent: integer('usage_percent'),
    validityDays: integer('validity_days'),
    maxDaysOnCard: integer('max_days_on_card'),
    /** Only within this window, in `timezone`: { start: 'HH:MM', end: 'HH:MM', days?: [1..7] } (1 = Monday). */
    window: jsonb('window'),
    timezone: text('timezone').notNull().default('UTC'),
    allowOtherCarrier: boolean('allow_other_carrier').notNull().default(false),
    /** At most this many rotations per pass (a storm never reshuffles the fleet at once). */
    maxPerRun: integer('max_per_run').notNull().default(50),
    /** The last cron occurrence acted on. */
    lastScheduledAt: timestamp('last_scheduled_at', { withTimezone: true }),
    /** A pass holds the policy until then (one replica at a time). */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('rotation_policies_tenant_name_key').on(t.tenantId, t.name),
    check(
      'rotation_policies_trigger',
      sql`${t.schedule} IS NOT NULL OR ${t.usagePercent} IS NOT NULL OR ${t.validityDays} IS NOT NULL OR ${t.maxDaysOnCard} IS NOT NULL`,
    ),
    check('rotation_policies_usage', sql`${t.usagePercent} IS NULL OR ${t.usagePercent} BETWEEN 1 AND 1000`),
    check(
      'rotation_policies_days',
      sql`(${t.validityDays} IS NULL OR ${t.validityDays} BETWEEN 0 AND 365)
      AND (${t.maxDaysOnCard} IS NULL OR ${t.maxDaysOnCard} BETWEEN 1 AND 3650)`,
    ),
    check('rotation_policies_max', sql`${t.maxPerRun} BETWEEN 1 AND 10000`),
    index('rotation_policies_group_idx').on(t.groupId),
  ],
);

/** Every rotation carried out: the client, the card before and after, why. */
export const clientRotations = pgTable(
  'client_rotations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    policyId: integer('policy_id').references(() => rotationPolicies.id, { onDelete: 'set null' }),
    clientId: text('client_id').notNull(),
    profileId: text('profile_id').notNull(),
    fromBankId: integer('from_bank_id').notNull(),
    fromSlotId: integer('from_slot_id').notNull(),
    toBankId: integer('to_bank_id').notNull(),
    toSlotId: integer('to_slot_id').notNull(),
    /** schedule, usage, validity, days_on_card, manual */
    trigger: text('trigger').notNull(),
    detail: jsonb('detail'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('client_rotations_tenant_idx').on(t.tenantId, t.id), index('client_rotations_client_idx').on(t.clientId, t.id)],
);
