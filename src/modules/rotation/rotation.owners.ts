// Who owns a rotation policy, for the route guard (src/app/route-guard.ts).
import { sql } from 'drizzle-orm';
import type { Owner } from '../../app/route-guard.js';
import { rotationPolicyNotFound } from './rotation.errors.js';

export const rotationPolicyOwner: Owner = {
  param: 'id',
  tenants: (id) => sql`SELECT tenant_id FROM rotation_policies WHERE id = ${id}`,
  missing: (p) => rotationPolicyNotFound(Number(p.id)),
};
