// The access each admin route asks for, where it is not the default (reading for GET, managing
// otherwise): fleet actions an operator may take, and what spans tenants (admin only). One table,
// applied to every route of the admin API when it is registered, and copied into
// docs/security.md.
import type { Access } from '../domain/roles.js';

export const ROUTE_ACCESS: Record<string, Access> = {
  // Fleet actions: operators.
  'POST /clients/:client_id/reassign': 'operate',
  'DELETE /clients/:client_id': 'operate',
  'POST /clients/:client_id/commands': 'operate',
  'POST /remsim-servers/:id/reconcile': 'operate',
  'POST /webhooks/:id/deliveries/:delivery_id/redeliver': 'operate',
  // What spans tenants: admins.
  'POST /tenants': 'admin',
  'DELETE /tenants/:id': 'admin',
  'POST /bankd-instances': 'admin',
  'PATCH /bankd-instances/:id': 'admin',
  'DELETE /bankd-instances/:id': 'admin',
  'POST /remsim-servers': 'admin',
  'PATCH /remsim-servers/:id': 'admin',
  'DELETE /remsim-servers/:id': 'admin',
  'GET /stats/storage': 'admin',
  // Keys: an admin manages every key; a tenant-admin those of its tenant (tenant-scope.ts).
  'GET /api-keys': 'manage',
};

/** The route table's key of a registered route ("POST /tenants"), without the API prefix. */
export const routeKey = (method: string, url: string, prefix = '/api/backend/v1') =>
  `${method} ${url.startsWith(prefix) ? url.slice(prefix.length) : url}`;
