import { describe, expect, it } from 'vitest';
import { Admission } from './admission.js';

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('admission with a deadline', () => {
  it('runs at most `concurrency` tasks at once, the others in order', async () => {
    const gate = new Admission(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        gate.run(Date.now() + 5000, async () => {
          running++;
          peak = Math.max(peak, running);
          await later(10);
          order.push(i);
          running--;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('refuses a waiter at its deadline with 503 BUSY, and never starts it', async () => {
    const gate = new Admission(1, 'A registration');
    let started = 0;
    const long = gate.run(Date.now() + 5000, async () => {
      started++;
      await later(1000);
    });
    const t0 = Date.now();
    const late = gate.run(Date.now() + 50, async () => {
      started++;
    });
    await expect(late).rejects.toMatchObject({ code: 'BUSY', status: 503 });
    expect(Date.now() - t0).toBeLessThan(600); // at its deadline, not when the slot frees at 1 s
    await long;
    expect(started).toBe(1);
    expect(gate.queued).toBe(0);
    // The slot is free again.
    await gate.run(Date.now() + 100, async () => started++);
    expect(started).toBe(2);
  });
});
