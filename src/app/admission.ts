// Admission with a deadline: at most `concurrency` tasks run at once; the others wait in order,
// each until its deadline at most. A task whose deadline passes while it waits is refused at that
// moment (503 BUSY), never started late: the deployed client gives up after 10 s and never
// retries, so an answer after that is worth less than a fast refusal (it registers again when its
// process restarts).
import { busy as busyError } from '../domain/errors.js';

interface Waiter {
  start: () => void;
  timer: NodeJS.Timeout;
}

export const busy = (what: string) => busyError(`${what} waited past its deadline for its turn; retry`, { retry_after_sec: 1 });

export class Admission {
  private active = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly what = 'The request',
  ) {}

  get queued() {
    return this.waiting.length;
  }

  async run<T>(deadlineAt: number, task: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency || this.waiting.length > 0) await this.admit(deadlineAt);
    else this.active++;
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private admit(deadlineAt: number) {
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        start: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(
          () => {
            const at = this.waiting.indexOf(waiter);
            if (at >= 0) this.waiting.splice(at, 1);
            reject(busy(this.what));
          },
          Math.max(0, deadlineAt - Date.now()),
        ),
      };
      this.waiting.push(waiter);
    });
  }

  private release() {
    const next = this.waiting.shift();
    if (next)
      next.start(); // the slot passes on: `active` stays the same
    else this.active--;
  }
}
