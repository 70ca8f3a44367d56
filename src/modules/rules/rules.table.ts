// Automation rules of a tenant: a trigger (an event type of the catalogue, or a measured value
// crossing a threshold), conditions (group, tag, carrier, pool, a time window, a CEL expression
// over the event's fields), actions, a cooldown per object and a limit per hour; every run
// logged. The engine reads the event outbox after its own cursor (decision 0017).
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { tenants } from '../inventory/inventory.table.js';

export const automationRules = pgTable(
  'automation_rules',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** { kind: 'event', event_type } or { kind: 'measure', measure, op, value, window_min? } */
    trigger: jsonb('trigger').notNull(),
    /** { group_id?, tag?, mcc_mnc?, pool_id?, time_window?, expression? } (all given must hold) */
    conditions: jsonb('conditions').notNull(),
    /** [{ type, params? }] in order */
    actions: jsonb('actions').notNull(),
    cooldownSec: integer('cooldown_sec').notNull().default(3600),
    maxPerHour: integer('max_per_hour').notNull().default(60),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('automation_rules_tenant_name_key').on(t.tenantId, t.name),
    check('automation_rules_limits', sql`${t.cooldownSec} BETWEEN 0 AND 2592000 AND ${t.maxPerHour} BETWEEN 1 AND 100000`),
  ],
);

/** The execution log: what triggered a rule, on which object, what it did and how it ended. */
export const ruleRuns = pgTable(
  'rule_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ruleId: integer('rule_id')
      .notNull()
      .references(() => automationRules.id, { onDelete: 'cascade' }),
    tenantId: integer('tenant_id').notNull(),
    /** The event that triggered it (event triggers: one run per rule and event at most). */
    eventId: bigint('event_id', { mode: 'number' }),
    trigger: jsonb('trigger').notNull(),
    /** client:<id>, card:<bank>/<slot>, or tenant:<id> */
    objectKey: text('object_key').notNull(),
    /** pending (claimed, acting), done, failed, cooldown, limited, job (handed to a bulk job) */
    result: text('result').notNull(),
    actions: jsonb('actions'),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('rule_runs_once_per_event').on(t.ruleId, t.eventId).where(sql`${t.eventId} IS NOT NULL`),
    index('rule_runs_rule_idx').on(t.ruleId, t.id),
    index('rule_runs_tenant_idx').on(t.tenantId, t.id),
    index('rule_runs_at_idx').on(t.at),
    index('rule_runs_pending_idx').on(t.at).where(sql`${t.result} = 'pending'`),
    check('rule_runs_result', sql`${t.result} IN ('pending', 'done', 'failed', 'cooldown', 'limited', 'job')`),
  ],
);

/** Until when a rule leaves an object alone after acting on it. */
export const ruleCooldowns = pgTable(
  'rule_cooldowns',
  {
    ruleId: integer('rule_id')
      .notNull()
      .references(() => automationRules.id, { onDelete: 'cascade' }),
    objectKey: text('object_key').notNull(),
    until: timestamp('until', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.objectKey] })],
);

/** The engine's place in the event outbox and when measures were last evaluated (one row). */
export const rulesState = pgTable('rules_state', {
  id: integer('id').primaryKey(),
  lastEventId: bigint('last_event_id', { mode: 'number' }).notNull(),
  /** With last_event_id, the last event read in (txid, id) order (the events module's outboxAfter). */
  lastTxid: bigint('last_txid', { mode: 'number' }).notNull().default(0),
  measuredAt: timestamp('measured_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
