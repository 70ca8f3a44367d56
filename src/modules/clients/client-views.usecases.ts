// The admin API's views of clients: the list, the export (CSV or JSON, streamed) and one client's
// profile with history and health log (a read across clients, slots and KI pools).
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../../app/database.js';
import { snake } from '../../app/snake.js';
import { readTenant, type TenantScope } from '../../domain/tenant-scope.js';
import * as repo from './client-views.repository.js';
import { clientNotFound } from './clients.errors.js';

/** What the admin API shows of clients. */
export class ClientViews {
  constructor(private readonly db: Database) {}

  // --- clients
  list = (filter: repo.ClientFilter, scope: TenantScope) =>
    this.db.run((db) => repo.listProfiles(db, { ...filter, tenant_id: readTenant(scope, filter.tenant_id) }));

  /** Every client of the filter, page by page (the queue is free between pages), as CSV or JSON. */
  async *export(asked: Omit<repo.ClientFilter, 'limit' | 'offset'>, format: 'csv' | 'json', scope: TenantScope) {
    const filter = { ...asked, tenant_id: readTenant(scope, asked.tenant_id) };
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

  async get(clientId: string, asked: number | undefined, scope: TenantScope) {
    const tenantId = readTenant(scope, asked);
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
