// Servers a test spawns as processes of their own: a free port, and the ionmesh command.
import { type SpawnOptions, spawn } from 'node:child_process';
import { createServer } from 'node:net';

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

/** `ionmesh ARGS` as its own process, from the sources (as `npm start` would run the build). */
export const spawnIonMesh = (args: string[], options: SpawnOptions) =>
  spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], options);
