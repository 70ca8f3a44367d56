// Who owns the inventory's objects, for the route guard (src/app/route-guard.ts): tenants, banks
// and their slots, and the bankd instances a tenant's banks use.
import { sql } from 'drizzle-orm';
import type { Owner } from '../../app/route-guard.js';
import { bankdNotFound, bankNotFound, slotNotFound, tenantMissing } from './inventory.errors.js';

export const tenantOwner: Owner = {
  param: 'id',
  tenants: (id) => sql`SELECT id AS tenant_id FROM tenants WHERE id = ${id}`,
  missing: (p) => tenantMissing(Number(p.id)),
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
