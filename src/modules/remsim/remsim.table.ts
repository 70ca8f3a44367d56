// The slot mappings IonMesh itself created on a remsim-server. Only these are ever deleted as
// stale; every other map on the server belongs to someone else (REMSIM-SERVER.md).

import { boolean, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { remsimServers } from '../inventory/inventory.table.js';

export const remsimMappings = pgTable(
  'remsim_mappings',
  {
    serverId: integer('server_id')
      .notNull()
      .references(() => remsimServers.id, { onDelete: 'cascade' }),
    bankId: integer('bank_id').notNull(),
    bankSlot: integer('bank_slot').notNull(),
    clientId: integer('client_id').notNull(),
    clientSlot: integer('client_slot').notNull(),
    profileId: uuid('profile_id'),
    /** The server listed it ACTIVE once: its bankd has served it, and keeps serving it if the
     * map vanishes without a DELETE (a server restart): such a bank slot is flushed. */
    seenActive: boolean('seen_active').notNull().default(false),
    /** assignment: a map of an assignment; flush: a map to a reserved identity that makes the
     * bankd drop what it served on that bank slot (deleted once ACTIVE). */
    purpose: text('purpose').notNull().default('assignment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.serverId, t.bankId, t.bankSlot, t.clientId, t.clientSlot] })],
);
