// The policy engine: priority order, every condition, time windows across midnight and time
// zones, deny.
import { describe, expect, it } from 'vitest';
import { decide, inWindow, localTime, type Policy, policyProblem } from './assignment-policy.js';
import { globMatches } from './linear-pattern.js';

const policy = (over: Partial<Policy>): Policy => ({
  id: 1,
  name: 'p',
  priority: 100,
  enabled: true,
  conditions: {},
  action: { type: 'assign' },
  ...over,
});
const req = { clientId: 'site1-r7-slot0', mccMnc: '310410', hardwareVendor: 'Quectel', now: new Date('2026-11-25T12:00:00Z') };

describe('assignment policy engine', () => {
  it('lets the lowest priority number decide, skipping disabled and non-matching policies', () => {
    const list = [
      policy({ id: 1, name: 'catch-all', priority: 100 }),
      policy({ id: 2, name: 'att', priority: 10, conditions: { mcc_mnc: ['310410'] } }),
      policy({ id: 3, name: 'off', priority: 1, enabled: false }),
      policy({ id: 4, name: 'verizon', priority: 5, conditions: { mcc_mnc: ['311480'] } }),
    ];
    expect(decide(list, req)?.name).toBe('att');
    expect(decide(list, { ...req, mccMnc: null })?.name).toBe('catch-all');
    expect(decide([], req)).toBeNull();
    // Equal priorities: the older policy (lower id) first.
    expect(decide([policy({ id: 9, name: 'b' }), policy({ id: 3, name: 'a' })], req)?.name).toBe('a');
  });

  it('matches client ids by glob and vendors case-insensitively', () => {
    expect(globMatches('site1-*-slot?', 'site1-r7-slot0')).toBe(true);
    expect(globMatches('site1-*', 'site2-r7-slot0')).toBe(false);
    expect(globMatches('a.b*', 'axb')).toBe(false); // a dot is a dot
    // Many stars against a long id that almost matches: a backtracking RegExp takes O(n^k) here,
    // RE2 a linear pass (the whole decision answers as fast as a plain one).
    const stars = policy({ conditions: { client_id_pattern: `${'*a'.repeat(30)}*b` } });
    expect(decide([stars], { ...req, clientId: 'a'.repeat(250) })).toBeNull();
    expect(decide([policy({ conditions: { client_id_pattern: 'site1-*' } })], req)).not.toBeNull();
    expect(decide([policy({ conditions: { hardware_vendor: ['quectel'] } })], req)).not.toBeNull();
    expect(decide([policy({ conditions: { hardware_vendor: ['Sierra Wireless'] } })], req)).toBeNull();
    expect(decide([policy({ conditions: { hardware_vendor: ['Quectel'] } })], { ...req, hardwareVendor: null })).toBeNull();
  });

  it('reads time windows in their own time zone, across midnight, on chosen days', () => {
    const night = { start: '22:00', end: '06:00', time_zone: 'Europe/Berlin' };
    // 2026-11-25 is a Wednesday; Berlin is UTC+1 in November.
    expect(inWindow(night, new Date('2026-11-25T21:30:00Z'))).toBe(true); // 22:30 local
    expect(inWindow(night, new Date('2026-11-25T04:59:00Z'))).toBe(true); // 05:59 local
    expect(inWindow(night, new Date('2026-11-25T05:00:00Z'))).toBe(false); // 06:00 local: end is exclusive
    expect(inWindow(night, new Date('2026-11-25T12:00:00Z'))).toBe(false);
    const office = {
      start: '09:00',
      end: '17:00',
      time_zone: 'America/New_York',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const,
    };
    expect(inWindow({ ...office, days: [...office.days] }, new Date('2026-11-25T15:00:00Z'))).toBe(true); // Wed 10:00 EST
    expect(inWindow({ ...office, days: [...office.days] }, new Date('2026-11-28T15:00:00Z'))).toBe(false); // Saturday
    expect(localTime(new Date('2026-11-25T23:30:00Z'), 'Asia/Tokyo')).toEqual({ minutes: 8 * 60 + 30, weekday: 'thu' });
    expect(inWindow({ start: '00:00', end: '00:00', time_zone: 'UTC' }, req.now)).toBe(true);
  });

  it('denies when the deciding policy says so', () => {
    const list = [
      policy({ id: 1, priority: 1, conditions: { client_id_pattern: 'lab-*' }, action: { type: 'deny' } }),
      policy({ id: 2 }),
    ];
    expect(decide(list, { ...req, clientId: 'lab-3-slot0' })?.action.type).toBe('deny');
    expect(decide(list, req)?.action.type).toBe('assign');
  });

  it('checks what the schema cannot: times, time zones, deny with options', () => {
    expect(policyProblem({ time_window: { start: '24:00', end: '06:00', time_zone: 'UTC' } }, { type: 'assign' })).toMatch(
      /HH:MM/,
    );
    expect(
      policyProblem({ time_window: { start: '22:00', end: '06:00', time_zone: 'Mars/Olympus' } }, { type: 'assign' }),
    ).toMatch(/IANA/);
    expect(policyProblem({}, { type: 'deny', preferred_banks: [1] })).toMatch(/deny/);
    expect(
      policyProblem(
        { time_window: { start: '22:00', end: '06:00', time_zone: 'Europe/Berlin' } },
        { type: 'assign', preferred_banks: [2], load_balancing: 'least-loaded' },
      ),
    ).toBeNull();
  });
});
