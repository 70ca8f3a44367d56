// `ionmesh keys create|list|revoke`: API keys on the database directly (the same rules as the
// API: shown once, stored hashed, the last admin key kept). On the embedded database, a running
// server holds the data directory: the command is refused (exit 3) naming it; use its API then.
import { type DatabaseConfig, openDatabase } from '../app/database.js';
import { DomainError } from '../domain/errors.js';
import type { Role } from '../domain/roles.js';
import { ALL_TENANTS } from '../domain/tenant-scope.js';
import { AuthService } from '../modules/auth/index.js';

const CLI = { actor: 'cli' };

async function withAuth<T>(database: DatabaseConfig, fn: (auth: AuthService) => Promise<T>) {
  const db = await openDatabase(database, 'cli (keys)');
  try {
    await db.migrate();
    return await fn(new AuthService(db));
  } finally {
    await db.close();
  }
}

/** Prints the refusal of a rule (not a stack) and gives exit code 2. */
function refused(error: unknown) {
  if (error instanceof DomainError) {
    process.stderr.write(`${error.code}: ${error.message}\n`);
    return 2;
  }
  throw error;
}

export async function createKey(
  database: DatabaseConfig,
  opts: { name: string; role: Role; tenantId?: number; expiresDays?: number; json?: boolean },
) {
  try {
    const expires = opts.expiresDays ? new Date(Date.now() + opts.expiresDays * 86_400_000).toISOString() : null;
    const key = await withAuth(database, (auth) =>
      auth.create({ name: opts.name, role: opts.role, tenant_id: opts.tenantId ?? null, expires_at: expires }, CLI, ALL_TENANTS),
    );
    if (opts.json) process.stdout.write(`${JSON.stringify(key)}\n`);
    else
      process.stdout.write(
        `API key ${key.id} (${key.role}${key.tenant_id === null ? '' : ` of tenant ${key.tenant_id}`}, "${key.name}"` +
          `${key.expires_at ? `, expires ${key.expires_at}` : ''}):\n\n  ${key.key}\n\n` +
          'It is shown this once: only its hash is stored. Send it as X-API-Key or Authorization: Bearer.\n',
      );
    return 0;
  } catch (error) {
    return refused(error);
  }
}

export async function listKeys(database: DatabaseConfig, opts: { json?: boolean }) {
  const { items } = await withAuth(database, (auth) => auth.list({ limit: 1000, offset: 0 }));
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(items)}\n`);
    return 0;
  }
  const rows = items.map((k) => [
    String(k.id),
    `${k.prefix}…`,
    k.role,
    k.name,
    k.last_used_at ?? 'never',
    k.revoked_at ? `revoked ${k.revoked_at}` : k.expires_at && Date.parse(k.expires_at) < Date.now() ? 'expired' : 'active',
  ]);
  const head = ['id', 'prefix', 'role', 'name', 'last used', 'state'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  for (const r of [head, ...rows]) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i] as number)).join('  ')}\n`);
  return 0;
}

export async function revokeKey(database: DatabaseConfig, idOrPrefix: string) {
  try {
    return await withAuth(database, async (auth) => {
      const found = await auth.find(idOrPrefix.replace(/…$/, ''));
      if (found.length !== 1) {
        process.stderr.write(found.length ? `"${idOrPrefix}" names several keys: use the id\n` : `No API key "${idOrPrefix}"\n`);
        return 2;
      }
      const key = await auth.revoke((found[0] as { id: number }).id, CLI);
      process.stdout.write(`API key ${key.id} (${key.prefix}…, ${key.role}) revoked at ${key.revoked_at}\n`);
      return 0;
    });
  } catch (error) {
    return refused(error);
  }
}
