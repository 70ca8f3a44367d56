// Domain events, written in the transaction of the change they describe (an outbox).
import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    tenantId: integer('tenant_id'),
    data: jsonb('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The writing transaction's id: readers take events whose transaction ended (below the
     * snapshot's xmin), in (txid, id) order, so no event of a transaction still open is passed. */
    txid: bigint('txid', { mode: 'number' }).notNull().default(sql`(pg_current_xact_id()::text::bigint)`),
  },
  (t) => [
    index('events_type_idx').on(t.type, t.id),
    index('events_tenant_idx').on(t.tenantId, t.id),
    index('events_txid_idx').on(t.txid, t.id),
  ],
);
