// Assignment policies per tenant (src/domain/assignment-policy.ts decides with them).
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { tenants } from '../inventory/inventory.table.js';

export const assignmentPolicies = pgTable(
  'assignment_policies',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    priority: integer('priority').notNull().default(100),
    enabled: boolean('enabled').notNull().default(true),
    conditions: jsonb('conditions').notNull().default(sql`'{}'::jsonb`),
    action: jsonb('action').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('assignment_policies_tenant_name_key').on(t.tenantId, t.name),
    index('assignment_policies_tenant_idx').on(t.tenantId, t.priority),
  ],
);
