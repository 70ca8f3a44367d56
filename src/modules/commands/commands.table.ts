// Commands for clients (restart, re-register, switch slot, update config), handed over in the
// heartbeat answer and acknowledged by the client.
import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const COMMAND_TYPES = ['restart', 'reregister', 'switch_slot', 'update_config'] as const;

export const clientCommands = pgTable(
  'client_commands',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    profileId: uuid('profile_id').notNull(),
    clientId: text('client_id').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull().default(sql`'{}'::jsonb`),
    // pending | delivered | acknowledged | failed | expired
    status: text('status').notNull().default('pending'),
    result: jsonb('result'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  },
  (t) => [
    check('client_commands_type', sql`${t.type} IN ('restart', 'reregister', 'switch_slot', 'update_config')`),
    check('client_commands_status', sql`${t.status} IN ('pending', 'delivered', 'acknowledged', 'failed', 'expired')`),
    index('client_commands_pending_idx').on(t.profileId).where(sql`${t.status} = 'pending'`),
    index('client_commands_open_idx').on(t.expiresAt).where(sql`${t.status} IN ('pending', 'delivered')`),
    index('client_commands_client_idx').on(t.clientId, t.id),
  ],
);
