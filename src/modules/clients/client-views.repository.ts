// SQL of the admin API's views of clients: the list (filters, sorts, a deferred join for deep
// pages), one client's profiles and health log. A profile's card comes from the inventory's and the
// KI proxy module's published views (decision 0010).
import { and, asc, count, desc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type { Sql } from '../../app/database.js';
import { paged, allOf as where } from '../../app/paging.js';
import { likeContaining, likeLiteral } from '../../domain/like-pattern.js';
import { type PageRequest, pageOf } from '../../domain/pagination.js';
import { inventorySlots as slots } from '../inventory/index.js';
import { kiproxyPools as kiProxyPools } from '../ki-proxy/index.js';
import { healthLog, serviceProfiles } from './clients.table.js';

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
  bankdEndpoint: sql<
    string | null
  >`(SELECT bi.endpoint FROM inventory_banks sb JOIN inventory_bankds bi ON bi.id = sb.bankd_instance_id
    WHERE sb.bank_id = "service_profiles"."bank_id")`,
  simulated: sql<boolean>`EXISTS (SELECT 1 FROM inventory_banks sb JOIN inventory_bankds bi ON bi.id = sb.bankd_instance_id
    JOIN inventory_remsim_servers rs ON rs.id = bi.remsim_server_id
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
