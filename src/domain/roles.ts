// Who may do what: roles of API keys and the access each admin route asks for. Pure, so the
// matrix is unit-tested and documented from one place (docs/security.md).

export const ROLES = ['admin', 'tenant-admin', 'operator', 'readonly', 'client'] as const;
export type Role = (typeof ROLES)[number];

/**
 * read: look at anything the key's scope covers; operate: fleet actions (reassign, commands,
 * unregister, reconcile, redeliver); manage: inventory and configuration (banks, slots, SIMs,
 * pools, policies, webhooks); admin: what spans tenants (tenants, bankd instances,
 * remsim-servers, API keys).
 */
export const ACCESS = ['read', 'operate', 'manage', 'admin'] as const;
export type Access = (typeof ACCESS)[number];

const GRANTS: Record<Role, readonly Access[]> = {
  admin: ['read', 'operate', 'manage', 'admin'],
  'tenant-admin': ['read', 'operate', 'manage'],
  operator: ['read', 'operate'],
  readonly: ['read'],
  // The client endpoints only (register, heartbeat, unregister, commands ack): no admin route.
  client: [],
};

export const allows = (role: Role, access: Access) => GRANTS[role].includes(access);
export const grantsOf = (role: Role) => [...GRANTS[role]];

export const isRole = (v: string): v is Role => (ROLES as readonly string[]).includes(v);
