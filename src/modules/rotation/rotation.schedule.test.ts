import { describe, expect, it } from 'vitest';
import { inWindow, lastOccurrence, localTime, scheduleProblem, timezoneProblem } from './rotation.schedule.js';

describe('a rotation policy’s schedule and window, in its time zone', () => {
  it('finds the latest occurrence in the time zone (winter and summer time)', () => {
    // 03:00 in Berlin is 02:00 UTC in winter, 01:00 UTC in summer.
    expect(lastOccurrence('0 3 * * *', 'Europe/Berlin', new Date('2026-11-28T02:30:00Z'))?.toISOString()).toBe(
      '2026-11-28T02:00:00.000Z',
    );
    expect(lastOccurrence('0 3 * * *', 'Europe/Berlin', new Date('2026-07-10T01:30:00Z'))?.toISOString()).toBe(
      '2026-07-10T01:00:00.000Z',
    );
    // Before today's occurrence: yesterday's.
    expect(lastOccurrence('0 3 * * *', 'Europe/Berlin', new Date('2026-11-28T01:59:00Z'))?.toISOString()).toBe(
      '2026-11-27T02:00:00.000Z',
    );
    // Days 1-7 or Mondays (cron ORs day of month and day of week), 04:30 in New York (UTC-5).
    expect(lastOccurrence('30 4 1-7 * 1', 'America/New_York', new Date('2026-12-20T00:00:00Z'))?.toISOString()).toBe(
      '2026-12-14T09:30:00.000Z',
    );
  });

  it('tells local time and weekday, and whether a window (over midnight too) holds', () => {
    expect(localTime(new Date('2026-11-27T23:30:00Z'), 'Asia/Tokyo')).toEqual({ minutes: 8 * 60 + 30, weekday: 6 });
    const night = { start: '22:00', end: '04:00' };
    expect(inWindow(night, 'Europe/Berlin', new Date('2026-11-27T22:30:00Z'))).toBe(true); // 23:30
    expect(inWindow(night, 'Europe/Berlin', new Date('2026-11-28T02:59:00Z'))).toBe(true); // 03:59
    expect(inWindow(night, 'Europe/Berlin', new Date('2026-11-28T03:00:00Z'))).toBe(false); // 04:00
    expect(inWindow(night, 'UTC', new Date('2026-11-28T12:00:00Z'))).toBe(false);
    // Weekdays: Saturday 28 November 2026 is 6.
    expect(inWindow({ start: '00:00', end: '23:59', days: [6, 7] }, 'UTC', new Date('2026-11-28T12:00:00Z'))).toBe(true);
    expect(inWindow({ start: '00:00', end: '23:59', days: [1, 2, 3, 4, 5] }, 'UTC', new Date('2026-11-28T12:00:00Z'))).toBe(
      false,
    );
    expect(inWindow(null, 'UTC', new Date())).toBe(true);
  });

  it('says what is wrong with a schedule or a time zone', () => {
    expect(scheduleProblem('0 3 * * *', 'UTC')).toBeNull();
    expect(scheduleProblem('0 3 * *', 'UTC')).toContain('five fields');
    expect(scheduleProblem('0 25 * * *', 'UTC')).toContain('not a cron schedule');
    expect(timezoneProblem('Europe/Berlin')).toBeNull();
    expect(timezoneProblem('Europe/Atlantis')).toContain('not a time zone');
  });
});
