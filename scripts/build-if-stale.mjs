// Builds IonMesh (the server with tsc, the console with vite) only when a source changed since
// the last build, so `npm start` does not rebuild an unchanged tree. A checkout without the
// build tools (npm ci --omit=dev) cannot build: it says so and what to install instead.
// Usage: node scripts/build-if-stale.mjs [--check]  (--check: exit 1 when a build is due)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = join(root, 'dist', '.build-stamp');
/** What a build reads: a change to any of these makes the build stale. */
const INPUTS = [
  'src',
  'web/src',
  'web/public',
  'web/index.html',
  'web/vite.config.ts',
  'web/tsconfig.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
];

/** The newest modification time under a path (0: absent). */
export function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = s.mtimeMs;
  for (const e of readdirSync(path)) max = Math.max(max, newest(join(path, e)));
  return max;
}

export function stale(base = root) {
  const stamp = join(base, 'dist', '.build-stamp');
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return INPUTS.some((p) => newest(join(base, p)) > built);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const due = stale();
  if (process.argv.includes('--check')) process.exit(due ? 1 : 0);
  if (!due) process.exit(0);
  if (!existsSync(join(root, 'node_modules', '.bin', 'tsc'))) {
    if (existsSync(join(root, 'dist', 'cli', 'main.js')) && existsSync(join(root, 'dist', 'web', 'index.html'))) process.exit(0);
    console.error(
      'IonMesh is not built and the build tools are not installed (npm ci --omit=dev): install all dependencies (npm ci) to build from a checkout, or install a packed release (npm pack), which carries its build.',
    );
    process.exit(1);
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}
