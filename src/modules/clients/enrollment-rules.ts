// The enrollment rules of a tenant, read through a short per-process cache (a change applies
// within two seconds on every replica), so that registrations pay no extra query.
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../../app/database.js';
import { ENROLLMENT_MODES, type EnrollmentMode, type TenantEnrollment } from '../../domain/enrollment.js';

export function enrollmentRules(db: Database, ttlMs = 2000) {
  const cache = new Map<number, { at: number; value: Promise<TenantEnrollment | null> }>();
  return (tenantId: number): Promise<TenantEnrollment | null> => {
    const hit = cache.get(tenantId);
    if (hit && Date.now() - hit.at < ttlMs) return hit.value;
    const value = db
      .run((h) =>
        rowsOf(
          h,
          Type.Object({
            enrollment_mode: Type.Unsafe<EnrollmentMode>(Type.Union(ENROLLMENT_MODES.map((m) => Type.Literal(m)))),
            enrollment_cidrs: Type.Array(Type.String()),
            bind_client_source: Type.Boolean(),
          }),
          sql`SELECT enrollment_mode, enrollment_cidrs, bind_client_source FROM inventory_tenants WHERE id = ${tenantId}`,
        ),
      )
      .then(([t]) => (t ? { mode: t.enrollment_mode, cidrs: t.enrollment_cidrs, bindSource: t.bind_client_source } : null));
    cache.set(tenantId, { at: Date.now(), value });
    value.catch(() => cache.delete(tenantId));
    return value;
  };
}
