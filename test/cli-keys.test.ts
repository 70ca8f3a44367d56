// `ionmesh keys create|list|revoke`, as an operator runs it on the embedded database: the key is
// printed once and works against a server started afterwards; the list never shows a key;
// revoke by prefix; the last admin key is kept; bad input exits 2 or 1 and changes nothing.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildConfig } from '../src/app/config.js';
import { openPglite } from '../src/app/database.js';
import { buildApp } from '../src/server/server.js';
import { onPostgres } from './support/harness.js';
import { ionmeshArgs } from './support/processes.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'ionmesh-keys-'));
const dataDir = join(dir, 'data');

/** The environment without any setting that names a database (as on an operator's shell). */
const withoutDatabaseSettings = () =>
  Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) =>
        !['DATABASE_URL', 'IONMESH_DATA_DIR', 'IONMESH_CONFIG', 'IONMESH_DATABASE_URL', 'IONMESH_DATABASE_URL_FILE'].includes(k),
    ),
  );

const cli = (...args: string[]) =>
  run(process.execPath, ionmeshArgs(['keys', ...args, '--data-dir', dataDir]), {
    env: { ...process.env, DATABASE_URL: '' },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

describe.runIf(!onPostgres)('ionmesh keys (the CLI)', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates keys that work, lists them without the key, revokes by prefix', async () => {
    const admin = await cli('create', '--name', 'first admin', '--role', 'admin', '--json');
    expect(admin.code).toBe(0);
    const adminKey = JSON.parse(admin.stdout);
    const ops = await cli('create', '--name', 'field team', '--role', 'operator', '--expires-days', '30');
    expect(ops.code).toBe(0);
    const opsKey = /\n {2}(imk_\S+)\n/.exec(ops.stdout)?.[1] as string;
    expect(opsKey).toMatch(/^imk_/);
    expect(ops.stdout).toContain('shown this once');

    const list = await cli('list');
    expect(list.stdout).toMatch(/operator\s+field team\s+never\s+active/);
    expect(list.stdout).not.toContain(opsKey);
    expect(list.stdout).not.toContain(adminKey.key);

    // A server on that database takes the keys, with their roles.
    const db = await openPglite(join(dataDir, 'pglite')); // what serve --data-dir opens
    const { app } = await buildApp({ config: buildConfig({ logLevel: 'silent' }), db, logger: false, jobs: false });
    try {
      const who = await app.inject({ url: '/api/backend/v1/auth/whoami', headers: { authorization: `Bearer ${opsKey}` } });
      expect(who.json()).toMatchObject({ role: 'operator', name: 'field team' });
      const refused = await app.inject({
        method: 'POST',
        url: '/api/backend/v1/tenants',
        headers: { 'x-api-key': opsKey },
        payload: {},
      });
      expect(refused.statusCode).toBe(403);
    } finally {
      await app.close();
    }

    const revoked = await cli('revoke', opsKey.slice(0, 12));
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(/revoked at/);
    expect((await cli('list')).stdout).toMatch(/field team\s+\S+\s+revoked/);
  });

  it('refuses to make a new database in the default ./data when no data directory is named', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'ionmesh-cwd-'));
    try {
      const r = await run(process.execPath, ionmeshArgs(['keys', 'create', '--name', 'lost']), {
        cwd: elsewhere,
        env: withoutDatabaseSettings(),
      }).then(
        (x) => ({ code: 0, ...x }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toMatch(
        /^ionmesh: no IonMesh database in \.\/data \(the default data directory; nothing has run there\)/,
      );
      expect(existsSync(join(elsewhere, 'data'))).toBe(false);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('keeps the last admin key and refuses bad input', async () => {
    const last = await cli('revoke', '1');
    expect(last.code).toBe(2);
    expect(last.stderr).toContain('LAST_ADMIN_KEY');
    expect((await cli('revoke', 'imk_nothing')).code).toBe(2);
    const badRole = await cli('create', '--name', 'x', '--role', 'root');
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('Allowed choices');
    expect((await cli('create', '--name', 'x', '--expires-days', '0')).code).toBe(2);
    expect((await cli('create', '--role', 'readonly')).code).toBe(1); // --name is required
    const noTenant = await cli('create', '--name', 'x', '--role', 'tenant-admin');
    expect(noTenant.code).toBe(2);
    expect(noTenant.stderr).toContain('tenant_id');
    expect((await cli('create', '--name', 'x', '--role', 'tenant-admin', '--tenant', '42')).stderr).toContain('TENANT_NOT_FOUND');
    const list = await cli('list', '--json');
    expect(JSON.parse(list.stdout).map((k: { name: string }) => k.name)).toEqual(['first admin', 'field team']);
  });
});
