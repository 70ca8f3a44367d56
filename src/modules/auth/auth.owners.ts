// Who owns an API key, for the route guard (src/app/route-guard.ts).
import { sql } from 'drizzle-orm';
import type { Owner } from '../../app/route-guard.js';
import { keyNotFound } from './auth.errors.js';

export const apiKeyOwner: Owner = {
  param: 'id',
  tenants: (id) => sql`SELECT tenant_id FROM api_keys WHERE id = ${id}`,
  missing: (p) => keyNotFound(Number(p.id)),
};
