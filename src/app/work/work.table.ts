// Claimed work (decision 0020): what must happen to an object, claimed by one process at a time
// with a lease and a token, tried and retried with back-off, every attempt kept.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
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

export const workItems = pgTable(
  'work_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The module whose decision this work carries out (usage, bulk-jobs, healing …). */
    owner: text('owner').notNull(),
    /** What is to be done, one handler per kind (usage.threshold_action …). */
    kind: text('kind').notNull(),
    /** What it is done to: slot:<bank>/<slot>, client:<id>, server:<id>, job:<id>/<seq> … */
    object: text('object').notNull(),
    /** Null: installation-wide (only unscoped keys read it). */
    tenantId: integer('tenant_id'),
    /** One item per kind and key at most (a firing, a job item): enqueuing it again is a no-op. */
    key: text('key'),
    payload: jsonb('payload').notNull().default({}),
    /** pending → claimed → done | failed (the handler said it cannot be done) | escalated (out of attempts). */
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    /** When it may be claimed (pending), or when the claim was taken (claimed). */
    nextAt: timestamp('next_at', { withTimezone: true }).notNull().defaultNow(),
    /** The process holding it, its token (checked at completion) and how long the claim holds unless renewed. */
    claimedBy: text('claimed_by'),
    claimToken: uuid('claim_token'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    /** What the last attempt answered, and its error. */
    result: jsonb('result'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('work_items_kind_key').on(t.kind, t.key),
    // What a claim looks at: open items by kind, in the order they are due.
    index('work_items_open').on(t.kind, t.nextAt).where(sql`state IN ('pending', 'claimed')`),
    index('work_items_object').on(t.object, t.id),
    index('work_items_finished').on(t.finishedAt).where(sql`finished_at IS NOT NULL`),
    check('work_items_state', sql`${t.state} IN ('pending', 'claimed', 'done', 'failed', 'escalated')`),
    check('work_items_claim', sql`(${t.state} = 'claimed') = (${t.claimToken} IS NOT NULL)`),
  ],
);

export const workAttempts = pgTable(
  'work_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    itemId: bigint('item_id', { mode: 'number' })
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    claimedBy: text('claimed_by').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** running, done, failed, retry (failed, tried again later), escalated, lost (its process stopped renewing the lease). */
    outcome: text('outcome').notNull().default('running'),
    detail: jsonb('detail'),
    error: text('error'),
  },
  (t) => [
    index('work_attempts_item').on(t.itemId, t.attempt),
    check('work_attempts_outcome', sql`${t.outcome} IN ('running', 'done', 'failed', 'retry', 'escalated', 'lost')`),
  ],
);
