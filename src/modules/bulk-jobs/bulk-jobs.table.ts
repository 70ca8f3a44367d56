// Bulk jobs: one action (disable a card, reassign a client, queue a command, …) run for every
// object a selector names (a group, a filter, a list of cards or clients, a client tag). The
// items are materialised when the job is created, then claimed in bounded batches with
// FOR UPDATE SKIP LOCKED by whichever replica's runner comes first; an item is marked running in
// its own commit before its action, so a crash never repeats it blindly (decision 0015).
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { tenants } from '../inventory/inventory.table.js';

export const bulkJobs = pgTable(
  'bulk_jobs',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    action: text('action').notNull(),
    /** The action's own parameters (validated by its schema when the job is created). */
    params: jsonb('params').notNull(),
    /** What the job was asked to run for (group_id, filter, cards, clients or client_tag). */
    selector: jsonb('selector').notNull(),
    /** card or client: what its items name. */
    target: text('target').notNull(),
    /** running, done (every item finished), cancelled. */
    state: text('state').notNull().default('running'),
    batchSize: integer('batch_size').notNull(),
    total: integer('total').notNull(),
    done: integer('done').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    cancelled: integer('cancelled').notNull().default(0),
    createdBy: text('created_by').notNull(),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('bulk_jobs_tenant_idx').on(t.tenantId, t.id),
    index('bulk_jobs_running_idx').on(t.id).where(sql`${t.state} = 'running'`),
    check('bulk_jobs_state', sql`${t.state} IN ('running', 'done', 'cancelled')`),
    check('bulk_jobs_target', sql`${t.target} IN ('card', 'client')`),
    check('bulk_jobs_batch', sql`${t.batchSize} BETWEEN 1 AND 1000`),
  ],
);

export const bulkJobItems = pgTable(
  'bulk_job_items',
  {
    jobId: integer('job_id')
      .notNull()
      .references(() => bulkJobs.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    bankId: integer('bank_id'),
    slotId: integer('slot_id'),
    clientId: text('client_id'),
    /** pending, running (claimed: its action may be under way), done, skipped, failed, cancelled. */
    state: text('state').notNull().default('pending'),
    reason: text('reason'),
    result: jsonb('result'),
    attempts: integer('attempts').notNull().default(0),
    claimedBy: text('claimed_by'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.seq] }),
    index('bulk_job_items_state_idx').on(t.jobId, t.state, t.seq),
    index('bulk_job_items_running_idx').on(t.claimedAt).where(sql`${t.state} = 'running'`),
    check('bulk_job_items_state', sql`${t.state} IN ('pending', 'running', 'done', 'skipped', 'failed', 'cancelled')`),
    check(
      'bulk_job_items_target',
      sql`(${t.clientId} IS NOT NULL AND ${t.bankId} IS NULL) OR (${t.clientId} IS NULL AND ${t.bankId} IS NOT NULL AND ${t.slotId} IS NOT NULL)`,
    ),
  ],
);
