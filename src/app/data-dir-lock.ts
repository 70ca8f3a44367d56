// One process per embedded database. PGlite opened by two processes at once silently loses the
// writes of one of them (a CLI's new key vanished once the server stopped), so whoever opens a
// data directory holds `<dir>.lock`, created exclusively, holding its pid, host, role and, for a
// server, the URL it serves. A lock whose process is gone (same host, no such pid) is stale and
// taken over; a live one is refused with a message naming the holder and what to do instead.
import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

export interface LockHolder {
  pid: number;
  host: string;
  role: string;
  since: string;
  /** Where a server holding the lock answers (its admin API is under /api/backend/v1). */
  url?: string;
}

export class DataDirInUse extends Error {
  constructor(
    readonly dir: string,
    readonly holder: LockHolder,
  ) {
    const where = holder.url ? ` at ${holder.url}` : '';
    const api = holder.url ? `${holder.url.replace(/\/$/, '')}/api/backend/v1` : 'its admin API';
    super(
      `the embedded database in ${dir} is in use by IonMesh ${holder.role} (pid ${holder.pid} on ${holder.host}${where}, since ${holder.since}). ` +
        `Only one process may open it: stop that process first, or do this through the running server's admin API at ${api} ` +
        '(POST /api-keys, POST /sim-imports; it applies migrations itself when it starts).',
    );
    this.name = 'DataDirInUse';
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
    return typeof parsed.pid === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

/** A held lock: update what it says (a server's URL once it listens), release it on close. */
export interface DataDirLock {
  readonly file: string;
  announce(update: Partial<LockHolder>): void;
  release(): void;
}

/** Takes the lock of a data directory, or throws DataDirInUse naming the live holder. */
export function lockDataDir(dir: string, role: string): DataDirLock {
  const file = `${dir.replace(/\/+$/, '')}.lock`;
  let holder: LockHolder = { pid: process.pid, host: hostname(), role, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify(holder));
      } finally {
        closeSync(fd);
      }
      let released = false;
      return {
        file,
        announce(update) {
          if (released) return;
          holder = { ...holder, ...update };
          writeFileSync(file, JSON.stringify(holder), { mode: 0o600 });
        },
        release() {
          if (released) return;
          released = true;
          if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const other = readHolder(file);
      // Half-written (the holder is between create and write) counts as held, unless it stays so.
      if (other && other.pid !== process.pid && (other.host !== hostname() || alive(other.pid)))
        throw new DataDirInUse(dir, other);
      if (!other && attempt < 2) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
        continue;
      }
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new DataDirInUse(dir, readHolder(file) ?? { pid: 0, host: hostname(), role: 'unknown', since: '?' });
}
