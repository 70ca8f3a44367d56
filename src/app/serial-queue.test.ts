import { describe, expect, it } from 'vitest';
import { backgroundWork, SerialQueue } from './database.js';

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the PGlite queue', () => {
  it('runs one unit at a time, in order, each after a turn of the event loop', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    let running = 0;
    const unit = (name: string) =>
      q.add(async () => {
        running++;
        expect(running).toBe(1);
        await later(2);
        log.push(name);
        running--;
        return name;
      });
    expect(await Promise.all([unit('a'), unit('b'), unit('c')])).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a', 'b', 'c']);
    // A failing unit rejects its own caller only.
    const failed = q.add(async () => {
      throw new Error('boom');
    });
    await expect(failed).rejects.toThrow('boom');
    expect(await unit('d')).toBe('d');
  });

  it('lets requests go before queued background work, without starving it', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    const step = (name: string, ms = 5) =>
      q.add(async () => {
        await later(ms);
        log.push(name);
      });
    // A job queues three steps at once; requests arrive while the first runs.
    const job = backgroundWork.run(true, () => Promise.all([step('job-1', 20), step('job-2'), step('job-3')]));
    await later(5);
    await Promise.all([step('request-1'), step('request-2'), job]);
    expect(log).toEqual(['job-1', 'request-1', 'request-2', 'job-2', 'job-3']);

    // Under a stream of requests, a background unit still runs within about 250 ms.
    const started = Date.now();
    let jobDoneAt = 0;
    const bg = backgroundWork.run(true, () => step('late-job', 1).then(() => (jobDoneAt = Date.now())));
    const flood: Promise<void>[] = [];
    for (let i = 0; i < 100 && Date.now() - started < 2000; i++) {
      flood.push(step(`r${i}`, 10));
      await later(5);
    }
    await Promise.all([bg, ...flood]);
    expect(jobDoneAt - started).toBeLessThan(1000);
    expect(log.indexOf('late-job')).toBeLessThan(log.length - 1);
  });
});
