// Coalesces concurrent heartbeats into one statement per flush, and answers each caller only
// after its batch committed. Two ways to start a flush:
// - at once (group commit; the database works off this thread: PGlite's worker, PostgreSQL):
//   a heartbeat that finds nothing in flight is written immediately, and the heartbeats that
//   arrive while a statement runs form the next batch, sent the moment it returns. Light load
//   gets the lowest latency, heavy load the largest batches.
// - after one turn of the event loop (setImmediate; PGlite on this thread, where a statement
//   blocks the loop): every request whose bytes arrived in the same I/O poll joins the flush;
//   without that turn each request would be read, written and answered alone.
import type { HeartbeatInput, Touched } from './clients.repository.js';

export type TouchedProfile = Omit<Touched, 'ord'>;

interface Waiter {
  input: HeartbeatInput;
  resolve: (profiles: TouchedProfile[]) => void;
  reject: (error: unknown) => void;
}

export type ApplyBatch = (inputs: HeartbeatInput[]) => Promise<Touched[]>;

export class HeartbeatBatcher {
  private pending: Waiter[] = [];
  private scheduled = false;
  private running: Promise<void> | null = null;

  constructor(
    private readonly apply: ApplyBatch,
    private readonly maxBatch = 500,
    /** Errors that no split can help (the database is gone): every caller gets them at once. */
    private readonly wholeBatchFailure: (error: unknown) => boolean = () => false,
    /** Start a flush at once (group commit) rather than after a turn of the event loop. */
    private readonly startAtOnce = false,
  ) {}

  /** Resolves with the profiles the heartbeat matched (none: unknown client), refused or not. */
  submit(input: HeartbeatInput): Promise<TouchedProfile[]> {
    return new Promise((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      this.schedule();
    });
  }

  /** Waits until every submitted heartbeat is written (graceful shutdown). */
  async idle() {
    while (this.running || this.scheduled || this.pending.length > 0) {
      if (this.running) await this.running;
      else await new Promise((r) => setImmediate(r));
    }
  }

  private schedule() {
    if (this.scheduled || this.running) return;
    if (this.startAtOnce) {
      this.running = this.drain();
      return;
    }
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.running = this.drain();
    });
  }

  // The loop re-checks `pending` right after each batch and clears `running` in the same
  // synchronous step as its last check, so a heartbeat can never be left waiting unflushed.
  private async drain() {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      await this.flush(batch);
      if (!this.startAtOnce && this.pending.length > 0 && this.pending.length < this.maxBatch)
        await new Promise((r) => setImmediate(r));
    }
    this.running = null;
  }

  private async flush(batch: Waiter[]) {
    // The same client twice in one batch: the latest heartbeat wins, both callers get its result.
    const byKey = new Map<string, Waiter[]>();
    for (const w of batch) {
      // The same client twice with different trust or source must not be merged (each is checked).
      const key = `${w.input.tenantId ?? ''}\u0000${w.input.clientId}\u0000${w.input.clientIp ?? ''}\u0000${w.input.trusted ? 1 : 0}`;
      const list = byKey.get(key);
      if (list) list.push(w);
      else byKey.set(key, [w]);
    }
    await this.write([...byKey.values()]);
  }

  // A batch is never failed by one member: when its statement fails for something in the data
  // (not a lost database), it is split in halves and each half retried, so only the guilty
  // heartbeat's callers get the error (one bad member costs about 2·log2(n) more statements).
  private async write(groups: Waiter[][]): Promise<void> {
    // Duplicates of one heartbeat are written once (the last); the acks of all of them go with it.
    const inputs = groups.map((g) => {
      const last = (g.at(-1) as Waiter).input;
      const acks = g.flatMap((w) => w.input.acks ?? []);
      return acks.length > (last.acks?.length ?? 0) ? { ...last, acks } : last;
    });
    let touched: Touched[];
    try {
      touched = await this.apply(inputs);
    } catch (error) {
      if (groups.length > 1 && !this.wholeBatchFailure(error)) {
        const half = Math.ceil(groups.length / 2);
        await this.write(groups.slice(0, half));
        await this.write(groups.slice(half));
        return;
      }
      for (const g of groups) for (const w of g) w.reject(error);
      return;
    }
    const byOrd = new Map<number, TouchedProfile[]>();
    for (const { ord, ...t } of touched) {
      const list = byOrd.get(ord);
      if (list) list.push(t);
      else byOrd.set(ord, [t]);
    }
    // The commands handed over go to one answer only: the duplicate whose input was written.
    groups.forEach((g, i) => {
      const profiles = byOrd.get(i) ?? [];
      g.forEach((w, n) => {
        w.resolve(n === g.length - 1 ? profiles : profiles.map(({ commands: _handed, ...t }) => t));
      });
    });
  }
}
