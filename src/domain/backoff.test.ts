import { describe, expect, it } from 'vitest';
import { backoff } from './backoff.js';

describe('the exponential back-off', () => {
  it('doubles from its base up to its maximum', () => {
    expect([0, 1, 2, 3, 6, 7, 20].map((s) => backoff(s, { base: 1, max: 60 }))).toEqual([1, 2, 4, 8, 60, 60, 60]);
    expect(backoff(-3, { base: 250, max: 1000 })).toBe(250);
  });

  it('spreads each wait by its jitter, never past it', () => {
    expect(backoff(2, { base: 1, max: 60, jitter: 0.25, random: () => 0 })).toBe(3);
    expect(backoff(2, { base: 1, max: 60, jitter: 0.25, random: () => 1 })).toBe(5);
    expect(backoff(10, { base: 1, max: 60, jitter: 0.2, random: () => 0.5 })).toBe(60);
  });
});
