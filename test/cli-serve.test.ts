// `ionmesh serve` as an operator runs it: first start prints the admin key once and seeds the
// demo; SIGTERM shuts down cleanly; a restart keeps the data and never re-seeds over it.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { onPostgres } from './support/harness.js';
import { freePort, ionmeshArgs, spawnIonMesh } from './support/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'ionmesh-serve-'));
const run = promisify(execFile);

interface Running {
  proc: ChildProcess;
  port: number;
  output: () => string;
}

/** Every server a test started, killed at the end even when a test failed half way. */
const started = new Set<ChildProcess>();

async function serve(extra: string[] = ['--no-simulation'], dataDir = dir, demo = true): Promise<Running> {
  const port = await freePort();
  const proc = spawnIonMesh(
    ['serve', ...(demo ? ['--demo'] : []), '--port', String(port), '--host', '127.0.0.1', '--data-dir', dataDir, ...extra],
    // detached: a session of its own, so no controlling terminal, as under a service manager.
    { env: { ...process.env, DATABASE_URL: '', IONMESH_ADMIN_KEY: '' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  started.add(proc);
  proc.once('exit', () => started.delete(proc));
  let output = '';
  proc.stdout?.on('data', (d) => (output += d));
  proc.stderr?.on('data', (d) => (output += d));
  // Waits for the condition (bounded; a start on a busy machine may take long), or the exit.
  for (let i = 0; i < 900 && proc.exitCode === null; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return { proc, port, output: () => output };
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  proc.kill('SIGKILL');
  throw new Error(`ionmesh serve did not become ready:\n${output}`);
}

const stop = (r: Running, signal: NodeJS.Signals) =>
  new Promise<number | null>((resolve) => {
    r.proc.once('exit', (code) => resolve(code));
    r.proc.kill(signal);
  });

describe.runIf(!onPostgres)('an operator running ionmesh serve on the embedded database', () => {
  afterAll(() => {
    for (const p of started) p.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  let adminKey = '';

  it('hands over an admin key once, outside the log stream, seeds the demo, and stops cleanly on SIGTERM', async () => {
    const first = await serve();
    // No terminal: the key is in a file only its owner reads, and the log names the file, not the key.
    const keyFile = join(dir, 'initial-admin-key');
    adminKey = readFileSync(keyFile, 'utf8').trim();
    expect(adminKey).toMatch(/^imk_\S+$/);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(first.output()).not.toContain(adminKey);
    expect(first.output()).toContain('initial-admin-key');
    rmSync(keyFile);
    const reg = await fetch(`http://127.0.0.1:${first.port}/api/backend/v1/remsim/register-client`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"client_id":"router1-slot0","mapping_mode":"ONE_TO_ONE_SWSIM","mcc_mnc":"","tenant_id":1}',
    });
    expect(reg.status).toBe(200);
    const banks = await (
      await fetch(`http://127.0.0.1:${first.port}/api/backend/v1/banks`, { headers: { 'x-api-key': adminKey } })
    ).json();
    expect(banks.items.map((b: { bank_id: number; slot_count: number }) => [b.bank_id, b.slot_count])).toEqual([
      [1, 32],
      [2, 32],
    ]);
    expect(await stop(first, 'SIGTERM')).toBe(0);
  });

  it('keeps its data across a restart, does not re-seed, and prints no new key', async () => {
    const second = await serve();
    expect(second.output()).not.toMatch(/admin API key/i);
    expect(existsSync(join(dir, 'initial-admin-key'))).toBe(false);
    const clients = await (
      await fetch(`http://127.0.0.1:${second.port}/api/backend/v1/clients`, { headers: { 'x-api-key': adminKey } })
    ).json();
    expect(clients.items.map((c: { client_id: string }) => c.client_id)).toEqual(['router1-slot0']);
    const again = await (
      await fetch(`http://127.0.0.1:${second.port}/api/backend/v1/remsim/register-client`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"client_id":"router1-slot0","mapping_mode":"ONE_TO_ONE_SWSIM","mcc_mnc":"","tenant_id":1}',
      })
    ).json();
    expect(again.note).toMatch(/already registered/);
    expect(await stop(second, 'SIGINT')).toBe(0);
  });

  it('runs a living demo: an emulated remsim-server and a simulated fleet, all labelled simulated', async () => {
    const demoDir = mkdtempSync(join(tmpdir(), 'ionmesh-living-'));
    const remsimPort = await freePort();
    const live = await serve(['--demo-fleet', '6', '--demo-remsim-port', String(remsimPort)], demoDir);
    try {
      const key = readFileSync(join(demoDir, 'initial-admin-key'), 'utf8').trim();
      const admin = async (path: string) =>
        (await fetch(`http://127.0.0.1:${live.port}/api/backend/v1${path}`, { headers: { 'x-api-key': key } })).json();
      let clients: { items: Array<{ client_id: string; simulated: boolean; liveness: string; rspro_connected: boolean }> } = {
        items: [],
      };
      for (let i = 0; i < 100 && clients.items.filter((c) => c.liveness === 'online').length < 6; i++) {
        await new Promise((r) => setTimeout(r, 200));
        clients = await admin('/clients');
      }
      expect(clients.items).toHaveLength(6);
      expect(clients.items.every((c) => c.simulated && c.client_id.startsWith('sim-') && c.liveness === 'online')).toBe(true);
      // Deployed clients never heartbeat: they are online because the emulator lists them connected.
      expect(clients.items.filter((c) => c.rspro_connected)).toHaveLength(6);
      const maps = (await (await fetch(`http://127.0.0.1:${remsimPort}/api/backend/v1/slotmaps`)).json()) as {
        slotmaps: unknown[];
      };
      expect(maps.slotmaps).toHaveLength(6);
      const servers = await admin('/remsim-servers');
      expect(servers.items[0]).toMatchObject({
        simulated: true,
        status: 'reachable',
        url: `http://127.0.0.1:${remsimPort}`,
        name: `http://127.0.0.1:${remsimPort}`,
      });
    } finally {
      expect(await stop(live, 'SIGTERM')).toBe(0);
    }
    // The demo without its emulator polls no address where nothing runs: its server is disabled.
    const quiet = await serve(['--no-simulation'], demoDir);
    try {
      const key = readFileSync(join(demoDir, 'initial-admin-key'), 'utf8').trim();
      const servers = await (
        await fetch(`http://127.0.0.1:${quiet.port}/api/backend/v1/remsim-servers`, { headers: { 'x-api-key': key } })
      ).json();
      expect(servers.items[0]).toMatchObject({ simulated: true, enabled: false });
    } finally {
      expect(await stop(quiet, 'SIGTERM')).toBe(0);
    }
    // Production use (no --demo) never starts the emulator or a fleet.
    const prod = await serve(['--demo-remsim-port', String(remsimPort)], demoDir, false);
    try {
      await expect(fetch(`http://127.0.0.1:${remsimPort}/api/backend/v1/slotmaps`)).rejects.toThrow();
    } finally {
      expect(await stop(prod, 'SIGTERM')).toBe(0);
      rmSync(demoDir, { recursive: true, force: true });
    }
  });

  it('never lets a CLI command write to the data directory of a running server; after it stops, they work', async () => {
    const lockDir = mkdtempSync(join(tmpdir(), 'ionmesh-lock-'));
    const csv = join(lockDir, 'sims.csv');
    writeFileSync(csv, 'bank_id,slot_id,iccid\n1,5,8901260000000000009\n');
    const cli = (...args: string[]) =>
      run(process.execPath, ionmeshArgs([...args, '--data-dir', lockDir]), {
        env: { ...process.env, DATABASE_URL: '' },
      }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    const server = await serve(['--no-simulation'], lockDir);
    const key = readFileSync(join(lockDir, 'initial-admin-key'), 'utf8').trim();
    try {
      for (const args of [
        ['keys', 'create', '--name', 'sneaky', '--role', 'admin'],
        ['keys', 'list'],
        ['keys', 'revoke', '1'],
        ['import', 'sims', csv],
        ['migrate'],
      ]) {
        const r = await cli(...args);
        expect(r.code, args.join(' ')).toBe(3);
        expect(r.stdout).not.toMatch(/imk_/);
        expect(r.stderr).toContain(`pid ${server.proc.pid}`);
        expect(r.stderr).toContain(`http://127.0.0.1:${server.port}/api/backend/v1`);
        expect(r.stderr).toMatch(/stop that process first, or do this through the running server's admin API/);
      }
      // The running server kept its one key, and the slot import never happened.
      const keys = await (
        await fetch(`http://127.0.0.1:${server.port}/api/backend/v1/api-keys`, { headers: { 'x-api-key': key } })
      ).json();
      expect(keys.items.map((k: { name: string }) => k.name)).toEqual(['initial admin key']);
      // A second server on the same directory is refused the same way.
      const second = spawnIonMesh(['serve', '--port', '0', '--data-dir', lockDir], {
        env: { ...process.env, DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      second.stderr?.on('data', (d) => (err += d));
      expect(await new Promise((r) => second.once('exit', r))).toBe(3);
      expect(err).toContain(`pid ${server.proc.pid}`);
    } finally {
      expect(await stop(server, 'SIGTERM')).toBe(0);
    }
    const made = await cli('keys', 'create', '--name', 'after stop', '--role', 'readonly', '--json');
    expect(made.code).toBe(0);
    const again = await serve(['--no-simulation'], lockDir);
    try {
      const who = await fetch(`http://127.0.0.1:${again.port}/api/backend/v1/auth/whoami`, {
        headers: { 'x-api-key': JSON.parse(made.stdout).key },
      });
      expect((await who.json()).name).toBe('after stop');
    } finally {
      expect(await stop(again, 'SIGTERM')).toBe(0);
    }
    // A lock left by a process that is gone (a crash, kill -9) is stale and taken over.
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => gone.once('exit', r));
    writeFileSync(
      join(lockDir, 'pglite.lock'),
      JSON.stringify({ pid: gone.pid, host: hostname(), role: 'server', since: 'then' }),
    );
    expect((await cli('keys', 'list')).code).toBe(0);
    rmSync(lockDir, { recursive: true, force: true });
    // Eleven processes, two of them servers started from the sources: about 35 s alone, twice
    // that on a busy two-core machine.
  }, 150_000);

  it('takes its admin key from a mounted secret file, and refuses one it cannot read', async () => {
    const site = mkdtempSync(join(tmpdir(), 'ionmesh-secret-'));
    const keyPath = join(site, 'admin-key');
    writeFileSync(keyPath, 'imk_mounted_secret_0123456789\n', { mode: 0o600 });
    const running = await serve(['--no-simulation', '--admin-key-file', keyPath], join(site, 'data'));
    const banks = await fetch(`http://127.0.0.1:${running.port}/api/backend/v1/banks`, {
      headers: { 'x-api-key': 'imk_mounted_secret_0123456789' },
    });
    expect(banks.status).toBe(200);
    // The operator's key is the one: none is generated, none is written, none is printed.
    expect(existsSync(join(site, 'data', 'initial-admin-key'))).toBe(false);
    expect(running.output()).not.toContain('imk_mounted_secret');
    expect(await stop(running, 'SIGTERM')).toBe(0);

    const proc = spawnIonMesh(['serve', '--admin-key-file', join(site, 'absent'), '--data-dir', join(site, 'd2')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    proc.stderr?.on('data', (d) => (err += d));
    expect(await new Promise((r) => proc.once('exit', r))).toBe(2);
    expect(err).toMatch(/--admin-key-file: cannot read .*absent \(ENOENT\)/);
    // The database URL likewise, for every command; given both ways, it is refused.
    const urlPath = join(site, 'database-url');
    writeFileSync(urlPath, 'postgres://ionmesh@127.0.0.1:1/ionmesh\n');
    const both = await run(process.execPath, ionmeshArgs(['keys', 'list', '--database-url', 'postgres://x@127.0.0.1:1/x']), {
      env: { ...process.env, DATABASE_URL: '', IONMESH_DATABASE_URL_FILE: urlPath },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/give --database-url \(or DATABASE_URL\) or --database-url-file, not both/);
    rmSync(site, { recursive: true, force: true });
  });

  it('starts from a configuration file alone, and `config check` names each mistake of a bad one', async () => {
    const site = mkdtempSync(join(tmpdir(), 'ionmesh-config-'));
    const port = await freePort();
    const good = join(site, 'ionmesh.toml');
    // The data directory of the tests above: already migrated, so the start is quick.
    writeFileSync(good, `port = ${port}\nhost = "127.0.0.1"\ndata-dir = "${dir}"\nlog-level = "warn"\n`);
    const proc = spawnIonMesh(['serve', '--config', good], {
      env: { ...process.env, DATABASE_URL: '', IONMESH_ADMIN_KEY: '' },
      stdio: 'ignore',
    });
    started.add(proc);
    let ready = false;
    // Waits for the condition (bounded: a start on a busy machine takes long, never forever).
    for (let i = 0; i < 900 && !ready; i++) {
      ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (!ready) await new Promise((r) => setTimeout(r, 200));
    }
    expect(ready).toBe(true);
    // It serves the data of that directory: the client registered by the first test.
    const clients = await fetch(`http://127.0.0.1:${port}/api/backend/v1/clients`, { headers: { 'x-api-key': adminKey } });
    expect((await clients.json()).items.map((c: { client_id: string }) => c.client_id)).toEqual(['router1-slot0']);
    expect(await stop({ proc, port, output: () => '' }, 'SIGTERM')).toBe(0);

    const bad = join(site, 'bad.yaml');
    writeFileSync(bad, 'port: 5000\nofline-after: 600\nheartbeat-interval: 1\n');
    const failed = await run(process.execPath, ionmeshArgs(['config', 'check', bad])).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain(`${bad}:2: unknown setting "ofline-after": did you mean offline-after?`);
    expect(failed.stderr).toContain(`${bad}:3: heartbeat-interval must be an integer 5..86400, got "1"`);
    expect(failed.stderr).toContain(`${bad}: 2 problem(s)`);
    rmSync(site, { recursive: true, force: true });
  });

  it('refuses a bad flag with a clear message', async () => {
    const proc = spawnIonMesh(['serve', '--port', 'seventy', '--data-dir', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    proc.stderr?.on('data', (d) => (err += d));
    const code = await new Promise((r) => proc.once('exit', r));
    expect(code).toBe(2);
    expect(err).toMatch(/port must be an integer/);
  });
});
