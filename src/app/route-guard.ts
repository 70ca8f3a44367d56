// What every admin route declares on itself, and the hooks that enforce it, failing closed.
//
// Each route of the admin API says, in its own `config`:
// - `access`: what the key's role must grant (read, operate, manage, admin; 'self' for any key);
// - `tenant`: how a key confined to one tenant is kept to it:
//   'field'   — by the tenant_id of its query or body (a missing one is the key's): the use case
//               receives the key's scope (`scopeOf`) and applies it (readTenant, writeTenant of
//               src/domain/tenant-scope.ts), so another tenant answers as a missing one;
//   an owner  — the path names an object ('bank', 'pool', …): one of another tenant answers the
//               route's own 404, word for word what a missing one gets;
//   'body'    — by the objects its body names (its references);
//   'handler' — the use case receives the key's scope (`scopeOf`) and filters by it;
//   'global'  — spans tenants: only for routes that need admin access;
//   'none'    — holds no tenant's data (the carrier and event catalogues, who am I);
//   a route that declares 'field' or 'handler', or takes a tenant_id whatever its rule, must hand
//   its use case the scope: an answer whose handler never read it is not sent (a 500 naming the
//   route), so a tenant_id is never left unconfined;
// - `references`: every id-like field of its body, with the kind of object it names ('new' for
//   an id the request creates, 'part' for a number within an object another field names).
// The server refuses to start when an admin route lacks a declaration or contradicts its schema
// (a tenant_id it does not confine, an id in its body it does not declare), so a new route
// cannot be silently unscoped. Owners are given by the modules that own the tables.
import { Type } from '@sinclair/typebox';
import type { SQL } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { DomainError } from '../domain/errors.js';
import { ACCESS, type Access } from '../domain/roles.js';
import type { TenantScope } from '../domain/tenant-scope.js';
import { commitCheck, type Database, rowsOf } from './database.js';

/** The kinds of object a path or a body can name. */
export const OWNER_KINDS = [
  'tenant',
  'bank',
  'slot',
  'bankd',
  'remsimServer',
  'pool',
  'policy',
  'webhook',
  'apiKey',
  'plan',
  'group',
  'job',
  'rotationPolicy',
  'rule',
  'incident',
] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

type Params = Record<string, string | number>;
export interface Owner {
  /** The path parameter that holds the object's id. */
  param: string;
  /** SQL giving the tenant_id of every tenant that owns (or, for infrastructure, uses) it. */
  tenants: (id: number) => SQL;
  /** What the route answers for a missing object (params of the path, or the id as `param`). */
  missing: (params: Params) => DomainError;
}
export type Owners = Record<OwnerKind, Owner>;

export type TenantRule = 'field' | 'body' | 'handler' | 'global' | 'none' | OwnerKind;
export type Reference = OwnerKind | 'new' | 'part';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route asks of the key's role; 'self' is any valid key (who am I). */
    access?: Access | 'self';
    /** How a tenant key is confined (see src/app/route-guard.ts). */
    tenant?: TenantRule;
    /** The objects its body's id-like fields name. */
    references?: Record<string, Reference>;
  }
}

export const API_PREFIX = '/api/backend/v1';

/** What an owner's SQL answers: the tenant of each row. */
const TenantOf = Type.Object({ tenant_id: Type.Union([Type.Integer(), Type.Null()]) });

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

/** The id-like fields of a body schema, as reference paths (objects and arrays of objects walked). */
function idFields(schema: unknown, prefix = ''): string[] {
  const props = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  if (!props) return [];
  return Object.entries(props).flatMap(([name, sub]) => {
    const s = sub as { type?: string; items?: unknown };
    const here = `${prefix}${name}`;
    if (s.type === 'array') {
      const item = s.items as { type?: string } | undefined;
      if (item?.type === 'object') return idFields(item, `${here}[].`);
      return ID_LIKE.test(name) ? [`${here}[]`] : [];
    }
    if (s.type === 'object') return idFields(s, `${here}.`);
    // tenant_id has its own rule everywhere ('field'): a foreign one matches nothing.
    return ID_LIKE.test(name) && name !== 'tenant_id' ? [here] : [];
  });
}

type Part = { properties?: object } | undefined;
const hasTenantId = (part: Part) => !!part?.properties && 'tenant_id' in part.properties;
const pathParams = (url: string) => [...url.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1] as string);

/**
 * What is wrong with an admin route's declaration (none: it may be served). The server refuses
 * to start on the first problem, naming route and fix.
 */
export function guardProblems(route: Pick<RouteOptions, 'method' | 'url' | 'schema' | 'config'>, owners: Owners): string[] {
  const config = (route.config ?? {}) as { access?: string; tenant?: TenantRule; references?: Record<string, Reference> };
  const schema = route.schema as { querystring?: Part; body?: Part } | undefined;
  const problems: string[] = [];
  const { access, tenant, references = {} } = config;
  if (!access) problems.push('declares no access (config.access: read, operate, manage, admin or self)');
  else if (access !== 'self' && !(ACCESS as readonly string[]).includes(access))
    problems.push(`declares unknown access ${access}`);
  if (!tenant)
    problems.push("declares no tenant rule (config.tenant: 'field', an owner kind, 'body', 'handler', 'global' or 'none')");
  const tenantField = hasTenantId(schema?.querystring) || hasTenantId(schema?.body);
  if (tenant === 'field' && !tenantField) problems.push("declares tenant 'field' but has no tenant_id in its query or body");
  if (tenant === 'none' && tenantField) problems.push("declares tenant 'none' but has a tenant_id");
  if (tenant === 'body' && !Object.values(references).some((k) => k !== 'new' && k !== 'part'))
    problems.push("declares tenant 'body' but its body names no object (config.references)");
  if (tenant === 'global' && access !== 'admin') problems.push("declares tenant 'global' (spans tenants) without admin access");
  if (tenant && (OWNER_KINDS as readonly string[]).includes(tenant)) {
    const owner = owners[tenant as OwnerKind];
    if (!owner) problems.push(`names owner ${tenant}, which no module provides`);
    else if (!pathParams(route.url).includes(owner.param))
      problems.push(`names owner ${tenant}, but its path has no :${owner.param}`);
  }
  if (tenant === 'none' || tenant === 'global') {
    const named = pathParams(route.url).filter((p) => ID_LIKE.test(p));
    if (named.length) problems.push(`names ${named.join(', ')} in its path but declares tenant '${tenant}' (declare the owner)`);
  }
  const body = idFields((schema as { body?: unknown } | undefined)?.body);
  const undeclared = body.filter((f) => !(f in references));
  if (undeclared.length) problems.push(`body fields ${undeclared.join(', ')} name objects; declare them in config.references`);
  for (const [field, kind] of Object.entries(references)) {
    if (!body.includes(field)) problems.push(`declares a reference ${field} its body does not have`);
    if (kind !== 'new' && kind !== 'part' && !owners[kind]) problems.push(`references ${kind}, which no module provides`);
  }
  return problems;
}

const keyOf = (route: Pick<RouteOptions, 'method' | 'url'>) =>
  `${Array.isArray(route.method) ? route.method.join(',') : route.method} ${route.url.startsWith(API_PREFIX) ? route.url.slice(API_PREFIX.length) : route.url}`;

/** Requests whose handler read the key's scope (a scoped route must, see guardAdminRoutes). */
const scopeRead = new WeakSet<FastifyRequest>();

/**
 * The tenants the key may see, for the use case of a route that declares tenant 'field' or
 * 'handler': the use case applies it (readTenant, writeTenant in src/domain/tenant-scope.ts).
 */
export function scopeOf(req: FastifyRequest): TenantScope {
  if (!confinedByUseCase(req))
    throw new Error(
      `${req.method} ${req.routeOptions.url} reads the key's scope but declares tenant '${req.routeOptions.config?.tenant}'`,
    );
  scopeRead.add(req);
  return req.principal?.tenantId ?? null;
}

const principalScope = (req: FastifyRequest) => req.principal?.tenantId ?? null;

/** Whether the route's use case confines the tenant itself: 'field', 'handler', or a tenant_id it takes. */
function confinedByUseCase(req: FastifyRequest) {
  const rule = req.routeOptions.config?.tenant;
  const schema = req.routeOptions.schema as { querystring?: Part; body?: Part } | undefined;
  return rule === 'field' || rule === 'handler' || hasTenantId(schema?.querystring) || hasTenantId(schema?.body);
}

type Holder = Record<string, unknown> | undefined;
const schemaOf = (req: FastifyRequest) => req.routeOptions.schema as { querystring?: Part; body?: Part } | undefined;

/**
 * Installs the guard on an admin scope: every route is checked when it is added (the server does
 * not start with an undeclared one), and every request is confined before its handler.
 * `authenticate` runs first and sets req.principal.
 */
export interface GuardedRoute {
  /** "METHOD /path" without the API prefix. */
  route: string;
  access: Access | 'self';
  tenant: TenantRule;
  references: Record<string, Reference>;
}

export function guardAdminRoutes(
  scope: FastifyInstance,
  options: {
    db: Database;
    owners: Owners;
    authenticate: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /** Filled with every route's declaration as it is added (docs and tests read it). */
    declared?: GuardedRoute[];
  },
) {
  const { db, owners } = options;
  scope.addHook('onRoute', (route) => {
    const problems = guardProblems(route, owners);
    if (problems.length) throw new Error(`${keyOf(route)} ${problems.join('; ')} (src/app/route-guard.ts)`);
    const config = route.config as { access: Access | 'self'; tenant: TenantRule; references?: Record<string, Reference> };
    options.declared?.push({
      route: keyOf(route),
      access: config.access,
      tenant: config.tenant,
      references: config.references ?? {},
    });
  });
  scope.addHook('onRequest', options.authenticate);
  // Before validation: a missing tenant_id is the key's (in the query, and in the body of a POST,
  // which names the tenant of what it creates), so a required tenant_id need not be sent.
  scope.addHook('preValidation', async (req) => {
    const tenant = principalScope(req);
    if (tenant === null) return;
    const schema = schemaOf(req);
    const fill = (h: Holder) => {
      if (h && typeof h === 'object' && (h.tenant_id === undefined || h.tenant_id === null)) h.tenant_id = tenant;
    };
    if (hasTenantId(schema?.querystring)) fill(req.query as Holder);
    if (hasTenantId(schema?.body) && req.method === 'POST') fill(req.body as Holder);
  });
  scope.addHook('preHandler', async (req) => {
    const tenant = principalScope(req);
    if (tenant === null) return;
    const config = req.routeOptions.config ?? {};
    // A tenant_id of the query or body is the use case's to confine: it is given the key's scope.
    const rule = config.tenant;
    if (rule && (OWNER_KINDS as readonly string[]).includes(rule)) {
      const owner = owners[rule as OwnerKind];
      const params = req.params as Params;
      const found = await db.run((h) => rowsOf(h, TenantOf, owner.tenants(Number(params[owner.param]))));
      if (!found.some((r) => r.tenant_id === tenant)) throw owner.missing(params);
    }
    // What the body names must be the tenant's too, with the 404 a missing one gets.
    for (const [field, kind] of Object.entries(config.references ?? {})) {
      if (kind === 'new' || kind === 'part') continue;
      const owner = owners[kind];
      for (const id of new Set(valuesAt(req.body, field))) {
        if (typeof id !== 'number') continue;
        const found = await db.run((h) => rowsOf(h, TenantOf, owner.tenants(id)));
        if (!found.some((r) => r.tenant_id === tenant)) throw owner.missing({ [owner.param]: id });
      }
    }
  });
  // Failing closed: a route that declares its use case confines the tenant ('field', 'handler')
  // must have handed it the key's scope (scopeOf). A write that did not never commits (checked
  // before each of the request's transactions commits), and an answer that did not is not sent.
  const unscoped = (req: FastifyRequest) => confinedByUseCase(req) && principalScope(req) !== null && !scopeRead.has(req);
  const unscopedError = (req: FastifyRequest) =>
    new Error(
      `${req.method} ${req.routeOptions.url} confines the tenant in its use case, but its handler never read the key's scope (scopeOf)`,
    );
  scope.addHook('preHandler', (req, _reply, done) => {
    commitCheck.run(() => {
      if (unscoped(req)) throw unscopedError(req);
    }, done);
  });
  scope.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode < 400 && unscoped(req)) throw unscopedError(req);
    return payload;
  });
}
