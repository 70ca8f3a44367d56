// The reconciler's decision, free of HTTP and SQL: given the mappings IonMesh wants on one
// remsim-server, the ones the server lists, and the ones IonMesh itself created earlier, which
// maps to DELETE, which to POST, which to adopt, and what to report (REMSIM-SERVER.md).

/** RSPRO limits BankId, ClientId and SlotNumber to 0..1023; the server truncates to 16 bits. */
export const RSPRO_MAX = 1023;

export interface MapTuple {
  bankId: number;
  bankSlot: number;
  clientId: number;
  clientSlot: number;
}

export interface DesiredMap extends MapTuple {
  profileId: string;
  clientName: string;
  tenantId: number;
}

export type ServerMapState = 'NEW' | 'UNACKNOWLEDGED' | 'ACTIVE' | string;

export interface PresentMap extends MapTuple {
  state: ServerMapState;
}

export interface Conflict {
  /** The map on the server that IonMesh did not create. */
  present: PresentMap;
  /** The assignment it stands in the way of. */
  desired: DesiredMap;
  /** bank_slot: the bank slot is mapped to another client; client_slot: the client slot to another bank slot. */
  on: 'bank_slot' | 'client_slot';
  action: 'reported' | 'taken_over' | 'waiting';
}

export interface InvalidMap {
  desired: DesiredMap;
  reason: string;
}

export interface SlotmapPlan {
  deletes: PresentMap[];
  /** Desired maps found stalled (NEW although their bankd is connected): deleted (safe, they are
   * NEW) and posted again in this pass. Each is also in `deletes` and `posts`. */
  repairs: DesiredMap[];
  /** Maps of others found stalled: they hold up every push to their bankd; reported. */
  stalledForeign: PresentMap[];
  posts: DesiredMap[];
  /** Present maps equal to a desired one that IonMesh had no record of creating. */
  adopt: DesiredMap[];
  conflicts: Conflict[];
  invalid: InvalidMap[];
  /** Stale maps of IonMesh's left for now: UNACKNOWLEDGED maps must not be deleted. */
  waiting: PresentMap[];
  /** Desired maps not posted this pass because their slot is still taken (retry soon). */
  blocked: DesiredMap[];
  /** Maps of others that stand in nobody's way. */
  foreign: number;
  /** IonMesh's records of maps that are neither present nor desired: forget them. */
  forget: MapTuple[];
}

export const bankKey = (m: MapTuple) => `${m.bankId}:${m.bankSlot}`;
export const clientKey = (m: MapTuple) => `${m.clientId}:${m.clientSlot}`;
export const tupleKey = (m: MapTuple) => `${bankKey(m)}>${clientKey(m)}`;

/** Slotmap id of DELETE /slotmaps/:id. */
export const slotmapId = (m: Pick<MapTuple, 'bankId' | 'bankSlot'>) => m.bankId * 65536 + m.bankSlot;

const inRange = (n: number) => Number.isInteger(n) && n >= 0 && n <= RSPRO_MAX;

/** Why a map must not be sent, or null. `bankSlots` is the bankd's numberOfSlots when connected. */
export function mapProblem(m: MapTuple, bankSlots?: number): string | null {
  for (const [name, v] of [
    ['bank id', m.bankId],
    ['bank slot', m.bankSlot],
    ['client id', m.clientId],
    ['client slot', m.clientSlot],
  ] as const) {
    if (!inRange(v)) return `${name} ${v} is outside RSPRO's 0..${RSPRO_MAX}`;
  }
  if (bankSlots !== undefined && m.bankSlot >= bankSlots)
    return `bank ${m.bankId} reports ${bankSlots} slots; slot ${m.bankSlot} does not exist`;
  return null;
}

export interface PlanInput {
  desired: DesiredMap[];
  present: PresentMap[];
  owned: MapTuple[];
  /** numberOfSlots of each connected bankd, by bank id. */
  bankSlots: Map<number, number>;
  takeover: boolean;
  /** Present maps (tuple keys) that are stalled and to be repaired now. */
  stalled?: Set<string>;
  /** Present maps (tuple keys) that are stalled but whose repair waits (its back-off): left as
   * they are, and not counted as present. */
  stuck?: Set<string>;
  /** Why a desired map's bank slot is beyond its bankd's slots, when IonMesh knows better than
   * "does not exist" (a KI proxy pool that needs a larger -n). */
  slotShortfall?: (d: DesiredMap, bankSlots: number) => string | null;
}

export function planSlotmaps(input: PlanInput): SlotmapPlan {
  const plan: SlotmapPlan = {
    deletes: [],
    repairs: [],
    stalledForeign: [],
    posts: [],
    adopt: [],
    conflicts: [],
    invalid: [],
    waiting: [],
    blocked: [],
    foreign: 0,
    forget: [],
  };
  const owned = new Set(input.owned.map(tupleKey));
  const valid: DesiredMap[] = [];
  const stalled = input.stalled ?? new Set<string>();
  for (const d of input.desired) {
    const slots = input.bankSlots.get(d.bankId);
    let problem = mapProblem(d, slots);
    if (problem && slots !== undefined && mapProblem(d) === null) problem = input.slotShortfall?.(d, slots) ?? problem;
    if (problem) plan.invalid.push({ desired: d, reason: problem });
    else valid.push(d);
  }
  const desiredByTuple = new Map(valid.map((d) => [tupleKey(d), d]));
  const desiredByBank = new Map(valid.map((d) => [bankKey(d), d]));
  const desiredByClient = new Map(valid.map((d) => [clientKey(d), d]));
  // A stalled map that is repaired now is not present: it is deleted and posted again.
  const presentTuples = new Set(input.present.map(tupleKey).filter((k) => !stalled.has(k)));

  // Slots that stay taken on the server after this pass's deletes.
  const takenBank = new Set<string>();
  const takenClient = new Set<string>();
  const keep = (p: PresentMap) => {
    takenBank.add(bankKey(p));
    takenClient.add(clientKey(p));
  };

  for (const p of input.present) {
    const key = tupleKey(p);
    const wanted = desiredByTuple.get(key);
    if (wanted && stalled.has(key)) {
      if (!owned.has(key)) plan.adopt.push(wanted);
      plan.deletes.push(p);
      plan.repairs.push(wanted);
      continue;
    }
    if (wanted) {
      if (!owned.has(key)) plan.adopt.push(wanted);
      keep(p);
      continue;
    }
    const deletable = p.state !== 'UNACKNOWLEDGED';
    if (owned.has(key)) {
      if (deletable) plan.deletes.push(p);
      else {
        plan.waiting.push(p);
        keep(p);
      }
      continue;
    }
    const byBank = desiredByBank.get(bankKey(p));
    const byClient = desiredByClient.get(clientKey(p));
    const blocking = byBank ?? byClient;
    if (!blocking) {
      plan.foreign++;
      if (stalled.has(key) || input.stuck?.has(key)) plan.stalledForeign.push(p);
      keep(p);
      continue;
    }
    const on = byBank ? 'bank_slot' : 'client_slot';
    if (input.takeover && deletable) {
      plan.deletes.push(p);
      plan.conflicts.push({ present: p, desired: blocking, on, action: 'taken_over' });
    } else {
      plan.conflicts.push({ present: p, desired: blocking, on, action: input.takeover ? 'waiting' : 'reported' });
      keep(p);
    }
  }

  for (const d of valid) {
    if (presentTuples.has(tupleKey(d))) continue;
    if (takenBank.has(bankKey(d)) || takenClient.has(clientKey(d))) plan.blocked.push(d);
    else plan.posts.push(d);
  }
  for (const o of input.owned) {
    const key = tupleKey(o);
    if (!presentTuples.has(key) && !desiredByTuple.has(key)) plan.forget.push(o);
  }
  return plan;
}
