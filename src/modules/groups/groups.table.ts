// SIM groups and tags: cards and clients carry tags; a group of cards is explicit (its members
// listed) or a saved filter (carrier, bank, tag, KI pool, state) within its tenant. A group holds
// a plan; its thresholds live with the usage module's
// (usage_thresholds.group_id), its rotation policy with the rotation module's.
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { tenants } from '../inventory/inventory.table.js';
import { simPlans } from '../usage/usage.table.js';

export const simGroups = pgTable(
  'sim_groups',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    /** explicit: the members listed (group_members); filter: every card the filter matches. */
    kind: text('kind').notNull(),
    /** kind filter: { mcc_mnc?, bank_id?, tag?, pool_id?, state? } (all given must match). */
    filter: jsonb('filter'),
    /** Lower first when a card is in several groups (its plan comes from the first with one). */
    priority: integer('priority').notNull().default(100),
    planId: integer('plan_id').references(() => simPlans.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sim_groups_tenant_name_key').on(t.tenantId, t.name),
    check('sim_groups_kind', sql`${t.kind} IN ('explicit', 'filter')`),
    check('sim_groups_filter', sql`(${t.kind} = 'filter') = (${t.filter} IS NOT NULL)`),
    index('sim_groups_plan_idx').on(t.planId),
  ],
);

/** The cards of an explicit group. */
export const groupMembers = pgTable(
  'group_members',
  {
    groupId: integer('group_id')
      .notNull()
      .references(() => simGroups.id, { onDelete: 'cascade' }),
    bankId: integer('bank_id').notNull(),
    slotId: integer('slot_id').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.bankId, t.slotId] }), index('group_members_card_idx').on(t.bankId, t.slotId)],
);

const TAG = sql`'^[A-Za-z0-9][A-Za-z0-9._:/-]{0,62}$'`;

export const cardTags = pgTable(
  'card_tags',
  {
    bankId: integer('bank_id').notNull(),
    slotId: integer('slot_id').notNull(),
    tag: text('tag').notNull(),
    tenantId: integer('tenant_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.bankId, t.slotId, t.tag] }),
    index('card_tags_tag_idx').on(t.tenantId, t.tag),
    check('card_tags_tag', sql`${t.tag} ~ ${TAG}`),
  ],
);

export const clientTags = pgTable(
  'client_tags',
  {
    tenantId: integer('tenant_id').notNull(),
    clientId: text('client_id').notNull(),
    tag: text('tag').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.clientId, t.tag] }),
    index('client_tags_tag_idx').on(t.tenantId, t.tag),
    check('client_tags_tag', sql`${t.tag} ~ ${TAG}`),
  ],
);
