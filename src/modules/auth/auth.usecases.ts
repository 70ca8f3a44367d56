// Admin API keys: created on the first start of an empty database (printed once) or taken from
// IONMESH_ADMIN_KEY; stored only as SHA-256 hashes. Roles and tenant keys come later.
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, count, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../app/database.js';
import { type PageRequest, pageOf } from '../../domain/pagination.js';
import { apiKeys } from './auth.table.js';

export const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');
export const keyPrefix = (key: string) => key.slice(0, 12);
export const newKey = () => `imk_${randomBytes(24).toString('base64url')}`;

const LAST_USED_RESOLUTION_SEC = 60;

export class AuthService {
  constructor(private readonly db: Database) {}

  /** Makes sure an admin key exists; returns a newly generated key (to print once) or null. */
  async ensureAdminKey(configuredKey?: string | null): Promise<string | null> {
    return this.db.transaction(async (tx) => {
      if (configuredKey) {
        await tx
          .insert(apiKeys)
          .values({ name: 'IONMESH_ADMIN_KEY', prefix: keyPrefix(configuredKey), keyHash: hashKey(configuredKey) })
          .onConflictDoNothing();
        return null;
      }
      const [existing] = await tx.select({ n: count() }).from(apiKeys);
      if ((existing?.n ?? 0) > 0) return null;
      const key = newKey();
      await tx.insert(apiKeys).values({ name: 'initial admin key', prefix: keyPrefix(key), keyHash: hashKey(key) });
      return key;
    });
  }

  /** Keys, oldest first, without their hashes. */
  list(page: PageRequest) {
    const p = pageOf(page);
    return this.db.run(async (db) => {
      const iso = (d: Date | null) => (d ? d.toISOString() : null);
      const list = await db
        .select({
          id: apiKeys.id,
          name: apiKeys.name,
          prefix: apiKeys.prefix,
          role: apiKeys.role,
          tenantId: apiKeys.tenantId,
          createdAt: apiKeys.createdAt,
          lastUsedAt: apiKeys.lastUsedAt,
          expiresAt: apiKeys.expiresAt,
          revokedAt: apiKeys.revokedAt,
        })
        .from(apiKeys)
        .orderBy(asc(apiKeys.id))
        .limit(p.limit)
        .offset(p.offset);
      const [total] = await db.select({ n: count() }).from(apiKeys);
      return {
        items: list.map((k) => ({
          id: k.id,
          name: k.name,
          prefix: k.prefix,
          role: k.role,
          tenant_id: k.tenantId,
          created_at: k.createdAt.toISOString(),
          last_used_at: iso(k.lastUsedAt),
          expires_at: iso(k.expiresAt),
          revoked_at: iso(k.revokedAt),
        })),
        total: Number(total?.n ?? 0),
        ...p,
      };
    });
  }

  /** The key's id when it is valid, else null. */
  async verify(key: string): Promise<number | null> {
    const hash = hashKey(key);
    return this.db.run(async (db) => {
      const [found] = await db
        .select({ id: apiKeys.id, lastUsedAt: apiKeys.lastUsedAt })
        .from(apiKeys)
        .where(
          and(
            eq(apiKeys.keyHash, hash),
            isNull(apiKeys.revokedAt),
            or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`)),
          ),
        );
      if (!found) return null;
      if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > LAST_USED_RESOLUTION_SEC * 1000) {
        await db
          .update(apiKeys)
          .set({ lastUsedAt: sql`now()` })
          .where(
            and(
              eq(apiKeys.id, found.id),
              or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '60 seconds'`)),
            ),
          );
      }
      return found.id;
    });
  }
}
