// Background jobs of one process. Each is safe with several IonMesh processes on one database
// (the offline sweep is a single conditional UPDATE). Timers are unref'd and stopped on close.
import type { FastifyBaseLogger } from 'fastify';
import { backgroundWork } from './database.js';
import { loggable } from './errors-http.js';

export interface Job {
  name: string;
  everySec: number;
  run: () => Promise<unknown>;
}

export class Jobs {
  private timers: NodeJS.Timeout[] = [];
  private running = new Set<Promise<unknown>>();

  constructor(
    private readonly log: FastifyBaseLogger,
    /** Told how long each pass of a job took (metrics). */
    private readonly onPass?: (job: string, seconds: number, ok: boolean) => void,
  ) {}

  start(job: Job) {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return; // a slow pass is never overlapped by the next one
      busy = true;
      const started = performance.now();
      let ok = true;
      // Background work: on PGlite its statements wait while requests have theirs queued.
      const p = backgroundWork
        .run(true, () => job.run())
        .catch((err) => {
          ok = false;
          this.log.error({ ...loggable(err), job: job.name }, 'background job failed');
        })
        .finally(() => {
          busy = false;
          this.running.delete(p);
          this.onPass?.(job.name, (performance.now() - started) / 1000, ok);
        });
      this.running.add(p);
    }, job.everySec * 1000);
    timer.unref();
    this.timers.push(timer);
  }

  async stop() {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.allSettled([...this.running]);
  }
}
