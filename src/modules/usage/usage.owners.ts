// Who owns a sim_plans row, for the route guard (src/app/route-guard.ts).
import { sql } from 'drizzle-orm';
import type { Owner } from '../../app/route-guard.js';
import { planNotFound } from './plans.errors.js';

export const planOwner: Owner = {
  param: 'id',
  tenants: (id) => sql`SELECT tenant_id FROM sim_plans WHERE id = ${id}`,
  missing: (p) => planNotFound(Number(p.id)),
};
