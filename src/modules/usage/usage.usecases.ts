// SIM usage: the accounting job, and what a card, a client and a tenant used, per day and per
// billing cycle, with "not reported" kept apart from zero.

import { Type } from '@sinclair/typebox';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../../app/database.js';
import { Nullable } from '../../app/schemas.js';
import { readTenant, type TenantScope } from '../../domain/tenant-scope.js';
import { usageClientNotFound, usageRangeInvalid } from './usage.errors.js';
import * as repo from './usage.repository.js';

export interface UsageSettings {
  rawRetentionSec: number;
  retentionDays: number;
  /** Seconds of raw samples accounted per step (one short transaction each). */
  sliceSec?: number;
  /** Rows deleted per prune statement. */
  pruneBatch?: number;
  /** Seconds a sample waits before it is accounted (default 30: a transaction still open may
   * commit an older one); tests that run one step at a time use 0. */
  settleSec?: number;
}

/** What a period's usage says when nothing was counted: whether the client reports counters. */
export type Reporting = 'reported' | 'not_reported';

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 400;

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** A day range [from, to] (inclusive, UTC days) checked and turned into [from, to + 1). */
export function dayRange(from: string | undefined, to: string | undefined, defaultDays: number, now = new Date()) {
  const end = to ?? isoDay(now);
  const start = from ?? isoDay(new Date(Date.parse(`${end}T00:00:00Z`) - (defaultDays - 1) * DAY_MS));
  const a = Date.parse(`${start}T00:00:00Z`);
  const b = Date.parse(`${end}T00:00:00Z`);
  if (!Number.isFinite(a) || isoDay(new Date(a)) !== start) throw usageRangeInvalid(`from is not a date: ${start}`, 'from');
  if (!Number.isFinite(b) || isoDay(new Date(b)) !== end) throw usageRangeInvalid(`to is not a date: ${end}`, 'to');
  if (b < a) throw usageRangeInvalid('to is before from', 'to');
  if ((b - a) / DAY_MS + 1 > MAX_RANGE_DAYS) throw usageRangeInvalid(`a range is at most ${MAX_RANGE_DAYS} days`, 'from');
  return { from: start, to: end, toExclusive: isoDay(new Date(b + DAY_MS)) };
}

/** The sums of a list of usage rows; a counter no row reported stays null. */
function totals(list: Array<{ [K in keyof typeof repo.UsageCounters]: unknown }>) {
  const sum = (k: 'rx_bytes' | 'tx_bytes' | 'tpdus' | 'tpdu_errors') => {
    const vals = list.map((r) => r[k]).filter((v): v is number => typeof v === 'number');
    return vals.length ? vals.reduce((a, b) => a + b, 0) : null;
  };
  const rx = sum('rx_bytes');
  const tx = sum('tx_bytes');
  return {
    rx_bytes: rx,
    tx_bytes: tx,
    total_bytes: rx === null && tx === null ? null : (rx ?? 0) + (tx ?? 0),
    tpdus: sum('tpdus'),
    tpdu_errors: sum('tpdu_errors'),
    samples: list.reduce((n, r) => n + Number(r.samples), 0),
  };
}

const reporting = (t: { total_bytes: number | null; tpdus: number | null }): Reporting =>
  t.total_bytes === null && t.tpdus === null ? 'not_reported' : 'reported';

export const REPORT_COLUMNS = [
  'tenant_id',
  'bank_id',
  'slot_id',
  'iccid',
  'client_id',
  'day',
  'cycle_start',
  'cycle_end',
  'plan_id',
  'plan_name',
  'allowance_bytes',
  'used_percent',
  'currency',
  'cost',
  'cards',
  'group_id',
  'clients',
  'rx_bytes',
  'tx_bytes',
  'total_bytes',
  'tpdus',
  'tpdu_errors',
  'samples',
  'resets',
  'discarded',
] as const;

export class UsageService {
  private stopping = false;

  constructor(
    private readonly db: Database,
    private readonly settings: UsageSettings,
  ) {}

  stop() {
    this.stopping = true;
  }

  /**
   * One turn of the job: account the raw samples that settled since the watermark, slice by
   * slice (each its own short transaction, at most `maxSlices`), then prune past retention.
   */
  async account(maxSlices = 120) {
    const base = this.settings.sliceSec ?? 60;
    let slice = base;
    let samples = 0;
    let steps = 0;
    let skipped = false;
    while (steps < maxSlices && !this.stopping) {
      const r = await this.db.transaction((tx) =>
        repo.accountStep(tx, this.settings.rawRetentionSec, slice, this.settings.settleSec),
      );
      steps += 1;
      if (r.skipped) {
        skipped = steps === 1;
        break;
      }
      samples += r.samples;
      // Catching up through quiet hours (a small fleet, an outage of the job) takes long slices;
      // a busy slice brings them back to the base.
      slice = r.samples < 1000 ? Math.min(slice * 4, 86_400) : base;
      if (!r.more) break;
    }
    const batch = this.settings.pruneBatch ?? 50_000;
    const pruned = { days: 0, cycles: 0 };
    for (let i = 0; i < 20 && !this.stopping; i++) {
      const p = await this.db.run((h) => repo.prune(h, this.settings.retentionDays, batch));
      pruned.days += p.days;
      pruned.cycles += p.cycles;
      if (p.days < batch && p.cycles < batch) break;
    }
    return { samples, steps, skipped, pruned };
  }

  /** A card's usage: its plan and current cycle, its days in a range (default: the cycle so far)
   * and its last cycles. The route has checked the card's tenant. */
  async card(bankId: number, slotId: number, range: { from?: string; to?: string }, now = new Date()) {
    return this.db.run(async (h) => {
      const today = isoDay(now);
      const [plan] = await repo.plansOf(h, [{ bank_id: bankId, slot_id: slotId }], today);
      const r = dayRange(range.from ?? (range.to ? undefined : plan?.cycle_start), range.to, 31, now);
      const days = await repo.cardDays(h, bankId, slotId, r.from, r.toExclusive);
      const cycles = await repo.cardCycles(h, bankId, slotId, 13);
      const current = cycles.find((c) => c.cycle_start <= today && c.cycle_end > today);
      const sum = totals(days);
      return {
        bank_id: bankId,
        slot_id: slotId,
        tenant_id: plan?.tenant_id ?? null,
        iccid: current?.iccid ?? days.at(-1)?.iccid ?? cycles[0]?.iccid ?? null,
        plan_id: plan?.plan_id ?? null,
        plan_source: plan?.plan_source ?? null,
        cycle: {
          start: plan?.cycle_start ?? null,
          end: plan?.cycle_end ?? null,
          reporting: current ? reporting(current) : ('not_reported' as Reporting),
          ...(current ? pickCounters(current) : emptyCounters()),
        },
        from: r.from,
        to: r.to,
        reporting: reporting(sum),
        totals: sum,
        days,
        cycles: cycles.map((c) => ({ cycle_start: c.cycle_start, cycle_end: c.cycle_end, ...pickCounters(c) })),
      };
    });
  }

  /** A client's usage over a range (default: the last 31 days), per day and card, and the
   * current card's cycle. A client that never reported counters is `not_reported`, never 0. */
  async client(clientId: string, scope: TenantScope, asked: number | undefined, range: { from?: string; to?: string }) {
    const tenantId = readTenant(scope, asked);
    const r = dayRange(range.from, range.to, 31);
    return this.db.run(async (h) => {
      const [p] = await rowsOf(
        h,
        Type.Object({
          tenant_id: Type.Integer(),
          bank_id: Type.Integer(),
          slot_id: Type.Integer(),
          status: Type.String(),
          liveness: Type.String(),
          last_heartbeat: Nullable(Type.String()),
        }),
        sql`SELECT tenant_id, bank_id, slot_id, status, liveness, last_heartbeat::text AS last_heartbeat FROM clients_profiles
             WHERE client_id = ${clientId} AND (${tenantId ?? null}::int IS NULL OR tenant_id = ${tenantId ?? null}::int)
             ORDER BY (status = 'ACTIVE') DESC, created_at DESC LIMIT 1`,
      );
      if (!p) throw usageClientNotFound(clientId);
      const days = await repo.clientDays(h, p.tenant_id, clientId, r.from, r.toExclusive);
      const today = isoDay(new Date());
      const [plan] = p.status === 'ACTIVE' ? await repo.plansOf(h, [p], today) : [];
      const cycleDays =
        plan && p.status === 'ACTIVE' ? await repo.cardDays(h, p.bank_id, p.slot_id, plan.cycle_start, plan.cycle_end) : [];
      const sum = totals(days);
      const cycleSum = totals(cycleDays);
      return {
        client_id: clientId,
        tenant_id: p.tenant_id,
        from: r.from,
        to: r.to,
        reporting: reporting(sum),
        /** Why there is nothing: the client never heartbeats (the deployed OpenWRT client), or its
         * heartbeats carry no counters. */
        not_reported_reason: (reporting(sum) === 'reported'
          ? null
          : p.last_heartbeat === null
            ? 'never_heartbeats'
            : 'no_counters') as 'never_heartbeats' | 'no_counters' | null,
        totals: sum,
        days,
        card:
          p.status === 'ACTIVE'
            ? {
                bank_id: p.bank_id,
                slot_id: p.slot_id,
                plan_id: plan?.plan_id ?? null,
                cycle_start: plan?.cycle_start ?? null,
                cycle_end: plan?.cycle_end ?? null,
                reporting: reporting(cycleSum),
                ...cycleSum,
              }
            : null,
      };
    });
  }

  /** Usage over a range grouped by card, client, tenant or day: a page of rows, largest first. */
  async report(
    q: { from?: string; to?: string; group_by?: repo.GroupBy; tenant_id?: number; client_id?: string; bank_id?: number },
    page: { limit: number; offset: number },
    scope: TenantScope,
  ) {
    const r = dayRange(q.from, q.to, 31);
    const groupBy = q.group_by ?? 'card';
    const out = await this.db.run((h) =>
      repo.report(h, {
        tenantId: readTenant(scope, q.tenant_id),
        from: r.from,
        to: r.toExclusive,
        groupBy,
        clientId: q.client_id,
        bankId: q.bank_id,
        ...page,
      }),
    );
    return { from: r.from, to: r.to, group_by: groupBy, items: out.rows, total: out.total, ...page };
  }

  /** Each card's usage in the billing cycle holding `day` (default today), largest first. */
  async cycles(
    q: { day?: string; tenant_id?: number; bank_id?: number; cycle_group_by?: repo.CycleGroupBy },
    page: { limit: number; offset: number },
    scope: TenantScope,
  ) {
    const day = dayRange(q.day, q.day, 1).from;
    const groupBy = q.cycle_group_by ?? 'card';
    const out = await this.db.run((h) =>
      repo.cycleReport(h, { tenantId: readTenant(scope, q.tenant_id), day, bankId: q.bank_id, groupBy, ...page }),
    );
    return { day, group_by: groupBy, items: out.rows, total: out.total, ...page };
  }

  /** Throws the 400 a report (its days) or a cycle report (its day) would answer. */
  checkRange(kind: 'report' | 'cycles', q: { from?: string; to?: string; day?: string }) {
    if (kind === 'report') dayRange(q.from, q.to, 31);
    else dayRange(q.day, q.day, 1);
  }

  /** Every row of a report or a cycle report, as CSV or JSON, page by page (an export). */
  async *export(
    kind: 'report' | 'cycles',
    q: Parameters<UsageService['report']>[0] & { day?: string; cycle_group_by?: repo.CycleGroupBy },
    format: 'csv' | 'json',
    scope: TenantScope,
  ) {
    // Each page is one priced and sorted query over every row: few large pages (100,000 cards:
    // two pages) rather than many small ones.
    const limit = 50_000;
    if (format === 'json') yield '[';
    let first = true;
    // Bounded: an export stops after 2,000 pages (100 million rows).
    for (let offset = 0, n = 0; n < 2000; n++, offset += limit) {
      const page =
        kind === 'report' ? await this.report(q, { limit, offset }, scope) : await this.cycles(q, { limit, offset }, scope);
      const rows = page.items as Array<Record<string, unknown>>;
      if (format === 'csv') {
        if (rows.length || offset === 0)
          yield stringify(rows, { header: offset === 0, columns: REPORT_COLUMNS as unknown as string[] });
      } else {
        for (const row of rows) {
          yield `${first ? '' : ','}\n${JSON.stringify(row)}`;
          first = false;
        }
      }
      if (rows.length < limit) break;
    }
    if (format === 'json') yield '\n]\n';
  }
}

type Counters = Pick<
  repo.ReportRow,
  'rx_bytes' | 'tx_bytes' | 'total_bytes' | 'tpdus' | 'tpdu_errors' | 'samples' | 'resets' | 'discarded'
>;

function pickCounters(c: Counters) {
  return {
    rx_bytes: c.rx_bytes,
    tx_bytes: c.tx_bytes,
    total_bytes: c.total_bytes,
    tpdus: c.tpdus,
    tpdu_errors: c.tpdu_errors,
    samples: c.samples,
  };
}

function emptyCounters() {
  return { rx_bytes: null, tx_bytes: null, total_bytes: null, tpdus: null, tpdu_errors: null, samples: 0 };
}
