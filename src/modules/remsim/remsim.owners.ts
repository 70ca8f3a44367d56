// Who uses a remsim-server, for the route guard: the tenants whose banks it maps.
import { sql } from 'drizzle-orm';
import type { Owner } from '../../app/route-guard.js';
import { remsimServerNotFound } from './remsim.errors.js';

export const remsimServerOwner: Owner = {
  param: 'id',
  tenants: (id) => sql`SELECT b.tenant_id FROM sim_banks b JOIN bankd_instances i ON i.id = b.bankd_instance_id
                       WHERE i.remsim_server_id = ${id}`,
  missing: (p) => remsimServerNotFound(Number(p.id)),
};
