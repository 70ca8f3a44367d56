// The tenants a caller may see, passed explicitly to every use case that reads or writes by
// tenant (issue 16 §4). A tenant-scoped API key sees its tenant; any other key sees every tenant.
import { tenantNotFound } from './errors.js';

/** One tenant (a tenant-scoped key) or every tenant (null). */
export type TenantScope = number | null;

/** Every tenant: an unscoped key, the CLI, the demo seed. */
export const ALL_TENANTS: TenantScope = null;

/** A tenant id no row has: what a filter for a tenant outside the scope becomes. */
const OUTSIDE = -1;

/**
 * The tenant a read filters by: the one asked for, if the scope allows it (undefined: every
 * tenant the scope allows). Asking for a tenant outside the scope matches no row, so the answer
 * is the one for a tenant that does not exist, and says nothing of the other tenant.
 */
export function readTenant(scope: TenantScope, asked: number | undefined | null): number | undefined {
  const wanted = asked ?? undefined;
  if (scope === null) return wanted;
  return wanted === undefined || wanted === scope ? scope : OUTSIDE;
}

/**
 * The tenant a write goes to: the one named, which must be inside the scope (a tenant outside it
 * is answered as one that does not exist: 404 TENANT_NOT_FOUND naming it).
 */
export function writeTenant(scope: TenantScope, named: number): number {
  if (scope !== null && named !== scope) throw tenantNotFound(named);
  return named;
}
