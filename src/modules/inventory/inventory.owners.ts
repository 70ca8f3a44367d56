// Who owns the inventory's objects, for the route guard (src/app/route-guard.ts): tenants, banks
// and their slots, and the shared infrastructure a tenant's banks use (bankd instances, remsim-servers).

import { sql } from 'drizzle-orm';
import type { Owner } from '../../app/route-guard.js';
import { tenantNotFound } from '../../domain/errors.js';
import { bankdNotFound, bankNotFound, remsimServerNotFound, slotNotFound } from './inventory.errors.js';

export const tenantOwner: Owner = {
  param: 'id',
  tenants: (id) => sql`SELECT id AS tenant_id FROM tenants WHERE id = ${id}`,
  missing: (p) => tenantNotFound(Number(p.id)),
};
export const bankOwner: Owner = {
  param: 'bank_id',
  tenants: (id) => sql`SELECT tenant_id FROM sim_banks WHERE bank_id = ${id}`,
  missing: (p) => bankNotFound(Number(p.bank_id)),
};
export const slotOwner: Owner = { ...bankOwner, missing: (p) => slotNotFound(Number(p.bank_id), Number(p.slot_id)) };
/** Shared infrastructure: a bankd instance is the tenant's when one of its banks uses it. */
export const bankdOwner: Owner = {
  param: 'id',
  tenants: (id) => sql`SELECT tenant_id FROM sim_banks WHERE bankd_instance_id = ${id}`,
  missing: (p) => bankdNotFound(Number(p.id)),
};
/** Shared infrastructure: a remsim-server is the tenant's when it maps one of its banks. */
export const remsimServerOwner: Owner = {
  param: 'id',
  tenants: (id) => sql`SELECT b.tenant_id FROM sim_banks b JOIN bankd_instances i ON i.id = b.bankd_instance_id
                       WHERE i.remsim_server_id = ${id}`,
  missing: (p) => remsimServerNotFound(Number(p.id)),
};
