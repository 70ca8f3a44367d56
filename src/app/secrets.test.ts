import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from './config.js';
import { oneSecret, secretFromFile } from './secrets.js';

describe('a secret mounted as a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ionmesh-secrets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('is the file without its trailing newline', () => {
    expect(secretFromFile(file('key', 'imk_0123456789abcdef\n'), '--admin-key-file')).toBe('imk_0123456789abcdef');
    expect(secretFromFile(file('url', 'postgres://u:p@db/ionmesh\r\n'), '--database-url-file')).toBe('postgres://u:p@db/ionmesh');
  });

  it('is refused, naming the flag, when missing, empty or of several lines', () => {
    expect(() => secretFromFile(join(dir, 'absent'), '--admin-key-file')).toThrow(/--admin-key-file: cannot read .*ENOENT/);
    expect(() => secretFromFile(file('empty', '\n'), '--admin-key-file')).toThrow(/is empty/);
    expect(() => secretFromFile(file('two', 'a\nb\n'), '--admin-key-file')).toThrow(/more than one line/);
    expect(() => secretFromFile(join(dir, 'absent'), '--x')).toThrow(ConfigError);
  });

  it('is given one way only', () => {
    const path = file('k2', 'imk_from_the_file_00');
    expect(
      oneSecret({ value: 'imk_from_the_env_000', file: null, flag: '--admin-key-file', valueName: 'IONMESH_ADMIN_KEY' }),
    ).toBe('imk_from_the_env_000');
    expect(oneSecret({ value: '', file: path, flag: '--admin-key-file', valueName: 'IONMESH_ADMIN_KEY' })).toBe(
      'imk_from_the_file_00',
    );
    expect(
      oneSecret({ value: undefined, file: undefined, flag: '--admin-key-file', valueName: 'IONMESH_ADMIN_KEY' }),
    ).toBeUndefined();
    expect(() =>
      oneSecret({ value: 'imk_from_the_env_000', file: path, flag: '--admin-key-file', valueName: 'IONMESH_ADMIN_KEY' }),
    ).toThrow(/give IONMESH_ADMIN_KEY or --admin-key-file, not both/);
  });
});
