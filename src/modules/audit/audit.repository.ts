// Writes and reads the audit log. Writes always happen inside the transaction of the change.
import { and, count, desc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import type { Sql } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { type Paged, type PageRequest, pageOf } from '../../domain/pagination.js';
import { readTenant, type TenantScope } from '../../domain/tenant-scope.js';
import { auditLog } from './audit.table.js';
import type { AuditAction } from './audit-actions.js';

export interface AuditEntry {
  tenantId?: number | null;
  action: AuditAction;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(tx: Sql, actor: Actor, entry: AuditEntry) {
  await tx.insert(auditLog).values({
    tenantId: entry.tenantId ?? null,
    actor: actor.actor,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    sourceIp: actor.sourceIp ?? null,
    requestId: actor.requestId ?? null,
  });
}

export interface AuditFilter extends PageRequest {
  tenant_id?: number;
  entity_type?: string;
  entity_id?: string;
  entity_ids?: string[];
  action?: string;
  since?: string;
  until?: string;
}

export async function listAudit(db: Sql, filter: AuditFilter, scope: TenantScope): Promise<Paged<typeof auditLog.$inferSelect>> {
  const { limit, offset } = pageOf(filter);
  const where: SQL[] = [];
  const tenantId = readTenant(scope, filter.tenant_id);
  if (tenantId !== undefined) where.push(eq(auditLog.tenantId, tenantId));
  if (filter.entity_type) where.push(eq(auditLog.entityType, filter.entity_type));
  if (filter.entity_id) where.push(eq(auditLog.entityId, filter.entity_id));
  if (filter.entity_ids?.length) where.push(inArray(auditLog.entityId, filter.entity_ids));
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.since) where.push(gte(auditLog.createdAt, new Date(filter.since)));
  if (filter.until) where.push(lte(auditLog.createdAt, new Date(filter.until)));
  const cond = where.length ? and(...where) : undefined;
  const items = await db.select().from(auditLog).where(cond).orderBy(desc(auditLog.id)).limit(limit).offset(offset);
  const [total] = await db.select({ n: count() }).from(auditLog).where(cond);
  return { items, total: total?.n ?? 0, limit, offset };
}

/** Whether `actor` wrote any entry since `since` (a bulk job's item whose action committed). */
export async function auditedSince(db: Sql, actor: string, since: Date) {
  const [row] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.actor, actor), gte(auditLog.createdAt, since)));
  return (row?.n ?? 0) > 0;
}
