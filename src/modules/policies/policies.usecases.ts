// Assignment policies: CRUD per tenant, and the per-tenant list registration decides with.
// Registration reads them through a short cache (2 s): a change applies within that time in
// every process; the decision itself is recorded on the profile.
import { type Database, uniqueOr } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { type Policy, type PolicyAction, type PolicyConditions, policyProblem } from '../../domain/assignment-policy.js';
import { conflict, invalid, tenantNotFound } from '../../domain/errors.js';
import { readTenant, type TenantScope, writeTenant } from '../../domain/tenant-scope.js';
import { recordAudit } from '../audit/index.js';
import { tenantExists } from '../inventory/index.js';
import { policyNotFound } from './policies.errors.js';
import * as repo from './policies.repository.js';

export interface PolicyInput {
  tenant_id: number;
  name: string;
  priority?: number;
  enabled?: boolean;
  conditions?: PolicyConditions;
  action: PolicyAction;
}

const CACHE_MS = 2000;

export class PoliciesService {
  private cache = new Map<number, { at: number; list: Promise<Policy[]> }>();

  constructor(private readonly db: Database) {}

  /** The tenant's policies, as registration sees them. */
  forTenant = (tenantId: number): Promise<Policy[]> => {
    const hit = this.cache.get(tenantId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.list;
    const list = this.db
      .run((db) => repo.policiesOf(db, tenantId))
      .catch((err) => {
        this.cache.delete(tenantId);
        throw err;
      });
    this.cache.set(tenantId, { at: Date.now(), list });
    return list;
  };

  list(f: { tenant_id?: number; limit?: number; offset?: number }, scope: TenantScope) {
    const limit = f.limit ?? 50;
    const offset = f.offset ?? 0;
    const tenantId = readTenant(scope, f.tenant_id);
    return this.db.run(async (db) => ({ ...(await repo.listPolicies(db, tenantId, limit, offset)), limit, offset }));
  }

  async get(id: number) {
    const p = await this.db.run((db) => repo.getPolicy(db, id));
    if (!p) throw policyNotFound(id);
    return p;
  }

  create(input: PolicyInput, actor: Actor, scope: TenantScope) {
    writeTenant(scope, input.tenant_id);
    const conditions = input.conditions ?? {};
    const problem = policyProblem(conditions, input.action);
    if (problem) throw invalid(problem);
    return this.write(input.tenant_id, () =>
      this.db.transaction(async (tx) => {
        if (!(await tenantExists(tx, input.tenant_id))) throw tenantNotFound(input.tenant_id);
        const p = await repo.insertPolicy(tx, input.tenant_id, {
          name: input.name,
          priority: input.priority ?? 100,
          enabled: input.enabled ?? true,
          conditions,
          action: input.action,
        });
        await recordAudit(tx, actor, {
          tenantId: input.tenant_id,
          action: 'policy.create',
          entityType: 'assignment_policy',
          entityId: String(p.id),
          after: p,
        });
        return p;
      }),
    );
  }

  async update(id: number, patch: Partial<Omit<PolicyInput, 'tenant_id'>>, actor: Actor) {
    const before = await this.get(id);
    const conditions = patch.conditions ?? before.conditions;
    const action = patch.action ?? before.action;
    const problem = policyProblem(conditions, action);
    if (problem) throw invalid(problem);
    return this.write(before.tenant_id, () =>
      this.db.transaction(async (tx) => {
        const p = await repo.updatePolicy(tx, id, {
          name: patch.name ?? before.name,
          priority: patch.priority ?? before.priority,
          enabled: patch.enabled ?? before.enabled,
          conditions,
          action,
        });
        if (!p) throw policyNotFound(id);
        await recordAudit(tx, actor, {
          tenantId: before.tenant_id,
          action: 'policy.update',
          entityType: 'assignment_policy',
          entityId: String(id),
          before,
          after: p,
        });
        return p;
      }),
    );
  }

  async remove(id: number, actor: Actor) {
    const before = await this.get(id);
    return this.write(before.tenant_id, () =>
      this.db.transaction(async (tx) => {
        await repo.deletePolicy(tx, id);
        await recordAudit(tx, actor, {
          tenantId: before.tenant_id,
          action: 'policy.delete',
          entityType: 'assignment_policy',
          entityId: String(id),
          before,
        });
        return { status: 'success' as const, message: `Assignment policy ${id} deleted` };
      }),
    );
  }

  /** A change of the tenant's policies: a name clash is a 409, and the cache forgets the tenant. */
  private async write<T>(tenantId: number, fn: () => Promise<T>) {
    try {
      return await uniqueOr(
        () => conflict('POLICY_EXISTS', 'An assignment policy with that name already exists for the tenant'),
        fn,
      );
    } finally {
      this.cache.delete(tenantId);
    }
  }
}
