import { type Database, type Sql, uniqueOr } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { conflict, invalid, notFound } from '../../domain/errors.js';
import { poolRangeProblem, type SlotRange } from '../../domain/ki-pool-rules.js';
import { readTenant, type TenantScope, writeTenant } from '../../domain/tenant-scope.js';
import { recordAudit } from '../audit/index.js';
import { markKiCards, releaseKiCards } from '../inventory/index.js';
import { poolNotFound, poolRangeRefused, virtualSlotsArePhysical } from './ki-proxy.errors.js';
import * as repo from './ki-proxy.repository.js';

export interface SegmentInput {
  bank_id: number;
  virtual_slot_start: number;
  virtual_slot_end: number;
}

export interface PoolInput {
  pool_name: string;
  tenant_id: number;
  carrier?: string | null;
  /** Default: the MCC/MNC every card of the physical range shares. */
  mcc_mnc?: string;
  bank_id: number;
  physical_slot_start?: number;
  physical_slot_end?: number;
  /** The seeds' names of physical_slot_start/end. */
  slot_range_start?: number;
  slot_range_end?: number;
  virtual_segments?: SegmentInput[];
  routing_mode?: 'round-robin' | 'least-used' | 'random';
  max_virtual_sims?: number;
  enabled?: boolean;
}

export type PoolPatch = Partial<
  Omit<PoolInput, 'tenant_id' | 'bank_id' | 'mcc_mnc' | 'slot_range_start' | 'slot_range_end' | 'virtual_segments'>
> & { virtual_segments?: SegmentInput[] };

const segmentsOf = (list: SegmentInput[]): SlotRange[] =>
  list.map((s) => ({ bankId: s.bank_id, start: s.virtual_slot_start, end: s.virtual_slot_end }));

/** A pool as answered: IonMesh's fields and the seeds' (slot_range, slots, utilization). */
const withUtilization = (p: repo.PoolRow) => ({
  ...p,
  slot_range: `${p.physical_slot_start}-${p.physical_slot_end}`,
  slots: p.physical_slot_end - p.physical_slot_start + 1,
  utilization: p.capacity > 0 ? Math.round((p.current_virtual_sims / p.capacity) * 1000) / 1000 : 0,
});

/** physical_slot_* or the seeds' slot_range_* (the same when both are given). */
function physicalRange(input: PoolInput) {
  const start = input.physical_slot_start ?? input.slot_range_start;
  const end = input.physical_slot_end ?? input.slot_range_end;
  if (start === undefined || end === undefined)
    throw invalid('physical_slot_start and physical_slot_end (or slot_range_start and slot_range_end) are required', {
      field: start === undefined ? 'physical_slot_start' : 'physical_slot_end',
    });
  for (const [a, b, name] of [
    [input.physical_slot_start, input.slot_range_start, 'start'],
    [input.physical_slot_end, input.slot_range_end, 'end'],
  ] as const)
    if (a !== undefined && b !== undefined && a !== b)
      throw invalid(`physical_slot_${name} and slot_range_${name} differ`, { field: `slot_range_${name}` });
  return { bankId: input.bank_id, start, end };
}

/** What the lines need: the KI-proxy build of the bankd. The stock osmo-remsim-bankd has none of
 * -k/-S/-V/-C (it serves one card per slot: -i, -p, -b and -n only) and cannot serve a pool. */
export const KI_PROXY_BANKD_BUILD =
  'the KI-proxy build of osmo-remsim-bankd: -k (KI proxy mode), -S (the physical KI cards), -V (the virtual slots) and -C (the carrier) are its options; the stock osmo-remsim-bankd has none of them (it takes -i, -p, -b and -n and serves one card per slot), so it cannot serve a KI proxy pool';

export class KiProxyService {
  constructor(private readonly db: Database) {}

  async list(filter: repo.PoolFilter, scope: TenantScope) {
    const page = await this.db.run((db) => repo.listPools(db, { ...filter, tenant_id: readTenant(scope, filter.tenant_id) }));
    return { ...page, items: page.items.map(withUtilization) };
  }

  async get(id: number) {
    return this.db.run(async (db) => {
      const pool = await repo.getPool(db, id);
      if (!pool) throw poolNotFound(id);
      return { ...withUtilization(pool), physical_sims: await repo.physicalSims(db, pool) };
    });
  }

  create(input: PoolInput, actor: Actor, scope: TenantScope) {
    writeTenant(scope, input.tenant_id);
    const physical = physicalRange(input);
    return this.unique(() =>
      this.db.transaction(async (tx) => {
        await repo.lockPoolRanges(tx);
        await this.checkBanks(tx, input.tenant_id, [input.bank_id, ...(input.virtual_segments ?? []).map((s) => s.bank_id)]);
        const segments = input.virtual_segments
          ? segmentsOf(input.virtual_segments)
          : [await this.defaultSegment(tx, input.bank_id, input.max_virtual_sims)];
        const mccMnc = input.mcc_mnc ?? (await this.mccMncOfCards(tx, physical));
        await this.checkRanges(tx, null, physical, segments);
        const id = await repo.insertPool(tx, {
          tenant_id: input.tenant_id,
          pool_name: input.pool_name,
          carrier: input.carrier ?? null,
          mcc_mnc: mccMnc,
          bank_id: input.bank_id,
          physical,
          routing_mode: input.routing_mode ?? 'round-robin',
          max_virtual_sims: input.max_virtual_sims ?? 6000,
          enabled: input.enabled ?? true,
        });
        await this.claimKiCards(tx, physical);
        await repo.replaceSegments(tx, id, segments);
        const pool = (await repo.getPool(tx, id)) as repo.PoolRow;
        await recordAudit(tx, actor, {
          tenantId: input.tenant_id,
          action: 'ki_pool.create',
          entityType: 'ki_proxy_pool',
          entityId: String(id),
          after: pool,
        });
        return { ...withUtilization(pool), physical_sims: await repo.physicalSims(tx, pool) };
      }),
    );
  }

  update(id: number, patch: PoolPatch, actor: Actor) {
    return this.unique(() =>
      this.db.transaction(async (tx) => {
        await repo.lockPoolRanges(tx);
        const before = await repo.getPool(tx, id, true);
        if (!before) throw poolNotFound(id);
        const physical = {
          bankId: before.bank_id,
          start: patch.physical_slot_start ?? before.physical_slot_start,
          end: patch.physical_slot_end ?? before.physical_slot_end,
        };
        const segments = patch.virtual_segments ? segmentsOf(patch.virtual_segments) : segmentsOf(before.virtual_segments);
        if (patch.virtual_segments) {
          await this.checkBanks(
            tx,
            before.tenant_id,
            segments.map((s) => s.bankId),
          );
          const stranded = await repo.activeOutside(tx, id, segments);
          if (stranded > 0)
            throw conflict('POOL_IN_USE', `${stranded} active virtual SIM(s) of pool ${id} sit outside the new segments`);
        }
        await this.checkRanges(tx, id, physical, segments);
        const max = patch.max_virtual_sims ?? before.max_virtual_sims;
        if (max < before.current_virtual_sims)
          throw conflict(
            'POOL_IN_USE',
            `pool ${id} serves ${before.current_virtual_sims} virtual SIMs; max_virtual_sims cannot go below that`,
          );
        await repo.updatePool(tx, id, {
          pool_name: patch.pool_name ?? before.pool_name,
          carrier: patch.carrier === undefined ? before.carrier : patch.carrier,
          physical,
          routing_mode: patch.routing_mode ?? before.routing_mode,
          max_virtual_sims: max,
          enabled: patch.enabled ?? before.enabled,
        });
        if (patch.virtual_segments) await repo.replaceSegments(tx, id, segments);
        const old = { bankId: before.bank_id, start: before.physical_slot_start, end: before.physical_slot_end };
        if (old.start !== physical.start || old.end !== physical.end) {
          await this.claimKiCards(tx, physical);
          await releaseKiCards(tx, old, physical);
        }
        const after = (await repo.getPool(tx, id)) as repo.PoolRow;
        await recordAudit(tx, actor, {
          tenantId: before.tenant_id,
          action: 'ki_pool.update',
          entityType: 'ki_proxy_pool',
          entityId: String(id),
          before,
          after,
        });
        return withUtilization(after);
      }),
    );
  }

  remove(id: number, actor: Actor) {
    return this.db.transaction(async (tx) => {
      const before = await repo.getPool(tx, id, true);
      if (!before) throw poolNotFound(id);
      if (before.current_virtual_sims > 0)
        throw conflict('POOL_IN_USE', `pool ${id} still serves ${before.current_virtual_sims} active virtual SIM(s)`);
      await repo.deletePool(tx, id);
      await releaseKiCards(tx, { bankId: before.bank_id, start: before.physical_slot_start, end: before.physical_slot_end });
      await recordAudit(tx, actor, {
        tenantId: before.tenant_id,
        action: 'ki_pool.delete',
        entityType: 'ki_proxy_pool',
        entityId: String(id),
        before,
      });
      return { status: 'success' as const, message: `KI proxy pool ${id} deleted` };
    });
  }

  /** The range's cards become KI cards, unless a router holds one of them one-to-one (409). */
  private async claimKiCards(tx: Sql, range: repo.PhysicalRange) {
    const taken = await repo.assignedInRange(tx, range);
    if (taken.length > 0)
      throw conflict(
        'KI_CARDS_IN_USE',
        `bank ${range.bankId} slot${taken.length === 1 ? '' : 's'} ${taken
          .slice(0, 20)
          .map((t) => `${t.slot_id}${t.client_id ? ` (${t.client_id})` : ''}`)
          .join(
            ', ',
          )} ${taken.length === 1 ? 'is' : 'are'} assigned one-to-one: unregister or reassign ${taken.length === 1 ? 'it' : 'them'} before ${taken.length === 1 ? 'it becomes a KI card' : 'they become KI cards'}`,
        { bank_id: range.bankId, slots: taken.map((t) => ({ slot_id: t.slot_id, client_id: t.client_id })) },
      );
    await markKiCards(tx, range);
  }

  /** One osmo-remsim-bankd command line per virtual segment, consistent with the pool. */
  /** The command lines of the bankds that serve a pool (GET /ki-proxy-pools/:id/bankd-config). */
  async bankdConfig(id: number) {
    return this.db.run(async (db) => {
      const pool = await repo.getPool(db, id);
      if (!pool) throw poolNotFound(id);
      const banks = new Map(
        (await repo.banksFor(db, [pool.bank_id, ...pool.virtual_segments.map((s) => s.bank_id)])).map((b) => [b.bank_id, b]),
      );
      const lines = pool.virtual_segments.map((s) => {
        const bank = banks.get(s.bank_id);
        const server = bank?.remsim_url ? new URL(bank.remsim_url).hostname : '<remsim-server>';
        // -n covers every slot number the bankd is asked to serve: its cards and its virtual range.
        const slots = Math.max(
          bank?.slot_count ?? 0,
          s.virtual_slot_end + 1,
          s.bank_id === pool.bank_id ? pool.physical_slot_end + 1 : 0,
        );
        const args = [
          '-i',
          server,
          '-p',
          '9998',
          '-b',
          String(s.bank_id),
          '-n',
          String(slots),
          '-k',
          '-S',
          `${pool.physical_slot_start}-${pool.physical_slot_end}`,
          '-V',
          `${s.virtual_slot_start}-${s.virtual_slot_end}`,
          '-C',
          pool.mcc_mnc,
        ];
        return { bank_id: s.bank_id, args, command: `osmo-remsim-bankd ${args.join(' ')}` };
      });
      return {
        pool_id: pool.id,
        pool_name: pool.pool_name,
        capacity: pool.capacity,
        bankd_build: KI_PROXY_BANKD_BUILD,
        note: pool.virtual_segments.some((s) => s.bank_id !== pool.bank_id)
          ? `-S names the physical KI cards of bank ${pool.bank_id}; a bankd of another bank id must run where it reaches those readers`
          : undefined,
        lines,
      };
    });
  }

  private async checkBanks(tx: Sql, tenantId: number, bankIds: number[]) {
    const found = await repo.banksFor(tx, [...new Set(bankIds)]);
    for (const b of new Set(bankIds)) {
      const bank = found.find((f) => f.bank_id === b);
      if (!bank || bank.tenant_id !== tenantId) throw notFound('BANK_NOT_FOUND', `Tenant ${tenantId} has no bank ${b}`);
    }
  }

  /** Virtual slots for a pool created without segments: on its own bank, past its last slot and
   * every other pool's range there, up to 1023 (and no more than max_virtual_sims). */
  private async defaultSegment(tx: Sql, bankId: number, maxVirtual?: number): Promise<SlotRange> {
    const used = await repo.highestUsedSlot(tx, bankId);
    const start = used + 1;
    if (start > 1023)
      throw invalid(`bank ${bankId} has no slot number left for virtual slots: give virtual_segments`, {
        field: 'virtual_segments',
      });
    return { bankId, start, end: Math.min(1023, start + (maxVirtual ?? 1024) - 1) };
  }

  /** The one MCC/MNC of the range's cards, for a pool created without mcc_mnc. */
  private async mccMncOfCards(tx: Sql, range: repo.PhysicalRange) {
    const found = await repo.mccMncsIn(tx, range);
    if (found.length !== 1)
      throw invalid(
        found.length === 0
          ? `mcc_mnc is required: the cards of bank ${range.bankId} slots ${range.start}-${range.end} carry none`
          : `mcc_mnc is required: the cards of bank ${range.bankId} slots ${range.start}-${range.end} carry ${found.join(', ')}`,
        { field: 'mcc_mnc' },
      );
    return found[0] as string;
  }

  private async checkRanges(tx: Sql, selfId: number | null, physical: SlotRange, segments: SlotRange[]) {
    const problem = poolRangeProblem({ physical, segments }, await repo.otherPoolRanges(tx, selfId));
    if (problem) throw poolRangeRefused(problem);
    const cards = await repo.physicalSlotsIn(tx, segments);
    if (cards.length > 0) throw virtualSlotsArePhysical(cards);
  }

  private unique<T>(fn: () => Promise<T>) {
    return uniqueOr(() => conflict('POOL_EXISTS', 'A KI proxy pool with that name already exists for the tenant'), fn);
  }
}
