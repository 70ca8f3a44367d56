// Servers a test spawns as processes of their own: a free port, and the ionmesh command.
import { type SpawnOptions, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { stale } from '../../scripts/build-if-stale.mjs';

const root = resolve(import.meta.dirname, '..', '..');
/** Whether the build in dist/ is the sources' (as after `npm ci`, and in CI): then a spawned
 * command runs it, as `npm start` would, a second faster than through the TypeScript loader. */
const built = !stale(root);

/** The node arguments that run `ionmesh ARGS` from this checkout: its build when it is current,
 * else its sources through tsx (absolute paths: any working directory). */
export const ionmeshArgs = (args: string[]) =>
  built
    ? [join(root, 'bin', 'ionmesh.js'), ...args]
    : ['--import', import.meta.resolve('tsx'), join(root, 'src/cli/main.ts'), ...args];

/** A port nothing listens on right now (the kernel's choice, released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** `ionmesh ARGS` as its own process (the current build, or the sources). */
export const spawnIonMesh = (args: string[], options: SpawnOptions) => spawn(process.execPath, ionmeshArgs(args), options);
