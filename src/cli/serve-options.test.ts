// An operator keeps the server's settings in a YAML or TOML file: flags and IONMESH_* variables
// still win over it, and every mistake in it is named with its line, all at once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { Config } from '../app/config.js';
import { ConfigError } from '../app/config.js';
import type { ConfigFile } from '../app/config-file.js';
import { databaseOptions } from './options.js';
import { applyConfigFile, checkConfigFile, configFromOptions, locate, serveOptions } from './serve-options.js';

const dir = mkdtempSync(join(tmpdir(), 'ionmesh-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** `ionmesh serve ARGS` parsed as main.ts does, up to the Config it would start with. */
async function configOf(args: string[]): Promise<Config> {
  let config: Config | undefined;
  let loaded: ConfigFile | null = null;
  const cmd: Command = serveOptions(new Command('serve'))
    .exitOverride()
    .hook('preAction', (c) => {
      if (c.opts().config) loaded = applyConfigFile(c, c.opts().config);
    })
    .action((opts) => {
      try {
        config = configFromOptions(opts);
      } catch (e) {
        throw locate(e, cmd, loaded);
      }
    });
  await cmd.parseAsync(args, { from: 'user' });
  return config as Config;
}

const YAML = `# a site's settings
port: 5055
host: 127.0.0.1
offline-after: 600
metrics-per-client: false
trust-proxy:
  - 10.0.0.0/24
  - 10.0.1.5
`;

describe('a configuration file for ionmesh serve', () => {
  it('reads YAML settings named like the flags, lists included, over the defaults', async () => {
    const config = await configOf(['--config', file('site.yaml', YAML)]);
    expect(config).toMatchObject({
      port: 5055,
      host: '127.0.0.1',
      offlineAfterSec: 600,
      metricsPerClient: false,
      trustProxy: ['10.0.0.0/24', '10.0.1.5'],
      heartbeatIntervalSec: 60,
    });
  });

  it('reads the same settings from TOML', async () => {
    const toml = file(
      'site.toml',
      'port = 5056\nhost = "127.0.0.1"\noffline-after = 600\nmetrics-per-client = false\ntrust-proxy = ["10.0.0.0/24"]\n',
    );
    expect(await configOf(['--config', toml])).toMatchObject({
      port: 5056,
      offlineAfterSec: 600,
      metricsPerClient: false,
      trustProxy: ['10.0.0.0/24'],
    });
  });

  it('lets a flag win over an IONMESH_* variable, and the variable over the file', async () => {
    const path = file('site.yaml', YAML);
    vi.stubEnv('IONMESH_OFFLINE_AFTER', '900');
    const config = await configOf(['--config', path, '--port', '6001']);
    expect(config.port).toBe(6001);
    expect(config.offlineAfterSec).toBe(900);
    expect(config.host).toBe('127.0.0.1');
    // --config itself may come from IONMESH_CONFIG, as in a container.
    vi.stubEnv('IONMESH_CONFIG', path);
    vi.stubEnv('IONMESH_OFFLINE_AFTER', undefined);
    expect((await configOf([])).offlineAfterSec).toBe(600);
  });

  it('reads secrets through the file settings that name secret files, never the secret itself', async () => {
    const secret = file('admin-key', 'imk_from_a_mounted_file_123\n');
    vi.stubEnv('IONMESH_ADMIN_KEY', undefined);
    expect((await configOf(['--config', file('s.yaml', `admin-key-file: ${secret}\n`)])).adminKey).toBe(
      'imk_from_a_mounted_file_123',
    );
    const refused = configOf(['--config', file('k.yaml', 'port: 5000\nadmin-key: imk_inline_secret_12345\n')]);
    await expect(refused).rejects.toThrow(/k\.yaml:2: unknown setting "admin-key": a secret is read from a file/);
  });

  it('refuses a password inside a database or Redis URL in the file, pointing to the -file settings', async () => {
    const withPassword = file(
      'pw.yaml',
      'database-url: postgres://ionmesh:s3cret@db:5432/ionmesh\nredis-url: redis://:hunter2@cache:6379\n',
    );
    await expect(configOf(['--config', withPassword])).rejects.toThrow(
      /pw\.yaml:1: database-url holds a password: secrets never go in the file; .*database-url-file/,
    );
    const checked = checkConfigFile(serveOptions(new Command('serve')), withPassword);
    expect(checked.ok ? [] : checked.problems).toEqual([
      expect.stringMatching(
        /pw\.yaml:1: database-url holds a password.*database-url-file \(or set the IONMESH_DATABASE_URL variable\)$/,
      ),
      expect.stringMatching(/pw\.yaml:2: redis-url holds a password.*redis-url-file/),
    ]);
    // Without a password (trust, peer or a mounted .pgpass), the URL is fine in the file.
    const plain = checkConfigFile(
      serveOptions(new Command('serve')),
      file('plain.yaml', 'database-url: postgres://ionmesh@db/ionmesh\n'),
    );
    expect(plain.ok).toBe(true);
  });

  it('names the file and line of a value the server cannot use', async () => {
    const path = file('bad-port.yaml', 'host: 127.0.0.1\nport: 99999\n');
    await expect(configOf(['--config', path])).rejects.toThrow(`${path}:2: port must be an integer 0..65535, got "99999"`);
    // The same value from a flag is the flag's problem, not the file's.
    await expect(configOf(['--config', file('fine.yaml', 'host: 127.0.0.1\n'), '--port', '99999'])).rejects.toThrow(
      /^port must be an integer/,
    );
    const missing = file('missing-secret.toml', `port = 5000\nadmin-key-file = "${join(dir, 'absent')}"\n`);
    await expect(configOf(['--config', missing])).rejects.toThrow(/missing-secret\.toml:2: --admin-key-file: cannot read/);
  });

  it('chooses where the embedded database runs: its own thread unless told main, and nothing else', async () => {
    expect((await configOf([])).pgliteThread).toBe('worker');
    expect((await configOf(['--config', file('main-thread.yaml', 'pglite-thread: main\n')])).pgliteThread).toBe('main');
    const wrong = file('wrong-thread.yaml', 'host: 127.0.0.1\npglite-thread: both\n');
    await expect(configOf(['--config', wrong])).rejects.toThrow(`${wrong}:2: pglite-thread must be worker or main, got "both"`);
    await expect(configOf(['--pglite-thread', 'both'])).rejects.toThrow(/pglite-thread.*both/);
  });

  it('refuses a file it cannot read or parse, with the line and column', async () => {
    await expect(configOf(['--config', join(dir, 'nowhere.yaml')])).rejects.toThrow(/nowhere\.yaml: cannot read it \(ENOENT\)/);
    await expect(configOf(['--config', file('site.json', '{}')])).rejects.toThrow(/ends in \.yaml, \.yml or \.toml/);
    await expect(configOf(['--config', file('broken.yaml', 'port: 1\n  bad: [\n')])).rejects.toThrow(/broken\.yaml:1:7: /);
    await expect(configOf(['--config', file('broken.toml', 'port = 1\nhost = \n')])).rejects.toThrow(/broken\.toml:2:\d+: /);
    await expect(configOf(['--config', file('list.yaml', '- port\n')])).rejects.toThrow(
      /list\.yaml:1: the file must be a mapping/,
    );
    await expect(configOf(['--config', file('twice.yaml', 'port: 1\nport: 2\n')])).rejects.toThrow(/twice\.yaml:2:1: /);
    await expect(configOf(['--config', file('table.toml', 'port = 5000\n[server]\nport = 1\n')])).rejects.toThrow(
      /table\.toml:2: unknown setting "server"/,
    );
  });
});

describe('the same file for the other commands', () => {
  it('gives them the settings they have (the data directory, the database URL file) and leaves serve’s alone', async () => {
    const path = file('site-wide.yaml', `port: 5055\ndata-dir: ${join(dir, 'site-data')}\nlog-level: warn\n`);
    let seen: Record<string, unknown> = {};
    const cmd = databaseOptions(new Command('migrate'))
      .exitOverride()
      .hook('preAction', (c) => void applyConfigFile(c, c.opts().config, { strict: false }))
      .action((opts) => {
        seen = opts;
      });
    await cmd.parseAsync(['--config', path], { from: 'user' });
    expect(seen).toMatchObject({ dataDir: join(dir, 'site-data'), logLevel: 'warn' });
    // Its own settings are still checked.
    const bad = file('bad-dir.yaml', 'port: 5055\ndata-dir: [1]\n');
    const strictless = databaseOptions(new Command('migrate'))
      .exitOverride()
      .hook('preAction', (c) => void applyConfigFile(c, c.opts().config, { strict: false }))
      .action(() => {});
    await expect(strictless.parseAsync(['--config', bad], { from: 'user' })).rejects.toThrow(
      /bad-dir\.yaml:2: data-dir must be a string or a number/,
    );
  });
});

describe('ionmesh config check', () => {
  const check = (path: string) => checkConfigFile(serveOptions(new Command('serve')), path);

  it('passes a good file and shows the settings it makes', () => {
    const checked = check(file('ok.yaml', YAML));
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(checked.config).toMatchObject({ port: 5055, trustProxy: ['10.0.0.0/24', '10.0.1.5'] });
  });

  it('lists every problem of a file at once, in line order', () => {
    const checked = check(
      file(
        'many.yaml',
        'port: 99999\nhots: 127.0.0.1\noffline-after: 5\ndemo: "yes"\ncors-origin: [1, 2]\ntls-cert: /x.pem\nlog-level: loud\n',
      ),
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const p = join(dir, 'many.yaml');
    expect(checked.problems).toEqual([
      `${p}:1: port must be an integer 0..65535, got "99999"`,
      `${p}:2: unknown setting "hots": did you mean host?`,
      `${p}:3: offline-after must be an integer 10..2592000, got "5"`,
      `${p}:4: demo must be true or false`,
      `${p}:5: cors-origin must be a list of strings`,
      `${p}:6: tls-cert and tls-key go together`,
      `${p}:7: log-level must be one of fatal, error, warn, info, debug, trace, silent`,
    ]);
  });

  it('checks the file alone: the environment does not hide its mistakes', () => {
    vi.stubEnv('IONMESH_PORT', '5000');
    const checked = check(file('env.toml', 'port = 70000\n'));
    expect(checked.ok).toBe(false);
  });

  it('checks the example file shipped in deploy/', () => {
    const checked = check(join(import.meta.dirname, '../../deploy/ionmesh.example.yaml'));
    expect(checked.ok ? [] : checked.problems).toEqual([]);
  });

  it('throws a ConfigError for a file it cannot parse', () => {
    expect(() => check(file('bad.toml', 'port = = 1\n'))).toThrow(ConfigError);
  });
});
