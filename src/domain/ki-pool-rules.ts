// The rules of a KI proxy pool's slot ranges, free of HTTP and SQL. A pool holds its physical
// KI cards in one range of one bank and hands out virtual slots from one or more segments,
// possibly on other (virtual) banks, so that it can exceed one bank's 1024 slot numbers.
import { RSPRO_MAX } from './slotmap-plan.js';

export interface SlotRange {
  bankId: number;
  start: number;
  end: number;
}

export interface PoolRanges {
  physical: SlotRange;
  segments: SlotRange[];
}

export interface RangeProblem {
  code: 'VALIDATION_ERROR' | 'POOL_OVERLAP';
  message: string;
}

const show = (r: SlotRange) => `bank ${r.bankId} slots ${r.start}..${r.end}`;
const overlaps = (a: SlotRange, b: SlotRange) => a.bankId === b.bankId && a.start <= b.end && b.start <= a.end;

/** The first rule the pool breaks, given the ranges of every other pool; null when it is sound. */
export function poolRangeProblem(pool: PoolRanges, others: Array<PoolRanges & { name: string }>): RangeProblem | null {
  const all = [
    { r: pool.physical, what: 'physical range' },
    ...pool.segments.map((r, i) => ({ r, what: `virtual segment ${i + 1}` })),
  ];
  for (const { r, what } of all) {
    for (const n of [r.start, r.end]) {
      if (!Number.isInteger(n) || n < 0 || n > RSPRO_MAX)
        return { code: 'VALIDATION_ERROR', message: `${what}: slot ${n} is outside RSPRO's 0..${RSPRO_MAX}` };
    }
    if (r.start > r.end) return { code: 'VALIDATION_ERROR', message: `${what}: start ${r.start} is after end ${r.end}` };
  }
  if (pool.segments.length === 0) return { code: 'VALIDATION_ERROR', message: 'a pool needs at least one virtual segment' };
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i] as (typeof all)[number];
      const b = all[j] as (typeof all)[number];
      if (overlaps(a.r, b.r))
        return {
          code: 'VALIDATION_ERROR',
          message: `${a.what} (${show(a.r)}) and ${b.what} (${show(b.r)}) overlap: physical and virtual ranges must be disjoint`,
        };
    }
  }
  for (const other of others) {
    for (const theirs of [other.physical, ...other.segments]) {
      for (const { r, what } of all) {
        if (overlaps(r, theirs))
          return { code: 'POOL_OVERLAP', message: `${what} (${show(r)}) overlaps pool "${other.name}" (${show(theirs)})` };
      }
    }
  }
  return null;
}
