// Inventory rules: tenants, bankd instances, banks (with their slots), slots, client views, import.
import { stringify } from 'csv-stringify/sync';
import { and, eq } from 'drizzle-orm';
import { type Database, pgErrorOf, type Sql, uniqueOr } from '../../app/database.js';
import { snake } from '../../app/snake.js';
import type { Actor } from '../../domain/actor.js';
import { bankdEndpointProblem } from '../../domain/bankd-endpoint.js';
import { cidrProblem } from '../../domain/enrollment.js';
import { conflict, DomainError, invalid, tenantNotFound } from '../../domain/errors.js';
import { iccidProblem } from '../../domain/iccid.js';
import { imsiProblem, mccMncProblem } from '../../domain/imsi.js';
import type { PageRequest } from '../../domain/pagination.js';
import { checkRemsimUrl } from '../../domain/remsim-url.js';
import { recordAudit } from '../audit/index.js';
import { clientNotFound, setSlotStatus } from '../clients/index.js';
import { insertEvent } from '../events/index.js';
import { bankdNotFound, bankNotFound, importInvalid, remsimServerNotFound, slotNotFound } from './inventory.errors.js';
import * as repo from './inventory.repository.js';
import { bankdInstances, simBanks, slots, tenants } from './inventory.table.js';
import { ensureServer, getServer } from './remsim-servers.repository.js';
import { parseSimCsv, type RowError, type SimRow } from './sim-import.js';
import * as importRepo from './sim-import.repository.js';

export interface TenantInput {
  id?: number;
  name: string;
  enrollment_mode?: 'open' | 'cidr' | 'key';
  enrollment_cidrs?: string[];
  bind_client_source?: boolean;
  move_on_config_mismatch?: boolean;
}
export interface BankdInput {
  name: string;
  endpoint: string;
  /** The remsim-server that maps this bankd's slots: by id, or by URL (added when new). */
  remsim_server_id?: number | null;
  remsim_server_url?: string | null;
  status?: 'active' | 'disabled';
}
export interface BankInput {
  bank_id: number;
  name: string;
  tenant_id: number;
  bankd_instance_id?: number | null;
  status?: 'active' | 'offline' | 'disabled';
  slot_count?: number;
  unknown_cards_present?: boolean;
}
export interface SlotPatch {
  iccid?: string | null;
  imsi?: string | null;
  carrier?: string | null;
  mcc_mnc?: string | null;
  card_type?: 'REGULAR' | 'KI_PROXY_MASTER' | 'VIRTUAL';
  reader_name?: string | null;
  status?: 'available' | 'faulty' | 'disabled';
  health_status?: string;
}

export interface ImportResult {
  format: string;
  rows: number;
  created: number;
  updated: number;
  /** Slots whose card changed while a router held them (only with replaceInUse). */
  replaced_in_use: number;
}

const isUnique = (e: unknown, constraint?: string) => {
  const pg = pgErrorOf(e);
  return pg?.code === '23505' && (!constraint || pg.constraint === constraint);
};

/** A remsim-server given by id (must exist) or by URL (added when new); undefined: unchanged. */
async function resolveRemsimServer(tx: Sql, id: number | null | undefined, url: string | null | undefined) {
  if (id !== undefined && url !== undefined && id !== null && url !== null)
    throw invalid('Give remsim_server_id or remsim_server_url, not both', { field: 'remsim_server_id' });
  if (url) return ensureServer(tx, url);
  if (id) {
    if (!(await getServer(tx, id))) throw remsimServerNotFound(id);
    return id;
  }
  if (id === null || url === null) return null;
  return undefined;
}

// The endpoint goes to routers verbatim: refuse what the deployed client would misread.
function checkEndpoint(endpoint: string) {
  const problem = bankdEndpointProblem(endpoint);
  if (problem) throw invalid(problem, { field: 'endpoint' });
}

/** Which card fields an import row changes on a slot (blank fields of the row clear them). */
function cardChanges(now: importRepo.CardInUse, row: SimRow) {
  const out: string[] = [];
  if ((row.iccid ?? null) !== now.iccid) out.push('ICCID');
  if ((row.imsi ?? null) !== now.imsi) out.push('IMSI');
  if ((row.carrier ?? null) !== now.carrier) out.push('carrier');
  if ((row.mccMnc ?? null) !== now.mcc_mnc) out.push('MCC/MNC');
  if ((row.cardType ?? 'REGULAR') !== now.card_type) out.push('card type');
  return out;
}

export class InventoryService {
  constructor(private readonly db: Database) {}

  // --- tenants
  listTenants = (page: PageRequest, scope: number | null = null) => this.db.run((db) => repo.listTenants(db, page, scope));

  async getTenant(id: number) {
    const t = await this.db.run((db) => repo.getTenant(db, id));
    if (!t) throw tenantNotFound(id);
    return t;
  }

  createTenant(input: TenantInput, actor: Actor) {
    checkEnrollment(input);
    return this.guardUnique('TENANT_EXISTS', 'A tenant with that id or name already exists', () =>
      this.db.transaction(async (tx) => {
        const [t] = await tx
          .insert(tenants)
          .values({ ...tenantValues(input), name: input.name })
          .returning();
        if (input.id !== undefined) await repo.syncTenantSequence(tx);
        await recordAudit(tx, actor, {
          tenantId: t?.id,
          action: 'tenant.create',
          entityType: 'tenant',
          entityId: String(t?.id),
          after: t,
        });
        return t as typeof tenants.$inferSelect;
      }),
    );
  }

  updateTenant(id: number, input: Partial<TenantInput>, actor: Actor) {
    checkEnrollment(input);
    return this.guardUnique('TENANT_EXISTS', 'A tenant with that name already exists', () =>
      this.db.transaction(async (tx) => {
        const before = await repo.getTenant(tx, id);
        if (!before) throw tenantNotFound(id);
        // A cidr tenant without networks would enroll nobody: refused (the transaction rolls back).
        const [after] = await tx.update(tenants).set(tenantValues(input)).where(eq(tenants.id, id)).returning();
        if (after?.enrollmentMode === 'cidr' && after.enrollmentCidrs.length === 0)
          throw invalid('enrollment_cidrs: cidr enrollment needs at least one network', { field: 'enrollment_cidrs' });
        await recordAudit(tx, actor, {
          tenantId: id,
          action: 'tenant.update',
          entityType: 'tenant',
          entityId: String(id),
          before,
          after,
        });
        return after as typeof tenants.$inferSelect;
      }),
    );
  }

  deleteTenant(id: number, actor: Actor) {
    return this.db.transaction(async (tx) => {
      const before = await repo.getTenant(tx, id);
      if (!before) throw tenantNotFound(id);
      const usage = await repo.tenantUsage(tx, id);
      if (usage.banks > 0 || usage.profiles > 0) {
        throw conflict('TENANT_IN_USE', `Tenant ${id} still owns ${usage.banks} bank(s) and ${usage.profiles} profile(s)`);
      }
      await tx.delete(tenants).where(eq(tenants.id, id));
      await recordAudit(tx, actor, { tenantId: id, action: 'tenant.delete', entityType: 'tenant', entityId: String(id), before });
      return { status: 'success' as const, message: `Tenant ${id} deleted` };
    });
  }

  // --- bankd instances
  listBankds = (page: PageRequest, scope: number | null = null) => this.db.run((db) => repo.listBankds(db, page, scope));

  async getBankd(id: number) {
    const b = await this.db.run((db) => repo.getBankd(db, id));
    if (!b) throw bankdNotFound(id);
    return b;
  }

  createBankd(input: BankdInput, actor: Actor) {
    checkEndpoint(input.endpoint);
    const url = input.remsim_server_url ? checkRemsimUrl(input.remsim_server_url) : input.remsim_server_url;
    return this.guardUnique('CONFLICT', 'A bankd instance with that name already exists', () =>
      this.db.transaction(async (tx) => {
        const remsimServerId = await resolveRemsimServer(tx, input.remsim_server_id, url);
        const [created] = await tx
          .insert(bankdInstances)
          .values({
            name: input.name,
            endpoint: input.endpoint,
            remsimServerId: remsimServerId ?? null,
            status: input.status ?? 'active',
          })
          .returning({ id: bankdInstances.id });
        const b = await repo.getBankd(tx, created?.id as number);
        await recordAudit(tx, actor, { action: 'bankd.create', entityType: 'bankd_instance', entityId: String(b?.id), after: b });
        return b as NonNullable<typeof b>;
      }),
    );
  }

  updateBankd(id: number, input: Partial<BankdInput>, actor: Actor) {
    if (input.endpoint !== undefined) checkEndpoint(input.endpoint);
    const url = input.remsim_server_url ? checkRemsimUrl(input.remsim_server_url) : input.remsim_server_url;
    return this.guardUnique('CONFLICT', 'A bankd instance with that name already exists', () =>
      this.db.transaction(async (tx) => {
        const before = await repo.getBankd(tx, id);
        if (!before) throw bankdNotFound(id);
        const remsimServerId = await resolveRemsimServer(tx, input.remsim_server_id, url);
        await tx
          .update(bankdInstances)
          .set({
            ...(input.name !== undefined && { name: input.name }),
            ...(input.endpoint !== undefined && { endpoint: input.endpoint }),
            ...(remsimServerId !== undefined && { remsimServerId }),
            ...(input.status !== undefined && { status: input.status }),
            updatedAt: new Date(),
          })
          .where(eq(bankdInstances.id, id));
        const after = await repo.getBankd(tx, id);
        await recordAudit(tx, actor, {
          action: 'bankd.update',
          entityType: 'bankd_instance',
          entityId: String(id),
          before,
          after,
        });
        return after as NonNullable<typeof after>;
      }),
    );
  }

  deleteBankd(id: number, actor: Actor) {
    return this.db.transaction(async (tx) => {
      const before = await repo.getBankd(tx, id);
      if (!before) throw bankdNotFound(id);
      const banks = await repo.listBanks(tx, { bankd_instance_id: id, limit: 1 });
      if (banks.total > 0) throw conflict('BANKD_IN_USE', `bankd instance ${id} still serves ${banks.total} bank(s)`);
      await tx.delete(bankdInstances).where(eq(bankdInstances.id, id));
      await recordAudit(tx, actor, { action: 'bankd.delete', entityType: 'bankd_instance', entityId: String(id), before });
      return { status: 'success' as const, message: `bankd instance ${id} deleted` };
    });
  }

  // --- banks
  listBanks = (filter: repo.BankFilter) => this.db.run((db) => repo.listBanks(db, filter));

  async getBank(bankId: number) {
    const b = await this.db.run((db) => repo.getBank(db, bankId));
    if (!b) throw bankNotFound(bankId);
    return b;
  }

  createBank(input: BankInput, actor: Actor) {
    return this.guardUnique('BANK_EXISTS', `Bank ${input.bank_id} already exists`, () =>
      this.db.transaction(async (tx) => {
        await this.checkBankRefs(tx, input.tenant_id, input.bankd_instance_id);
        await tx.insert(simBanks).values({
          bankId: input.bank_id,
          name: input.name,
          tenantId: input.tenant_id,
          bankdInstanceId: input.bankd_instance_id ?? null,
          status: input.status ?? 'active',
          unknownCardsPresent: input.unknown_cards_present ?? false,
        });
        await repo.createSlots(tx, input.bank_id, input.slot_count ?? 0);
        const after = await repo.getBank(tx, input.bank_id);
        await recordAudit(tx, actor, {
          tenantId: input.tenant_id,
          action: 'bank.create',
          entityType: 'sim_bank',
          entityId: String(input.bank_id),
          after,
        });
        return after as NonNullable<typeof after>;
      }),
    );
  }

  updateBank(bankId: number, input: Partial<Omit<BankInput, 'bank_id'>>, actor: Actor) {
    return this.db.transaction(async (tx) => {
      const before = await repo.getBank(tx, bankId);
      if (!before) throw bankNotFound(bankId);
      if (input.tenant_id !== undefined && input.tenant_id !== before.tenantId) {
        const usage = await repo.bankProfileCount(tx, bankId);
        if (usage.active > 0)
          throw conflict('BANK_IN_USE', `Bank ${bankId} serves ${usage.active} active profile(s) of its tenant`);
      }
      await this.checkBankRefs(tx, input.tenant_id, input.bankd_instance_id);
      await tx
        .update(simBanks)
        .set({
          ...(input.name !== undefined && { name: input.name }),
          ...(input.tenant_id !== undefined && { tenantId: input.tenant_id }),
          ...(input.bankd_instance_id !== undefined && { bankdInstanceId: input.bankd_instance_id }),
          ...(input.status !== undefined && { status: input.status }),
          ...(input.unknown_cards_present !== undefined && { unknownCardsPresent: input.unknown_cards_present }),
          updatedAt: new Date(),
        })
        .where(eq(simBanks.bankId, bankId));
      // Its slots without a known card become assignable, or empty again (the database decides).
      if (input.unknown_cards_present !== undefined) await repo.recheckCardState(tx, bankId);
      // Growing a bank adds slots; shrinking is not done here (slots may hold cards).
      if (input.slot_count !== undefined) await repo.createSlots(tx, bankId, input.slot_count);
      const after = await repo.getBank(tx, bankId);
      await recordAudit(tx, actor, {
        tenantId: after?.tenantId,
        action: 'bank.update',
        entityType: 'sim_bank',
        entityId: String(bankId),
        before,
        after,
      });
      return after as NonNullable<typeof after>;
    });
  }

  deleteBank(bankId: number, actor: Actor) {
    return this.db.transaction(async (tx) => {
      const before = await repo.getBank(tx, bankId);
      if (!before) throw bankNotFound(bankId);
      const usage = await repo.bankProfileCount(tx, bankId);
      if (usage.total > 0) {
        throw conflict(
          'BANK_IN_USE',
          `Bank ${bankId} has ${usage.active} active and ${usage.total - usage.active} past profile(s); disable it instead`,
        );
      }
      await tx.delete(simBanks).where(eq(simBanks.bankId, bankId));
      await recordAudit(tx, actor, {
        tenantId: before.tenantId,
        action: 'bank.delete',
        entityType: 'sim_bank',
        entityId: String(bankId),
        before,
      });
      return { status: 'success' as const, message: `Bank ${bankId} deleted` };
    });
  }

  private async checkBankRefs(tx: Sql, tenantId?: number, bankdId?: number | null) {
    if (tenantId !== undefined && !(await repo.getTenant(tx, tenantId))) throw tenantNotFound(tenantId);
    if (bankdId !== undefined && bankdId !== null && !(await repo.getBankd(tx, bankdId))) throw bankdNotFound(bankdId);
  }

  // --- slots
  listSlots = (filter: repo.SlotFilter) => this.db.run((db) => repo.listSlots(db, filter));

  async getSlot(bankId: number, slotId: number) {
    return this.db.run(async (db) => {
      const slot = await repo.getSlot(db, bankId, slotId);
      if (!slot) throw slotNotFound(bankId, slotId);
      return { ...slot, health_log: await repo.healthLogOfSlot(db, bankId, slotId) };
    });
  }

  updateSlot(bankId: number, slotId: number, patch: SlotPatch, actor: Actor) {
    return this.guardUnique('DUPLICATE_ICCID', 'Another slot already holds that ICCID', () =>
      this.db.transaction(async (tx) => {
        const before = await repo.getSlot(tx, bankId, slotId, true);
        if (!before) throw slotNotFound(bankId, slotId);
        const mccMnc = patch.mcc_mnc !== undefined ? patch.mcc_mnc : before.mccMnc;
        const imsi = patch.imsi !== undefined ? patch.imsi : before.imsi;
        if (patch.iccid) {
          const p = iccidProblem(patch.iccid);
          if (p) throw invalid(p, { field: 'iccid' });
        }
        if (patch.mcc_mnc) {
          const p = mccMncProblem(patch.mcc_mnc);
          if (p) throw invalid(p, { field: 'mcc_mnc' });
        }
        if (imsi && (patch.imsi !== undefined || patch.mcc_mnc !== undefined)) {
          const p = imsiProblem(imsi, mccMnc);
          if (p) throw invalid(p, { field: 'imsi' });
        }
        const bank = await repo.getBank(tx, bankId);
        const tenantId = bank?.tenantId ?? 0;
        if (patch.status && patch.status !== before.status) {
          const inUse = await repo.slotHasActiveProfile(tx, bankId, slotId);
          // An assigned slot keeps its profile; it may be flagged faulty or disabled, never freed here.
          const target = patch.status === 'available' && inUse ? 'assigned' : patch.status;
          if (target !== before.status) {
            await setSlotStatus(tx, { bankId, slotId, tenantId }, before.status, target, `set by ${actor.actor}`);
          }
        }
        const [after] = await tx
          .update(slots)
          .set({
            ...(patch.iccid !== undefined && { iccid: patch.iccid }),
            ...(patch.imsi !== undefined && { imsi: patch.imsi }),
            ...(patch.carrier !== undefined && { carrier: patch.carrier }),
            ...(patch.mcc_mnc !== undefined && { mccMnc: patch.mcc_mnc }),
            ...(patch.card_type !== undefined && { cardType: patch.card_type }),
            ...(patch.reader_name !== undefined && { readerName: patch.reader_name }),
            ...(patch.health_status !== undefined && { healthStatus: patch.health_status, lastHealthCheck: new Date() }),
            updatedAt: new Date(),
          })
          .where(and(eq(slots.bankId, bankId), eq(slots.slotId, slotId)))
          .returning();
        if (patch.health_status !== undefined && patch.health_status !== before.healthStatus) {
          await insertEvent(tx, 'slot.health_changed', tenantId, {
            bank_id: bankId,
            slot_id: slotId,
            previous: before.healthStatus,
            health: patch.health_status,
          });
        }
        await recordAudit(tx, actor, {
          tenantId,
          action: 'slot.update',
          entityType: 'slot',
          entityId: `${bankId}:${slotId}`,
          before,
          after,
        });
        return after as typeof slots.$inferSelect;
      }),
    );
  }

  // --- clients
  listClients = (filter: repo.ClientFilter) => this.db.run((db) => repo.listProfiles(db, filter));

  /** Every client of the filter, page by page (the queue is free between pages), as CSV or JSON. */
  async *exportClients(filter: Omit<repo.ClientFilter, 'limit' | 'offset'>, format: 'csv' | 'json') {
    const page = 2000;
    if (format === 'json') yield '[';
    for (let offset = 0, first = true; ; offset += page) {
      const { items } = await this.db.run((db) => repo.listProfiles(db, { ...filter, limit: page, offset }));
      const rows = items.map((p) => exportRow(p));
      if (format === 'csv') yield stringify(rows, { header: offset === 0, columns: EXPORT_COLUMNS as unknown as string[] });
      else
        for (const r of rows) {
          yield `${first ? '' : ','}\n${JSON.stringify(r)}`;
          first = false;
        }
      if (items.length < page) break;
    }
    if (format === 'json') yield '\n]\n';
  }

  async getClient(clientId: string, tenantId?: number) {
    return this.db.run(async (db) => {
      const profiles = await repo.profilesOfClient(db, clientId, tenantId);
      if (profiles.length === 0) throw clientNotFound(clientId);
      const current = profiles.find((p) => p.status === 'ACTIVE') ?? profiles[0];
      return {
        client_id: clientId,
        profile: current,
        history: profiles,
        health_log: await repo.healthLogOfClient(db, clientId, tenantId),
      };
    });
  }

  // --- import
  /** All rows or none. A tenant-scoped caller (scope) sees other tenants' banks as missing. */
  async importSims(
    csv: string,
    actor: Actor,
    onProgress?: (done: number, total: number) => void,
    scope: number | null = null,
    options: { replaceInUse?: boolean } = {},
  ): Promise<ImportResult> {
    const parsed = parseSimCsv(csv);
    if (parsed.errors.length) throw importInvalid(parsed.errors);
    const withCardData = parsed.format === 'header';
    return this.db
      .transaction(async (tx) => {
        const banks = await importRepo.existingBanks(tx, [...new Set(parsed.rows.map((r) => r.bankId))], scope);
        const errors: RowError[] = parsed.rows
          .filter((r) => !banks.has(r.bankId))
          .map((r) => ({ line: r.line, message: `bank ${r.bankId} does not exist` }));
        const chunks: SimRow[][] = [];
        for (let i = 0; i < parsed.rows.length; i += importRepo.IMPORT_CHUNK)
          chunks.push(parsed.rows.slice(i, i + importRepo.IMPORT_CHUNK));
        for (const chunk of chunks) {
          const held = await importRepo.iccidsHeldElsewhere(tx, chunk);
          for (const h of held) {
            const row = chunk.find((r) => r.iccid === h.iccid);
            // Where a card of another tenant sits is not the caller's to know.
            const where = scope === null || h.tenant_id === scope ? `in bank ${h.bank_id} slot ${h.slot_id}` : 'in use';
            errors.push({ line: row?.line ?? 0, message: `ICCID ${h.iccid} is already ${where}` });
          }
        }
        // A card a router holds is replaced only when the operator asks, and then on the record.
        const replaced: Array<{ before: importRepo.CardInUse; after: SimRow }> = [];
        if (withCardData) {
          for (const chunk of chunks) {
            const inUse = new Map((await importRepo.cardsInUse(tx, chunk)).map((c) => [`${c.bank_id}:${c.slot_id}`, c] as const));
            for (const r of chunk) {
              const now = inUse.get(`${r.bankId}:${r.slotId}`);
              const changes = now ? cardChanges(now, r) : [];
              if (!now || changes.length === 0) continue;
              if (options.replaceInUse) replaced.push({ before: now, after: r });
              else
                errors.push({
                  line: r.line,
                  message: `bank ${r.bankId} slot ${r.slotId} serves router ${scope === null || now.tenant_id === scope ? now.client_id : '(another tenant)'}: its ${changes.join(', ')} would change (replace_cards_in_use=true replaces cards in use)`,
                });
            }
          }
        }
        if (errors.length) throw importInvalid(errors.sort((a, b) => a.line - b.line));
        let created = 0;
        let done = 0;
        try {
          for (const chunk of chunks) {
            created += await importRepo.upsertSlots(tx, chunk, withCardData);
            done += chunk.length;
            onProgress?.(done, parsed.rows.length);
          }
        } catch (error) {
          // Two ICCIDs swapped between slots in one file trip the unique index mid-way.
          if (isUnique(error, 'slots_iccid_key')) {
            throw importInvalid([
              { line: 0, message: 'ICCIDs would be held twice during the import (swapped between slots?); clear them first' },
            ]);
          }
          throw error;
        }
        const result = {
          format: parsed.format,
          rows: parsed.rows.length,
          created,
          updated: parsed.rows.length - created,
          replaced_in_use: replaced.length,
        };
        await recordAudit(tx, actor, { action: 'sims.import', entityType: 'slot', entityId: 'import', after: result });
        for (const { before, after } of replaced) {
          const card = (c: {
            iccid?: string | null;
            imsi?: string | null;
            carrier?: string | null;
            mcc_mnc?: string | null;
          }) => ({
            iccid: c.iccid ?? null,
            imsi: c.imsi ?? null,
            carrier: c.carrier ?? null,
            mcc_mnc: c.mcc_mnc ?? null,
          });
          const was = card(before);
          const is = card({ ...after, mcc_mnc: after.mccMnc });
          await recordAudit(tx, actor, {
            tenantId: before.tenant_id,
            action: 'slot.card_replaced',
            entityType: 'slot',
            entityId: `${before.bank_id}:${before.slot_id}`,
            before: { ...was, client_id: before.client_id },
            after: is,
          });
          await insertEvent(tx, 'client.card_replaced', before.tenant_id, {
            client_id: before.client_id,
            profile_id: before.profile_id,
            bank_id: before.bank_id,
            slot_id: before.slot_id,
            before: was,
            after: is,
          });
        }
        return result;
      })
      .then(async (result) => {
        await this.db.maintain(); // thousands of new slots: let the planner know at once
        return result;
      });
  }

  private async guardUnique<T>(
    code: 'TENANT_EXISTS' | 'BANK_EXISTS' | 'DUPLICATE_ICCID' | 'CONFLICT',
    message: string,
    fn: () => Promise<T>,
  ) {
    return uniqueOr(() => new DomainError(code, message, 409), fn);
  }
}

const EXPORT_COLUMNS = [
  'client_id',
  'tenant_id',
  'mapping_mode',
  'liveness',
  'health_status',
  'bank_id',
  'slot_id',
  'rspro_client_id',
  'rspro_slot_nr',
  'iccid',
  'imsi',
  'carrier',
  'mcc_mnc',
  'rspro_connected',
  'last_heartbeat',
  'client_ip_address',
  'created_at',
] as const;

function exportRow(p: Record<string, unknown>) {
  const snaked = snake(p) as Record<string, unknown>;
  return Object.fromEntries(
    EXPORT_COLUMNS.map((c) => {
      const v = snaked[c];
      return [c, v instanceof Date ? v.toISOString() : (v ?? null)];
    }),
  );
}

/** Enrollment fields of a tenant body: networks valid, and some when the mode is cidr. */
function checkEnrollment(input: Partial<TenantInput>) {
  const problem = cidrProblem(input.enrollment_cidrs ?? []);
  if (problem) throw invalid(`enrollment_cidrs: ${problem}`, { field: 'enrollment_cidrs' });
  if (input.enrollment_mode === 'cidr' && input.enrollment_cidrs !== undefined && input.enrollment_cidrs.length === 0)
    throw invalid('enrollment_cidrs: cidr enrollment needs at least one network', { field: 'enrollment_cidrs' });
}

function tenantValues(input: Partial<TenantInput>) {
  return {
    ...(input.id !== undefined ? { id: input.id } : {}),
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.enrollment_mode !== undefined ? { enrollmentMode: input.enrollment_mode } : {}),
    ...(input.enrollment_cidrs !== undefined ? { enrollmentCidrs: input.enrollment_cidrs } : {}),
    ...(input.bind_client_source !== undefined ? { bindClientSource: input.bind_client_source } : {}),
    ...(input.move_on_config_mismatch !== undefined ? { moveOnConfigMismatch: input.move_on_config_mismatch } : {}),
  };
}
