// SQL of the fleet overview: counts and utilisation in a handful of grouped reads.
import { sql } from 'drizzle-orm';
import { rows, type Sql } from '../../app/database.js';
import type { BankFigure, CarrierFigure, PoolFigure, ServerFigure } from '../../domain/fleet-alerts.js';

const tenantIs = (column: string, tenantId: number | undefined) =>
  tenantId === undefined ? sql`` : sql`AND ${sql.raw(column)} = ${tenantId}`;

export async function clientCounts(db: Sql, tenantId: number | undefined) {
  return rows<{ tenant_id: number; tenant: string; mapping_mode: string; carrier: string | null; liveness: string; n: number }>(
    db,
    sql`SELECT p.tenant_id, t.name AS tenant, p.mapping_mode, coalesce(k.carrier, s.carrier, s.mcc_mnc) AS carrier,
               p.liveness, count(*)::int AS n
          FROM service_profiles p
          JOIN tenants t ON t.id = p.tenant_id
          LEFT JOIN slots s ON s.bank_id = p.bank_id AND s.slot_id = p.slot_id
          LEFT JOIN ki_proxy_pools k ON k.id = p.ki_pool_id
         WHERE p.status = 'ACTIVE' ${tenantIs('p.tenant_id', tenantId)}
         GROUP BY 1, 2, 3, 4, 5`,
  );
}

export async function bankFigures(db: Sql, tenantId: number | undefined) {
  return rows<
    BankFigure & {
      remsim_server_id: number | null;
      slots: number;
      available: number;
      assigned: number;
      faulty: number;
      disabled: number;
      bankd: string | null;
    }
  >(
    db,
    sql`SELECT b.bank_id, b.name, b.tenant_id, b.bankd_connected, rs.reachable AS server_reachable, rs.id AS remsim_server_id, bi.name AS bankd,
               count(s.slot_id)::int AS slots,
               count(*) FILTER (WHERE s.status = 'available')::int AS available,
               count(*) FILTER (WHERE s.status = 'assigned')::int AS assigned,
               count(*) FILTER (WHERE s.status = 'faulty')::int AS faulty,
               count(*) FILTER (WHERE s.status = 'disabled')::int AS disabled
          FROM sim_banks b
          LEFT JOIN slots s ON s.bank_id = b.bank_id
          LEFT JOIN bankd_instances bi ON bi.id = b.bankd_instance_id
          LEFT JOIN remsim_servers rs ON rs.id = bi.remsim_server_id
         WHERE true ${tenantIs('b.tenant_id', tenantId)}
         GROUP BY b.bank_id, b.name, b.tenant_id, b.bankd_connected, rs.reachable, rs.id, bi.name
         ORDER BY b.bank_id`,
  );
}

export async function poolFigures(db: Sql, tenantId: number | undefined) {
  return rows<PoolFigure & { carrier: string | null; mcc_mnc: string }>(
    db,
    sql`SELECT k.id, k.pool_name, k.tenant_id, k.carrier, k.mcc_mnc, k.enabled, k.current_virtual_sims AS used,
               ionmesh_pool_capacity(k.id, k.max_virtual_sims) AS capacity
          FROM ki_proxy_pools k
         WHERE true ${tenantIs('k.tenant_id', tenantId)}
         ORDER BY k.id`,
  );
}

/** Cards of each carrier in the one-to-one inventory (KI proxy masters and virtual cards aside). */
export async function carrierFigures(db: Sql, tenantId: number | undefined) {
  return rows<CarrierFigure>(
    db,
    sql`SELECT b.tenant_id, coalesce(s.carrier, s.mcc_mnc) AS carrier, count(*)::int AS cards,
               count(*) FILTER (WHERE s.status = 'available')::int AS available,
               count(*) FILTER (WHERE s.status = 'assigned')::int AS assigned
          FROM slots s JOIN sim_banks b ON b.bank_id = s.bank_id
         WHERE coalesce(s.carrier, s.mcc_mnc) IS NOT NULL AND s.card_type = 'REGULAR' ${tenantIs('b.tenant_id', tenantId)}
         GROUP BY 1, 2 ORDER BY 1, 2`,
  );
}

export async function serverFigures(db: Sql) {
  return rows<ServerFigure & { url: string; simulated: boolean; last_pass_at: string | null; figures: unknown }>(
    db,
    sql`SELECT id, name, url, enabled, simulated, reachable, last_error, last_pass_at, figures,
               jsonb_array_length(conflicts)::int AS conflicts, jsonb_array_length(stalled)::int AS stalled
          FROM remsim_servers ORDER BY id`,
  );
}
