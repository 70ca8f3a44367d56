// The KI proxy module's published views (db/functions/82-ki-proxy-views.sql) as Drizzle sees them,
// for the modules that read them with the query builder (decision 0010).
import { integer, pgView, text } from 'drizzle-orm/pg-core';

/** A pool's identity and carrier, as other modules may read it. */
export const kiproxyPools = pgView('kiproxy_pools', {
  id: integer('id').notNull(),
  tenantId: integer('tenant_id').notNull(),
  poolName: text('pool_name').notNull(),
  carrier: text('carrier'),
  mccMnc: text('mcc_mnc').notNull(),
}).existing();
