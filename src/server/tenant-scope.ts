// Tenant isolation of the admin API for keys that belong to one tenant. One rule for every route,
// applied before its handler (docs/security.md):
// - a tenant_id in the query or body is the key's tenant when absent, and matches nothing when it
//   names another tenant (so a foreign tenant answers exactly as a missing one: an empty list, or
//   the route's own 404);
// - an object named in the path (a bank, a pool, a webhook …) that belongs to another tenant
//   answers the route's own 404, word for word what a missing one answers;
// - shared infrastructure (bankd instances, remsim-servers) is visible only behind the tenant's
//   own banks;
// - an id that a body names (a bankd instance for a bank, a bank for a pool or a policy …) is a
//   reference: another tenant's object answers the route's 404 for it, as a missing one would
//   (REFERENCES). Every id-like field of an admin body must be declared there, or the server
//   refuses to start (checkReferenceDeclarations).
// Keys without a tenant (admin, and unscoped operator/readonly keys) see every tenant.
import { type SQL, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Database, rows } from '../app/database.js';
import { scopeOf } from '../app/http.js';
import type { DomainError } from '../domain/errors.js';
import { keyNotFound } from '../modules/auth/auth.usecases.js';
import { bankdNotFound, bankNotFound, slotNotFound, tenantMissing } from '../modules/inventory/inventory.errors.js';
import { poolNotFound } from '../modules/ki-proxy/ki-proxy.usecases.js';
import { policyNotFound } from '../modules/policies/policies.usecases.js';
import { remsimServerNotFound } from '../modules/remsim/remsim.errors.js';
import { webhookNotFound } from '../modules/webhooks/webhooks.usecases.js';

/** A tenant id no row has: a foreign tenant_id becomes this. */
export const NO_TENANT = -1;

type Params = Record<string, string | number>;
interface Owner {
  /** The tenants that own (or, for infrastructure, use) the object; none: it does not exist. */
  tenants: (p: Params) => SQL;
  /** What the route answers for a missing object. */
  missing: (p: Params) => DomainError;
}

const bank: Owner = {
  tenants: (p) => sql`SELECT tenant_id FROM sim_banks WHERE bank_id = ${Number(p.bank_id)}`,
  missing: (p) => bankNotFound(Number(p.bank_id)),
};
const slotOfBank: Owner = { ...bank, missing: (p) => slotNotFound(Number(p.bank_id), Number(p.slot_id)) };
const pool: Owner = {
  tenants: (p) => sql`SELECT tenant_id FROM ki_proxy_pools WHERE id = ${Number(p.id)}`,
  missing: (p) => poolNotFound(Number(p.id)),
};
const webhook: Owner = {
  tenants: (p) => sql`SELECT tenant_id FROM webhooks WHERE id = ${Number(p.id)}`,
  missing: (p) => webhookNotFound(Number(p.id)),
};

/** Routes whose path names an object, by route pattern (without the API prefix). */
export const OWNERS: Record<string, Owner> = {
  '/tenants/:id': {
    tenants: (p) => sql`SELECT id AS tenant_id FROM tenants WHERE id = ${Number(p.id)}`,
    missing: (p) => tenantMissing(Number(p.id)),
  },
  '/banks/:bank_id': bank,
  '/banks/:bank_id/slots/:slot_id': slotOfBank,
  '/sim-cards/:bank_id/:slot_id': slotOfBank,
  '/ki-proxy-pools/:id': pool,
  '/ki-proxy-pools/:id/bankd-config': pool,
  '/assignment-policies/:id': {
    tenants: (p) => sql`SELECT tenant_id FROM assignment_policies WHERE id = ${Number(p.id)}`,
    missing: (p) => policyNotFound(Number(p.id)),
  },
  '/webhooks/:id': webhook,
  '/webhooks/:id/deliveries': webhook,
  '/webhooks/:id/deliveries/:delivery_id/redeliver': webhook,
  '/bankd-instances/:id': {
    tenants: (p) => sql`SELECT tenant_id FROM sim_banks WHERE bankd_instance_id = ${Number(p.id)}`,
    missing: (p) => bankdNotFound(Number(p.id)),
  },
  '/remsim-servers/:id': {
    tenants: (p) => sql`SELECT b.tenant_id FROM sim_banks b JOIN bankd_instances i ON i.id = b.bankd_instance_id
                        WHERE i.remsim_server_id = ${Number(p.id)}`,
    missing: (p) => remsimServerNotFound(Number(p.id)),
  },
};
OWNERS['/remsim-servers/:id/reconcile'] = OWNERS['/remsim-servers/:id'] as Owner;
OWNERS['/api-keys/:id'] = {
  tenants: (p) => sql`SELECT tenant_id FROM api_keys WHERE id = ${Number(p.id)}`,
  missing: (p) => keyNotFound(Number(p.id)),
};

/** Objects a body can name, by kind: who owns (or uses) one, and the 404 a missing one gets. */
interface Referenced {
  tenants: (id: number) => SQL;
  missing: (id: number) => DomainError;
}
const REFERENCED = {
  bank: { tenants: (id) => bank.tenants({ bank_id: id }), missing: (id) => bankNotFound(id) },
  bankd: {
    tenants: (id) => (OWNERS['/bankd-instances/:id'] as Owner).tenants({ id }),
    missing: (id) => bankdNotFound(id),
  },
  remsimServer: {
    tenants: (id) => (OWNERS['/remsim-servers/:id'] as Owner).tenants({ id }),
    missing: (id) => remsimServerNotFound(id),
  },
} satisfies Record<string, Referenced>;

/**
 * Ids named in bodies, by route: `field` is a path in the body (`a.b`, `list[].b`, `list[]`).
 * 'new' marks an id the request creates (it names nothing yet); 'part' is a number within an object another field names (a slot of the bank named).
 */
type Declared = keyof typeof REFERENCED | 'new' | 'part';
export const REFERENCES: Record<string, Record<string, Declared>> = {
  'POST /tenants': { id: 'new' },
  'POST /banks': { bank_id: 'new', bankd_instance_id: 'bankd' },
  'PATCH /banks/:bank_id': { bankd_instance_id: 'bankd' },
  'POST /bankd-instances': { remsim_server_id: 'remsimServer' },
  'PATCH /bankd-instances/:id': { remsim_server_id: 'remsimServer' },
  'POST /ki-proxy-pools': { bank_id: 'bank', 'virtual_segments[].bank_id': 'bank' },
  'PATCH /ki-proxy-pools/:id': { 'virtual_segments[].bank_id': 'bank' },
  'POST /clients/:client_id/reassign': { bank_id: 'bank', slot_id: 'part' },
  'POST /sim-cards': { bank_id: 'bank', slot_id: 'part' },
  'POST /assignment-policies': { 'action.preferred_banks[]': 'bank' },
  'PATCH /assignment-policies/:id': { 'action.preferred_banks[]': 'bank' },
};

/** The values at a path of a body: `a.b`, `list[].b`, `list[]`. */
function valuesAt(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const step of path.split('.')) {
    const many = step.endsWith('[]');
    const name = many ? step.slice(0, -2) : step;
    current = current.flatMap((v) => {
      const next = v && typeof v === 'object' ? (v as Record<string, unknown>)[name] : undefined;
      return many ? (Array.isArray(next) ? next : []) : next === undefined || next === null ? [] : [next];
    });
  }
  return current;
}

const ID_LIKE = /(^id$|_id$|_ids$|^preferred_banks$)/;

/** The id-like fields of a body schema, as REFERENCES paths (objects and arrays of objects walked). */
function idFields(schema: unknown, prefix = ''): string[] {
  const props = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  if (!props) return [];
  return Object.entries(props).flatMap(([name, sub]) => {
    const s = sub as { type?: string; items?: unknown; anyOf?: unknown[] };
    const here = `${prefix}${name}`;
    if (s.type === 'array') {
      const item = s.items as { type?: string } | undefined;
      if (item?.type === 'object') return idFields(item, `${here}[].`);
      return ID_LIKE.test(name) ? [`${here}[]`] : [];
    }
    if (s.type === 'object') return idFields(s, `${here}.`);
    // tenant_id has its own rule everywhere (above): a foreign one matches nothing.
    return ID_LIKE.test(name) && name !== 'tenant_id' ? [here] : [];
  });
}

/**
 * At start: every id-like field of an admin route's body must be declared in REFERENCES, so a
 * new route cannot forget to check what it names (throws, naming route and field).
 */
export function checkReferenceDeclarations(
  route: { method: string | string[]; url: string; schema?: { body?: unknown } },
  prefix = '/api/backend/v1',
) {
  const key = `${Array.isArray(route.method) ? route.method[0] : route.method} ${route.url.slice(prefix.length)}`;
  const declared = REFERENCES[key] ?? {};
  const missing = idFields(route.schema?.body).filter((f) => !(f in declared));
  if (missing.length)
    throw new Error(
      `${key}: body fields ${missing.join(', ')} name objects; declare them in REFERENCES (src/server/tenant-scope.ts)`,
    );
}

type Holder = Record<string, unknown> | undefined;
const tenantIn = (part: { properties?: object } | undefined) => !!part?.properties && 'tenant_id' in part.properties;
const schemaOf = (req: FastifyRequest) =>
  req.routeOptions.schema as { querystring?: { properties?: object }; body?: { properties?: object } } | undefined;

/**
 * Before validation: a missing tenant_id is the key's (in the query, and in the body of a POST,
 * which names the tenant of what it creates), so a required tenant_id need not be sent.
 */
export function tenantDefaults() {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    const scope = scopeOf(req);
    if (scope === null) return;
    const schema = schemaOf(req);
    const fill = (h: Holder) => {
      if (h && typeof h === 'object' && (h.tenant_id === undefined || h.tenant_id === null)) h.tenant_id = scope;
    };
    if (tenantIn(schema?.querystring)) fill(req.query as Holder);
    if (tenantIn(schema?.body) && req.method === 'POST') fill(req.body as Holder);
  };
}

export function tenantScope(db: Database, prefix = '/api/backend/v1') {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    const scope = scopeOf(req);
    if (scope === null) return;
    const schema = schemaOf(req);
    // After validation: another tenant's id matches nothing, so the route answers as for a
    // tenant that does not exist (an empty list, or its own 404).
    const confine = (h: Holder) => {
      if (h && typeof h === 'object' && h.tenant_id !== undefined && h.tenant_id !== null && h.tenant_id !== scope)
        h.tenant_id = NO_TENANT;
    };
    if (tenantIn(schema?.querystring)) confine(req.query as Holder);
    if (tenantIn(schema?.body)) confine(req.body as Holder);
    const route = (req.routeOptions.url ?? '').slice(prefix.length);
    const owner = OWNERS[route];
    if (owner) {
      const found = await db.run((h) => rows<{ tenant_id: number | null }>(h, owner.tenants(req.params as Params)));
      if (!found.some((r) => r.tenant_id === scope)) throw owner.missing(req.params as Params);
    }
    // What the body names must be the tenant's too, with the 404 a missing one gets.
    for (const [field, kind] of Object.entries(REFERENCES[`${req.method} ${route}`] ?? {})) {
      if (kind === 'new' || kind === 'part') continue;
      const referenced: Referenced = REFERENCED[kind];
      for (const id of new Set(valuesAt(req.body, field))) {
        if (typeof id !== 'number') continue;
        const found = await db.run((h) => rows<{ tenant_id: number | null }>(h, referenced.tenants(id)));
        if (!found.some((r) => r.tenant_id === scope)) throw referenced.missing(id);
      }
    }
  };
}
