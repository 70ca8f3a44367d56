import { describe, expect, it } from 'vitest';
import { ago, bytes, dbm } from './format';

describe('console formats', () => {
  it('says how long ago, in the largest whole unit', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(ago('2026-11-25T11:59:48Z', now)).toBe('12 s ago');
    expect(ago('2026-11-25T11:55:00Z', now)).toBe('5 min ago');
    expect(ago('2026-11-25T09:00:00Z', now)).toBe('3 h ago');
    expect(ago('2026-11-23T12:00:00Z', now)).toBe('2 d ago');
    expect(ago(null, now)).toBe('never');
    expect(ago('garbage', now)).toBe('never');
  });

  it('writes sizes and signal values readably', () => {
    expect(bytes(999)).toBe('999 B');
    expect(bytes(236_000)).toBe('236 kB');
    expect(bytes(1_530_000)).toBe('1.5 MB');
    expect(bytes(null)).toBe('—');
    expect(dbm(-93.64)).toBe('-93.6 dBm');
    expect(dbm('x')).toBe('—');
  });
});
