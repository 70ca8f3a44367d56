// The shares of capacity at which a pool or a bank is worth a look (warning) and urgent
// (critical). One owner for the server's alerts and the console's meters (web/src imports this
// file); the database's pool.capacity_warning events use ionmesh_pool_warning_percents()
// (db/functions/45-pool-rules.sql), tested to agree (test/shared-rules.test.ts). Pure: no imports.

export const POOL_WARNING = 0.8;
export const POOL_CRITICAL = 0.95;

export type Level = 'ok' | 'warning' | 'critical';

/** The level of a share of capacity (0..1). */
export const levelOf = (share: number): Level => (share >= POOL_CRITICAL ? 'critical' : share >= POOL_WARNING ? 'warning' : 'ok');
