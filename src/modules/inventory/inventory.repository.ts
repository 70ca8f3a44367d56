// SQL of the inventory: tenants, bankd instances, banks, slots and the client (profile) views.
import { Type } from '@sinclair/typebox';
import { and, asc, count, desc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import { rowsOf, type Sql } from '../../app/database.js';
import { likeContaining, likeLiteral } from '../../domain/like-pattern.js';
import { type Paged, type PageRequest, pageOf } from '../../domain/pagination.js';
import { healthLog, serviceProfiles } from '../clients/index.js';
import { kiProxyPools } from '../ki-proxy/index.js';
import { bankdInstances, remsimServers, simBanks, slots, tenants } from './inventory.table.js';

export async function paged<T>(
  items: Promise<T[]>,
  total: Promise<Array<{ n: number }>>,
  page: { limit: number; offset: number },
): Promise<Paged<T>> {
  const [list, [t]] = await Promise.all([items, total]);
  return { items: list, total: Number(t?.n ?? 0), ...page };
}

const where = (conds: Array<SQL | undefined>) => {
  const list = conds.filter((c): c is SQL => c !== undefined);
  return list.length ? and(...list) : undefined;
};

// --- tenants
/** Tenants; a tenant-scoped caller (scope) sees its own only. */
export const listTenants = (db: Sql, page: PageRequest, scope: number | null = null) => {
  const p = pageOf(page);
  const cond = scope === null ? undefined : eq(tenants.id, scope);
  return paged(
    db.select().from(tenants).where(cond).orderBy(asc(tenants.id)).limit(p.limit).offset(p.offset),
    db.select({ n: count() }).from(tenants).where(cond),
    p,
  );
};
export const getTenant = async (db: Sql, id: number) => (await db.select().from(tenants).where(eq(tenants.id, id)))[0] ?? null;

export async function tenantUsage(db: Sql, id: number) {
  const [r] = await rowsOf(
    db,
    Type.Object({ banks: Type.Integer(), profiles: Type.Integer() }),
    sql`SELECT (SELECT count(*)::int FROM sim_banks WHERE tenant_id = ${id}) AS banks,
               (SELECT count(*)::int FROM service_profiles WHERE tenant_id = ${id}) AS profiles`,
  );
  return r ?? { banks: 0, profiles: 0 };
}

/** Keeps the id sequence past explicitly chosen ids (tenant 1 is created with its id). */
export async function syncTenantSequence(db: Sql) {
  await db.execute(sql`SELECT setval(pg_get_serial_sequence('tenants', 'id'), GREATEST((SELECT max(id) FROM tenants), 1))`);
}

// --- bankd instances
const bankdColumns = {
  id: bankdInstances.id,
  name: bankdInstances.name,
  endpoint: bankdInstances.endpoint,
  remsimServerId: bankdInstances.remsimServerId,
  remsimServerUrl: remsimServers.url,
  status: bankdInstances.status,
  createdAt: bankdInstances.createdAt,
  updatedAt: bankdInstances.updatedAt,
};
/** bankd instances; a tenant-scoped caller (scope) sees those behind its own banks only. */
export const listBankds = (db: Sql, page: PageRequest, scope: number | null = null) => {
  const p = pageOf(page);
  const cond =
    scope === null
      ? undefined
      : sql`EXISTS (SELECT 1 FROM sim_banks b WHERE b.bankd_instance_id = ${bankdInstances.id} AND b.tenant_id = ${scope})`;
  return paged(
    db
      .select(bankdColumns)
      .from(bankdInstances)
      .leftJoin(remsimServers, eq(remsimServers.id, bankdInstances.remsimServerId))
      .where(cond)
      .orderBy(asc(bankdInstances.id))
      .limit(p.limit)
      .offset(p.offset),
    db.select({ n: count() }).from(bankdInstances).where(cond),
    p,
  );
};
export const getBankd = async (db: Sql, id: number) =>
  (
    await db
      .select(bankdColumns)
      .from(bankdInstances)
      .leftJoin(remsimServers, eq(remsimServers.id, bankdInstances.remsimServerId))
      .where(eq(bankdInstances.id, id))
  )[0] ?? null;

// --- banks
const bankColumns = {
  bankId: simBanks.bankId,
  name: simBanks.name,
  tenantId: simBanks.tenantId,
  bankdInstanceId: simBanks.bankdInstanceId,
  status: simBanks.status,
  bankdConnected: simBanks.bankdConnected,
  bankdConnectedSince: simBanks.bankdConnectedSince,
  bankdSlots: simBanks.bankdSlots,
  unknownCardsPresent: simBanks.unknownCardsPresent,
  createdAt: simBanks.createdAt,
  updatedAt: simBanks.updatedAt,
  // Qualified by hand: inside the subquery an unqualified bank_id would be the slot's own.
  slotCount: sql<number>`(SELECT count(*)::int FROM slots s WHERE s.bank_id = "sim_banks"."bank_id")`,
  slotsAvailable: sql<number>`(SELECT count(*)::int FROM slots s WHERE s.bank_id = "sim_banks"."bank_id" AND s.status = 'available')`,
  slotsEmpty: sql<number>`(SELECT count(*)::int FROM slots s WHERE s.bank_id = "sim_banks"."bank_id" AND s.status = 'empty')`,
};

export interface BankFilter extends PageRequest {
  tenant_id?: number;
  bankd_instance_id?: number;
  status?: string;
}
export const listBanks = (db: Sql, f: BankFilter) => {
  const p = pageOf(f);
  const cond = where([
    f.tenant_id !== undefined ? eq(simBanks.tenantId, f.tenant_id) : undefined,
    f.bankd_instance_id !== undefined ? eq(simBanks.bankdInstanceId, f.bankd_instance_id) : undefined,
    f.status ? eq(simBanks.status, f.status) : undefined,
  ]);
  return paged(
    db.select(bankColumns).from(simBanks).where(cond).orderBy(asc(simBanks.bankId)).limit(p.limit).offset(p.offset),
    db.select({ n: count() }).from(simBanks).where(cond),
    p,
  );
};
export const getBank = async (db: Sql, bankId: number) =>
  (await db.select(bankColumns).from(simBanks).where(eq(simBanks.bankId, bankId)))[0] ?? null;

/** Re-derives available/empty of the bank's free slots (the slots_card_state trigger). */
export async function recheckCardState(db: Sql, bankId: number) {
  await db.execute(sql`UPDATE slots SET status = status WHERE bank_id = ${bankId} AND status IN ('available', 'empty')`);
}

/** Creates the missing slots 0..slotCount-1; each starts empty or available (slots_card_state). */
export async function createSlots(db: Sql, bankId: number, slotCount: number) {
  if (slotCount <= 0) return;
  await db.execute(
    sql`INSERT INTO slots (bank_id, slot_id) SELECT ${bankId}, n FROM generate_series(0, ${slotCount - 1}) AS n
        ON CONFLICT DO NOTHING`,
  );
}

export async function bankProfileCount(db: Sql, bankId: number) {
  const [r] = await rowsOf(
    db,
    Type.Object({ active: Type.Integer(), total: Type.Integer() }),
    sql`SELECT count(*) FILTER (WHERE status = 'ACTIVE')::int AS active, count(*)::int AS total
        FROM service_profiles WHERE bank_id = ${bankId}`,
  );
  return r ?? { active: 0, total: 0 };
}

// --- slots
export interface SlotFilter extends PageRequest {
  bank_id?: number;
  status?: string;
  carrier?: string;
  mcc_mnc?: string;
  tenant_id?: number;
}
export const listSlots = (db: Sql, f: SlotFilter) => {
  const p = pageOf(f);
  const cond = where([
    f.bank_id !== undefined ? eq(slots.bankId, f.bank_id) : undefined,
    f.status ? eq(slots.status, f.status) : undefined,
    f.carrier ? eq(slots.carrier, f.carrier) : undefined,
    f.mcc_mnc ? eq(slots.mccMnc, f.mcc_mnc) : undefined,
    f.tenant_id !== undefined
      ? sql`${slots.bankId} IN (SELECT bank_id FROM sim_banks WHERE tenant_id = ${f.tenant_id})`
      : undefined,
  ]);
  return paged(
    db.select().from(slots).where(cond).orderBy(asc(slots.bankId), asc(slots.slotId)).limit(p.limit).offset(p.offset),
    db.select({ n: count() }).from(slots).where(cond),
    p,
  );
};
export const getSlot = async (db: Sql, bankId: number, slotId: number, lock = false) => {
  const q = db
    .select()
    .from(slots)
    .where(and(eq(slots.bankId, bankId), eq(slots.slotId, slotId)));
  return (await (lock ? q.for('update') : q))[0] ?? null;
};

export async function slotHasActiveProfile(db: Sql, bankId: number, slotId: number) {
  const found = await rowsOf(
    db,
    Type.Object({ found: Type.Integer() }),
    sql`SELECT 1 AS found FROM service_profiles WHERE bank_id = ${bankId} AND slot_id = ${slotId} AND status = 'ACTIVE'`,
  );
  return found.length > 0;
}

// --- clients (service profiles)
export const CLIENT_SORTS = [
  'client_id',
  'tenant_id',
  'liveness',
  'last_heartbeat',
  'created_at',
  'bank',
  'mapping_mode',
] as const;
export type ClientSort = (typeof CLIENT_SORTS)[number];

export interface ClientFilter extends PageRequest {
  tenant_id?: number;
  status?: 'online' | 'offline' | 'unknown';
  mapping_mode?: string;
  profile_status?: 'ACTIVE' | 'DEACTIVATED';
  bank_id?: number;
  client_id?: string;
  /** The card's carrier name or MCC+MNC (a KI proxy client: its pool's). */
  carrier?: string;
  /** Free text: part of the client id, ICCID or IMSI (case-insensitive). */
  q?: string;
  sort?: ClientSort;
  order?: 'asc' | 'desc';
}

const cardCarrier = sql<string | null>`coalesce(${kiProxyPools.carrier}, ${slots.carrier})`;
const cardMccMnc = sql<string | null>`coalesce(${kiProxyPools.mccMnc}, ${slots.mccMnc})`;
const cardIccid = sql<string | null>`coalesce(${serviceProfiles.virtualIccid}, ${slots.iccid})`;
const cardImsi = sql<string | null>`coalesce(${serviceProfiles.virtualImsi}, ${slots.imsi})`;

/** A profile with its card (carrier, ICCID, IMSI), and whether a simulated remsim-server serves it. */
const profileColumns = {
  ...getTableColumns(serviceProfiles),
  carrier: cardCarrier,
  mccMnc: cardMccMnc,
  iccid: cardIccid,
  imsi: cardImsi,
  bankdEndpoint: sql<string | null>`(SELECT bi.endpoint FROM sim_banks sb JOIN bankd_instances bi ON bi.id = sb.bankd_instance_id
    WHERE sb.bank_id = "service_profiles"."bank_id")`,
  simulated: sql<boolean>`EXISTS (SELECT 1 FROM sim_banks sb JOIN bankd_instances bi ON bi.id = sb.bankd_instance_id
    JOIN remsim_servers rs ON rs.id = bi.remsim_server_id
    WHERE sb.bank_id = "service_profiles"."bank_id" AND rs.simulated)`,
};

function clientConditions(f: ClientFilter) {
  return where([
    eq(serviceProfiles.status, f.profile_status ?? 'ACTIVE'),
    f.tenant_id !== undefined ? eq(serviceProfiles.tenantId, f.tenant_id) : undefined,
    f.status ? eq(serviceProfiles.liveness, f.status) : undefined,
    f.mapping_mode ? eq(serviceProfiles.mappingMode, f.mapping_mode) : undefined,
    f.bank_id !== undefined ? eq(serviceProfiles.bankId, f.bank_id) : undefined,
    f.client_id ? eq(serviceProfiles.clientId, f.client_id) : undefined,
    f.carrier ? sql`(${cardCarrier} ILIKE ${likeLiteral(f.carrier)} OR ${cardMccMnc} = ${f.carrier})` : undefined,
    f.q
      ? sql`(${serviceProfiles.clientId} ILIKE ${likeContaining(f.q)} OR ${cardIccid} ILIKE ${likeContaining(f.q)} OR ${cardImsi} ILIKE ${likeContaining(f.q)})`
      : undefined,
  ]);
}

function clientOrder(f: ClientFilter): SQL[] {
  const dir = f.order === 'desc' ? desc : asc;
  const tail = [dir(serviceProfiles.clientId), asc(serviceProfiles.tenantId)];
  switch (f.sort) {
    case 'tenant_id':
      return [dir(serviceProfiles.tenantId), ...tail];
    case 'liveness':
      return [dir(serviceProfiles.liveness), ...tail];
    case 'last_heartbeat':
      return [
        sql`${serviceProfiles.lastHeartbeat} ${sql.raw(f.order === 'desc' ? 'DESC NULLS LAST' : 'ASC NULLS FIRST')}`,
        ...tail,
      ];
    case 'created_at':
      return [dir(serviceProfiles.createdAt), ...tail];
    case 'bank':
      return [dir(serviceProfiles.bankId), dir(serviceProfiles.slotId), ...tail];
    case 'mapping_mode':
      return [dir(serviceProfiles.mappingMode), ...tail];
    default:
      return tail;
  }
}

// A list row carries the summary of the client's stats (its signal and uptime), not its whole
// stats and hardware documents: those are on the client's own page (GET /clients/:client_id).
const STATS_SUMMARY_KEYS = ['rssi', 'rsrp', 'rsrq', 'sinr', 'signal_rssi', 'signal_rsrp', 'uptime_seconds'];
const { clientHardwareInfo: _hardware, ...listedProfileColumns } = profileColumns;
const listColumns = {
  ...listedProfileColumns,
  clientStats: sql<Record<string, number> | null>`CASE WHEN jsonb_typeof(${serviceProfiles.clientStats}) = 'object'
    THEN jsonb_strip_nulls(jsonb_build_object(${sql.raw(STATS_SUMMARY_KEYS.map((k) => `'${k}', "service_profiles"."client_stats"->'${k}'`).join(', '))})) END`,
};

const profilesWithCards = (db: Sql) =>
  db
    .select(listColumns)
    .from(serviceProfiles)
    .leftJoin(slots, and(eq(slots.bankId, serviceProfiles.bankId), eq(slots.slotId, serviceProfiles.slotId)))
    .leftJoin(kiProxyPools, eq(kiProxyPools.id, serviceProfiles.kiPoolId));

export const listProfiles = (db: Sql, f: ClientFilter) => {
  const p = pageOf(f);
  const cond = clientConditions(f);
  // The card tables are joined only when a filter reads them.
  const base = <T extends ReturnType<typeof db.select>>(q: T) =>
    f.carrier || f.q
      ? q
          .from(serviceProfiles)
          .leftJoin(slots, and(eq(slots.bankId, serviceProfiles.bankId), eq(slots.slotId, serviceProfiles.slotId)))
          .leftJoin(kiProxyPools, eq(kiProxyPools.id, serviceProfiles.kiPoolId))
      : q.from(serviceProfiles);
  // A deferred join: the page's ids first (an offset skips bare rows), then the page's columns
  // with their subqueries, so page 2,000 of 100,000 clients costs about what page 1 does.
  const pageIds = base(db.select({ id: serviceProfiles.profileId }))
    .where(cond)
    .orderBy(...clientOrder(f))
    .limit(p.limit)
    .offset(p.offset);
  return paged(
    profilesWithCards(db)
      .where(inArray(serviceProfiles.profileId, pageIds))
      .orderBy(...clientOrder(f)),
    base(db.select({ n: count() })).where(cond) as unknown as Promise<Array<{ n: number }>>,
    p,
  );
};

export async function profilesOfClient(db: Sql, clientId: string, tenantId?: number) {
  return db
    .select(profileColumns)
    .from(serviceProfiles)
    .leftJoin(slots, and(eq(slots.bankId, serviceProfiles.bankId), eq(slots.slotId, serviceProfiles.slotId)))
    .leftJoin(kiProxyPools, eq(kiProxyPools.id, serviceProfiles.kiPoolId))
    .where(
      where([
        eq(serviceProfiles.clientId, clientId),
        tenantId !== undefined ? eq(serviceProfiles.tenantId, tenantId) : undefined,
      ]),
    )
    .orderBy(desc(serviceProfiles.createdAt))
    .limit(20);
}

export async function healthLogOfClient(db: Sql, clientId: string, tenantId?: number, limit = 100) {
  return db
    .select()
    .from(healthLog)
    .where(where([eq(healthLog.clientId, clientId), tenantId !== undefined ? eq(healthLog.tenantId, tenantId) : undefined]))
    .orderBy(desc(healthLog.id))
    .limit(limit);
}

export async function healthLogOfSlot(db: Sql, bankId: number, slotId: number, limit = 100) {
  return db
    .select()
    .from(healthLog)
    .where(and(eq(healthLog.bankId, bankId), eq(healthLog.slotId, slotId)))
    .orderBy(desc(healthLog.id))
    .limit(limit);
}
