// Every admin answer says time one way: ISO 8601, UTC, Z.
import { describe, expect, it } from 'vitest';
import { isoOf, isoTimestamps } from './timestamps.js';

describe('timestamps in answers', () => {
  it('turns PostgreSQL’s text form into ISO 8601 with Z, whatever its zone', () => {
    expect(isoOf('2026-11-26 14:36:53.476+00')).toBe('2026-11-26T14:36:53.476Z');
    expect(isoOf('2026-11-26 15:36:53+01')).toBe('2026-11-26T14:36:53.000Z');
    expect(isoOf('2026-11-26 09:06:53.5-05:30')).toBe('2026-11-26T14:36:53.500Z');
    expect(isoOf('2026-11-26T14:36:53.476Z')).toBe('2026-11-26T14:36:53.476Z');
    expect(isoOf('yesterday')).toBeNull();
  });

  it('rewrites time keys only, leaves stored documents and other strings alone', () => {
    const raw = {
      created_at: '2026-11-26 14:36:53+00',
      items: [{ last_heartbeat: '2026-11-26 14:00:00+00', name: '2026-11-26 14:00:00+00' }],
      card_metadata: { delivered_at: '2026-11-26 14:00:00+00' },
      rolled_until: null,
    };
    expect(isoTimestamps(raw)).toEqual({
      created_at: '2026-11-26T14:36:53.000Z',
      items: [{ last_heartbeat: '2026-11-26T14:00:00.000Z', name: '2026-11-26 14:00:00+00' }],
      card_metadata: { delivered_at: '2026-11-26 14:00:00+00' },
      rolled_until: null,
    });
    const clean = { a: 1, b: ['x'] };
    expect(isoTimestamps(clean)).toBe(clean);
  });
});
