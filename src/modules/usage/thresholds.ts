// Usage thresholds: after each accounting turn, the cards whose cycle crossed a threshold of
// their plan (or their own) fire it, once per threshold, card and cycle (claimed under the
// firings' primary key, so two processes never act twice). Each firing is a work item of the
// engine for claimed work, enqueued in the claim's transaction: its action is retried with
// back-off when it fails unexpectedly or its process stops (a crashed firing no longer stays
// pending for ever), and escalated as failed when its attempts run out. Actions: an event only;
// disable the card and move its client (CardActions); queue a command for its client. Each
// firing's outcome is an event and an audit entry with the numbers that triggered it, written in
// the transaction that ends its work item.
import type { Database, Sql } from '../../app/database.js';
import type { WorkEngine } from '../../app/work/index.js';
import { SYSTEM } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { ALL_TENANTS } from '../../domain/tenant-scope.js';
import { recordAudit } from '../audit/index.js';
import type { CommandsService } from '../commands/index.js';
import { insertEvent } from '../events/index.js';
import type { CardActions } from './card-actions.js';
import * as repo from './thresholds.repository.js';

type Outcome = { result: 'done' | 'skipped' | 'failed'; detail: string | null };

export class ThresholdsEngine {
  private readonly firings;

  constructor(
    private readonly db: Database,
    private readonly cards: CardActions,
    private readonly commands: CommandsService,
    work: WorkEngine,
  ) {
    this.firings = work.define<repo.FiringRow>({
      owner: 'usage',
      kind: 'usage.threshold_action',
      maxAttempts: 5,
      backoff: { base: 30, max: 900, jitter: 0.2 },
      run: async ({ item, done }) => {
        const outcome = await this.act(item.payload);
        await this.db.transaction(async (tx) => {
          await this.record(tx, item.payload, outcome);
          await done(tx, outcome);
        });
      },
      onEscalated: (tx, item, error) => this.record(tx, item.payload, { result: 'failed', detail: error }),
    });
  }

  /** Claims crossed thresholds and acts on them, at most `maxFirings` per call. */
  async check(maxFirings = 500) {
    // Bounded: batches of 100 until nothing is left or the budget is spent.
    for (let i = 0; i < Math.ceil(maxFirings / 100); i++) {
      const claim = await this.db.transaction(async (tx) => {
        const c = await repo.claimFirings(tx, 100);
        for (const f of c.firings)
          await this.firings.enqueue(tx, {
            object: `card:${f.bank_id}/${f.slot_id}`,
            tenantId: f.tenant_id,
            key: `${f.threshold_id}/${f.bank_id}/${f.slot_id}/${f.cycle_start}`,
            payload: f,
          });
        return c;
      });
      if (claim.skipped || !claim.more) break;
    }
    return { fired: await this.firings.drain(maxFirings) };
  }

  private async act(f: repo.FiringRow): Promise<Outcome> {
    const numbers = `${f.used_bytes} of ${f.allowance_bytes} bytes (${f.percent} %)`;
    if (f.action === 'event') return { result: 'done', detail: null };
    if (f.action === 'disable_and_move') {
      const r = await this.cards.takeOutOfService({
        tenantId: f.tenant_id,
        bankId: f.bank_id,
        slotId: f.slot_id,
        kind: 'usage',
        reason: `usage reached ${f.percent} % of the allowance this cycle`,
        details: { used_bytes: f.used_bytes, allowance_bytes: f.allowance_bytes, percent: f.percent, cycle_start: f.cycle_start },
        leave: 'disabled',
      });
      const moved = r.moved_to ? `; ${r.client_id} moved to bank ${r.moved_to.bank_id} slot ${r.moved_to.slot_id}` : '';
      return {
        result: r.result === 'skipped' ? 'skipped' : 'done',
        detail: r.detail ?? `card disabled at ${numbers}${moved}`,
      };
    }
    if (!f.client_id) return { result: 'skipped', detail: 'no client holds the card' };
    try {
      const c = await this.commands.queue(
        f.client_id,
        {
          tenant_id: f.tenant_id,
          type: f.command_type as 'restart',
          payload: {
            ...((f.command_payload as Record<string, unknown> | null) ?? {}),
            reason: 'usage_threshold',
            percent: f.percent,
          },
        },
        SYSTEM,
        ALL_TENANTS,
      );
      return { result: 'done', detail: `command ${c.id} (${f.command_type}) queued for ${f.client_id}` };
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return { result: 'skipped', detail: `${err.code}: ${err.message}` };
    }
  }

  /** A firing's outcome: its row, an event and an audit entry with the numbers. */
  private async record(tx: Sql, f: repo.FiringRow, outcome: Outcome) {
    await repo.finishFiring(tx, f, outcome.result, outcome.detail);
    const numbers = {
      bank_id: f.bank_id,
      slot_id: f.slot_id,
      iccid: f.iccid,
      client_id: f.client_id,
      threshold_id: f.threshold_id,
      percent: f.percent,
      action: f.action,
      cycle_start: f.cycle_start,
      used_bytes: f.used_bytes,
      allowance_bytes: f.allowance_bytes,
      result: outcome.result,
      detail: outcome.detail,
    };
    await insertEvent(tx, 'usage.threshold_reached', f.tenant_id, numbers);
    await recordAudit(tx, SYSTEM, {
      tenantId: f.tenant_id,
      action: 'usage.threshold_action',
      entityType: 'slot',
      entityId: `${f.bank_id}/${f.slot_id}`,
      after: numbers,
    });
  }
}
