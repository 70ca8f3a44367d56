// Who owns an incident, for the route guard (src/app/route-guard.ts). An installation-wide one
// (a remsim-server's drift) has no tenant: only keys of no tenant see it.
import { sql } from 'drizzle-orm';
import type { Owner } from '../../app/route-guard.js';
import { incidentNotFound } from './healing.errors.js';

export const incidentOwner: Owner = {
  param: 'id',
  tenants: (id) => sql`SELECT tenant_id FROM incidents WHERE id = ${id}`,
  missing: (p) => incidentNotFound(Number(p.id)),
};
