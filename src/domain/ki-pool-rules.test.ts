// Pool ranges: each rule refuses what it should, and a sound pool passes.
import { describe, expect, it } from 'vitest';
import { type PoolRanges, poolRangeProblem } from './ki-pool-rules.js';

const pool = (over: Partial<PoolRanges> = {}): PoolRanges => ({
  physical: { bankId: 1, start: 1, end: 50 },
  segments: [{ bankId: 1, start: 900, end: 999 }],
  ...over,
});

describe('KI proxy pool ranges', () => {
  it('accepts the documented bankd layout (-b 1 -S 1-50 -V 900-999)', () => {
    expect(poolRangeProblem(pool(), [])).toBeNull();
  });

  it('refuses unordered ranges and slots outside 0..1023', () => {
    expect(poolRangeProblem(pool({ physical: { bankId: 1, start: 50, end: 1 } }), [])?.message).toMatch(
      /start 50 is after end 1/,
    );
    expect(poolRangeProblem(pool({ segments: [{ bankId: 1, start: 900, end: 1024 }] }), [])?.message).toMatch(/outside RSPRO/);
    expect(poolRangeProblem(pool({ segments: [{ bankId: 2, start: -1, end: 3 }] }), [])?.code).toBe('VALIDATION_ERROR');
    expect(poolRangeProblem(pool({ segments: [] }), [])?.message).toMatch(/at least one virtual segment/);
  });

  it('refuses virtual segments that overlap the physical range or each other', () => {
    expect(poolRangeProblem(pool({ segments: [{ bankId: 1, start: 40, end: 60 }] }), [])?.message).toMatch(/disjoint/);
    const twice = pool({
      segments: [
        { bankId: 2, start: 0, end: 500 },
        { bankId: 2, start: 500, end: 900 },
      ],
    });
    expect(poolRangeProblem(twice, [])?.code).toBe('VALIDATION_ERROR');
    // The same slot numbers on another bank are another slot.
    expect(poolRangeProblem(pool({ segments: [{ bankId: 2, start: 1, end: 50 }] }), [])).toBeNull();
  });

  it('refuses any overlap with another pool on the same bank, physical or virtual', () => {
    const other = {
      name: 'verizon',
      physical: { bankId: 3, start: 0, end: 9 },
      segments: [{ bankId: 1, start: 990, end: 1023 }],
    };
    expect(poolRangeProblem(pool(), [other])).toEqual({
      code: 'POOL_OVERLAP',
      message: 'virtual segment 1 (bank 1 slots 900..999) overlaps pool "verizon" (bank 1 slots 990..1023)',
    });
    expect(poolRangeProblem(pool({ physical: { bankId: 3, start: 5, end: 6 } }), [other])?.code).toBe('POOL_OVERLAP');
    expect(poolRangeProblem(pool({ segments: [{ bankId: 1, start: 900, end: 989 }] }), [other])).toBeNull();
  });
});
