// Inventory tables: tenants, bankd instances, SIM banks and their slots.
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const tenants = pgTable(
  'tenants',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tenants_name_key').on(t.name), check('tenants_id_positive', sql`${t.id} >= 1`)],
);

export const bankdInstances = pgTable(
  'bankd_instances',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    endpoint: text('endpoint').notNull(),
    remsimServerUrl: text('remsim_server_url'),
    status: text('status').notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('bankd_instances_name_key').on(t.name),
    check('bankd_instances_status', sql`${t.status} IN ('active', 'disabled')`),
  ],
);

export const simBanks = pgTable(
  'sim_banks',
  {
    bankId: integer('bank_id').primaryKey(),
    name: text('name').notNull(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    bankdInstanceId: integer('bankd_instance_id').references(() => bankdInstances.id),
    status: text('status').notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('sim_banks_bank_id_range', sql`${t.bankId} BETWEEN 1 AND 1023`),
    check('sim_banks_status', sql`${t.status} IN ('active', 'offline', 'disabled')`),
    index('sim_banks_tenant_idx').on(t.tenantId),
  ],
);

export const slots = pgTable(
  'slots',
  {
    bankId: integer('bank_id')
      .notNull()
      .references(() => simBanks.bankId, { onDelete: 'cascade' }),
    slotId: integer('slot_id').notNull(),
    iccid: text('iccid'),
    imsi: text('imsi'),
    carrier: text('carrier'),
    mccMnc: text('mcc_mnc'),
    cardType: text('card_type').notNull().default('REGULAR'),
    readerName: text('reader_name'),
    status: text('status').notNull().default('available'),
    healthStatus: text('health_status').notNull().default('unknown'),
    lastHealthCheck: timestamp('last_health_check', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.bankId, t.slotId] }),
    check('slots_slot_id_range', sql`${t.slotId} BETWEEN 0 AND 1023`),
    check('slots_status', sql`${t.status} IN ('available', 'assigned', 'faulty', 'disabled')`),
    check('slots_card_type', sql`${t.cardType} IN ('REGULAR', 'KI_PROXY_MASTER')`),
    uniqueIndex('slots_iccid_key').on(t.iccid),
    // Allocation takes the first available slot in (bank, slot) order, optionally of one carrier.
    index('slots_available_idx').on(t.mccMnc, t.bankId, t.slotId).where(sql`${t.status} = 'available'`),
    index('slots_available_by_bank_idx').on(t.bankId, t.slotId).where(sql`${t.status} = 'available'`),
  ],
);
