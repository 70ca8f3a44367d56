// Webhooks per tenant: CRUD, the delivery log, manual redelivery.
import { randomBytes } from 'node:crypto';
import type { Database } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { invalid, notFound, tenantNotFound } from '../../domain/errors.js';
import { readTenant, type TenantScope, writeTenant } from '../../domain/tenant-scope.js';
import { recordAudit } from '../audit/index.js';
import { tenantExists } from '../inventory/index.js';
import { targetProblem } from './target-guard.js';
import { webhookNotFound } from './webhooks.errors.js';
import * as repo from './webhooks.repository.js';

export interface WebhookInput {
  tenant_id: number;
  url: string;
  secret?: string;
  event_types?: string[];
  enabled?: boolean;
}

export class WebhooksService {
  constructor(
    private readonly db: Database,
    private readonly allowPrivateTargets: boolean,
  ) {}

  private async checkUrl(url: string) {
    const problem = await targetProblem(url, this.allowPrivateTargets);
    if (problem) throw invalid(problem, { field: 'url' });
  }

  list(f: { tenant_id?: number; limit?: number; offset?: number }, scope: TenantScope) {
    const limit = f.limit ?? 50;
    const offset = f.offset ?? 0;
    const tenantId = readTenant(scope, f.tenant_id);
    return this.db.run(async (db) => ({ ...(await repo.listWebhooks(db, tenantId, limit, offset)), limit, offset }));
  }

  async get(id: number) {
    const w = await this.db.run((db) => repo.getWebhook(db, id));
    if (!w) throw webhookNotFound(id);
    return w;
  }

  /** Creates a webhook; the answer carries the signing secret, shown this once. */
  async create(input: WebhookInput, actor: Actor, scope: TenantScope) {
    writeTenant(scope, input.tenant_id);
    await this.checkUrl(input.url);
    const secret = input.secret ?? `whsec_${randomBytes(24).toString('base64url')}`;
    return this.db.transaction(async (tx) => {
      if (!(await tenantExists(tx, input.tenant_id))) throw tenantNotFound(input.tenant_id);
      const w = await repo.insertWebhook(tx, input, secret);
      await recordAudit(tx, actor, {
        tenantId: input.tenant_id,
        action: 'webhook.create',
        entityType: 'webhook',
        entityId: String(w.id),
        after: w,
      });
      return { ...w, secret };
    });
  }

  async update(id: number, patch: Partial<Omit<WebhookInput, 'tenant_id'>>, actor: Actor) {
    if (patch.url !== undefined) await this.checkUrl(patch.url);
    const before = await this.get(id);
    return this.db.transaction(async (tx) => {
      const w = await repo.updateWebhook(tx, id, patch);
      await recordAudit(tx, actor, {
        tenantId: before.tenant_id,
        action: 'webhook.update',
        entityType: 'webhook',
        entityId: String(id),
        before,
        after: w,
      });
      return w;
    });
  }

  async remove(id: number, actor: Actor) {
    const before = await this.get(id);
    return this.db.transaction(async (tx) => {
      await repo.deleteWebhook(tx, id);
      await recordAudit(tx, actor, {
        tenantId: before.tenant_id,
        action: 'webhook.delete',
        entityType: 'webhook',
        entityId: String(id),
        before,
      });
      return { status: 'success' as const, message: `Webhook ${id} deleted` };
    });
  }

  async deliveries(id: number, f: { status?: string; limit?: number; offset?: number }) {
    await this.get(id);
    const limit = f.limit ?? 50;
    const offset = f.offset ?? 0;
    return this.db.run(async (db) => ({ ...(await repo.listDeliveries(db, id, f.status, limit, offset)), limit, offset }));
  }

  /** Sends a delivery again now (a dead or succeeded one too); retries restart from here. */
  async redeliver(id: number, deliveryId: number, actor: Actor) {
    const before = await this.get(id);
    return this.db.transaction(async (tx) => {
      if (!(await repo.requeueDelivery(tx, id, deliveryId)))
        throw notFound('DELIVERY_NOT_FOUND', `Webhook ${id} has no delivery ${deliveryId} that can be sent again now`);
      await recordAudit(tx, actor, {
        tenantId: before.tenant_id,
        action: 'webhook.redeliver',
        entityType: 'webhook_delivery',
        entityId: String(deliveryId),
      });
      return { status: 'success' as const, message: `Delivery ${deliveryId} queued again` };
    });
  }
}
