// Who owns a webhooks row, for the route guard (src/app/route-guard.ts).
import { sql } from 'drizzle-orm';
import type { Owner } from '../../app/route-guard.js';
import { webhookNotFound } from './webhooks.errors.js';

export const webhookOwner: Owner = {
  param: 'id',
  tenants: (id) => sql`SELECT tenant_id FROM webhooks WHERE id = ${id}`,
  missing: (p) => webhookNotFound(Number(p.id)),
};
