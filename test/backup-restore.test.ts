// An operator backs up a running site, loses its database, restores it and finds every client,
// card and key again: `ionmesh backup`/`restore` on the embedded database, pg_dump/pg_restore on
// PostgreSQL as docs/operations.md says. And an upgrade never lets an older IonMesh run on a
// database a newer one migrated.
import { type ChildProcess, execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildConfig } from '../src/app/config.js';
import { openPostgres } from '../src/app/database.js';
import { DatabaseNewer } from '../src/app/schema-version.js';
import { backup, restore } from '../src/cli/backup.js';
import { buildApp } from '../src/server/server.js';
import { ADMIN_KEY, freshDatabase, onPostgres, startIonMesh } from './support/harness.js';
import { freePort, ionmeshArgs, spawnIonMesh } from './support/processes.js';
import { scratchPostgres } from './support/scratch-database.js';

const execFileP = promisify(execFile);
const cli = (args: string[], env: Record<string, string> = {}) =>
  execFileP(process.execPath, ionmeshArgs([...args]), {
    env: { ...process.env, DATABASE_URL: '', IONMESH_API_KEY: '', ...env },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

const started = new Set<ChildProcess>();
afterAll(() => {
  for (const p of started) p.kill('SIGKILL');
});

async function serve(dataDir: string, extra: string[] = []) {
  const port = await freePort();
  const proc = spawnIonMesh(
    [
      'serve',
      '--demo',
      '--no-simulation',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--data-dir',
      dataDir,
      '--log-level',
      'warn',
      ...extra,
    ],
    { env: { ...process.env, DATABASE_URL: '', IONMESH_ADMIN_KEY: ADMIN_KEY }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  started.add(proc);
  let err = '';
  proc.stderr?.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) =>
    proc.once('exit', (code) => {
      started.delete(proc);
      resolve(code);
    }),
  );
  // A first start (initdb, migrations, the demo) takes 10-15 s, twice that on a busy machine.
  let ready = false;
  for (let i = 0; i < 300 && !ready; i++) {
    if (proc.exitCode !== null) break;
    ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (!ready) await new Promise((r) => setTimeout(r, 200));
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    exited,
    stderr: () => err,
    stop: () => {
      proc.kill('SIGTERM');
      return exited;
    },
    admin: (path: string, init: RequestInit = {}) =>
      fetch(`${url}/api/backend/v1${path}`, {
        ...init,
        headers: { 'x-api-key': ADMIN_KEY, 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
      }),
    register: (clientId: string) =>
      fetch(`${url}/api/backend/v1/remsim/register-client`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: clientId, mapping_mode: 'ONE_TO_ONE_SWSIM', mcc_mnc: '', tenant_id: 1 }),
      }),
  };
}

type Site = Awaited<ReturnType<typeof serve>>;

/** What an operator would check after a restore: clients and their cards, slots, keys. */
async function inventoryOf(site: Site) {
  const clients = (await (await site.admin('/clients?limit=500')).json()) as {
    items: Array<{ client_id: string; bank_id: number; slot_id: number; iccid: string | null }>;
  };
  const slots = (await (await site.admin('/slots?bank_id=1&limit=500')).json()) as { items: Array<{ iccid: string | null }> };
  const keys = (await (await site.admin('/api-keys?limit=500')).json()) as { items: Array<{ name: string }> };
  return {
    clients: clients.items.map((c) => `${c.client_id}@${c.bank_id}/${c.slot_id}`).sort(),
    iccids: slots.items.map((s) => s.iccid).sort(),
    keys: keys.items.map((k) => k.name).sort(),
  };
}

describe.runIf(!onPostgres)('backing up and restoring the embedded database', () => {
  const site = mkdtempSync(join(tmpdir(), 'ionmesh-backup-'));
  const dataDir = join(site, 'data');
  afterAll(() => rmSync(site, { recursive: true, force: true }));

  it('backs up a running site through the server, restores it after a loss, and every client, card and key is back', async () => {
    const running = await serve(dataDir);
    for (const id of ['router1-slot0', 'router2-slot0', 'router3-slot0']) expect((await running.register(id)).status).toBe(200);
    const key = await running.admin('/api-keys', {
      method: 'POST',
      body: JSON.stringify({ name: 'noc dashboard', role: 'readonly' }),
    });
    expect(key.status).toBe(201);
    const before = await inventoryOf(running);
    expect(before.clients).toHaveLength(3);
    expect(before.iccids.filter(Boolean)).toHaveLength(32);
    expect(before.keys).toContain('noc dashboard');

    // The server holds the data directory: a direct backup would be a second opener.
    const file = join(site, 'site.tar.gz');
    const refused = await cli(['backup', file, '--data-dir', dataDir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/a server runs on .* give an admin key \(--api-key-file or IONMESH_API_KEY\)/);
    const wrongKey = await cli(['backup', file, '--data-dir', dataDir], { IONMESH_API_KEY: 'imk_not_a_key_0123456789' });
    expect(wrongKey.code).toBe(2);
    expect(wrongKey.stderr).toMatch(/the server refused the backup: 401/);
    expect(existsSync(file)).toBe(false);
    const taken = await cli(['backup', file, '--data-dir', dataDir], { IONMESH_API_KEY: ADMIN_KEY });
    expect(taken.stderr).toBe('');
    expect(taken.stdout).toMatch(/through the running server at http:\/\/127\.0\.0\.1:\d+/);
    expect(readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const audit = (await (await running.admin('/audit-log?action=database.backup')).json()) as { items: unknown[] };
    expect(audit.items).toHaveLength(1);

    // After the backup: a change the restore must not bring back.
    expect((await running.register('router4-slot0')).status).toBe(200);
    // Restoring under a running server is refused: never two writers.
    const busy = await cli(['restore', file, '--data-dir', dataDir]);
    expect(busy.code).toBe(3);
    expect(await running.stop()).toBe(0);

    // The disk is lost.
    rmSync(join(dataDir, 'pglite'), { recursive: true, force: true });
    const restored = await cli(['restore', file, '--data-dir', dataDir]);
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toMatch(/Restored .* \(\d+ tables, \d+ migrations\)/);

    const again = await serve(dataDir);
    expect(await inventoryOf(again)).toEqual(before);
    // The restored key works, and the demo was not seeded over the restored inventory.
    const banks = (await (await again.admin('/banks')).json()) as { items: unknown[] };
    expect(banks.items).toHaveLength(2);
    expect(await again.stop()).toBe(0);
    // Three servers started from the sources and two CLI runs: about 35 s alone.
  }, 150_000);

  it('backs up a stopped site directly, and a restore keeps the database it replaces', async () => {
    const file = join(site, 'stopped.tar.gz');
    const taken = await cli(['backup', file, '--data-dir', dataDir]);
    expect(taken.stdout).toMatch(/directly \(no server was running\)/);
    const restored = await cli(['restore', file, '--data-dir', dataDir]);
    expect(restored.code).toBe(0);
    const kept = readdirSync(dataDir).filter((f) => f.startsWith('pglite.before-restore-'));
    expect(kept).toHaveLength(1);
    expect(restored.stdout).toContain(kept[0]);
  });

  it('refuses what is not a backup, and leaves the database as it was', async () => {
    const kept = () => readdirSync(dataDir).sort();
    const before = kept();
    const junk = join(site, 'junk.tar.gz');
    writeFileSync(junk, 'not a backup at all, just text');
    const r = await cli(['restore', junk, '--data-dir', dataDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not an IonMesh backup/);
    // The other refusals, in this process (the exit code is the same ConfigError's).
    const truncated = join(site, 'truncated.tar.gz');
    writeFileSync(truncated, readFileSync(join(site, 'stopped.tar.gz')).subarray(0, 4000));
    await expect(restore(truncated, { dataDir, databaseUrl: null })).rejects.toThrow(/cannot be restored/);
    await expect(restore(join(site, 'absent.tar.gz'), { dataDir, databaseUrl: null })).rejects.toThrow(/cannot read/);
    await expect(
      backup(join(site, 'x.tar.gz'), { dataDir: join(site, 'nothing-here'), databaseUrl: null, apiKey: undefined }),
    ).rejects.toThrow(/no embedded database in/);
    await expect(
      backup(join(site, 'x.tar.gz'), { dataDir, databaseUrl: 'postgres://x@127.0.0.1:1/x', apiKey: undefined }),
    ).rejects.toThrow(/pg_dump/);
    expect(kept()).toEqual(before);
    expect(existsSync(join(site, 'x.tar.gz'))).toBe(false);
  });

  it('refuses to serve, with exit code 4, a data directory that lacks migrations or that a newer IonMesh migrated', async () => {
    const fresh = await serve(join(site, 'fresh'), ['--no-migrate']);
    expect(await fresh.exited).toBe(4);
    expect(fresh.stderr()).toMatch(/the database misses \d+ migration\(s\) this IonMesh needs .* run `ionmesh migrate` first/);
    // The site restored above holds every migration: --no-migrate starts on it.
    const ok = await serve(dataDir, ['--no-migrate']);
    expect((await fetch(`${ok.url}/readyz`)).status).toBe(200);
    expect(await ok.stop()).toBe(0);

    // Now a newer IonMesh's migration lands in that database.
    const { PGlite } = await import('@electric-sql/pglite');
    const raw = new PGlite(join(dataDir, 'pglite'));
    await raw.query('INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)', [
      'newer',
      Date.now() + 86_400_000,
    ]);
    await raw.close();
    const newer = await serve(dataDir);
    expect(await newer.exited).toBe(4);
    expect(newer.stderr()).toMatch(/newer than this IonMesh/);
    const shown = await cli(['migrate', '--status', '--data-dir', dataDir]);
    expect(shown.code).toBe(4);
    expect(shown.stdout).toMatch(/newer than this IonMesh: 1 migration/);
  }, 150_000);
});

describe.runIf(onPostgres)('backing up and restoring PostgreSQL with pg_dump and pg_restore', () => {
  it('finds every client, card and key in a database restored from the documented dump', async () => {
    const h = await startIonMesh();
    const restoredDb = await scratchPostgres(process.env.TEST_DATABASE_URL as string, 'ionmesh_restore');
    const dir = mkdtempSync(join(tmpdir(), 'ionmesh-pgdump-'));
    try {
      for (const id of ['router1-slot0', 'router2-slot0']) {
        const r = await fetch(`${h.url}/api/backend/v1/remsim/register-client`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ client_id: id, mapping_mode: 'ONE_TO_ONE_SWSIM', mcc_mnc: '', tenant_id: 1 }),
        });
        expect(r.status).toBe(200);
      }
      expect(
        (await h.admin('/api-keys', { method: 'POST', body: JSON.stringify({ name: 'noc', role: 'readonly' }) })).status,
      ).toBe(201);
      const site = { admin: h.admin } as Site;
      const before = await inventoryOf(site);
      // The commands of docs/operations.md, as written there.
      const dump = join(dir, 'ionmesh.dump');
      await execFileP('pg_dump', ['--format=custom', '--file', dump, h.databaseUrl as string]);
      const backupViaApi = await h.admin('/backup');
      expect(backupViaApi.status).toBe(409);
      expect((await backupViaApi.json()).code).toBe('BACKUP_NOT_EMBEDDED');
      await execFileP('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', restoredDb.url, dump]);

      const db = await openPostgres(restoredDb.url);
      await db.migrate();
      const { app } = await buildApp({
        config: buildConfig({ port: 0, host: '127.0.0.1', logLevel: 'silent', adminKey: ADMIN_KEY }),
        db,
        logger: false,
        jobs: false,
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      try {
        const { port } = app.server.address() as { port: number };
        const admin = (path: string, init: RequestInit = {}) =>
          fetch(`http://127.0.0.1:${port}/api/backend/v1${path}`, { ...init, headers: { 'x-api-key': ADMIN_KEY } });
        expect(await inventoryOf({ admin } as Site)).toEqual(before);
      } finally {
        await app.close();
      }
    } finally {
      await h.close();
      await restoredDb.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('upgrades: a database newer than this IonMesh', () => {
  it('is refused by migrate and shown by the schema status, on either database', async () => {
    const { db, drop } = await freshDatabase();
    try {
      await db.migrate();
      const status = await db.schema();
      expect(status).toMatchObject({ pending: [], unknown: 0 });
      expect(status.applied).toBe(status.known);
      // A newer IonMesh's migration, recorded as Drizzle records it.
      await db.run((h) =>
        h.execute(
          sql`INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('from-a-newer-ionmesh', ${Date.now() + 86_400_000})`,
        ),
      );
      await expect(db.migrate()).rejects.toThrow(DatabaseNewer);
      await expect(db.migrate()).rejects.toThrow(/1 migration\(s\) newer than this IonMesh .* Run that version or a newer one/);
      expect((await db.schema()).unknown).toBe(1);
    } finally {
      await db.close();
      await drop();
    }
  });
});
