// Assignment policies: CRUD per tenant, and the per-tenant list registration decides with.
// Registration reads them through a short cache (2 s): a change applies within that time in
// every process; the decision itself is recorded on the profile.
import { sql } from 'drizzle-orm';
import { type Database, rows, uniqueOr } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { type Policy, type PolicyAction, type PolicyConditions, policyProblem } from '../../domain/assignment-policy.js';
import { conflict, invalid, tenantNotFound } from '../../domain/errors.js';
import { recordAudit } from '../audit/index.js';
import { policyNotFound } from './policies.errors.js';

export interface PolicyInput {
  tenant_id: number;
  name: string;
  priority?: number;
  enabled?: boolean;
  conditions?: PolicyConditions;
  action: PolicyAction;
}

const CACHE_MS = 2000;

interface Row {
  id: number;
  tenant_id: number;
  name: string;
  priority: number;
  enabled: boolean;
  conditions: PolicyConditions;
  action: PolicyAction;
  created_at: string;
  updated_at: string;
}

export class PoliciesService {
  private cache = new Map<number, { at: number; list: Promise<Policy[]> }>();

  constructor(private readonly db: Database) {}

  /** The tenant's policies, as registration sees them. */
  forTenant = (tenantId: number): Promise<Policy[]> => {
    const hit = this.cache.get(tenantId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.list;
    const list = this.db
      .run((db) => rows<Row>(db, sql`SELECT * FROM assignment_policies WHERE tenant_id = ${tenantId} ORDER BY priority, id`))
      .catch((err) => {
        this.cache.delete(tenantId);
        throw err;
      });
    this.cache.set(tenantId, { at: Date.now(), list });
    return list;
  };

  list(f: { tenant_id?: number; limit?: number; offset?: number }) {
    const limit = f.limit ?? 50;
    const offset = f.offset ?? 0;
    const cond = sql`WHERE (${f.tenant_id ?? null}::int IS NULL OR tenant_id = ${f.tenant_id ?? null}::int)`;
    return this.db.run(async (db) => {
      const items = await rows<Row>(
        db,
        sql`SELECT * FROM assignment_policies ${cond} ORDER BY tenant_id, priority, id LIMIT ${limit} OFFSET ${offset}`,
      );
      const [t] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM assignment_policies ${cond}`);
      return { items, total: t?.n ?? 0, limit, offset };
    });
  }

  async get(id: number) {
    const [p] = await this.db.run((db) => rows<Row>(db, sql`SELECT * FROM assignment_policies WHERE id = ${id}`));
    if (!p) throw policyNotFound(id);
    return p;
  }

  create(input: PolicyInput, actor: Actor) {
    const conditions = input.conditions ?? {};
    const problem = policyProblem(conditions, input.action);
    if (problem) throw invalid(problem);
    return this.write(input.tenant_id, () =>
      this.db.transaction(async (tx) => {
        const tenant = await rows(tx, sql`SELECT 1 FROM tenants WHERE id = ${input.tenant_id}`);
        if (tenant.length === 0) throw tenantNotFound(input.tenant_id);
        const [p] = await rows<Row>(
          tx,
          sql`INSERT INTO assignment_policies (tenant_id, name, priority, enabled, conditions, action)
              VALUES (${input.tenant_id}, ${input.name}, ${input.priority ?? 100}, ${input.enabled ?? true},
                      ${JSON.stringify(conditions)}::jsonb, ${JSON.stringify(input.action)}::jsonb)
              RETURNING *`,
        );
        await recordAudit(tx, actor, {
          tenantId: input.tenant_id,
          action: 'policy.create',
          entityType: 'assignment_policy',
          entityId: String(p?.id),
          after: p,
        });
        return p as Row;
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
        const [p] = await rows<Row>(
          tx,
          sql`UPDATE assignment_policies SET name = ${patch.name ?? before.name}, priority = ${patch.priority ?? before.priority},
                enabled = ${patch.enabled ?? before.enabled}, conditions = ${JSON.stringify(conditions)}::jsonb,
                action = ${JSON.stringify(action)}::jsonb, updated_at = now()
              WHERE id = ${id} RETURNING *`,
        );
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
        await tx.execute(sql`DELETE FROM assignment_policies WHERE id = ${id}`);
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
