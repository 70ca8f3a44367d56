// Webhook delivery from the events outbox, safe with several IonMesh processes:
// 1. fan-out: under the row lock of the 'webhooks' outbox cursor, events after the cursor become
//    one delivery row per matching webhook (unique per webhook and event), and the cursor moves;
// 2. claim: due deliveries are taken with FOR UPDATE SKIP LOCKED and leased for 60 s, so each is
//    sent by one process, and one left by a crashed process is taken again when its lease ends;
// 3. send: JSON body, HMAC-SHA256 signature; a 2xx is success; anything else is retried with
//    exponential back-off and jitter for 24 h, then the delivery is dead. A webhook that keeps
//    failing is disabled, and that is an event too.

import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { CountRow, type Database, rowsOf, type Sql, SqlTime } from '../../app/database.js';
import { isoOf } from '../../app/timestamps.js';
import { backoff } from '../../domain/backoff.js';
import { signWebhook } from '../../domain/webhook-signature.js';
import { insertEvent, outboxAfter } from '../events/index.js';
import { pinnedLookup, type Resolver, resolveTarget, systemResolver } from './target-guard.js';

export interface DispatcherSettings {
  allowPrivateTargets: boolean;
  timeoutMs?: number;
  /** Retries stop this long after the delivery was created. */
  retryForSec?: number;
  /** Consecutive failed attempts after which a webhook is disabled. */
  disableAfterFailures?: number;
  /** Base of the exponential back-off (s). */
  backoffBaseSec?: number;
  /** Told each attempt's result: succeeded | retry | dead (metrics). */
  onAttempt?: (result: 'succeeded' | 'retry' | 'dead') => void;
  /** How target names are resolved (the system resolver; tests inject one). */
  resolve?: Resolver;
}

const FANOUT_BATCH = 500;
const CLAIM_BATCH = 20;

const Int = Type.Integer();
const Claimed = Type.Object({
  id: Int,
  webhook_id: Int,
  attempts: Int,
  created_at: SqlTime,
  url: Type.String(),
  secret: Type.String(),
  event_id: Int,
  type: Type.String(),
  tenant_id: Type.Union([Int, Type.Null()]),
  data: Type.Unknown(),
  event_created_at: SqlTime,
});
type Claimed = Static<typeof Claimed>;

const CursorRow = Type.Object({ id: Int, txid: Type.Number() });
const FailedHookRow = Type.Object({ consecutive_failures: Int, tenant_id: Int, enabled: Type.Boolean() });

/** The wait before attempt n+1: base · 2^(n-1), at most an hour, ±25 % jitter. */
export const retryDelaySec = (attempts: number, baseSec: number) =>
  backoff(attempts - 1, { base: baseSec, max: 3600, jitter: 0.25 });

export class WebhookDispatcher {
  private running: Promise<void> | null = null;
  private readonly s: Required<DispatcherSettings>;

  constructor(
    private readonly db: Database,
    private readonly log: FastifyBaseLogger,
    settings: DispatcherSettings,
  ) {
    this.s = {
      timeoutMs: 10_000,
      retryForSec: 86_400,
      disableAfterFailures: 50,
      backoffBaseSec: 10,
      onAttempt: () => {},
      resolve: systemResolver,
      ...settings,
    };
  }

  /** One round: fan out new events, then send what is due. Rounds never overlap in a process. */
  tick(): Promise<void> {
    if (!this.running) this.running = this.round().finally(() => (this.running = null));
    return this.running;
  }

  private async round() {
    // A backlog drains within one round (bounded): fan out while whole batches are read, then
    // send while deliveries are due.
    for (let fan = 0; fan < 20; fan++) if ((await this.fanOut()).read < FANOUT_BATCH) break;
    for (let i = 0; i < 100; i++) {
      const claimed = await this.claim();
      if (claimed.length === 0) return;
      await Promise.all(claimed.map((d) => this.send(d)));
    }
  }

  async fanOut() {
    return this.db.transaction(async (tx) => {
      const [cursor] = await rowsOf(
        tx,
        CursorRow,
        sql`SELECT last_event_id::int AS id, last_txid::float8 AS txid FROM outbox_cursors WHERE name = 'webhooks' FOR UPDATE`,
      );
      if (!cursor) return { read: 0, created: 0 };
      const { events, upTo } = await outboxAfter(tx, cursor, FANOUT_BATCH);
      if (events.length === 0) return { read: 0, created: 0 };
      const ids = `{${events.map((e) => e.id).join(',')}}`;
      const created = await rowsOf(
        tx,
        CountRow,
        sql`WITH ins AS (
              INSERT INTO webhook_deliveries (webhook_id, event_id)
              SELECT w.id, e.id FROM events_outbox e
              JOIN webhooks w ON w.enabled AND w.tenant_id = e.tenant_id
                AND ionmesh_type_matches(w.event_types, e.type)
              WHERE e.id = ANY (${ids}::bigint[])
              ON CONFLICT DO NOTHING
              RETURNING 1)
            SELECT count(*)::int AS n FROM ins`,
      );
      await tx.execute(
        sql`UPDATE outbox_cursors SET last_event_id = ${upTo.id}, last_txid = ${upTo.txid}, updated_at = now()
             WHERE name = 'webhooks'`,
      );
      return { read: events.length, created: created[0]?.n ?? 0 };
    });
  }

  private claim() {
    return this.db.run((db) =>
      rowsOf(
        db,
        Claimed,
        sql`WITH due AS (
              SELECT d.id FROM webhook_deliveries d
              WHERE d.next_attempt_at <= now()
                AND (d.status = 'pending' OR (d.status = 'delivering' AND d.locked_until < now()))
              ORDER BY d.next_attempt_at
              LIMIT ${CLAIM_BATCH}
              FOR UPDATE SKIP LOCKED),
            claimed AS (
              UPDATE webhook_deliveries d SET status = 'delivering', attempts = d.attempts + 1,
                locked_until = now() + interval '60 seconds', updated_at = now()
              FROM due WHERE d.id = due.id
              RETURNING d.id, d.webhook_id, d.attempts, d.created_at, d.event_id)
            SELECT c.id::int AS id, c.webhook_id, c.attempts, c.created_at, w.url, w.secret, c.event_id::int AS event_id,
                   e.type, e.tenant_id, e.data, e.created_at AS event_created_at
            FROM claimed c JOIN webhooks w ON w.id = c.webhook_id JOIN events_outbox e ON e.id = c.event_id`,
      ),
    );
  }

  private async send(d: Claimed) {
    const body = JSON.stringify({
      id: d.event_id,
      type: d.type,
      // ISO 8601, like every timestamp of the API (PostgreSQL writes its own form).
      created_at: isoOf(d.event_created_at) ?? d.event_created_at,
      tenant_id: d.tenant_id,
      data: d.data,
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const started = performance.now();
    let status: number | null = null;
    // One lookup: the address checked is the address connected to (no DNS rebinding).
    const target = await resolveTarget(d.url, this.s.allowPrivateTargets, this.s.resolve);
    let error: string | null = target.problem;
    if (target.problem === null) {
      try {
        status = await postTo(d.url, target.address, target.family, this.s.timeoutMs, body, {
          'content-type': 'application/json',
          'user-agent': 'IonMesh-Webhooks/1',
          'x-ionmesh-event': d.type,
          'x-ionmesh-event-id': String(d.event_id),
          'x-ionmesh-delivery': String(d.id),
          'x-ionmesh-timestamp': String(timestamp),
          'x-ionmesh-signature': signWebhook(d.secret, timestamp, body),
        });
        if (status < 200 || status > 299) error = `answered ${status}`;
      } catch (err) {
        error = (err as { code?: string }).code ?? (err as Error).name ?? 'request failed';
      }
    }
    const latency = Math.round(performance.now() - started);
    await this.db.transaction((tx) => this.record(tx, d, status, error, latency));
  }

  private async record(tx: Sql, d: Claimed, status: number | null, error: string | null, latencyMs: number) {
    if (!error) {
      await tx.execute(
        sql`UPDATE webhook_deliveries SET status = 'succeeded', delivered_at = now(), locked_until = NULL,
              last_status_code = ${status}, last_error = NULL, last_latency_ms = ${latencyMs}, updated_at = now()
            WHERE id = ${d.id}`,
      );
      await tx.execute(
        sql`UPDATE webhooks SET consecutive_failures = 0 WHERE id = ${d.webhook_id} AND consecutive_failures <> 0`,
      );
      return;
    }
    const ageSec = (Date.now() - new Date(d.created_at).getTime()) / 1000;
    const delay = retryDelaySec(d.attempts, this.s.backoffBaseSec);
    const dead = ageSec + delay > this.s.retryForSec;
    this.s.onAttempt(dead ? 'dead' : 'retry');
    await tx.execute(
      sql`UPDATE webhook_deliveries SET status = ${dead ? 'dead' : 'pending'}, locked_until = NULL,
            next_attempt_at = now() + make_interval(secs => ${delay}),
            last_status_code = ${status}, last_error = ${error.slice(0, 500)}, last_latency_ms = ${latencyMs}, updated_at = now()
          WHERE id = ${d.id}`,
    );
    const [w] = await rowsOf(
      tx,
      FailedHookRow,
      sql`UPDATE webhooks SET consecutive_failures = consecutive_failures + 1 WHERE id = ${d.webhook_id}
          RETURNING consecutive_failures, tenant_id, enabled`,
    );
    if (w?.enabled && w.consecutive_failures >= this.s.disableAfterFailures) {
      const reason = `disabled after ${w.consecutive_failures} consecutive failed deliveries (last: ${error.slice(0, 200)})`;
      await tx.execute(
        sql`UPDATE webhooks SET enabled = false, disabled_reason = ${reason}, updated_at = now() WHERE id = ${d.webhook_id}`,
      );
      await insertEvent(tx, 'webhook.disabled', w.tenant_id, { webhook_id: d.webhook_id, reason });
      this.log.warn({ webhook: d.webhook_id, reason }, 'webhook disabled');
    }
  }
}

/**
 * POSTs the body to the URL over a connection to `address` (already checked), with the URL's
 * host as Host and TLS server name; no redirect is followed; the answer's body is read and
 * dropped (at most 64 KiB). Resolves with the status.
 */
function postTo(url: string, address: string, family: 4 | 6, timeoutMs: number, body: string, headers: Record<string, string>) {
  const u = new URL(url);
  const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    const req = send(
      u,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        lookup: pinnedLookup(address, family) as never,
        signal: AbortSignal.timeout(timeoutMs),
        agent: false,
      },
      (res) => {
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > 65_536) res.destroy();
        });
        res.on('close', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', (err: Error & { code?: string }) =>
      reject(err.name === 'AbortError' ? Object.assign(new Error('timeout'), { code: 'TimeoutError' }) : err),
    );
    req.end(body);
  });
}
