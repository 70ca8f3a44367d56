// `npm start` builds only when a source changed since the last build (scripts/build-if-stale.mjs).
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stale } from '../scripts/build-if-stale.mjs';

describe('the build before npm start', () => {
  const base = mkdtempSync(join(tmpdir(), 'ionmesh-build-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  const at = (path: string, seconds: number) => utimesSync(join(base, path), seconds, seconds);

  it('is due without a build, skipped when nothing changed since, and due again after an edit', () => {
    mkdirSync(join(base, 'src', 'app'), { recursive: true });
    mkdirSync(join(base, 'web', 'src'), { recursive: true });
    writeFileSync(join(base, 'src', 'app', 'config.ts'), 'export {};\n');
    writeFileSync(join(base, 'web', 'src', 'main.tsx'), 'export {};\n');
    writeFileSync(join(base, 'package.json'), '{}\n');
    for (const p of ['src/app/config.ts', 'src/app', 'src', 'web/src/main.tsx', 'web/src', 'package.json']) at(p, 1_000);
    expect(stale(base)).toBe(true);
    mkdirSync(join(base, 'dist'));
    writeFileSync(join(base, 'dist', '.build-stamp'), 'built\n');
    at('dist/.build-stamp', 2_000);
    expect(stale(base)).toBe(false);
    at('web/src/main.tsx', 3_000); // an edit of the console
    expect(stale(base)).toBe(true);
  });
});
