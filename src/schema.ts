// Every table, for Drizzle and drizzle-kit (migrations are generated from this).

export * from './app/work/work.table.js';
export * from './modules/audit/audit.table.js';
export * from './modules/auth/auth.table.js';
export * from './modules/bulk-jobs/bulk-jobs.table.js';
export * from './modules/carriers/carriers.table.js';
export * from './modules/clients/clients.table.js';
export * from './modules/commands/commands.table.js';
export * from './modules/events/events.table.js';
export * from './modules/groups/groups.table.js';
export * from './modules/healing/healing.table.js';
export * from './modules/inventory/inventory.table.js';
export * from './modules/ki-proxy/ki-proxy.table.js';
export * from './modules/policies/policies.table.js';
export * from './modules/prediction/prediction.table.js';
export * from './modules/remsim/remsim.table.js';
export * from './modules/rotation/rotation.table.js';
export * from './modules/rules/rules.table.js';
export * from './modules/stats/stats.table.js';
export * from './modules/usage/usage.table.js';
export * from './modules/webhooks/webhooks.table.js';
