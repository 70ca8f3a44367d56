// API keys: shown once at creation, stored as SHA-256 hashes; the visible prefix lets an
// operator recognise a key. Each key has a role (src/domain/roles.ts), may expire, records its
// last use (to the minute), and can be revoked. The first start of an empty database creates an
// admin key (printed once) unless IONMESH_ADMIN_KEY gives one.

import { createHash, randomBytes } from 'node:crypto';
import { and, asc, count, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { tenantNotFound } from '../../domain/errors.js';
import { type PageRequest, pageOf } from '../../domain/pagination.js';
import type { Role } from '../../domain/roles.js';
import { type TenantScope, writeTenant } from '../../domain/tenant-scope.js';
import { recordAudit } from '../audit/index.js';
import { insertEvent } from '../events/index.js';
import { tenantExists } from '../inventory/index.js';
import { adminKeyWithTenant, expiryInThePast, keyNotFound, lastAdminKey, tenantAdminWithoutTenant } from './auth.errors.js';
import { apiKeys } from './auth.table.js';

export const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');
export const keyPrefix = (key: string) => key.slice(0, 12);
export const newKey = () => `imk_${randomBytes(24).toString('base64url')}`;

const LAST_USED_RESOLUTION_SEC = 60;

/** Who a valid key is. */
export interface Principal {
  keyId: number;
  name: string;
  prefix: string;
  role: Role;
  tenantId: number | null;
}

export interface NewKey {
  name: string;
  role: Role;
  tenant_id?: number | null;
  /** ISO time after which the key is refused. */
  expires_at?: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const view = (k: typeof apiKeys.$inferSelect) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  role: k.role,
  tenant_id: k.tenantId,
  created_at: k.createdAt.toISOString(),
  last_used_at: iso(k.lastUsedAt),
  expires_at: iso(k.expiresAt),
  revoked_at: iso(k.revokedAt),
});

/** How long the set of active keys' hashes is trusted before it is read again. */
const KNOWN_KEYS_MS = 5000;

export class AuthService {
  private knownKeys: { at: number; hashes: Promise<Set<string>> } | null = null;

  constructor(private readonly db: Database) {}

  /**
   * Whether a presented key is one of the active keys, from a set of their hashes read at most
   * every 5 s: as cheap as refusing it (one SHA-256), so an address throttled for a flood of bad
   * keys still lets its operators' valid keys through. The full check (expiry, revocation this
   * instant) is `verify`'s.
   */
  async isKnownKey(key: string): Promise<boolean> {
    if (!this.knownKeys || Date.now() - this.knownKeys.at > KNOWN_KEYS_MS) {
      const hashes = this.db
        .run((db) =>
          db
            .select({ hash: apiKeys.keyHash })
            .from(apiKeys)
            .where(and(isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`)))),
        )
        .then((rows) => new Set(rows.map((r) => r.hash)));
      this.knownKeys = { at: Date.now(), hashes };
      hashes.catch(() => {
        this.knownKeys = null;
      });
    }
    return (await this.knownKeys.hashes).has(hashKey(key));
  }

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

  /**
   * A new key: the answer holds the key itself, the only time it is ever shown. An admin key spans
   * tenants; a tenant-admin key belongs to one; the other roles may be confined to a tenant.
   */
  async create(input: NewKey, actor: Actor, scope: TenantScope) {
    // A key confined to a tenant makes keys of its tenant only, never an unconfined one.
    const tenantId = scope === null ? (input.tenant_id ?? null) : writeTenant(scope, input.tenant_id ?? scope);
    if (input.role === 'admin' && tenantId !== null) throw adminKeyWithTenant();
    if (input.role === 'tenant-admin' && tenantId === null) throw tenantAdminWithoutTenant();
    const expiresAt = input.expires_at ? new Date(input.expires_at) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw expiryInThePast();
    const key = newKey();
    const row = await this.db.transaction(async (tx) => {
      if (tenantId !== null && !(await tenantExists(tx, tenantId))) throw tenantNotFound(tenantId);
      const [created] = await tx
        .insert(apiKeys)
        .values({ name: input.name, role: input.role, tenantId, prefix: keyPrefix(key), keyHash: hashKey(key), expiresAt })
        .returning();
      const v = view(created as typeof apiKeys.$inferSelect);
      await recordAudit(tx, actor, {
        tenantId,
        action: 'api_key.create',
        entityType: 'api_key',
        entityId: String(v.id),
        after: v,
      });
      return v;
    });
    this.knownKeys = null;
    return { ...row, key };
  }

  /** Revokes a key; the last active admin key cannot be revoked (nobody could make another). */
  async revoke(id: number, actor: Actor) {
    this.knownKeys = null;
    return this.db.transaction(async (tx) => {
      // Serialises revocations, so two admins cannot revoke the last two admin keys at once.
      await tx.execute(sql`LOCK TABLE api_keys IN SHARE ROW EXCLUSIVE MODE`);
      const [key] = await tx.select().from(apiKeys).where(eq(apiKeys.id, id));
      if (!key) throw keyNotFound(id);
      if (key.revokedAt) return view(key);
      if (key.role === 'admin') {
        const [others] = await tx
          .select({ n: count() })
          .from(apiKeys)
          .where(
            and(
              eq(apiKeys.role, 'admin'),
              isNull(apiKeys.revokedAt),
              or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`)),
              sql`${apiKeys.id} <> ${id}`,
            ),
          );
        if ((others?.n ?? 0) === 0) throw lastAdminKey();
      }
      const [revoked] = await tx.update(apiKeys).set({ revokedAt: sql`now()` }).where(eq(apiKeys.id, id)).returning();
      const v = view(revoked as typeof apiKeys.$inferSelect);
      // In the outbox, in order: the key's event streams end before anything newer reaches them.
      await insertEvent(tx, 'api_key.revoked', null, { key_id: id, prefix: key.prefix, name: key.name, role: key.role });
      await recordAudit(tx, actor, {
        action: 'api_key.revoke',
        entityType: 'api_key',
        entityId: String(id),
        before: view(key),
        after: v,
      });
      return v;
    });
  }

  /** Keys, oldest first, without their hashes; a tenant-scoped caller (scope) sees its tenant's. */
  list(page: PageRequest, scope: number | null = null) {
    const p = pageOf(page);
    const cond = scope === null ? undefined : eq(apiKeys.tenantId, scope);
    return this.db.run(async (db) => {
      const list = await db.select().from(apiKeys).where(cond).orderBy(asc(apiKeys.id)).limit(p.limit).offset(p.offset);
      const [total] = await db.select({ n: count() }).from(apiKeys).where(cond);
      return { items: list.map(view), total: Number(total?.n ?? 0), ...p };
    });
  }

  /** A key found by id or by its visible prefix (the CLI's `keys revoke`). */
  async find(idOrPrefix: string) {
    return this.db.run(async (db) => {
      const byId = /^\d+$/.test(idOrPrefix) ? eq(apiKeys.id, Number(idOrPrefix)) : eq(apiKeys.prefix, idOrPrefix);
      const found = await db.select().from(apiKeys).where(byId).limit(2);
      return found.map(view);
    });
  }

  /** The key's principal when it is valid (known, not revoked, not expired), else null. */
  /** Whether a key verified earlier is still valid (not revoked, not expired): long streams ask. */
  async stillValid(keyId: number): Promise<boolean> {
    const found = await this.db.run((db) =>
      db
        .select({ id: apiKeys.id })
        .from(apiKeys)
        .where(
          and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`))),
        ),
    );
    return found.length > 0;
  }

  async verify(key: string): Promise<Principal | null> {
    const hash = hashKey(key);
    return this.db.run(async (db) => {
      const [found] = await db
        .select()
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
      return { keyId: found.id, name: found.name, prefix: found.prefix, role: found.role as Role, tenantId: found.tenantId };
    });
  }
}
