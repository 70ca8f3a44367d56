// SQL of the fleet overview: counts and utilisation in a handful of grouped reads.
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { rowsOf, type Sql, SqlTime } from '../../app/database.js';
import { Nullable } from '../../app/schemas.js';

const Int = Type.Integer();
const Str = Type.String();

const tenantIs = (column: string, tenantId: number | undefined) =>
  tenantId === undefined ? sql`` : sql`AND ${sql.raw(column)} = ${tenantId}`;

export async function clientCounts(db: Sql, tenantId: number | undefined) {
  return rowsOf(
    db,
    Type.Object({ tenant_id: Int, tenant: Str, mapping_mode: Str, carrier: Nullable(Str), liveness: Str, n: Int }),
    sql`SELECT p.tenant_id, t.name AS tenant, p.mapping_mode, coalesce(k.carrier, s.carrier, s.mcc_mnc) AS carrier,
               p.liveness, count(*)::int AS n
          FROM clients_profiles p
          JOIN inventory_tenants t ON t.id = p.tenant_id
          LEFT JOIN inventory_slots s ON s.bank_id = p.bank_id AND s.slot_id = p.slot_id
          LEFT JOIN kiproxy_pools k ON k.id = p.ki_pool_id
         WHERE p.status = 'ACTIVE' ${tenantIs('p.tenant_id', tenantId)}
         GROUP BY 1, 2, 3, 4, 5`,
  );
}

export async function bankFigures(db: Sql, tenantId: number | undefined) {
  return rowsOf(
    db,
    Type.Object({
      bank_id: Int,
      name: Str,
      tenant_id: Int,
      bankd_connected: Nullable(Type.Boolean()),
      server_reachable: Nullable(Type.Boolean()),
      remsim_server_id: Nullable(Int),
      bankd: Nullable(Str),
      slots: Int,
      available: Int,
      assigned: Int,
      faulty: Int,
      disabled: Int,
      unserved: Int,
      unserved_reason: Nullable(Str),
    }),
    sql`SELECT b.bank_id, b.name, b.tenant_id, b.bankd_connected, rs.reachable AS server_reachable, rs.id AS remsim_server_id, bi.name AS bankd,
               count(s.slot_id)::int AS slots,
               count(*) FILTER (WHERE s.status = 'available')::int AS available,
               count(*) FILTER (WHERE s.status = 'assigned')::int AS assigned,
               count(*) FILTER (WHERE s.status = 'faulty')::int AS faulty,
               count(*) FILTER (WHERE s.status = 'disabled')::int AS disabled,
               count(*) FILTER (WHERE s.unserved_reason IS NOT NULL)::int AS unserved,
               min(s.unserved_reason) AS unserved_reason
          FROM inventory_banks b
          LEFT JOIN inventory_slots s ON s.bank_id = b.bank_id
          LEFT JOIN inventory_bankds bi ON bi.id = b.bankd_instance_id
          LEFT JOIN inventory_remsim_servers rs ON rs.id = bi.remsim_server_id
         WHERE true ${tenantIs('b.tenant_id', tenantId)}
         GROUP BY b.bank_id, b.name, b.tenant_id, b.bankd_connected, rs.reachable, rs.id, bi.name
         ORDER BY b.bank_id`,
  );
}

export async function poolFigures(db: Sql, tenantId: number | undefined) {
  return rowsOf(
    db,
    Type.Object({
      id: Int,
      pool_name: Str,
      tenant_id: Int,
      carrier: Nullable(Str),
      mcc_mnc: Str,
      enabled: Type.Boolean(),
      used: Int,
      capacity: Int,
    }),
    sql`SELECT k.id, k.pool_name, k.tenant_id, k.carrier, k.mcc_mnc, k.enabled, k.current_virtual_sims AS used,
               ionmesh_pool_capacity(k.id, k.max_virtual_sims) AS capacity
          FROM kiproxy_pools k
         WHERE true ${tenantIs('k.tenant_id', tenantId)}
         ORDER BY k.id`,
  );
}

/** Cards of each carrier in the one-to-one inventory (KI proxy masters and virtual cards aside). */
export async function carrierFigures(db: Sql, tenantId: number | undefined) {
  return rowsOf(
    db,
    Type.Object({ tenant_id: Int, carrier: Str, cards: Int, available: Int, assigned: Int }),
    sql`SELECT b.tenant_id, coalesce(s.carrier, s.mcc_mnc) AS carrier, count(*)::int AS cards,
               count(*) FILTER (WHERE s.status = 'available')::int AS available,
               count(*) FILTER (WHERE s.status = 'assigned')::int AS assigned
          FROM inventory_slots s JOIN inventory_banks b ON b.bank_id = s.bank_id
         WHERE coalesce(s.carrier, s.mcc_mnc) IS NOT NULL AND s.card_type = 'REGULAR' ${tenantIs('b.tenant_id', tenantId)}
         GROUP BY 1, 2 ORDER BY 1, 2`,
  );
}

export async function serverFigures(db: Sql) {
  return rowsOf(
    db,
    Type.Object({
      id: Int,
      name: Str,
      url: Str,
      enabled: Type.Boolean(),
      simulated: Type.Boolean(),
      reachable: Nullable(Type.Boolean()),
      last_error: Nullable(Str),
      last_pass_at: Nullable(SqlTime),
      figures: Type.Unknown(),
      conflicts: Int,
      stalled: Int,
      invalid: Int,
    }),
    sql`SELECT id, name, url, enabled, simulated, reachable, last_error, last_pass_at, figures,
               jsonb_array_length(conflicts)::int AS conflicts, jsonb_array_length(stalled)::int AS stalled,
               jsonb_array_length(invalid)::int AS invalid
          FROM inventory_remsim_servers ORDER BY id`,
  );
}
