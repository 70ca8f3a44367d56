// SQL of the client lifecycle: allocation with row locks, identities, heartbeats in batches,
// unregistration and the offline sweep. Every function takes the transaction it runs in.
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { rowsOf, type Sql, SqlTime } from '../../app/database.js';
import { Nullable } from '../../app/schemas.js';

const Int = Type.Integer();
const Str = Type.String();

const ChangedRow = Type.Object({ changed: Int });
const ProfileSourceRow = Type.Object({ profile_id: Str, tenant_id: Int, client_ip_address: Nullable(Str) });
/** A row of ionmesh_heartbeats (ord from 1). */
const TouchedRow = Type.Object({
  ord: Int,
  profile_id: Str,
  tenant_id: Int,
  refused: Type.Boolean(),
  /** A command waits in the queue for this profile (hand it over in the same unit). */
  commands_waiting: Type.Boolean(),
  /** An enforcing IMEI binding refused it: the modem reports another IMEI than the bound one. */
  imei_locked: Type.Boolean(),
  bank_id: Int,
  slot_id: Int,
  imei: Nullable(Str),
  bound_imei: Nullable(Str),
});
const WentOfflineRow = Type.Object({ profile_id: Str, client_id: Str, tenant_id: Int });
const HeldConfigRow = Type.Object({
  mapping_mode: Str,
  mcc_mnc: Nullable(Str),
  tenant_id: Int,
  move_on_config_mismatch: Type.Boolean(),
});

/** Who a profile is and where it sits: its client, mode, bank slot and RSPRO identity. */
export const identityFields = {
  profile_id: Str,
  tenant_id: Int,
  client_id: Str,
  mapping_mode: Str,
  bank_id: Int,
  slot_id: Int,
  rspro_client_id: Int,
  rspro_slot_nr: Int,
};
const assignmentFields = {
  ...identityFields,
  iccid: Nullable(Str),
  imsi: Nullable(Str),
  bankd_endpoint: Nullable(Str),
  ki_pool_id: Nullable(Int),
  pool_name: Nullable(Str),
  pool_carrier: Nullable(Str),
  pool_mcc_mnc: Nullable(Str),
};
export const AssignmentRow = Type.Object(assignmentFields);
export type AssignmentRow = Static<typeof AssignmentRow>;

/** ionmesh_register's row: an assignment (existing or new), or only the reason there is none. */
const RegisterRow = Type.Object({
  source: Type.Union(['existing', 'new', 'no_tenant', 'no_slot', 'no_pool', 'pool_full', 'denied'].map((s) => Type.Literal(s))),
  ...Object.fromEntries(Object.entries(assignmentFields).map(([k, v]) => [k, Nullable(v)])),
});

export interface RegisterWish {
  tenantId: number;
  clientId: string;
  mappingMode: string;
  mccMnc: string | null;
  /** A carrier name hint (KI proxy pools are matched on it when given). */
  carrier: string | null;
  /** Banks to try first, in order (the request's, then the deciding policy's). */
  preferredBankIds: number[];
  /** fill-first | least-loaded | round-robin */
  balance: string;
  /** The assignment policy that decided, recorded on the profile. */
  policyId: number | null;
  hardwareInfo: unknown;
  clientIp: string | null;
  actor: string;
  requestId: string | null;
}

export type RegisterOutcome =
  | (AssignmentRow & { source: 'existing' })
  | (AssignmentRow & { source: 'new' })
  | { source: 'no_tenant' }
  | { source: 'no_slot' }
  | { source: 'no_pool' }
  | { source: 'pool_full' }
  | { source: 'denied' };

/**
 * The whole registration in one call of ionmesh_register (drizzle/0002): the client's existing
 * assignment, or one available slot of the tenant locked with SKIP LOCKED, its RSPRO identity,
 * the profile, the slot status, the slot health log and the audit entry. A PL/pgSQL function
 * keeps its plans prepared, which on PGlite is most of the cost of this statement.
 */
/** Which mapping modes could serve a new client of the tenant now (for the carrier, when one is
 * asked): a free card on an active bank and bankd for the one-to-one modes; a pool of the carrier
 * with room and a free virtual slot for KI_PROXY_SWSIM. */
export async function servableModes(db: Sql, tenantId: number, mccMnc: string | null) {
  const [r] = await rowsOf(
    db,
    Type.Object({ one_to_one: Type.Boolean(), ki_proxy: Type.Boolean() }),
    sql`SELECT EXISTS (
              SELECT 1 FROM inventory_slots s
                JOIN inventory_banks b ON b.bank_id = s.bank_id AND b.tenant_id = ${tenantId} AND b.status = 'active'
                JOIN inventory_bankds bi ON bi.id = b.bankd_instance_id AND bi.status = 'active'
               WHERE s.status = 'available' AND s.card_type = 'REGULAR'
                 AND (${mccMnc}::text IS NULL OR s.mcc_mnc = ${mccMnc}::text)) AS one_to_one,
            (${mccMnc}::text IS NOT NULL AND EXISTS (
              SELECT 1 FROM kiproxy_pools kp
               WHERE kp.tenant_id = ${tenantId} AND kp.enabled AND kp.mcc_mnc = ${mccMnc}::text
                 AND kp.current_virtual_sims < kp.capacity
                 AND EXISTS (SELECT 1 FROM kiproxy_virtual_slots v WHERE v.pool_id = kp.id AND NOT v.in_use))) AS ki_proxy`,
  );
  return [
    ...(r?.one_to_one ? (['ONE_TO_ONE_SWSIM', 'ONE_TO_ONE_VSIM'] as const) : []),
    ...(r?.ki_proxy ? (['KI_PROXY_SWSIM'] as const) : []),
  ];
}

export async function registerClient(tx: Sql, w: RegisterWish): Promise<RegisterOutcome> {
  const hw = w.hardwareInfo === undefined ? null : JSON.stringify(w.hardwareInfo);
  const [row] = await rowsOf(
    tx,
    RegisterRow,
    sql`SELECT * FROM ionmesh_register(${w.tenantId}::int, ${w.clientId}::text, ${w.mappingMode}::text,
          ${w.mccMnc}::text, ${sql.param(w.preferredBankIds)}::int[], ${hw}::jsonb, ${w.clientIp}::text, ${w.actor}::text,
          ${w.requestId}::text, ${w.carrier}::text, ${w.balance}::text, ${w.policyId}::int)`,
  );
  if (!row) throw new Error('ionmesh_register returned no row');
  // Checked above; the function fills every assignment field exactly when source is existing or new.
  return row as unknown as RegisterOutcome;
}

export const DeactivatedProfile = Type.Object({ ...identityFields, ki_pool_id: Nullable(Int) });
export type DeactivatedProfile = Static<typeof DeactivatedProfile>;

export async function deactivateProfiles(tx: Sql, clientId: string, tenantId: number | null) {
  const tenant = tenantId === null ? sql`` : sql`AND tenant_id = ${tenantId}`;
  return rowsOf(
    tx,
    DeactivatedProfile,
    sql`UPDATE service_profiles SET status = 'DEACTIVATED', deactivated_at = now()
        WHERE client_id = ${clientId} AND status = 'ACTIVE' ${tenant}
        RETURNING profile_id, tenant_id, client_id, bank_id, slot_id, mapping_mode, rspro_client_id, rspro_slot_nr,
                  ki_pool_id`,
  );
}

export interface HeartbeatInput {
  clientId: string;
  tenantId: number | null;
  health: string;
  stats: unknown;
  hardwareInfo: unknown;
  clientIp: string | null;
  /** The caller proved itself (a client key or the profile's token): no source checks. */
  trusted?: boolean;
  /** Answers to commands handed over before, recorded with the heartbeat when it is accepted. */
  acks?: Array<{ id: number; status?: 'ok' | 'failed'; result?: unknown }>;
}

export interface Touched {
  ord: number;
  profile_id: string;
  tenant_id: number;
  /** The profile's tenant does not accept this caller's source: nothing was written. */
  refused: boolean;
  /** A command waits in the queue for this profile: the batch hands it over. */
  commands_waiting?: boolean;
  /** Commands handed over (marked delivered) by this heartbeat's batch: its answer carries them. */
  commands?: Array<{ id: number; type: string; payload: unknown }>;
  /** An enforcing IMEI binding refused it (nothing was written); the card and the IMEIs. */
  imei_locked?: boolean;
  bank_id?: number;
  slot_id?: number;
  imei?: string | null;
  bound_imei?: string | null;
}

/** Active profiles of a client (in a tenant, when given), with the address that last spoke for it. */
export function activeProfilesOf(db: Sql, clientId: string, tenantId: number | null) {
  return rowsOf(
    db,
    ProfileSourceRow,
    sql`SELECT profile_id, tenant_id, client_ip_address FROM service_profiles
        WHERE client_id = ${clientId} AND status = 'ACTIVE' AND (${tenantId}::int IS NULL OR tenant_id = ${tenantId}::int)`,
  );
}

/**
 * Applies many heartbeats in one call of ionmesh_heartbeats (drizzle/0002): marks each client's
 * active profiles online, stores stats, and logs liveness and health changes. Returns, per input
 * index (0-based), the profiles it touched. Inputs must have distinct (clientId, tenantId).
 */
export async function applyHeartbeats(tx: Sql, inputs: HeartbeatInput[]) {
  const doc = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  // sql.param keeps an array one parameter (a plain array would expand into a list).
  const array = <T>(pick: (h: HeartbeatInput) => T) => sql.param(inputs.map(pick));
  const touched = await rowsOf(
    tx,
    TouchedRow,
    sql`SELECT * FROM ionmesh_heartbeats(
          ${array((h) => h.clientId)}::text[], ${array((h) => h.tenantId)}::int[],
          ${array((h) => h.health)}::text[], ${array((h) => doc(h.stats))}::jsonb[],
          ${array((h) => doc(h.hardwareInfo))}::jsonb[], ${array((h) => h.clientIp)}::text[],
          ${array((h) => h.trusted ?? false)}::boolean[])`,
  );
  return touched.map((t): Touched => ({ ...t, ord: t.ord - 1 }));
}

/**
 * The profile table in 64 slices by the first two hex digits of profile_id (a primary-key range
 * each, about 1,600 rows of 100,000): jobs that scan every profile do it one slice per
 * statement, so on PGlite's single connection a request never waits behind a scan of the whole
 * fleet.
 */
const PROFILE_SLICE_COUNT = 64;
const uuidAt = (i: number) =>
  `${(i * (256 / PROFILE_SLICE_COUNT)).toString(16).padStart(2, '0')}000000-0000-0000-0000-000000000000`;
export const PROFILE_SLICES = Array.from({ length: PROFILE_SLICE_COUNT }, (_, i) => ({
  from: uuidAt(i),
  to: i === PROFILE_SLICE_COUNT - 1 ? null : uuidAt(i + 1),
}));
export type ProfileSlice = (typeof PROFILE_SLICES)[number];
export const inSlice = (s: ProfileSlice) =>
  s.to === null ? sql`profile_id >= ${s.from}::uuid` : sql`profile_id >= ${s.from}::uuid AND profile_id < ${s.to}::uuid`;

/** Marks online clients of a slice without a heartbeat for offlineAfterSec as offline; safe in parallel. */
export async function sweepOffline(tx: Sql, offlineAfterSec: number, slice: ProfileSlice) {
  const changed = await rowsOf(
    tx,
    WentOfflineRow,
    sql`WITH changed AS (
          UPDATE service_profiles SET liveness = 'offline', liveness_changed_at = now()
          WHERE ${inSlice(slice)} AND status = 'ACTIVE' AND liveness = 'online' AND NOT rspro_connected
            AND (last_heartbeat IS NULL OR last_heartbeat < now() - make_interval(secs => ${offlineAfterSec}))
          RETURNING profile_id, tenant_id, client_id, bank_id, slot_id),
        logged AS (
          INSERT INTO health_log (tenant_id, profile_id, client_id, bank_id, slot_id, kind, old_status, new_status, reason)
          SELECT tenant_id, profile_id, client_id, bank_id, slot_id, 'client_liveness', 'online', 'offline',
                 ${`no heartbeat for ${offlineAfterSec} s`}
          FROM changed
          RETURNING 1),
        evented AS (
          INSERT INTO events_outbox (type, tenant_id, data)
          SELECT 'client.offline', tenant_id,
                 jsonb_build_object('profile_id', profile_id, 'client_id', client_id, 'previous', 'online',
                                    'reason', ${`no heartbeat for ${offlineAfterSec} s`}::text)
          FROM changed
          RETURNING 1)
        SELECT profile_id, client_id, tenant_id FROM changed`,
  );
  return changed;
}

const ProfileForMove = Type.Object({
  ...identityFields,
  /** Null: the client never heartbeats (the deployed OpenWRT client). */
  last_heartbeat: Nullable(SqlTime),
  mcc_mnc: Nullable(Str),
  remsim_server_id: Nullable(Int),
  bankd_instance_id: Nullable(Int),
  hardware_info: Type.Unknown(),
  ki_pool_id: Nullable(Int),
  pool_mcc_mnc: Nullable(Str),
});
export type ProfileForMove = Static<typeof ProfileForMove>;

/** The client's active profiles, locked for a change. */
export const lockActiveProfiles = (tx: Sql, clientId: string, tenantId: number | null) =>
  rowsOf(
    tx,
    ProfileForMove,
    sql`SELECT p.profile_id, p.tenant_id, p.client_id, p.mapping_mode, p.bank_id, p.slot_id, p.rspro_client_id,
               p.rspro_slot_nr, p.last_heartbeat, s.mcc_mnc, bi.remsim_server_id, b.bankd_instance_id,
               p.client_hardware_info AS hardware_info, p.ki_pool_id, kp.mcc_mnc AS pool_mcc_mnc
        FROM service_profiles p
        LEFT JOIN kiproxy_pools kp ON kp.id = p.ki_pool_id
        LEFT JOIN inventory_slots s ON s.bank_id = p.bank_id AND s.slot_id = p.slot_id
        JOIN inventory_banks b ON b.bank_id = p.bank_id
        LEFT JOIN inventory_bankds bi ON bi.id = b.bankd_instance_id
        WHERE p.client_id = ${clientId} AND p.status = 'ACTIVE' ${tenantId === null ? sql`` : sql`AND p.tenant_id = ${tenantId}`}
        ORDER BY p.tenant_id
        FOR UPDATE OF p`,
  );

const SlotForMove = Type.Object({
  bank_id: Int,
  slot_id: Int,
  status: Str,
  card_type: Str,
  iccid: Nullable(Str),
  imsi: Nullable(Str),
  endpoint: Nullable(Str),
  remsim_server_id: Nullable(Int),
  usable: Type.Boolean(),
});
export type SlotForMove = Static<typeof SlotForMove>;

/** A target slot of the tenant, locked: the one named, or the first available one (of a carrier
 * or bank if given), skipping slots locked by concurrent allocations. */
export function lockTargetSlot(
  tx: Sql,
  tenantId: number,
  want: {
    bankId?: number;
    slotId?: number;
    mccMnc?: string | null;
    notBank: number;
    notSlot: number;
    /** Only banks whose bankd the remsim-server lists (or has not been seen yet) and not these banks. */
    connectedOnly?: boolean;
    avoidBanks?: number[];
    /** Only banks served by another bankd instance than this one. */
    otherBankdThan?: number | null;
    /** The deciding assignment policy's choice, as registration applies it (ionmesh_register):
     * its preferred banks first, then its load balancing. */
    preferBanks?: number[];
    balance?: 'fill-first' | 'least-loaded' | 'round-robin';
  },
) {
  const named = want.slotId !== undefined && want.bankId !== undefined;
  const balance = named ? 'fill-first' : (want.balance ?? 'fill-first');
  return rowsOf(
    tx,
    SlotForMove,
    sql`SELECT s.bank_id, s.slot_id, s.status, s.card_type, s.iccid, s.imsi, bi.endpoint, bi.remsim_server_id,
               (b.status = 'active' AND bi.status = 'active') AS usable
        FROM inventory_slots s
        JOIN inventory_banks b ON b.bank_id = s.bank_id
        LEFT JOIN inventory_bankds bi ON bi.id = b.bankd_instance_id
        WHERE b.tenant_id = ${tenantId}
          ${named ? sql`AND s.bank_id = ${want.bankId} AND s.slot_id = ${want.slotId}` : sql`AND s.status = 'available' AND s.card_type = 'REGULAR' AND b.status = 'active' AND bi.status = 'active' AND NOT (s.bank_id = ${want.notBank} AND s.slot_id = ${want.notSlot})`}
          ${!named && want.bankId !== undefined ? sql`AND s.bank_id = ${want.bankId}` : sql``}
          ${!named && want.mccMnc ? sql`AND s.mcc_mnc = ${want.mccMnc}` : sql``}
          ${!named && want.connectedOnly ? sql`AND b.bankd_connected IS NOT FALSE` : sql``}
          ${!named && want.avoidBanks?.length ? sql`AND s.bank_id <> ALL(${sql.param(want.avoidBanks)}::int[])` : sql``}
          ${!named && want.otherBankdThan != null ? sql`AND b.bankd_instance_id IS DISTINCT FROM ${want.otherBankdThan}` : sql``}
        ORDER BY COALESCE(array_position(${sql.param(named ? [] : (want.preferBanks ?? []))}::int[], s.bank_id), 2147483647),
                 ${
                   balance === 'least-loaded'
                     ? sql`(SELECT -count(*) FROM inventory_slots f WHERE f.bank_id = s.bank_id AND f.status = 'available'),`
                     : balance === 'round-robin'
                       ? sql`(s.bank_id <= COALESCE((SELECT q.bank_id FROM service_profiles q
                                                      WHERE q.tenant_id = ${tenantId} AND q.ki_pool_id IS NULL
                                                      ORDER BY q.created_at DESC LIMIT 1), 0))::int,`
                       : sql``
                 }
                 s.bank_id, s.slot_id
        LIMIT 1
        FOR UPDATE OF s ${named ? sql`` : sql`SKIP LOCKED`}`,
  );
}

/** A KI proxy profile moved to another virtual slot: its virtual ICCID and IMSI follow the slot
 * (as registration makes them); its RSPRO identity stays. */
export async function moveVirtualProfile(
  tx: Sql,
  p: { profileId: string; tenantId: number; poolId: number; mccMnc: string; bankId: number; slotId: number },
) {
  const [row] = await rowsOf(
    tx,
    Type.Object({ iccid: Str, imsi: Str }),
    sql`UPDATE service_profiles SET bank_id = ${p.bankId}, slot_id = ${p.slotId}, ki_pool_id = ${p.poolId},
               virtual_iccid = ionmesh_virtual_iccid(${p.tenantId}, ${p.bankId}, ${p.slotId}),
               virtual_imsi = ionmesh_virtual_imsi(${p.mccMnc}, ${p.bankId}, ${p.slotId})
         WHERE profile_id = ${p.profileId}
         RETURNING virtual_iccid AS iccid, virtual_imsi AS imsi`,
  );
  return row as { iccid: string; imsi: string };
}

export async function moveProfile(tx: Sql, profileId: string, bankId: number, slotId: number) {
  await tx.execute(sql`UPDATE service_profiles SET bank_id = ${bankId}, slot_id = ${slotId} WHERE profile_id = ${profileId}`);
}

/** What a profile holds (mode, the card's or pool's MCC/MNC) and its tenant's move setting. */
export async function assignedConfig(db: Sql, profileId: string) {
  const [r] = await rowsOf(
    db,
    HeldConfigRow,
    sql`SELECT p.mapping_mode, COALESCE(kp.mcc_mnc, s.mcc_mnc) AS mcc_mnc, p.tenant_id, t.move_on_config_mismatch
        FROM service_profiles p
        JOIN inventory_tenants t ON t.id = p.tenant_id
        LEFT JOIN inventory_slots s ON s.bank_id = p.bank_id AND s.slot_id = p.slot_id
        LEFT JOIN kiproxy_pools kp ON kp.id = p.ki_pool_id
        WHERE p.profile_id = ${profileId} AND p.status = 'ACTIVE'
        FOR UPDATE OF p`,
  );
  return r ?? null;
}

/** Records what the client asked for (null: what it holds); true when that changed. */
export async function recordRequestedConfig(
  db: Sql,
  profileId: string,
  asked: { mapping_mode: string; mcc_mnc: string | null } | null,
) {
  const changed = await rowsOf(
    db,
    ChangedRow,
    sql`UPDATE service_profiles SET requested_mapping_mode = ${asked?.mapping_mode ?? null},
          requested_mcc_mnc = ${asked?.mcc_mnc ?? null}, config_mismatch = ${asked !== null}
        WHERE profile_id = ${profileId}
          AND (requested_mapping_mode, requested_mcc_mnc, config_mismatch)
              IS DISTINCT FROM (${asked?.mapping_mode ?? null}::text, ${asked?.mcc_mnc ?? null}::text, ${asked !== null})
        RETURNING 1 AS changed`,
  );
  return changed.length > 0;
}

// --- RSPRO presence (the reconciler reports what a remsim-server lists)

/** Sets rspro_connected of the given profiles, and their liveness: connected is online; a
 * router that left and has no recent heartbeat is offline. Liveness changes are logged. */
export async function applyRsproPresence(
  db: Sql,
  changes: Array<{ profileId: string; connected: boolean }>,
  offlineAfterSec: number,
) {
  if (changes.length === 0) return [];
  const ids = sql.param(changes.map((c) => c.profileId));
  const connected = sql.param(changes.map((c) => c.connected));
  return rowsOf(
    db,
    Type.Object({ profile_id: Str, client_id: Str, tenant_id: Int, old: Str, new: Str }),
    sql`WITH input AS (SELECT * FROM unnest(${ids}::uuid[], ${connected}::boolean[]) AS u(profile_id, connected)),
        target AS (
          SELECT p.profile_id, p.tenant_id, p.client_id, p.bank_id, p.slot_id, p.liveness AS old, i.connected,
                 CASE WHEN i.connected THEN 'online'
                      WHEN p.liveness = 'online' AND (p.last_heartbeat IS NULL
                           OR p.last_heartbeat < now() - make_interval(secs => ${offlineAfterSec})) THEN 'offline'
                      ELSE p.liveness END AS new
          FROM input i JOIN service_profiles p ON p.profile_id = i.profile_id AND p.status = 'ACTIVE'
          WHERE p.rspro_connected <> i.connected
          FOR UPDATE OF p),
        updated AS (
          UPDATE service_profiles p SET rspro_connected = t.connected, rspro_connected_since = now(),
            liveness = t.new,
            liveness_changed_at = CASE WHEN t.new <> t.old THEN now() ELSE p.liveness_changed_at END
          FROM target t WHERE p.profile_id = t.profile_id
          RETURNING 1),
        logged AS (
          INSERT INTO health_log (tenant_id, profile_id, client_id, bank_id, slot_id, kind, old_status, new_status, reason)
          SELECT tenant_id, profile_id, client_id, bank_id, slot_id, 'client_liveness', old, new,
                 CASE WHEN connected THEN 'RSPRO connected' ELSE 'RSPRO disconnected' END
          FROM target WHERE new <> old
          RETURNING 1),
        evented AS (
          INSERT INTO events_outbox (type, tenant_id, data)
          SELECT 'client.' || new, tenant_id,
                 jsonb_build_object('profile_id', profile_id, 'client_id', client_id, 'previous', old,
                                    'reason', CASE WHEN connected THEN 'RSPRO connected' ELSE 'RSPRO disconnected' END)
          FROM target WHERE new <> old
          RETURNING 1)
        SELECT profile_id, client_id, tenant_id, old, new FROM target`,
  );
}
