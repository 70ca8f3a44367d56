// Inventory tables: tenants, bankd instances, SIM banks and their slots.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const tenants = pgTable(
  'tenants',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    // Who may register keyless clients for this tenant (docs/security.md): open (anyone), cidr
    // (from enrollment_cidrs), key (a client API key). New tenants start closed (key).
    enrollmentMode: text('enrollment_mode').notNull().default('key'),
    enrollmentCidrs: text('enrollment_cidrs').array().notNull().default(sql`'{}'::text[]`),
    // Heartbeats and unregistrations of a keyless client only from the address that registered it.
    bindClientSource: boolean('bind_client_source').notNull().default(true),
    /** A client that registers again asking for another mapping mode or MCC/MNC than it holds is
     * moved to a matching card (off: it keeps its assignment; the mismatch is recorded). */
    moveOnConfigMismatch: boolean('move_on_config_mismatch').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('tenants_name_key').on(t.name),
    check('tenants_id_positive', sql`${t.id} >= 1`),
    check('tenants_enrollment_mode', sql`${t.enrollmentMode} IN ('open', 'cidr', 'key')`),
  ],
);

// An osmo-remsim-server (its REST API) and the reconciler's view of it. The lease columns make
// one IonMesh process at a time reconcile it; `generation` counts assignment changes so that a
// change made while a pass runs is never missed (src/modules/remsim/reconciler.ts).
export const remsimServers = pgTable(
  'remsim_servers',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** The in-process emulator of the living demo, not a real server. */
    simulated: boolean('simulated').notNull().default(false),
    generation: bigint('generation', { mode: 'number' }).notNull().default(0),
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    reachable: boolean('reachable'),
    failures: integer('failures').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastPassAt: timestamp('last_pass_at', { withTimezone: true }),
    lastPassMs: integer('last_pass_ms'),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    lastError: text('last_error'),
    figures: jsonb('figures'),
    conflicts: jsonb('conflicts').notNull().default(sql`'[]'::jsonb`),
    /** Maps found stalled on the last pass (the server's push stall) and what was done. */
    stalled: jsonb('stalled').notNull().default(sql`'[]'::jsonb`),
    /** Maps IonMesh wants but cannot make (or removed) on the last pass, each with its reason. */
    invalid: jsonb('invalid').notNull().default(sql`'[]'::jsonb`),
    /** Running totals: stalls found, stalled maps repaired, bankd slots flushed. */
    stallsTotal: integer('stalls_total').notNull().default(0),
    repairsTotal: integer('repairs_total').notNull().default(0),
    flushesTotal: integer('flushes_total').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('remsim_servers_name_key').on(t.name), uniqueIndex('remsim_servers_url_key').on(t.url)],
);

export const bankdInstances = pgTable(
  'bankd_instances',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    endpoint: text('endpoint').notNull(),
    remsimServerId: integer('remsim_server_id').references(() => remsimServers.id),
    status: text('status').notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('bankd_instances_name_key').on(t.name),
    index('bankd_instances_remsim_idx').on(t.remsimServerId),
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
    // What the remsim-server says of this bank's bankd (GET /banks); null until first seen.
    bankdConnected: boolean('bankd_connected'),
    bankdConnectedSince: timestamp('bankd_connected_since', { withTimezone: true }),
    bankdSlots: integer('bankd_slots'),
    /** When the remsim-server first stopped listing this bank's bankd; it is called offline only
     * after a grace period (a server restart is not a bankd outage). */
    bankdMissingSince: timestamp('bankd_missing_since', { withTimezone: true }),
    /** The bankd has cards IonMesh has no data for: its slots without a known card are
     * assignable. Off: such a slot is `empty` until a card is imported or set. */
    unknownCardsPresent: boolean('unknown_cards_present').notNull().default(false),
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
    // Card metadata (the /sim-cards API): KI pool membership and free-form operator data.
    kiPoolName: text('ki_pool_name'),
    kiPoolPriority: integer('ki_pool_priority'),
    cardMetadata: jsonb('card_metadata'),
    status: text('status').notNull().default('available'),
    /** Why the remsim side cannot serve this slot now (beyond its bankd's slots, held by a map
     * IonMesh does not own), or null. A free card with a reason is `unserved`, never handed out
     * (the slots_card_state trigger); the reconciler sets and clears it. */
    unservedReason: text('unserved_reason'),
    healthStatus: text('health_status').notNull().default('unknown'),
    lastHealthCheck: timestamp('last_health_check', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.bankId, t.slotId] }),
    check('slots_slot_id_range', sql`${t.slotId} BETWEEN 0 AND 1023`),
    check('slots_status', sql`${t.status} IN ('available', 'assigned', 'faulty', 'disabled', 'empty', 'unserved')`),
    check('slots_card_type', sql`${t.cardType} IN ('REGULAR', 'KI_PROXY_MASTER', 'VIRTUAL')`),
    index('slots_ki_pool_name_idx').on(t.kiPoolName).where(sql`${t.kiPoolName} IS NOT NULL`),
    uniqueIndex('slots_iccid_key').on(t.iccid),
    // Allocation takes the first available slot in (bank, slot) order, optionally of one carrier.
    index('slots_available_idx').on(t.mccMnc, t.bankId, t.slotId).where(sql`${t.status} = 'available'`),
    index('slots_available_by_bank_idx').on(t.bankId, t.slotId).where(sql`${t.status} = 'available'`),
  ],
);
