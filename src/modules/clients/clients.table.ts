// Service profiles (a client's assignment) and the slot/client health log.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { simBanks, tenants } from '../inventory/inventory.table.js';

export const serviceProfiles = pgTable(
  'service_profiles',
  {
    profileId: uuid('profile_id').primaryKey().defaultRandom(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id),
    clientId: text('client_id').notNull(),
    mappingMode: text('mapping_mode').notNull(),
    bankId: integer('bank_id')
      .notNull()
      .references(() => simBanks.bankId),
    slotId: integer('slot_id').notNull(),
    // The identity the router presents on RSPRO (register answer's bank_id/slot_id).
    rsproClientId: integer('rspro_client_id').notNull(),
    rsproSlotNr: integer('rspro_slot_nr').notNull(),
    status: text('status').notNull().default('ACTIVE'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    lastHeartbeat: timestamp('last_heartbeat', { withTimezone: true }),
    // unknown: registered, never heartbeated (the deployed client); online; offline.
    liveness: text('liveness').notNull().default('unknown'),
    livenessChangedAt: timestamp('liveness_changed_at', { withTimezone: true }),
    // Whether the remsim-server lists this profile's RSPRO identity as a connected client.
    rsproConnected: boolean('rspro_connected').notNull().default(false),
    rsproConnectedSince: timestamp('rspro_connected_since', { withTimezone: true }),
    healthStatus: text('health_status').notNull().default('unknown'),
    clientStats: jsonb('client_stats'),
    clientHardwareInfo: jsonb('client_hardware_info'),
    clientIpAddress: text('client_ip_address'),
    /** What the router asked for at its last registration, when that differs from what it holds
     * (it keeps its assignment: the deployed client must get the same answer). */
    requestedMappingMode: text('requested_mapping_mode'),
    requestedMccMnc: text('requested_mcc_mnc'),
    configMismatch: boolean('config_mismatch').notNull().default(false),
    // KI_PROXY_SWSIM: bank_id/slot_id hold the virtual slot; these its pool and virtual card
    // (unique among active profiles: profiles_one_active_per_virtual_iccid, drizzle/0007).
    kiPoolId: integer('ki_pool_id'),
    virtualIccid: text('virtual_iccid'),
    virtualImsi: text('virtual_imsi'),
    // The assignment policy that decided this profile, if any.
    policyId: integer('policy_id'),
    /** When it came to the card it holds (moved by a trigger, db/functions/62-profile-rules.sql). */
    cardSince: timestamp('card_since', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('service_profiles_status', sql`${t.status} IN ('ACTIVE', 'DEACTIVATED')`),
    check('service_profiles_liveness', sql`${t.liveness} IN ('unknown', 'online', 'offline')`),
    check('service_profiles_mode', sql`${t.mappingMode} IN ('ONE_TO_ONE_SWSIM', 'ONE_TO_ONE_VSIM', 'KI_PROXY_SWSIM')`),
    check('service_profiles_rspro_range', sql`${t.rsproClientId} BETWEEN 1 AND 1023 AND ${t.rsproSlotNr} BETWEEN 1 AND 1023`),
    // Invariants (ARCHITECTURE.md): one active profile per client and tenant, per slot, per
    // RSPRO identity. Bank ids are global, so identities are kept unique across servers.
    uniqueIndex('profiles_one_active_per_client').on(t.clientId, t.tenantId).where(sql`${t.status} = 'ACTIVE'`),
    uniqueIndex('profiles_one_active_per_slot').on(t.bankId, t.slotId).where(sql`${t.status} = 'ACTIVE'`),
    uniqueIndex('profiles_one_active_per_rspro_identity').on(t.rsproClientId, t.rsproSlotNr).where(sql`${t.status} = 'ACTIVE'`),
    // No index holds last_heartbeat: a heartbeat then changes no indexed column and the row is
    // updated in place (HOT; the table keeps free room per page, see drizzle/0003). The offline
    // sweep reads the active profiles instead, a few times a minute.
    index('profiles_liveness_idx').on(t.tenantId, t.liveness).where(sql`${t.status} = 'ACTIVE'`),
    index('profiles_tenant_idx').on(t.tenantId, t.status),
    index('profiles_ki_pool_idx').on(t.kiPoolId).where(sql`${t.status} = 'ACTIVE'`),
  ],
);

export const healthLog = pgTable(
  'health_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: integer('tenant_id'),
    profileId: uuid('profile_id'),
    clientId: text('client_id'),
    bankId: integer('bank_id'),
    slotId: integer('slot_id'),
    // client_liveness | client_health | slot_status | slot_health
    kind: text('kind').notNull(),
    oldStatus: text('old_status'),
    newStatus: text('new_status').notNull(),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('health_log_profile_idx').on(t.profileId, t.id),
    index('health_log_slot_idx').on(t.bankId, t.slotId, t.id),
    // The protection job reads the last hours of failures (health errors) by time.
    index('health_log_created_brin').using('brin', t.createdAt),
  ],
);
