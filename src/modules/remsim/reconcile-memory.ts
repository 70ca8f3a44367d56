// What one reconciler process keeps of each remsim-server between passes, and the spacing of
// mutations for one bankd (the push stall, REMSIM-SERVER.md).
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What one process remembers of one server between passes. Lost on restart or when another
 * replica takes the lease: the cost is one more grace period before a stall is seen. */
export class ServerMemory {
  /** Maps seen NEW while their bankd was connected, since when (ms). */
  newSince = new Map<string, number>();
  repairs = new Map<string, { attempts: number; nextAt: number }>();
  /** Repaired maps whose ACTIVE state has not been seen yet. */
  confirming = new Set<string>();
  /** The last mutation sent per bank: a DELETE and a POST for one bankd are kept apart. */
  lastMutation = new Map<number, { kind: 'create' | 'delete'; at: number }>();
  probeTimer: NodeJS.Timeout | null = null;
  probeFailures = 0;
  lastProbeAt = 0;
  probing = false;
  /** How the last pass failed here: a server that answered wrongly keeps its back-off. */
  lastFailure: 'network' | 'answer' | null = null;
  /** Ends the loop's pause before another pass early (a change arrived). */
  wakeLoop: (() => void) | null = null;
  /** The pass that looks for stalls once their grace has passed. */
  verifyTimer: NodeJS.Timeout | null = null;
  verifyAt = 0;
  /** What decided the slots' service on the last look (bankd slot counts, foreign holds). */
  serviceSignature: string | null = null;
  /** Maps found stalled on the last pass: a stall is counted once, when it is first found. */
  stalledKnown = new Set<string>();
  /** Per bank, the maps of other tools on the last look: a change there (an operator cleared
   * one) ends the back-off of IonMesh's repairs on that bank. */
  foreignByBank = new Map<number, string>();
}

/** Keeps a DELETE and a POST for one bankd apart: sent back to back, both can be pending when
 * the server's main thread wakes, and then it never pushes to that bankd again (the stall). */
export async function spaced<T>(
  mem: ServerMemory,
  bankId: number,
  kind: 'create' | 'delete',
  settleMs: number,
  send: () => Promise<T>,
) {
  const last = mem.lastMutation.get(bankId);
  if (last && last.kind !== kind) {
    const wait = last.at + settleMs - Date.now();
    if (wait > 0) await sleep(wait);
  }
  try {
    return await send();
  } finally {
    // From its answer: the server has signalled its main thread by then.
    mem.lastMutation.set(bankId, { kind, at: Date.now() });
  }
}
