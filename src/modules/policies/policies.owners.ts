// Who owns a assignment_policies row, for the route guard (src/app/route-guard.ts).
import { sql } from 'drizzle-orm';
import type { Owner } from '../../app/route-guard.js';
import { policyNotFound } from './policies.errors.js';

export const policyOwner: Owner = {
  param: 'id',
  tenants: (id) => sql`SELECT tenant_id FROM assignment_policies WHERE id = ${id}`,
  missing: (p) => policyNotFound(Number(p.id)),
};
