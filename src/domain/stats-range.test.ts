import { describe, expect, it } from 'vitest';
import { counterDeltas, statsWindow } from './stats-range.js';

const now = new Date('2026-11-25T12:03:17Z');
const DAY = 86_400;

describe('the stats window an operator asks for', () => {
  it('reads raw samples for the last hour, at a fine step ending after now', () => {
    const w = statsWindow('1h', now, DAY);
    expect(w.source).toBe('raw');
    expect(w.stepSec).toBe(10);
    expect(w.to.getTime()).toBeGreaterThanOrEqual(now.getTime());
    expect(w.to.getTime() - w.from.getTime()).toBe(3600 * 1000);
    expect((w.to.getTime() / 1000) % w.stepSec).toBe(0);
  });

  it('reads raw samples for 24 h while raw retention covers them, and rollups beyond', () => {
    expect(statsWindow('24h', now, DAY).source).toBe('raw');
    expect(statsWindow('24h', now, 12 * 3600).source).toBe('rollup');
    const week = statsWindow('7d', now, DAY);
    expect(week.source).toBe('rollup');
    expect(week.stepSec).toBeGreaterThanOrEqual(300);
  });

  it('never gives more buckets than asked for', () => {
    for (const range of ['1h', '24h', '7d', '30d'] as const) {
      const w = statsWindow(range, now, DAY, 200);
      expect((w.to.getTime() - w.from.getTime()) / 1000 / w.stepSec).toBeLessThanOrEqual(200);
    }
  });
});

describe('counter deltas', () => {
  it('turns growing counters into increases, and a reset into the new value', () => {
    expect(counterDeltas([10, 15, null, 30, 4, 9])).toEqual([null, 5, null, 15, 4, 5]);
  });
});
