// What the reconciler sends, decided without a server: only the difference, never a foreign map
// unless takeover is on, never a map that is UNACKNOWLEDGED, never a number RSPRO cannot carry.
import { describe, expect, it } from 'vitest';
import { type DesiredMap, mapProblem, type PresentMap, planSlotmaps, slotmapId } from './slotmap-plan.js';

const want = (bankId: number, bankSlot: number, clientId: number, clientSlot: number): DesiredMap => ({
  bankId,
  bankSlot,
  clientId,
  clientSlot,
  profileId: `p-${clientId}-${clientSlot}`,
  clientName: `c${clientId}-${clientSlot}`,
  tenantId: 1,
});
const have = (bankId: number, bankSlot: number, clientId: number, clientSlot: number, state = 'ACTIVE'): PresentMap => ({
  bankId,
  bankSlot,
  clientId,
  clientSlot,
  state,
});
const base = { owned: [], bankSlots: new Map<number, number>(), takeover: false };

describe('slot map planning', () => {
  it('posts only what is missing and deletes only stale maps IonMesh created', () => {
    const plan = planSlotmaps({
      ...base,
      desired: [want(1, 1, 1, 1), want(1, 2, 1, 2)],
      present: [have(1, 1, 1, 1), have(1, 3, 1, 3), have(5, 5, 50, 5)],
      owned: [have(1, 1, 1, 1), have(1, 3, 1, 3), have(1, 9, 1, 9)],
    });
    expect(plan.posts.map((p) => p.bankSlot)).toEqual([2]);
    expect(plan.deletes.map((p) => p.bankSlot)).toEqual([3]);
    expect(plan.foreign).toBe(1);
    expect(plan.forget).toEqual([have(1, 9, 1, 9)]);
    expect(plan.adopt).toEqual([]);
  });

  it('adopts a present map equal to a desired one that it has no record of', () => {
    const plan = planSlotmaps({ ...base, desired: [want(2, 0, 2, 1023)], present: [have(2, 0, 2, 1023, 'NEW')] });
    expect(plan.adopt).toHaveLength(1);
    expect(plan.posts).toEqual([]);
  });

  it('keeps a stale map of its own while it is UNACKNOWLEDGED, and holds back what it blocks', () => {
    const plan = planSlotmaps({
      ...base,
      desired: [want(1, 2, 1, 1)],
      present: [have(1, 1, 1, 1, 'UNACKNOWLEDGED')],
      owned: [have(1, 1, 1, 1)],
    });
    expect(plan.deletes).toEqual([]);
    expect(plan.waiting).toHaveLength(1);
    expect(plan.blocked).toHaveLength(1);
    expect(plan.posts).toEqual([]);
  });

  it('reports a conflicting foreign map, and with takeover deletes it unless UNACKNOWLEDGED', () => {
    const input = {
      ...base,
      desired: [want(1, 1, 1, 1), want(1, 2, 1, 2)],
      present: [have(1, 1, 7, 7), have(9, 9, 1, 2, 'UNACKNOWLEDGED')],
    };
    const reported = planSlotmaps(input);
    expect(reported.conflicts.map((c) => [c.on, c.action])).toEqual([
      ['bank_slot', 'reported'],
      ['client_slot', 'reported'],
    ]);
    expect(reported.deletes).toEqual([]);
    expect(reported.blocked).toHaveLength(2);
    const taken = planSlotmaps({ ...input, takeover: true });
    expect(taken.conflicts.map((c) => c.action)).toEqual(['taken_over', 'waiting']);
    expect(taken.deletes).toEqual([have(1, 1, 7, 7)]);
    expect(taken.posts.map((p) => p.bankSlot)).toEqual([1]);
  });

  it('refuses numbers outside 0..1023 and slots the bankd does not have', () => {
    expect(mapProblem(have(1024, 0, 1, 1))).toMatch(/bank id 1024/);
    expect(mapProblem(have(1, -1, 1, 1))).toMatch(/bank slot -1/);
    expect(mapProblem(have(1, 0, 65538, 1))).toMatch(/client id 65538/);
    expect(mapProblem(have(1, 0, 1, 1.5))).toMatch(/client slot/);
    expect(mapProblem(have(1, 8, 1, 1), 8)).toMatch(/reports 8 slots/);
    expect(mapProblem(have(1023, 1023, 1023, 1023))).toBeNull();
    const plan = planSlotmaps({
      ...base,
      desired: [want(1, 8, 1, 8), want(1, 7, 1, 7)],
      present: [],
      bankSlots: new Map([[1, 8]]),
    });
    expect(plan.invalid.map((i) => i.desired.bankSlot)).toEqual([8]);
    expect(plan.posts.map((p) => p.bankSlot)).toEqual([7]);
    expect(slotmapId({ bankId: 2, bankSlot: 7 })).toBe(131079);
  });

  it('repairs a stalled map of its own (delete, then post again) and only reports a stalled one of others', () => {
    const mine = have(1, 4, 1, 4, 'NEW');
    const theirs = have(1, 7, 70, 1, 'NEW');
    const plan = planSlotmaps({
      ...base,
      desired: [want(1, 4, 1, 4)],
      present: [mine, theirs],
      owned: [mine],
      stalled: new Set(['1:4>1:4', '1:7>70:1']),
    });
    expect(plan.deletes).toEqual([mine]);
    expect(plan.posts.map((p) => p.bankSlot)).toEqual([4]);
    expect(plan.repairs.map((r) => r.bankSlot)).toEqual([4]);
    expect(plan.stalledForeign).toEqual([theirs]);
    expect(plan.forget).toEqual([]); // the repaired map is posted again, its record stays
    // A stalled map whose repair waits is neither deleted nor posted.
    const waiting = planSlotmaps({
      ...base,
      desired: [want(1, 4, 1, 4)],
      present: [mine],
      owned: [mine],
      stuck: new Set(['1:4>1:4']),
    });
    expect([waiting.deletes, waiting.posts, waiting.repairs]).toEqual([[], [], []]);
  });

  it('names what a bankd lacks when the caller knows better than "does not exist"', () => {
    const plan = planSlotmaps({
      ...base,
      desired: [want(1, 900, 1, 900), want(1, 40, 1, 40)],
      present: [],
      bankSlots: new Map([[1, 32]]),
      slotShortfall: (d) => (d.bankSlot >= 900 ? 'pool needs -n 904' : null),
    });
    expect(plan.invalid.map((i) => i.reason)).toEqual(['pool needs -n 904', 'bank 1 reports 32 slots; slot 40 does not exist']);
  });
});
