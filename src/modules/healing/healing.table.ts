// Self-healing: incidents (a recorded problem and its lifecycle: detected → diagnosing → healing
// → resolved, or escalated to a person), every attempt to heal one, a tenant's playbook settings
// and the engine's place in the event outbox (decision 0018).
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
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants } from '../inventory/inventory.table.js';

export const incidents = pgTable(
  'incidents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Null: installation-wide (a remsim-server's drift). */
    tenantId: integer('tenant_id').references(() => tenants.id),
    /** card_failure, bankd_loss, client_request, silent_router, remsim_drift */
    cause: text('cause').notNull(),
    severity: text('severity').notNull(),
    state: text('state').notNull().default('detected'),
    /** What it is about, one open incident per cause and object: card:<b>/<s>, bank:<b>, client:<t>/<id>, server:<id> */
    objectKey: text('object_key').notNull(),
    clientId: text('client_id'),
    bankId: integer('bank_id'),
    slotId: integer('slot_id'),
    bankdId: integer('bankd_id'),
    serverId: integer('server_id'),
    summary: text('summary').notNull(),
    /** What the playbook learnt and did (clients moved, a lock, the last error). */
    details: jsonb('details').notNull().default({}),
    /** The event that opened it (one incident per cause and event). */
    eventId: bigint('event_id', { mode: 'number' }),
    attempts: integer('attempts').notNull().default(0),
    /** When the engine looks at it next (null: nothing to do until an event or a person). */
    nextAt: timestamp('next_at', { withTimezone: true }),
    /** A follow-up after resolution (move_back: a returned bank takes its clients back). */
    followUp: text('follow_up'),
    /** The pass that holds it now, until claimedUntil. */
    claimToken: uuid('claim_token'),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull().defaultNow(),
    diagnosedAt: timestamp('diagnosed_at', { withTimezone: true }),
    healingAt: timestamp('healing_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    resolution: text('resolution'),
    resolvedBy: text('resolved_by'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: text('acknowledged_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('incidents_open_once').on(t.cause, t.objectKey).where(sql`${t.state} NOT IN ('resolved')`),
    uniqueIndex('incidents_once_per_event').on(t.cause, t.eventId).where(sql`${t.eventId} IS NOT NULL`),
    index('incidents_tenant_idx').on(t.tenantId, t.id),
    index('incidents_due_idx').on(t.nextAt).where(sql`${t.nextAt} IS NOT NULL`),
    index('incidents_detected_idx').on(t.detectedAt),
    check(
      'incidents_cause',
      sql`${t.cause} IN ('card_failure', 'bankd_loss', 'client_request', 'silent_router', 'remsim_drift')`,
    ),
    check('incidents_severity', sql`${t.severity} IN ('info', 'warning', 'critical')`),
    check('incidents_state', sql`${t.state} IN ('detected', 'diagnosing', 'healing', 'resolved', 'escalated')`),
  ],
);

/** Every attempt to heal an incident: the action, when, how it ended. */
export const incidentAttempts = pgTable(
  'incident_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: bigint('incident_id', { mode: 'number' })
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    tenantId: integer('tenant_id'),
    /** reassign, lock_card, move_back, queue_restart, escalate, wait_reconciler, observed */
    action: text('action').notNull(),
    /** pending (a move reserved, under way), success, failed, skipped */
    result: text('result').notNull(),
    /** The client it moved (cooldowns and the hourly limit count these). */
    clientId: text('client_id'),
    moved: boolean('moved').notNull().default(false),
    detail: text('detail'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('incident_attempts_incident_idx').on(t.incidentId, t.id),
    index('incident_attempts_moves_idx').on(t.tenantId, t.startedAt).where(sql`${t.moved}`),
    index('incident_attempts_client_idx').on(t.clientId, t.startedAt).where(sql`${t.moved}`),
    check('incident_attempts_result', sql`${t.result} IN ('pending', 'success', 'failed', 'skipped')`),
  ],
);

/** A tenant's playbooks (what it changed; the defaults fill the rest: healing.playbooks.ts). */
export const healingSettings = pgTable('healing_settings', {
  tenantId: integer('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  playbooks: jsonb('playbooks').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The engine's place in the event outbox (one row). */
export const healingState = pgTable('healing_state', {
  id: integer('id').primaryKey(),
  lastEventId: bigint('last_event_id', { mode: 'number' }).notNull(),
  /** With last_event_id, the last event read in (txid, id) order (the events module's outboxAfter). */
  lastTxid: bigint('last_txid', { mode: 'number' }).notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
