// Who owns a sim_groups row, for the route guard (src/app/route-guard.ts).
import { sql } from 'drizzle-orm';
import type { Owner } from '../../app/route-guard.js';
import { groupNotFound } from './groups.errors.js';

export const groupOwner: Owner = {
  param: 'id',
  tenants: (id) => sql`SELECT tenant_id FROM sim_groups WHERE id = ${id}`,
  missing: (p) => groupNotFound(Number(p.id)),
};
