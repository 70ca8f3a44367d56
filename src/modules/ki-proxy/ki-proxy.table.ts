// KI proxy pools: physical SIMs holding a carrier's keys (KI_PROXY_MASTER cards in a physical
// slot range of one bank) serving virtual SIMs in virtual slot segments (REMSIM-SERVER.md).
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { simBanks, tenants } from '../inventory/inventory.table.js';

export const ROUTING_MODES = ['round-robin', 'least-used', 'random'] as const;

export const kiProxyPools = pgTable(
  'ki_proxy_pools',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    poolName: text('pool_name').notNull(),
    carrier: text('carrier'),
    mccMnc: text('mcc_mnc').notNull(),
    bankId: integer('bank_id')
      .notNull()
      .references(() => simBanks.bankId),
    physicalSlotStart: integer('physical_slot_start').notNull(),
    physicalSlotEnd: integer('physical_slot_end').notNull(),
    routingMode: text('routing_mode').notNull().default('round-robin'),
    maxVirtualSims: integer('max_virtual_sims').notNull().default(6000),
    // Kept in the transaction of every registration and release, under the pool's row lock.
    currentVirtualSims: integer('current_virtual_sims').notNull().default(0),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ki_proxy_pools_tenant_name_key').on(t.tenantId, t.poolName),
    check('ki_proxy_pools_routing_mode', sql`${t.routingMode} IN ('round-robin', 'least-used', 'random')`),
    check(
      'ki_proxy_pools_physical_range',
      sql`${t.physicalSlotStart} BETWEEN 0 AND 1023 AND ${t.physicalSlotEnd} BETWEEN 0 AND 1023 AND ${t.physicalSlotStart} <= ${t.physicalSlotEnd}`,
    ),
    check('ki_proxy_pools_capacity', sql`${t.currentVirtualSims} >= 0 AND ${t.currentVirtualSims} <= ${t.maxVirtualSims}`),
    index('ki_proxy_pools_match_idx').on(t.tenantId, t.mccMnc),
  ],
);

export const kiPoolSegments = pgTable(
  'ki_pool_segments',
  {
    id: serial('id').primaryKey(),
    poolId: integer('pool_id')
      .notNull()
      .references(() => kiProxyPools.id, { onDelete: 'cascade' }),
    bankId: integer('bank_id')
      .notNull()
      .references(() => simBanks.bankId),
    virtualSlotStart: integer('virtual_slot_start').notNull(),
    virtualSlotEnd: integer('virtual_slot_end').notNull(),
  },
  (t) => [
    check(
      'ki_pool_segments_range',
      sql`${t.virtualSlotStart} BETWEEN 0 AND 1023 AND ${t.virtualSlotEnd} BETWEEN 0 AND 1023 AND ${t.virtualSlotStart} <= ${t.virtualSlotEnd}`,
    ),
    index('ki_pool_segments_pool_idx').on(t.poolId),
    index('ki_pool_segments_bank_idx').on(t.bankId),
  ],
);

// One row per virtual slot of a pool, so that the lowest free one is found through an index
// (O(log n)) instead of a scan of the pool's profiles. Rebuilt when a pool's segments change.
export const kiVirtualSlots = pgTable(
  'ki_virtual_slots',
  {
    poolId: integer('pool_id')
      .notNull()
      .references(() => kiProxyPools.id, { onDelete: 'cascade' }),
    bankId: integer('bank_id').notNull(),
    slotNr: integer('slot_nr').notNull(),
    /** Allocation order: segment order, then slot number. */
    ord: integer('ord').notNull(),
    inUse: boolean('in_use').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.bankId, t.slotNr] }),
    index('ki_virtual_slots_free_idx').on(t.poolId, t.ord).where(sql`NOT ${t.inUse}`),
  ],
);
