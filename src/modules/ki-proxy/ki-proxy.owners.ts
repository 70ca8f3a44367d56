// Who owns a ki_proxy_pools row, for the route guard (src/app/route-guard.ts).
import { sql } from 'drizzle-orm';
import type { Owner } from '../../app/route-guard.js';
import { poolNotFound } from './ki-proxy.errors.js';

export const poolOwner: Owner = {
  param: 'id',
  tenants: (id) => sql`SELECT tenant_id FROM ki_proxy_pools WHERE id = ${id}`,
  missing: (p) => poolNotFound(Number(p.id)),
};
