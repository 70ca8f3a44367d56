// Webhooks per tenant: CRUD, the delivery log, manual redelivery.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Database, rows } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { invalid, notFound, tenantNotFound } from '../../domain/errors.js';
import { recordAudit } from '../audit/index.js';
import { targetProblem } from './target-guard.js';
import { webhookNotFound } from './webhooks.errors.js';

export interface WebhookInput {
  tenant_id: number;
  url: string;
  secret?: string;
  event_types?: string[];
  enabled?: boolean;
}

const columns = sql`id, tenant_id, url, event_types, enabled, disabled_reason, consecutive_failures, created_at, updated_at,
  'whsec_…' || right(secret, 4) AS secret_hint`;

export class WebhooksService {
  constructor(
    private readonly db: Database,
    private readonly allowPrivateTargets: boolean,
  ) {}

  private async checkUrl(url: string) {
    const problem = await targetProblem(url, this.allowPrivateTargets);
    if (problem) throw invalid(problem, { field: 'url' });
  }

  list(f: { tenant_id?: number; limit?: number; offset?: number }) {
    const limit = f.limit ?? 50;
    const offset = f.offset ?? 0;
    const cond = sql`WHERE (${f.tenant_id ?? null}::int IS NULL OR tenant_id = ${f.tenant_id ?? null}::int)`;
    return this.db.run(async (db) => ({
      items: await rows(db, sql`SELECT ${columns} FROM webhooks ${cond} ORDER BY id LIMIT ${limit} OFFSET ${offset}`),
      total: (await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM webhooks ${cond}`))[0]?.n ?? 0,
      limit,
      offset,
    }));
  }

  async get(id: number) {
    const [w] = await this.db.run((db) =>
      rows<Record<string, unknown>>(db, sql`SELECT ${columns} FROM webhooks WHERE id = ${id}`),
    );
    if (!w) throw webhookNotFound(id);
    return w;
  }

  /** Creates a webhook; the answer carries the signing secret, shown this once. */
  async create(input: WebhookInput, actor: Actor) {
    await this.checkUrl(input.url);
    const secret = input.secret ?? `whsec_${randomBytes(24).toString('base64url')}`;
    return this.db.transaction(async (tx) => {
      if ((await rows(tx, sql`SELECT 1 FROM tenants WHERE id = ${input.tenant_id}`)).length === 0)
        throw tenantNotFound(input.tenant_id);
      const [w] = await rows<Record<string, unknown> & { id: number }>(
        tx,
        sql`INSERT INTO webhooks (tenant_id, url, secret, event_types, enabled)
            VALUES (${input.tenant_id}, ${input.url}, ${secret}, ${sql.param(input.event_types ?? [])}::text[], ${input.enabled ?? true})
            RETURNING ${columns}`,
      );
      await recordAudit(tx, actor, {
        tenantId: input.tenant_id,
        action: 'webhook.create',
        entityType: 'webhook',
        entityId: String(w?.id),
        after: w,
      });
      return { ...w, secret };
    });
  }

  async update(id: number, patch: Partial<Omit<WebhookInput, 'tenant_id'>>, actor: Actor) {
    if (patch.url !== undefined) await this.checkUrl(patch.url);
    const before = await this.get(id);
    return this.db.transaction(async (tx) => {
      const [w] = await rows<Record<string, unknown>>(
        tx,
        sql`UPDATE webhooks SET url = COALESCE(${patch.url ?? null}, url), secret = COALESCE(${patch.secret ?? null}, secret),
              event_types = COALESCE(${patch.event_types === undefined ? null : sql.param(patch.event_types)}::text[], event_types),
              enabled = COALESCE(${patch.enabled ?? null}::boolean, enabled),
              -- Enabling again clears the reason and the failure count.
              disabled_reason = CASE WHEN ${patch.enabled ?? null}::boolean THEN NULL ELSE disabled_reason END,
              consecutive_failures = CASE WHEN ${patch.enabled ?? null}::boolean THEN 0 ELSE consecutive_failures END,
              updated_at = now()
            WHERE id = ${id} RETURNING ${columns}`,
      );
      await recordAudit(tx, actor, {
        tenantId: before.tenant_id as number,
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
      await tx.execute(sql`DELETE FROM webhooks WHERE id = ${id}`);
      await recordAudit(tx, actor, {
        tenantId: before.tenant_id as number,
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
    const cond = sql`WHERE d.webhook_id = ${id} AND (${f.status ?? null}::text IS NULL OR d.status = ${f.status ?? null}::text)`;
    return this.db.run(async (db) => ({
      items: await rows(
        db,
        sql`SELECT d.id::int AS id, d.event_id::int AS event_id, e.type AS event_type, d.status, d.attempts, d.next_attempt_at,
                   d.last_status_code, d.last_error, d.last_latency_ms, d.created_at, d.delivered_at
            FROM webhook_deliveries d JOIN events e ON e.id = d.event_id ${cond}
            ORDER BY d.id DESC LIMIT ${limit} OFFSET ${offset}`,
      ),
      total: (await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM webhook_deliveries d ${cond}`))[0]?.n ?? 0,
      limit,
      offset,
    }));
  }

  /** Sends a delivery again now (a dead or succeeded one too); retries restart from here. */
  async redeliver(id: number, deliveryId: number, actor: Actor) {
    const before = await this.get(id);
    return this.db.transaction(async (tx) => {
      const [d] = await rows<{ id: number }>(
        tx,
        sql`UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = now(), locked_until = NULL, created_at = now(),
              updated_at = now()
            WHERE id = ${deliveryId} AND webhook_id = ${id} AND status <> 'delivering' RETURNING id::int AS id`,
      );
      if (!d) throw notFound('DELIVERY_NOT_FOUND', `Webhook ${id} has no delivery ${deliveryId} that can be sent again now`);
      await recordAudit(tx, actor, {
        tenantId: before.tenant_id as number,
        action: 'webhook.redeliver',
        entityType: 'webhook_delivery',
        entityId: String(deliveryId),
      });
      return { status: 'success' as const, message: `Delivery ${deliveryId} queued again` };
    });
  }
}
