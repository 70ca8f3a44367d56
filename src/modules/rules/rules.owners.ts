// Who owns a rule, for the route guard (src/app/route-guard.ts).
import { sql } from 'drizzle-orm';
import type { Owner } from '../../app/route-guard.js';
import { ruleNotFound } from './rules.errors.js';

export const ruleOwner: Owner = {
  param: 'id',
  tenants: (id) => sql`SELECT tenant_id FROM automation_rules WHERE id = ${id}`,
  missing: (p) => ruleNotFound(Number(p.id)),
};
