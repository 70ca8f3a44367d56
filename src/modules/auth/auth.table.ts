// API keys: stored as SHA-256 hashes; the visible prefix lets an operator recognise a key.
import { sql } from 'drizzle-orm';
import { check, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { tenants } from '../inventory/inventory.table.js';

export const apiKeys = pgTable(
  'api_keys',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    role: text('role').notNull().default('admin'),
    tenantId: integer('tenant_id').references(() => tenants.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('api_keys_hash_key').on(t.keyHash),
    check('api_keys_role', sql`${t.role} IN ('admin', 'tenant-admin', 'operator', 'readonly', 'client')`),
    // An admin key spans tenants; a tenant-admin key belongs to one.
    check(
      'api_keys_scope',
      sql`(${t.role} <> 'admin' OR ${t.tenantId} IS NULL) AND (${t.role} <> 'tenant-admin' OR ${t.tenantId} IS NOT NULL)`,
    ),
  ],
);
