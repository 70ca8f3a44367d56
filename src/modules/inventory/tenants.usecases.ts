// Tenants: create, read, rename, enrollment rules, delete when unused.
import { eq } from 'drizzle-orm';
import type { Database } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { cidrProblem } from '../../domain/enrollment.js';
import { conflict, invalid, tenantNotFound } from '../../domain/errors.js';
import type { PageRequest } from '../../domain/pagination.js';
import { recordAudit } from '../audit/index.js';
import { uniqueOrConflict } from './inventory.errors.js';
import * as repo from './inventory.repository.js';
import { tenants } from './inventory.table.js';

export interface TenantInput {
  id?: number;
  name: string;
  enrollment_mode?: 'open' | 'cidr' | 'key';
  enrollment_cidrs?: string[];
  bind_client_source?: boolean;
  move_on_config_mismatch?: boolean;
}

/** Tenants of the inventory. */
export class TenantsService {
  constructor(private readonly db: Database) {}

  // --- tenants
  list = (page: PageRequest, scope: number | null = null) => this.db.run((db) => repo.listTenants(db, page, scope));

  async get(id: number) {
    const t = await this.db.run((db) => repo.getTenant(db, id));
    if (!t) throw tenantNotFound(id);
    return t;
  }

  create(input: TenantInput, actor: Actor) {
    checkEnrollment(input);
    return uniqueOrConflict('TENANT_EXISTS', 'A tenant with that id or name already exists', () =>
      this.db.transaction(async (tx) => {
        const [t] = await tx
          .insert(tenants)
          .values({ ...tenantValues(input), name: input.name })
          .returning();
        if (input.id !== undefined) await repo.syncTenantSequence(tx);
        await recordAudit(tx, actor, {
          tenantId: t?.id,
          action: 'tenant.create',
          entityType: 'tenant',
          entityId: String(t?.id),
          after: t,
        });
        return t as typeof tenants.$inferSelect;
      }),
    );
  }

  update(id: number, input: Partial<TenantInput>, actor: Actor) {
    checkEnrollment(input);
    return uniqueOrConflict('TENANT_EXISTS', 'A tenant with that name already exists', () =>
      this.db.transaction(async (tx) => {
        const before = await repo.getTenant(tx, id);
        if (!before) throw tenantNotFound(id);
        // A cidr tenant without networks would enroll nobody: refused (the transaction rolls back).
        const [after] = await tx.update(tenants).set(tenantValues(input)).where(eq(tenants.id, id)).returning();
        if (after?.enrollmentMode === 'cidr' && after.enrollmentCidrs.length === 0)
          throw invalid('enrollment_cidrs: cidr enrollment needs at least one network', { field: 'enrollment_cidrs' });
        await recordAudit(tx, actor, {
          tenantId: id,
          action: 'tenant.update',
          entityType: 'tenant',
          entityId: String(id),
          before,
          after,
        });
        return after as typeof tenants.$inferSelect;
      }),
    );
  }

  delete(id: number, actor: Actor) {
    return this.db.transaction(async (tx) => {
      const before = await repo.getTenant(tx, id);
      if (!before) throw tenantNotFound(id);
      const usage = await repo.tenantUsage(tx, id);
      if (usage.banks > 0 || usage.profiles > 0) {
        throw conflict('TENANT_IN_USE', `Tenant ${id} still owns ${usage.banks} bank(s) and ${usage.profiles} profile(s)`);
      }
      await tx.delete(tenants).where(eq(tenants.id, id));
      await recordAudit(tx, actor, { tenantId: id, action: 'tenant.delete', entityType: 'tenant', entityId: String(id), before });
      return { status: 'success' as const, message: `Tenant ${id} deleted` };
    });
  }
}

function checkEnrollment(input: Partial<TenantInput>) {
  const problem = cidrProblem(input.enrollment_cidrs ?? []);
  if (problem) throw invalid(`enrollment_cidrs: ${problem}`, { field: 'enrollment_cidrs' });
  if (input.enrollment_mode === 'cidr' && input.enrollment_cidrs !== undefined && input.enrollment_cidrs.length === 0)
    throw invalid('enrollment_cidrs: cidr enrollment needs at least one network', { field: 'enrollment_cidrs' });
}

function tenantValues(input: Partial<TenantInput>) {
  return {
    ...(input.id !== undefined ? { id: input.id } : {}),
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.enrollment_mode !== undefined ? { enrollmentMode: input.enrollment_mode } : {}),
    ...(input.enrollment_cidrs !== undefined ? { enrollmentCidrs: input.enrollment_cidrs } : {}),
    ...(input.bind_client_source !== undefined ? { bindClientSource: input.bind_client_source } : {}),
    ...(input.move_on_config_mismatch !== undefined ? { moveOnConfigMismatch: input.move_on_config_mismatch } : {}),
  };
}
