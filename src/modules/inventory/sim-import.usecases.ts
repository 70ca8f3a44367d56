// SIM import: a CSV (bankd slot file or header-named) applied all or nothing.
import { type Database, pgErrorOf } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { recordAudit } from '../audit/index.js';
import { insertEvent } from '../events/index.js';
import { importInvalid } from './inventory.errors.js';
import { parseSimCsv, type RowError, type SimRow } from './sim-import.js';
import * as importRepo from './sim-import.repository.js';

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

/** SIM inventory imports. */
export class SimImports {
  constructor(private readonly db: Database) {}

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
}
