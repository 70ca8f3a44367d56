// Who owns a bulk job, for the route guard (src/app/route-guard.ts).
import { sql } from 'drizzle-orm';
import type { Owner } from '../../app/route-guard.js';
import { jobNotFound } from './bulk-jobs.errors.js';

export const jobOwner: Owner = {
  param: 'id',
  tenants: (id) => sql`SELECT tenant_id FROM bulk_jobs WHERE id = ${id}`,
  missing: (p) => jobNotFound(Number(p.id)),
};
