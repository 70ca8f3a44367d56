// The engine for claimed work (decision 0020): work that must happen to an object is an item of
// a kind, claimed by one process at a time with a lease and a token (FOR UPDATE SKIP LOCKED, so
// several replicas share one PostgreSQL), renewed while its process runs it, tried and retried
// with back-off, recorded attempt by attempt, and finished — done, failed, or escalated when its
// attempts run out. A process that stops (kill -9) leaves its claims to run out: another takes
// them over within the kind's lease (on PGlite, where one process holds the data, at once).
// Exactly once where the effect is in the database: the handler ends its item with `done(tx)` in
// the transaction of its effect, which commits only while the token still holds.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { type BackoffShape, backoff } from '../../domain/backoff.js';
import type { Database, Sql } from '../database.js';
import * as repo from './work.repository.js';

export interface WorkItem<P> {
  id: number;
  kind: string;
  object: string;
  tenantId: number | null;
  payload: P;
  /** This attempt's number, from 1. */
  attempt: number;
  /** Taken over from a process that stopped renewing its claim. */
  takenOver: boolean;
}

/** What a handler answers; nothing (or a detail) is done. */
export type WorkAnswer =
  | undefined
  | { detail?: unknown; failed?: undefined; retry?: undefined }
  /** Cannot be done, and trying again would not help. */
  | { failed: string; detail?: unknown; retry?: undefined }
  /** Not now: tried again after the kind's back-off (or `inSec`), escalated when attempts run out. */
  | { retry: string; inSec?: number; detail?: unknown; failed?: undefined };

export interface WorkContext<P> {
  item: WorkItem<P>;
  /**
   * Ends the item as done in the caller's transaction — the one of the effect — so that effect and
   * completion commit together, and only while this claim holds: otherwise it throws ClaimLost
   * and the transaction rolls back.
   */
  done(tx: Sql, detail?: unknown): Promise<void>;
}

export interface WorkKind<P> {
  /** The module whose decision the work carries out. */
  owner: string;
  kind: string;
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler that ends its item itself answers nothing
  run(ctx: WorkContext<P>): Promise<WorkAnswer | void>;
  /** Tries before the item is escalated (an interrupted attempt counts). */
  maxAttempts?: number;
  /** Waits between tries, seconds (the shared back-off). */
  backoff?: BackoffShape;
  /** How long a claim holds without renewal: a stopped process's item resumes within it. */
  leaseSec?: number;
  /** Items claimed at once. */
  batch?: number;
  /** Told, in the transaction that escalates the item, so the owner can raise its event. */
  onEscalated?(tx: Sql, item: WorkItem<P>, error: string): Promise<void>;
}

export interface Enqueue<P> {
  object: string;
  tenantId: number | null;
  payload: P;
  /** At most one item of the kind per key, ever: enqueuing again is a no-op. */
  key?: string;
  delaySec?: number;
}

export type WorkCount = 'claimed' | 'done' | 'failed' | 'retried' | 'escalated' | 'takeover' | 'lost';

export class ClaimLost extends Error {
  constructor(readonly itemId: number) {
    super(`work item ${itemId}: another process took the claim over`);
  }
}

const DEFAULTS = {
  maxAttempts: 5,
  backoff: { base: 5, max: 600, jitter: 0.2 } satisfies BackoffShape,
  leaseSec: 20,
  batch: 20,
};

/** An error as an attempt records it: its stable code (a DomainError's) and message. */
const errorText = (e: unknown) => {
  if (!(e instanceof Error)) return String(e);
  const code = (e as Error & { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${e.message}` : e.message;
};

type Defined = Required<Omit<WorkKind<unknown>, 'onEscalated'>> & WorkKind<unknown>;

export class WorkEngine {
  /** This process, as the holder of claims. */
  readonly me = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly kinds = new Map<string, Defined>();
  /** Items this process runs now, by id, with their kind's lease. */
  private readonly running = new Map<number, number>();
  private renewer: NodeJS.Timeout | null = null;
  private readonly observers: ((kind: string, what: WorkCount) => void)[] = [];

  constructor(
    private readonly db: Database,
    private readonly log?: FastifyBaseLogger,
    /** No other process can hold a claim (PGlite: one process holds the data). */
    private readonly othersGone = db.kind === 'pglite',
  ) {}

  /** Declares a kind; the handle enqueues and drains it. */
  define<P>(kind: WorkKind<P>) {
    if (this.kinds.has(kind.kind)) throw new Error(`work kind ${kind.kind} is defined twice`);
    const full = { ...DEFAULTS, ...kind } as Defined;
    this.kinds.set(kind.kind, full);
    /** Adds an item in the caller's transaction (with the decision it carries out); its id, or null if the key existed. */
    const enqueue = (tx: Sql, e: Enqueue<P>) =>
      repo.insertItem(tx, {
        owner: kind.owner,
        kind: kind.kind,
        object: e.object,
        tenantId: e.tenantId,
        key: e.key ?? null,
        payload: e.payload,
        maxAttempts: full.maxAttempts,
        delaySec: e.delaySec ?? 0,
      });
    return {
      kind: kind.kind,
      enqueue,
      /** Adds many items of one tenant at once, in the caller's transaction (one statement); how many were new. */
      enqueueMany: (tx: Sql, tenantId: number | null, items: { object: string; key?: string; payload: P }[]) =>
        repo.insertItems(
          tx,
          { owner: kind.owner, kind: kind.kind, tenantId, maxAttempts: full.maxAttempts, delaySec: 0 },
          items.map((i) => ({ object: i.object, key: i.key ?? null, payload: i.payload })),
        ),
      /** Runs what is due of this kind now, at most `limit` items; how many ran. */
      drain: (limit = 500, budgetMs = 5000) => this.drain(kind.kind, limit, budgetMs),
      /**
       * Work that happens once per period across every replica (a pass over the fleet): the
       * period's item, keyed by its number, is enqueued by whichever replica asks first; the
       * others find it there. Its id, or null when this period's item existed.
       */
      schedule: (everySec: number, e: Omit<Enqueue<P>, 'key'>, now = Date.now()) =>
        this.db.transaction((tx) => enqueue(tx, { ...e, key: `every ${everySec} s: ${Math.floor(now / 1000 / everySec)}` })),
    };
  }

  /** Told of every claim, outcome and takeover (metrics). */
  observe(fn: (kind: string, what: WorkCount) => void) {
    this.observers.push(fn);
  }

  /** One pass over every kind: what is due, and what stopped processes left, within `budgetMs`. */
  async tick(budgetMs = 2000) {
    const until = Date.now() + budgetMs;
    let ran = 0;
    for (const kind of this.kinds.keys()) {
      if (Date.now() >= until) break;
      ran += await this.drain(kind, 10_000, until - Date.now());
    }
    return ran;
  }

  /** Items, newest first, each with its attempt log. */
  list(filter: repo.ItemFilter, limit: number, offset: number) {
    return this.db.run((h) => repo.listItems(h, filter, limit, offset));
  }

  /** Per kind: waiting, claimed, the age of the oldest due item. */
  open() {
    return this.db.run((h) => repo.openByKind(h));
  }

  /** Finished items older than `retentionSec` go (at most `batch`). */
  prune(retentionSec: number, batch: number) {
    return this.db.run((h) => repo.prune(h, retentionSec, batch));
  }

  /** Waits for the items under way (shutdown). */
  async stop() {
    for (let i = 0; i < 600 && this.running.size > 0; i++) await new Promise((r) => setTimeout(r, 50));
    this.stopRenewing();
  }

  private count(kind: string, what: WorkCount, n = 1) {
    for (let i = 0; i < n; i++) for (const fn of this.observers) fn(kind, what);
  }

  private async drain(kindName: string, limit: number, budgetMs: number) {
    const kind = this.kinds.get(kindName);
    if (!kind) throw new Error(`work kind ${kindName} is not defined`);
    const until = Date.now() + budgetMs;
    let ran = 0;
    // Bounded: batches until nothing is due, the limit or the budget.
    while (ran < limit && Date.now() < until) {
      const batch = await this.db.transaction((tx) =>
        repo.claim(tx, kind.kind, this.me, Math.min(kind.batch, limit - ran), kind.leaseSec, this.othersGone),
      );
      if (batch.length === 0) break;
      this.count(kind.kind, 'claimed', batch.length);
      this.count(kind.kind, 'takeover', batch.filter((b) => b.taken_over).length);
      for (const b of batch) this.running.set(b.id, kind.leaseSec);
      this.startRenewing();
      try {
        for (const row of batch) {
          await this.runOne(kind, row);
          this.running.delete(row.id);
          ran += 1;
        }
      } finally {
        for (const b of batch) this.running.delete(b.id);
        if (this.running.size === 0) this.stopRenewing();
      }
    }
    return ran;
  }

  private async runOne(kind: Defined, row: repo.ClaimedRow) {
    const item: WorkItem<unknown> = {
      id: row.id,
      kind: row.kind,
      object: row.object,
      tenantId: row.tenant_id,
      payload: row.payload,
      attempt: row.attempts,
      takenOver: row.taken_over,
    };
    // Interrupted as often as it may be tried (a process that dies on it, again and again): a person looks.
    if (row.attempts > row.max_attempts) {
      await this.end(kind, item, row.token, { escalate: `interrupted ${row.attempts - 1} times` });
      return;
    }
    let finished = false;
    const ctx: WorkContext<unknown> = {
      item,
      done: async (tx, detail) => {
        const ok = await repo.finish(tx, row.id, row.token, { state: 'done', outcome: 'done', detail, error: null });
        if (!ok) throw new ClaimLost(row.id);
        finished = true;
      },
    };
    let answer: WorkAnswer | undefined;
    try {
      answer = (await kind.run(ctx)) ?? undefined;
    } catch (e) {
      finished = false; // a done(tx) whose transaction then failed did not commit
      if (e instanceof ClaimLost) {
        this.count(kind.kind, 'lost');
        this.log?.warn({ item: row.id, kind: kind.kind }, 'work item taken over by another process while it ran');
        return;
      }
      answer = { retry: errorText(e) };
    }
    if (finished) {
      this.count(kind.kind, 'done');
      return;
    }
    if (answer?.failed !== undefined) await this.end(kind, item, row.token, { failed: answer.failed, detail: answer.detail });
    else if (answer?.retry !== undefined) {
      if (row.attempts >= row.max_attempts)
        await this.end(kind, item, row.token, { escalate: answer.retry, detail: answer.detail });
      else await this.end(kind, item, row.token, { retry: answer.retry, inSec: answer.inSec, detail: answer.detail });
    } else await this.end(kind, item, row.token, { detail: answer?.detail });
  }

  private async end(
    kind: Defined,
    item: WorkItem<unknown>,
    token: string,
    how: { detail?: unknown; failed?: string; retry?: string; inSec?: number; escalate?: string },
  ) {
    const e: repo.Ending =
      how.escalate !== undefined
        ? { state: 'escalated', outcome: 'escalated', detail: how.detail, error: how.escalate }
        : how.failed !== undefined
          ? { state: 'failed', outcome: 'failed', detail: how.detail, error: how.failed }
          : how.retry !== undefined
            ? {
                state: 'pending',
                outcome: 'retry',
                detail: how.detail,
                error: how.retry,
                retryInSec: how.inSec ?? backoff(item.attempt - 1, kind.backoff),
              }
            : { state: 'done', outcome: 'done', detail: how.detail, error: null };
    const kept = await this.db.transaction(async (tx) => {
      const row = await repo.finish(tx, item.id, token, e);
      if (row && e.state === 'escalated' && kind.onEscalated) await kind.onEscalated(tx, item, e.error as string);
      return row !== null;
    });
    if (!kept) {
      this.count(kind.kind, 'lost');
      return;
    }
    this.count(kind.kind, e.outcome === 'retry' ? 'retried' : e.outcome);
    if (e.state === 'escalated')
      this.log?.warn({ item: item.id, kind: kind.kind, object: item.object, error: e.error }, 'work item escalated');
  }

  private startRenewing() {
    if (this.renewer) return;
    // A third of the shortest lease of any kind: an item of a shorter-leased kind that starts while
    // the renewer runs is renewed in time too.
    const everyMs = (Math.min(...[...this.kinds.values()].map((k) => k.leaseSec)) * 1000) / 3;
    this.renewer = setInterval(() => {
      const byLease = new Map<number, number[]>();
      for (const [id, lease] of this.running) byLease.set(lease, [...(byLease.get(lease) ?? []), id]);
      for (const [lease, ids] of byLease)
        this.db
          .run((h) => repo.renew(h, this.me, ids, lease))
          .catch((err) => this.log?.warn({ err }, 'renewing work claims failed'));
    }, everyMs);
    this.renewer.unref();
  }

  private stopRenewing() {
    if (this.renewer) clearInterval(this.renewer);
    this.renewer = null;
  }
}
