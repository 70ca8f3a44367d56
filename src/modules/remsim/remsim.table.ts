// The slot mappings IonMesh itself created on a remsim-server. Only these are ever deleted as
// stale; every other map on the server belongs to someone else (REMSIM-SERVER.md).
import { integer, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.serverId, t.bankId, t.bankSlot, t.clientId, t.clientSlot] })],
);
